"""A decimal as a person types it, in headless Chromium with a Dutch and an English browser:
`2,5` in Volume is two and a half, in the preview, in the register and back in the edit form."""

from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Group

from basis import clock
from basis.roles import ALLE_ROLLEN
from indicaties.models import Indicatie
from tests.browser import headless_chromium
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "een-lang-genoeg-wachtwoord-2027"


@pytest.fixture(autouse=True)
def _rollen(transactional_db):
    # A transactional test before this one flushed the role groups of the data migration.
    for rol in ALLE_ROLLEN:
        Group.objects.get_or_create(name=rol)


@pytest.fixture
def chromium(_vereist_browser):
    with headless_chromium() as browser:
        yield browser


@pytest.mark.parametrize("taal", ["nl-NL", "en-US"])
def test_twee_komma_vijf_in_volume_wordt_twee_en_een_half_uur(chromium, live_server, taal):
    from playwright.sync_api import expect

    consulent = gebruiker("consulent", username="consulent", first_name="Carla", last_name="Consulent")
    consulent.set_password(WACHTWOORD)
    consulent.save()
    inwoner = InwonerFactory(voornaam="Fatima", achternaam="de Vries", regisseur=consulent)
    ProductFactory(code="45A64", naam="Begeleiding individueel", tarief="58.20")
    AanbiederFactory(naam="Zorg Om De Hoek")
    vandaag = clock.today()
    eind = vandaag + relativedelta(months=8, days=-1)

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale=taal)
    page = context.new_page()
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("consulent")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/inwoners/{inwoner.pk}/indicaties/nieuw/")
    page.get_by_label("Doel 1", exact=True).fill("Zelfstandig de dag indelen")
    page.get_by_label("Product").select_option(label="45A64 – Begeleiding individueel")
    page.get_by_label("Aanbieder").select_option(label="Zorg Om De Hoek")
    # Typed key by key, as a person does: a number field drops the comma here.
    page.get_by_label("Volume").click()
    page.keyboard.type("2,5")
    page.get_by_label("Ingangsdatum").fill(f"{vandaag:%d-%m-%Y}")
    page.get_by_label("Einddatum (tot en met)").fill(f"{eind:%d-%m-%Y}")
    page.get_by_label("Einddatum (tot en met)").dispatch_event("change")
    expect(page.get_by_label("Volume")).to_have_value("2,5")
    expect(page.get_by_test_id("uren")).to_have_text("2,50")
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_text("De indicatie is geregistreerd en toegewezen.")).to_be_visible()

    indicatie = Indicatie.objects.get(inwoner=inwoner)
    assert indicatie.volume == Decimal("2.50")
    assert indicatie.uren_per_week == Decimal("2.50")
    dagen = (eind - vandaag).days + 1
    assert indicatie.geschatte_kosten == (Decimal("2.5") / 7 * dagen * Decimal("58.20")).quantize(Decimal("0.01"))

    # The edit form shows it back with a comma; a point is two and a half too.
    page.get_by_role("link", name="Wijzigen").click()
    expect(page.get_by_label("Volume")).to_have_value("2,50")
    page.get_by_label("Volume").fill("")
    page.get_by_label("Volume").click()
    page.keyboard.type("3.5")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De indicatie is gewijzigd.")).to_be_visible()
    indicatie.refresh_from_db()
    assert indicatie.volume == Decimal("3.50")

    # What could be two numbers is refused with the reason, and what was typed stays.
    page.get_by_role("link", name="Wijzigen").click()
    page.get_by_label("Volume").fill("1.000,5")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_volume_fout")).to_contain_text("Gebruik één komma voor de decimalen")
    expect(page.get_by_label("Volume")).to_have_value("1.000,5")
    indicatie.refresh_from_db()
    assert indicatie.volume == Decimal("3.50")
    context.close()
