import importlib.util
import os

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread
from rest_framework.test import APIClient

from casusregie.celery import app as celery_app

from .browser import CHROMIUM
from .factories import gebruiker

# In CI (.ci/run) the services are required: a test that needs PostgreSQL or Redis fails
# instead of skipping when they are not configured or not reachable.
DIENSTEN_VEREIST = os.environ.get("CASUSREGIE_DIENSTEN_VEREIST") == "1"


class EenVerzoekTegelijk(WSGIServer):
    """The browser tests' server on SQLite: one request at a time. The live server shares the test's
    in-memory database connection with every request thread, and two requests on that one
    connection at once (a page and its htmx preview, each writing its processing log) can block
    each other for good. SQLite serves one writer at a time anyway; PostgreSQL keeps Django's
    threaded server."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


if not os.environ.get("DATABASE_URL"):
    LiveServerThread.server_class = EenVerzoekTegelijk


@pytest.fixture(autouse=True, scope="session")
def _celery_in_proces():
    # Tasks are thin wrappers around services; tests run them in-process after commit.
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield


def pytest_collection_modifyitems(config, items):
    # First in line, so that a test that cannot run here is skipped (or fails in CI) before its
    # database is set up: a skipped test with serialized_rollback would otherwise still restore
    # its snapshot over content types a previous transactional test re-created.
    for item in items:
        for marker, fixture in (
            ("browser", "_vereist_browser"),
            ("redis", "_vereist_redis"),
            ("postgres", "_vereist_postgres"),
            ("oidc", "_vereist_oidc_provider"),
        ):
            if marker in item.keywords:
                item.fixturenames.insert(0, fixture)


@pytest.fixture
def _vereist_postgres(django_db_blocker):
    if connection.vendor != "postgresql":
        if DIENSTEN_VEREIST:
            pytest.fail("PostgreSQL is vereist in CI, maar DATABASE_URL wijst er niet naar.")
        pytest.skip("Alleen op PostgreSQL (zet DATABASE_URL).")


@pytest.fixture
def _vereist_redis():
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis"):
        if DIENSTEN_VEREIST:
            pytest.fail("Redis is vereist in CI, maar CELERY_BROKER_URL wijst er niet naar.")
        pytest.skip("Alleen met Redis (zet CELERY_BROKER_URL).")


@pytest.fixture
def _vereist_browser():
    # Debian's chromium, driven by Playwright; never a browser download.
    ontbreekt = None
    if not os.access(CHROMIUM, os.X_OK):
        ontbreekt = f"{CHROMIUM} ontbreekt (apt-get install chromium)."
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            ontbreekt = "Het pakket playwright ontbreekt (requirements-dev.txt)."
    if ontbreekt:
        if DIENSTEN_VEREIST:
            pytest.fail(f"De browser is vereist in CI: {ontbreekt}")
        pytest.skip(ontbreekt)


@pytest.fixture(scope="session")
def _vereist_oidc_provider():
    # The OpenID provider the single sign-on tests log in at runs in a thread of the test process.
    # Session scope: checked before the (module-scoped) provider starts.
    if importlib.util.find_spec("oidc_provider_mock") is None:
        ontbreekt = "Het pakket oidc-provider-mock ontbreekt (requirements-dev.txt)."
        if DIENSTEN_VEREIST:
            pytest.fail(f"De OpenID-provider is vereist in CI: {ontbreekt}")
        pytest.skip(ontbreekt)


@pytest.fixture
def api():
    """An API client; `api.als(rol, ...)` logs in as a new user with those roles (token)."""

    client = APIClient()

    def als(*rollen, user=None):
        from rest_framework.authtoken.models import Token

        user = user or gebruiker(*rollen)
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        client.user = user
        return client

    client.als = als
    return client


@pytest.fixture
def istandaarden_vereist():
    """A test whose outcome needs the official iJw/iWmo XSDs (sending a message, `check --deploy`):
    skipped where they are not installed (CASUSREGIE_ISTANDAARDEN), failed instead in CI."""
    from berichten import xsd

    if xsd.map_istandaarden() is None:
        ontbreekt = "De XSD's van de iStandaarden ontbreken (zet CASUSREGIE_ISTANDAARDEN)."
        if DIENSTEN_VEREIST:
            pytest.fail(f"De XSD's zijn vereist in CI: {ontbreekt}")
        pytest.skip(ontbreekt)
