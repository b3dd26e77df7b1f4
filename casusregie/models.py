"""The link between a Casusregie user and their account at the municipality's identity provider."""

from django.conf import settings
from django.db import models


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
