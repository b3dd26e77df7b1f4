"""Single sign-on: from the claims of the municipality's identity provider (IdP) to our roles and team.

The mapping is pure (claims in, role names out) so it can be tested without a provider; the
login itself (mozilla-django-oidc) is in `basis.oidc`. Configuration: docs/configuration.md,
"Inloggen met het gemeente-account".
"""

from collections.abc import Mapping
from functools import lru_cache

import requests
from django.conf import settings
from django.core import checks

from basis.roles import ALLE_ROLLEN

# The provider's endpoints, from the environment or else from its discovery document.
EINDPUNTEN = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
# Without these a login cannot work; the userinfo endpoint is optional (claims then come from
# the ID token alone).
VERPLICHTE_EINDPUNTEN = ("OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT")


class Onbereikbaar(Exception):
    """The provider's discovery document could not be read, or does not describe this issuer."""


def aan() -> bool:
    """Single sign-on is on when a client id is configured."""
    return bool(settings.OIDC_RP_CLIENT_ID)


# --- Claims to roles and team (pure) ---------------------------------------------------------


def waarde_uit_claims(claims: Mapping, naam: str):
    """The value of a claim; `realm_access.roles` walks into nested objects. A claim whose own
    name contains dots (`https://gemeente.nl/rollen`) is found by that name first."""
    if not naam:
        return None
    if naam in claims:
        return claims[naam]
    waarde = claims
    for deel in naam.split("."):
        if not isinstance(waarde, Mapping) or deel not in waarde:
            return None
        waarde = waarde[deel]
    return waarde


def waarden(waarde) -> list[str]:
    """A claim as a list of strings: a list stays a list, one string is one value (never split:
    an LDAP group name contains commas and spaces), nothing is an empty list."""
    if waarde is None or waarde == "":
        return []
    if isinstance(waarde, list | tuple):
        return [str(w) for w in waarde if w is not None and w != ""]
    return [str(waarde)]


def lees_roltoewijzing(tekst: str) -> dict[str, frozenset[str]]:
    """`OIDC_ROLLEN` as a dict from the IdP's value to our roles.

    Pairs `waarde=rol`, separated by `;` or a new line; the role is what follows the last `=`
    (an LDAP name such as `cn=consulenten,ou=groepen` contains `=` itself). The same value may
    appear twice to give two roles. Empty: the IdP sends our role names themselves.
    Raises ValueError on a pair without `=` or a role that does not exist.
    """
    if not tekst.strip():
        return {rol: frozenset({rol}) for rol in ALLE_ROLLEN}
    toewijzing: dict[str, set[str]] = {}
    for paar in tekst.replace("\n", ";").split(";"):
        if not paar.strip():
            continue
        waarde, is_, rol = paar.rpartition("=")
        waarde, rol = waarde.strip(), rol.strip()
        if not is_ or not waarde:
            raise ValueError(f"'{paar.strip()}' is geen paar 'waarde=rol'.")
        if rol not in ALLE_ROLLEN:
            raise ValueError(f"'{rol}' is geen rol van Casusregie (wel: {', '.join(ALLE_ROLLEN)}).")
        toewijzing.setdefault(waarde, set()).add(rol)
    return {waarde: frozenset(rollen) for waarde, rollen in toewijzing.items()}


def rollen_uit_claims(claims: Mapping, claim: str, toewijzing: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Our roles for these claims; values the mapping does not know give no role."""
    rollen: set[str] = set()
    for waarde in waarden(waarde_uit_claims(claims, claim)):
        rollen |= toewijzing.get(waarde, frozenset())
    return frozenset(rollen)


def teams_uit_claims(claims: Mapping, claim: str) -> list[str]:
    """The team claim as sorted, distinct values (no claim configured or sent: no team)."""
    return sorted(set(waarden(waarde_uit_claims(claims, claim))))


def rollen(claims: Mapping) -> frozenset[str]:
    """Our roles for these claims, with the configured claim name and mapping."""
    return rollen_uit_claims(claims, settings.OIDC_CLAIM_ROLLEN, lees_roltoewijzing(settings.OIDC_ROLLEN))


def teams(claims: Mapping) -> list[str]:
    return teams_uit_claims(claims, settings.OIDC_CLAIM_TEAM)


# --- The provider's configuration ------------------------------------------------------------


@lru_cache(maxsize=4)
def ontdekking(issuer: str) -> dict:
    """The provider's discovery document, read once per process (a failure is not remembered).
    Its `issuer` must be ours exactly (OpenID Connect Discovery 1.0, section 4.3)."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        antwoord = requests.get(url, timeout=settings.OIDC_TIMEOUT, verify=settings.OIDC_VERIFY_SSL)
        antwoord.raise_for_status()
        document = antwoord.json()
    except (requests.RequestException, ValueError) as exc:
        raise Onbereikbaar(f"{url}: {exc}") from exc
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise Onbereikbaar(f"{url} beschrijft een andere issuer dan {issuer}.")
    return document


def instelling(naam: str, *standaard):
    """A setting for mozilla-django-oidc; an endpoint left empty comes from the discovery document."""
    waarde = getattr(settings, naam, *standaard)
    if naam in EINDPUNTEN and not waarde:
        waarde = ontdekking(settings.OIDC_OP_ISSUER).get(EINDPUNTEN[naam], "")
        if not waarde and naam in VERPLICHTE_EINDPUNTEN:
            raise Onbereikbaar(f"Het discovery-document noemt geen {EINDPUNTEN[naam]}.")
    return waarde


@checks.register(checks.Tags.security)
def controleer_instellingen(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`manage.py check`: a mapping that names a role we do not have stops the deployment."""
    if not aan():
        return []
    try:
        lees_roltoewijzing(settings.OIDC_ROLLEN)
    except ValueError as exc:
        return [checks.Error(f"OIDC_ROLLEN: {exc}", id="casusregie.E001")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def controleer_https(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: tokens and codes travel to the provider over HTTPS only."""
    if not aan():
        return []
    adressen = [settings.OIDC_OP_ISSUER] + [getattr(settings, naam) for naam in EINDPUNTEN]
    onveilig = [a for a in adressen if a and not a.startswith("https://")]
    if onveilig or not settings.OIDC_VERIFY_SSL:
        return [
            checks.Warning("Het gemeente-account (OIDC) moet via HTTPS met certificaatcontrole.", id="casusregie.W001")
        ]
    return []
