"""The link between a Casusregie user and their account at the municipality's identity provider;
and the API tokens with what DRF's token does not keep."""

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from rest_framework.authtoken.models import Token


class Gemeenteaccount(models.Model):
    """Who logs in through single sign-on, by the provider's stable identifier (`sub`), never by
    user name or e-mail: a local account named like someone's IdP account is never taken over.
    `teams` keeps the team claim as the provider sent it, for a team register to pick up."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gemeenteaccount")
    issuer = models.CharField(max_length=255)
    sub = models.CharField("subject (sub)", max_length=255)
    teams = models.JSONField("teams volgens het gemeente-account", default=list, blank=True)
    bijgewerkt = models.DateTimeField("laatst bijgewerkt bij inloggen", auto_now=True)

    class Meta:
        verbose_name = "gemeente-account"
        verbose_name_plural = "gemeente-accounts"
        constraints = [models.UniqueConstraint(fields=["issuer", "sub"], name="gemeenteaccount_uniek")]

    def __str__(self) -> str:
        return f"{self.user} ({self.sub})"


class ApiToken(models.Model):
    """An API token as beheer manages it (admin, *API-tokens*): DRF's own token (one per user, the
    key every client sends as `Authorization: Token <sleutel>`) with what DRF does not keep: until
    when it works and when it was last used. Every token has one (basis.api.tokens); revoking
    deletes the token itself."""

    token = models.OneToOneField(Token, on_delete=models.CASCADE, related_name="gegevens")
    geldig_tot = models.DateField(
        "geldig tot en met", null=True, blank=True, help_text="Leeg: het token verloopt niet vanzelf."
    )
    laatst_gebruikt = models.DateTimeField("laatst gebruikt", null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="aangemaakt door",
    )

    class Meta:
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"

    def __str__(self) -> str:
        return f"API-token van {self.token.user}"


@receiver(post_save, sender=Token, dispatch_uid="casusregie_api_token")
def elk_token_in_beheer(sender, instance, created, raw=False, **kwargs):
    """A token made anywhere (the admin, `manage.py drf_create_token`, demo data, a test) is one
    beheer sees and can revoke."""
    if created and not raw:
        ApiToken.objects.get_or_create(token=instance)
