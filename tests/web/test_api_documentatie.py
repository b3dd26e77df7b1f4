"""Swagger UI (/api/v1/docs) and Redoc (/api/v1/redoc) in headless Chromium under our
Content-Security-Policy: their scripts and styles from the application itself (drf-spectacular's
sidecar), no 'unsafe-inline', and no violation in the console. The one request that leaves the
machine, Redoc's logo from its CDN, is what the policy is there to stop."""

import pytest
from django.test import Client

from tests.browser import headless_chromium
from tests.factories import gebruiker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Redoc shows "API docs by Redocly" with a logo from cdn.redoc.ly; img-src keeps it out.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.fixture
def pagina(_vereist_browser, live_server):
    """A page of Chromium, logged in (session cookie) as a user without a role: the description
    is for every logged-in user. Yields the page and the list of console errors."""
    client = Client()
    client.force_login(gebruiker())
    sessie = client.cookies["sessionid"].value
    with headless_chromium() as browser:
        context = browser.new_context(locale="nl-NL")
        context.add_cookies([{"name": "sessionid", "value": sessie, "url": live_server.url}])
        page = context.new_page()
        fouten: list[str] = []
        page.on("console", lambda m: m.type == "error" and fouten.append(m.text))
        page.on("pageerror", lambda e: fouten.append(str(e)))
        yield page, fouten


def _beleid(antwoord) -> str:
    beleid = antwoord.headers["content-security-policy"]
    assert "unsafe-inline" not in beleid
    assert "unsafe-eval" not in beleid
    return beleid


def test_swagger_ui_toont_de_api_zonder_csp_schending(pagina, live_server):
    page, fouten = pagina
    _beleid(page.goto(f"{live_server.url}/api/v1/docs"))
    page.wait_for_selector(".swagger-ui .info .title")
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("Casusregie API")
    page.get_by_text("/indicaties/{id}/historie", exact=True).first.wait_for()
    page.wait_for_timeout(500)
    assert fouten == []


def test_redoc_toont_de_api_en_zoekt_zonder_csp_schending(pagina, live_server):
    page, fouten = pagina
    beleid = _beleid(page.goto(f"{live_server.url}/api/v1/redoc"))
    assert "'nonce-" in beleid
    page.wait_for_selector("h1")
    assert page.locator("h1").first.inner_text().startswith("Casusregie API")
    # Search runs in Redoc's worker (worker-src blob:).
    page.get_by_placeholder("Search...").fill("historie")
    page.locator('[data-role="search:results"] li[data-item-id*="historie"]').first.wait_for()
    page.wait_for_timeout(500)
    assert [f for f in fouten if REDOC_LOGO not in f] == []


def _axe(page) -> set[str]:
    from axe_playwright_python.sync_playwright import Axe

    return {v["id"] for v in Axe().run(page).response["violations"]}


def test_swagger_ui_heeft_een_naam_voor_elke_keuzelijst_genoeg_contrast_en_landmarks(pagina, live_server):
    page, _ = pagina
    page.goto(f"{live_server.url}/api/v1/docs")
    page.get_by_text("/indicaties/{id}/historie", exact=True).first.wait_for()
    expect_naam = page.locator("#servers")
    assert expect_naam.get_attribute("aria-label") == "Server"
    # What our configuration and style sheet can reach; Swagger UI's own nesting of a button in a
    # button (nested-interactive) and its heading levels are its own.
    assert _axe(page) & {"select-name", "color-contrast", "region", "landmark-one-main"} == set()


def test_redoc_staat_in_een_main_landmark(pagina, live_server):
    page, _ = pagina
    page.goto(f"{live_server.url}/api/v1/redoc")
    page.wait_for_selector("h1")
    assert _axe(page) & {"region", "landmark-one-main", "color-contrast"} == set()
