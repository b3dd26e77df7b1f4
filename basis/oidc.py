"""Login with the municipality's account (OpenID Connect), on mozilla-django-oidc.

What the library leaves open, we close here: the ID token's audience, issuer and expiry are
checked (the library skips the audience), users are found by issuer and `sub` (not by e-mail),
their roles come from the provider on every login, and every refusal is a Dutch page instead of
a redirect or a 400. The claim-to-role mapping itself is `basis.sso`.
"""

import hashlib
import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import transaction
from django.dispatch import Signal
from django.http import Http404
from django.shortcuts import render
from django.utils.encoding import smart_str
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from basis import sso
from basis.models import Gemeenteaccount
from basis.roles import ALLE_ROLLEN, BEHEER
from basis.verwerking import GEEN

logger = logging.getLogger(__name__)

# Sent on every login with the municipality's account, with `user` and `teams` (the team claim's
# values): the team register (privacy) keeps its memberships as the provider says.
ingelogd_met_gemeenteaccount = Signal()

# Seconds of difference between our clock and the provider's that an ID token may show.
KLOKMARGE = 60
# Why a login was refused, left on the request by the backend for the callback view.
WEIGERING = "casusregie_sso_weigering"

GEEN_ROL = "geen_rol"
ONGELDIG = "ongeldig"
ONBEREIKBAAR = "onbereikbaar"
AFGEBROKEN = "afgebroken"
UITGESCHAKELD = "uitgeschakeld"

MELDINGEN = {
    GEEN_ROL: (
        "U kunt niet inloggen in Casusregie: uw gemeente-account heeft geen rol voor Casusregie. "
        "Vraag functioneel beheer om u een rol te geven."
    ),
    ONGELDIG: (
        "Inloggen met uw gemeente-account is niet gelukt: het antwoord van de inlogdienst van de gemeente "
        "klopt niet. Probeer het opnieuw. Lukt het weer niet, neem dan contact op met functioneel beheer."
    ),
    ONBEREIKBAAR: ("De inlogdienst van de gemeente is nu niet bereikbaar. Probeer het over een paar minuten opnieuw."),
    AFGEBROKEN: "Inloggen met uw gemeente-account is afgebroken. U bent niet ingelogd.",
    UITGESCHAKELD: "Uw account in Casusregie staat uit. Neem contact op met functioneel beheer.",
}


class GeenRol(PermissionDenied):
    """The provider knows the person, but gives them none of our roles."""


def weiger(request, reden: str, detail: str = "") -> None:
    setattr(request, WEIGERING, reden)
    logger.warning("Inloggen met gemeente-account geweigerd (%s)%s", reden, f": {detail}" if detail else "")


def terugkeer_van_gemeenteaccount(request, credentials=None) -> bool:
    """AXES_WHITELIST_CALLABLE: the return from the provider is not a password attempt."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "oidc_authentication_callback"


class GemeenteaccountBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # Django makes every backend for each password login and each request of a logged-in
        # user; the provider's configuration is read only when a login with it needs it.
        self.UserModel = get_user_model()

    @staticmethod
    def get_settings(attr, *args):
        return sso.instelling(attr, *args)

    def authenticate(self, request, **kwargs):
        if request is None or not sso.aan() or "code" not in request.GET:
            return None
        try:
            super().__init__()
            return super().authenticate(request, **kwargs)
        except GeenRol as exc:
            weiger(request, GEEN_ROL, str(exc))
        except sso.Onbereikbaar as exc:
            weiger(request, ONBEREIKBAAR, str(exc))
        except (requests.ConnectionError, requests.Timeout) as exc:
            weiger(request, ONBEREIKBAAR, type(exc).__name__)
        except (SuspiciousOperation, jwt.PyJWTError, requests.RequestException) as exc:
            weiger(request, ONGELDIG, str(exc))
        return None

    def retrieve_matching_jwk(self, token):
        """The provider's signing key for this token: the one with its `kid` and algorithm, or
        the only one when the token names none (OpenID Connect Core 10.1)."""
        kop = jwt.get_unverified_header(token)
        antwoord = requests.get(
            self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT, verify=settings.OIDC_VERIFY_SSL
        )
        antwoord.raise_for_status()
        sleutels = [
            sleutel
            for sleutel in antwoord.json().get("keys", [])
            if sleutel.get("use", "sig") == "sig"
            and sleutel.get("alg", kop.get("alg")) == kop.get("alg")
            and ("kid" not in kop or sleutel.get("kid") == kop["kid"])
        ]
        if len(sleutels) != 1:
            raise SuspiciousOperation(f"Geen eenduidige sleutel van de provider voor kid {kop.get('kid')!r}.")
        return jwt.PyJWK(sleutels[0], algorithm=kop.get("alg"))

    def get_payload_data(self, token, key):
        """The ID token, checked: signature, algorithm, issuer, audience (our client id), expiry."""
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,
                leeway=KLOKMARGE,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID-token afgewezen: {exc}") from exc
        aud = payload["aud"]
        if isinstance(aud, list) and len(aud) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID-token afgewezen: meer doelgroepen en azp is niet deze applicatie.")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The claims of the ID token, completed by the userinfo endpoint when there is one
        (some providers put roles in the one, some in the other)."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload["sub"]:
                raise SuspiciousOperation("De userinfo gaat over een ander dan het ID-token.")
            claims.update(userinfo)
        return claims

    def verify_claims(self, claims):
        # Roles are checked after the user is brought up to date (get_or_create_user).
        return True

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(
            gemeenteaccount__issuer=settings.OIDC_OP_ISSUER, gemeenteaccount__sub=claims["sub"]
        )

    def get_or_create_user(self, access_token, id_token, payload):
        with transaction.atomic():
            user = super().get_or_create_user(access_token, id_token, payload)
        # Someone the IdP took every role from keeps their user, without roles (an API token of
        # theirs then opens nothing either), and is refused.
        if user is not None and not user.groups.filter(name__in=ALLE_ROLLEN).exists():
            raise GeenRol(f"gebruiker {user.pk} heeft geen rol meer")
        return user

    def get_username(self, claims):
        """The name the provider gives (e.g. the e-mail address); taken by another account, it
        gets a suffix from `sub`, so it never lands on an existing (local) account."""
        naam = smart_str(claims.get(settings.OIDC_CLAIM_GEBRUIKERSNAAM) or claims.get("email") or claims["sub"])[:150]
        if self.UserModel.objects.filter(username=naam).exists():
            kenmerk = hashlib.sha256(f"{settings.OIDC_OP_ISSUER} {claims['sub']}".encode()).hexdigest()[:8]
            naam = f"{naam[:141]}-{kenmerk}"
        return naam

    def create_user(self, claims):
        if not sso.rollen(claims):
            waarde = sso.waarde_uit_claims(claims, settings.OIDC_CLAIM_ROLLEN)
            raise GeenRol(f"sub {claims['sub']}, {settings.OIDC_CLAIM_ROLLEN}: {waarde!r}; geen gebruiker gemaakt")
        user = self.UserModel.objects.create_user(self.get_username(claims))  # no usable password
        Gemeenteaccount.objects.create(user=user, issuer=settings.OIDC_OP_ISSUER, sub=claims["sub"])
        logger.info("Gebruiker %s aangemaakt bij eerste inloggen met gemeente-account", user.pk)
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        """Names, e-mail, roles and team as the provider says today; other groups stay."""
        rollen = sso.rollen(claims)
        user.first_name = smart_str(claims.get("given_name", user.first_name))[:150]
        user.last_name = smart_str(claims.get("family_name", user.last_name))[:150]
        user.email = smart_str(claims.get("email", user.email))[:254]
        user.is_staff = BEHEER in rollen
        user.save()
        huidige = set(user.groups.values_list("name", flat=True))
        gewenst = (huidige - set(ALLE_ROLLEN)) | rollen
        if gewenst != huidige:
            user.groups.set(Group.objects.filter(name__in=gewenst))
            logger.info(
                "Rollen van gebruiker %s bij inloggen: %s -> %s",
                user.pk,
                sorted(huidige & set(ALLE_ROLLEN)),
                sorted(rollen),
            )
        teams = sso.teams(claims)
        Gemeenteaccount.objects.filter(user=user).update(teams=teams)
        ingelogd_met_gemeenteaccount.send(sender=Gemeenteaccount, user=user, teams=teams)
        return user


class GemeenteaccountInloggen(OIDCAuthenticationRequestView):
    """Sends the browser to the provider's login page."""

    verwerking = GEEN

    def __init__(self, **kwargs):
        # The provider's address is looked up in get(), where a failure can be shown.
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    @staticmethod
    def get_settings(attr, *args):
        return sso.instelling(attr, *args)

    def get(self, request):
        if not sso.aan():
            raise Http404
        try:
            super().__init__()
        except sso.Onbereikbaar as exc:
            weiger(request, ONBEREIKBAAR, str(exc))
            return geweigerd(request, ONBEREIKBAAR)
        return super().get(request)


class GemeenteaccountTerug(OIDCAuthenticationCallbackView):
    """The provider sends the browser back here with a code, or with an error."""

    verwerking = GEEN

    @staticmethod
    def get_settings(attr, *args):
        return sso.instelling(attr, *args)

    def get(self, request):
        if not sso.aan():
            raise Http404
        if request.GET.get("error"):
            weiger(request, AFGEBROKEN, request.GET["error"][:100])
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            # A state that is not (or no longer) in this session: an old tab, a replay.
            weiger(request, ONGELDIG, str(exc))
            return self.login_failure()

    def login_failure(self):
        reden = getattr(self.request, WEIGERING, None)
        if reden is None:
            user = getattr(self, "user", None)
            if user is not None and not user.is_active:
                reden, detail = UITGESCHAKELD, f"gebruiker {user.pk}"
            else:
                reden, detail = ONGELDIG, "geen inlogpoging met deze state in deze sessie"
            weiger(self.request, reden, detail)
        return geweigerd(self.request, reden)


def geweigerd(request, reden: str):
    status = 503 if reden == ONBEREIKBAAR else 403
    return render(request, "registration/gemeenteaccount_geweigerd.html", {"melding": MELDINGEN[reden]}, status=status)
