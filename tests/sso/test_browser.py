"""The login with the municipality's account in headless Chromium: the button on our login page, the
provider's own login form, back to the werkvoorraad; and the Dutch refusal page. No console errors
(so nothing blocked by our Content-Security-Policy) and no serious axe-core findings on our pages."""

import re

import pytest
from django.contrib.auth.models import Group

from basis.roles import ALLE_ROLLEN
from tests.browser import headless_chromium

from .hulp import IDP_GROEPEN

pytestmark = [
    pytest.mark.browser,
    pytest.mark.oidc,
    # serialized_rollback: the flush after this test then leaves the table of content types empty
    # too, so a later test that restores its snapshot (tests/toetsing, PostgreSQL) finds no duplicate.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib"),
]

ERNSTIG = {"serious", "critical"}


@pytest.fixture(autouse=True)
def _rollen(transactional_db):
    # A transactional test before this one may have flushed the role groups of the data migration.
    for rol in ALLE_ROLLEN:
        Group.objects.get_or_create(name=rol)


@pytest.fixture
def pagina(_vereist_browser, live_server):
    with headless_chromium() as browser:
        context = browser.new_context(locale="nl-NL")
        # Nothing leaves this machine: the provider's page asks a CDN for its style sheet.
        context.route(re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])"), lambda route: route.abort())
        page = context.new_page()
        # Errors on our pages only: the provider's page is not ours.
        page.console_fouten = []
        page.on(
            "console",
            lambda m: (
                m.type == "error"
                and page.url.startswith(live_server.url)
                and "the server responded with a status of 403" not in m.text
                and page.console_fouten.append(m.text)
            ),
        )
        yield page


def _toegankelijk(page):
    from axe_playwright_python.sync_playwright import Axe

    ernstig = [v["id"] for v in Axe().run(page).response["violations"] if v.get("impact") in ERNSTIG]
    assert not ernstig, f"axe-core op {page.url}: {ernstig}"


def _via_de_idp(page, basis: str, sub: str):
    page.goto(f"{basis}/inloggen/")
    _toegankelijk(page)
    page.get_by_role("link", name="Inloggen met uw gemeente-account").click()
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()


def test_inloggen_met_het_gemeente_account_in_de_browser(pagina, live_server, provider, instellen):
    from playwright.sync_api import expect

    instellen(provider)
    provider.gebruiker("sub-browser", groups=[IDP_GROEPEN["consulent"]], given_name="Fenna", family_name="de Vries")

    _via_de_idp(pagina, live_server.url, "sub-browser")

    pagina.wait_for_url(f"{live_server.url}/")
    expect(pagina.locator("header")).to_contain_text("Fenna de Vries")
    expect(pagina.locator("h1")).to_be_visible()
    assert pagina.console_fouten == []


def test_zonder_rol_toont_de_browser_de_nederlandse_weigering(pagina, live_server, provider, instellen):
    from playwright.sync_api import expect

    instellen(provider)
    provider.gebruiker("sub-browser-zonder", groups=["GG-Iedereen"])

    _via_de_idp(pagina, live_server.url, "sub-browser-zonder")

    expect(pagina.get_by_role("heading", name="Inloggen niet gelukt")).to_be_visible()
    expect(pagina.get_by_role("alert")).to_contain_text("geen rol voor Casusregie")
    _toegankelijk(pagina)
    pagina.get_by_role("link", name="Terug naar inloggen").click()
    expect(pagina.get_by_role("link", name="Inloggen met uw gemeente-account")).to_be_visible()
    assert pagina.console_fouten == []
