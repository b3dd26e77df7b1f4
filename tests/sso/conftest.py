"""A real OpenID provider for the login tests (oidc-provider-mock: authlib behind Flask, in a
thread of this process, on a free port of 127.0.0.1), and the settings that point Casusregie at it.

The browser's part of the login is played by the test: the Django test client for Casusregie,
`requests` for the provider's login form. Casusregie itself fetches the discovery document,
the token, the keys and the userinfo from the provider over HTTP, as in production.
"""

import warnings
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

import pytest
import requests

from basis import sso

from .hulp import IDP_GROEPEN

CLIENT_ID = "casusregie"
BACKEND = "basis.oidc.GemeenteaccountBackend"


def _start(**opties):
    with warnings.catch_warnings():
        # authlib warns about its own deprecated modules the provider still imports (and puts its
        # own "always" filter first when imported, hence the order).
        import authlib.deprecate

        warnings.simplefilter("ignore", authlib.deprecate.AuthlibDeprecationWarning)
        import oidc_provider_mock
    return oidc_provider_mock.run_server_in_thread(**opties)


@dataclass
class Provider:
    url: str

    def gebruiker(self, sub: str, **claims) -> None:
        """The person as the IdP knows them (claims for the ID token and userinfo)."""
        antwoord = requests.put(f"{self.url}/users/{quote(sub, safe='')}", json=claims, timeout=5)
        assert antwoord.status_code == 204, antwoord.text


@pytest.fixture(scope="module")
def provider(_vereist_oidc_provider):
    with _start() as server:
        yield Provider(f"http://localhost:{server.server_port}")


@pytest.fixture(scope="module")
def verlopen_provider(_vereist_oidc_provider):
    """A provider whose ID tokens have expired when they arrive (its clock five minutes behind)."""
    with _start(access_token_max_age=timedelta(minutes=-5)) as server:
        yield Provider(f"http://localhost:{server.server_port}")


@pytest.fixture
def instellen(settings):
    """`instellen(provider, **extra)`: single sign-on on, pointed at this provider (endpoints from
    its discovery document unless given)."""

    def aanzetten(provider: Provider, **extra):
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = "geheim-van-de-test"
        settings.OIDC_OP_ISSUER = provider.url
        settings.OIDC_CLAIM_ROLLEN = "groups"
        settings.OIDC_ROLLEN = ";".join(f"{groep}={rol}" for rol, groep in IDP_GROEPEN.items())
        settings.OIDC_CLAIM_TEAM = "team"
        settings.OIDC_TIMEOUT = 5
        if BACKEND not in settings.AUTHENTICATION_BACKENDS:
            settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
        for naam, waarde in extra.items():
            setattr(settings, naam, waarde)

    sso.ontdekking.cache_clear()
    yield aanzetten
    sso.ontdekking.cache_clear()


@pytest.fixture
def gemeente(provider, instellen):
    instellen(provider)
    return provider
