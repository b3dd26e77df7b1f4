"""What a person sees, in headless Chromium: every page of every role on a narrow phone, with the
demo data of `make run` (a year of history, so every table has rows).

Reflow (WCAG 1.4.10): at 320 px wide no page scrolls sideways; a table wider than the screen
scrolls inside its own labelled region. A date or an amount is never broken over two lines."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from basis.roles import ALLE_ROLLEN
from tests.browser import headless_chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "een-lang-genoeg-wachtwoord-2027"
DEMO_ROLLEN = ("consulent", "schakelteam", "backoffice", "beleid", "beheer")
# Pages one step further than the menu: the first of each kind linked from the pages visited.
VERDER = (r"^/inwoners/[0-9a-f-]{36}/$", r"^/indicaties/[0-9a-f-]{36}/$", r"^/toetsing/[0-9a-f-]{36}/oordeel/$")
# Every element in the page that sticks out on the right, outside a table's own scroll region.
UITSTEKERS = """() => {
  const breedte = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > breedte + 1 && !e.closest('.tabel-scroll'))
    .slice(0, 5).map(e => e.tagName.toLowerCase() + ' ' + (e.textContent || '').trim().slice(0, 40));
}"""
# A date or an amount drawn on more than one line.
GEBROKEN = """() => [...document.querySelectorAll('.nb')]
  .filter(e => e.getClientRects().length > 1).map(e => e.textContent)"""


@pytest.fixture(autouse=True)
def _rollen(transactional_db):
    # A transactional test before this one flushed the role groups of the data migration.
    for rol in ALLE_ROLLEN:
        Group.objects.get_or_create(name=rol)


@pytest.fixture
def chromium(_vereist_browser):
    with headless_chromium() as browser:
        yield browser


def _log_in(page, basis, gebruikersnaam):
    page.goto(basis + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(basis + "/")


def _paden(page) -> list[str]:
    """The menu's pages, then the first inwoner, indicatie and toetsing verdict linked from them."""
    menu = page.eval_on_selector_all("nav.hoofdmenu a", "as => as.map(a => a.getAttribute('href'))")
    return [p for p in menu if not p.startswith("/admin/")]


def test_geen_pagina_van_een_rol_schuift_opzij_op_320_px(chromium, live_server, settings):
    call_command("demo_data", wachtwoord=WACHTWOORD, verbosity=0)
    call_command("demo_declaraties", verbosity=0)
    te_breed, gebroken = [], []
    for rol in DEMO_ROLLEN:
        context = chromium.new_context(viewport={"width": 320, "height": 800}, locale="nl-NL")
        page = context.new_page()
        _log_in(page, live_server.url, rol)
        paden = _paden(page)
        bezocht = set()
        while paden:
            pad = paden.pop(0)
            if pad in bezocht:
                continue
            bezocht.add(pad)
            page.goto(live_server.url + pad)
            breedte = page.evaluate("document.scrollingElement.scrollWidth")
            if breedte > 320:
                te_breed.append(f"{rol} {pad}: {breedte} px – {page.evaluate(UITSTEKERS)}")
            gebroken += [f"{rol} {pad}: {t!r}" for t in page.evaluate(GEBROKEN)]
            links = page.eval_on_selector_all("main a", "as => as.map(a => a.getAttribute('href'))")
            for patroon in VERDER:
                verder = next((a for a in links if a and re.match(patroon, a)), None)
                if verder and not any(re.match(patroon, p) for p in bezocht | set(paden)):
                    paden.append(verder)
        assert len(bezocht) >= 3, f"{rol}: te weinig pagina's bezocht: {bezocht}"
        context.close()
    assert not te_breed, "Pagina's die opzij schuiven op 320 px:\n" + "\n".join(te_breed)
    assert not gebroken, "Datums of bedragen over twee regels:\n" + "\n".join(gebroken)


def test_een_brede_tabel_schuift_in_een_eigen_gebied_met_de_eerste_kolom_in_beeld(chromium, live_server):
    call_command("demo_data", wachtwoord=WACHTWOORD, geen_geschiedenis=True, verbosity=0)
    context = chromium.new_context(viewport={"width": 320, "height": 800}, locale="nl-NL")
    page = context.new_page()
    _log_in(page, live_server.url, "schakelteam")
    gebied = page.get_by_role("region", name="Te beoordelen")
    assert gebied.get_attribute("tabindex") == "0"
    assert gebied.evaluate("e => e.scrollWidth > e.clientWidth"), "de tabel past al: dan toetst dit niets"
    eerste = gebied.locator("tbody td").first
    links_voor = eerste.evaluate("e => e.getBoundingClientRect().left")
    gebied.evaluate("e => e.scrollLeft = 200")
    assert eerste.evaluate("e => e.getBoundingClientRect().left") == links_voor, "de inwoner schuift uit beeld"
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    context.close()


def test_een_formulier_met_fouten_opent_met_het_foutoverzicht_in_focus(chromium, live_server):
    from playwright.sync_api import expect

    from tests.factories import InwonerFactory, gebruiker

    consulent = gebruiker("consulent", username="consulent", first_name="Carla", last_name="Consulent")
    consulent.set_password(WACHTWOORD)
    consulent.save()
    backoffice = gebruiker("backoffice", username="backoffice")
    backoffice.set_password(WACHTWOORD)
    backoffice.save()
    InwonerFactory(regisseur=consulent)
    context = chromium.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL")
    page = context.new_page()

    # A wrong password: the summary has the focus, the title says so, the name stays.
    page.goto(live_server.url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("consulent")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator(".foutoverzicht")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Fout: Inloggen"))
    expect(page.get_by_label("Gebruikersnaam")).to_have_value("consulent")

    # A form with three errors (the required fields): each one a link to its field.
    _log_in(page, live_server.url, "consulent")
    page.goto(live_server.url + "/inwoners/nieuw/")
    page.get_by_label("BSN").fill("123456789")
    page.get_by_role("button", name="Registreren").click()
    overzicht = page.locator(".foutoverzicht")
    expect(overzicht).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(overzicht.get_by_role("heading")).to_have_text("Er zijn 3 fouten")
    overzicht.get_by_role("link", name=re.compile("^Achternaam: ")).click()
    expect(page.get_by_label("Achternaam")).to_be_focused()
    expect(page.get_by_label("BSN")).to_have_value("123456789")
    page.get_by_role("button", name="Uitloggen").click()

    # The week of the toetsing: what was typed stays, with the error at the field.
    _log_in(page, live_server.url, "backoffice")
    page.goto(live_server.url + "/toetsing/")
    page.get_by_label("ISO-week").fill("2026-53")
    page.get_by_role("button", name="Toon week").click()
    expect(page.locator(".foutoverzicht")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Fout: Toetsing"))
    expect(page.get_by_label("ISO-week")).to_have_value("2026-53")
    expect(page.get_by_label("ISO-week")).to_have_attribute("aria-invalid", "true")
    page.locator(".foutoverzicht").get_by_role("link").click()
    expect(page.get_by_label("ISO-week")).to_be_focused()

    # Without errors: no summary, no "Fout:".
    page.goto(live_server.url + "/toetsing/")
    expect(page.locator(".foutoverzicht")).to_have_count(0)
    expect(page).to_have_title("Toetsing – Casusregie")
    context.close()


def test_reden_van_spoed_alleen_als_spoed_is_aangevinkt(chromium, live_server):
    from playwright.sync_api import expect

    from tests.factories import InwonerFactory, gebruiker

    consulent = gebruiker("consulent", username="consulent")
    consulent.set_password(WACHTWOORD)
    consulent.save()
    inwoner = InwonerFactory(regisseur=consulent)
    context = chromium.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL")
    page = context.new_page()
    _log_in(page, live_server.url, "consulent")
    page.goto(f"{live_server.url}/inwoners/{inwoner.pk}/indicaties/nieuw/")
    reden = page.get_by_label("Reden van spoed")
    expect(reden).to_be_hidden()
    page.get_by_label("Spoed (acute zorg)").check()
    expect(reden).to_be_visible()
    page.get_by_label("Spoed (acute zorg)").uncheck()
    expect(reden).to_be_hidden()
    context.close()
