"""API tokens: `Authorization: Token <sleutel>` as before, plus an end date and the moment of last
use, which beheer sees and sets in the admin (*API-tokens*, docs/permissions.md)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from basis import clock

# The moment of last use is written at most once a minute per token: a busy client does not cost a
# write per request, and beheer needs the day, not the second.
SCHRIJF_GEBRUIK_NA = datetime.timedelta(minutes=1)
VERLOPEN = "Dit token is verlopen. Vraag functioneel beheer om een nieuw token."


class TokenAuthenticatie(TokenAuthentication):
    def authenticate_credentials(self, key):
        from basis.models import ApiToken

        try:
            token = self.get_model().objects.select_related("user", "gegevens").get(key=key)
        except self.get_model().DoesNotExist:
            raise exceptions.AuthenticationFailed("Dit token is ongeldig.") from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("Deze gebruiker is niet actief of bestaat niet meer.")
        try:
            gegevens = token.gegevens
        except ApiToken.DoesNotExist:
            gegevens = None
        if gegevens is not None and gegevens.geldig_tot is not None and gegevens.geldig_tot < clock.today():
            raise exceptions.AuthenticationFailed(VERLOPEN)
        noteer_gebruik(token, gegevens)
        return token.user, token


def noteer_gebruik(token, gegevens) -> None:
    from basis.models import ApiToken

    nu = timezone.now()
    if gegevens is None:
        # A token from before this table: it gets its row on first use.
        try:
            with transaction.atomic():
                ApiToken.objects.create(token=token, laatst_gebruikt=nu)
        except IntegrityError:
            # A parallel request of the same client recorded it first.
            pass
    elif gegevens.laatst_gebruikt is None or nu - gegevens.laatst_gebruikt >= SCHRIJF_GEBRUIK_NA:
        ApiToken.objects.filter(pk=gegevens.pk).update(laatst_gebruikt=nu)
