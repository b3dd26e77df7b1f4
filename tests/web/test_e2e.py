"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), with an
axe-core check on every page of the scenario: no violations with impact serious or critical.

Data is made relative to the real today (basis.clock.today()): the live server runs in
another thread, so no time travel is needed. Screenshots for the README are written to
docs/screenshots/ only when CASUSREGIE_SCHERMAFDRUKKEN=1, so a test run leaves the tree clean.
"""

import datetime
import os
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Group

from basis import clock
from basis.roles import ALLE_ROLLEN
from indicaties import services
from indicaties.models import Evaluatie, Halfjaarcheck, Indicatie, Opvolging
from notifications.models import Notificatie
from tests.browser import headless_chromium
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, maak_indicatie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "een-lang-genoeg-wachtwoord-2027"
SCHERMAFDRUKKEN = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ERNSTIG = {"serious", "critical"}


@pytest.fixture(autouse=True)
def _rollen(transactional_db):
    # A transactional test before this one flushed the tables, the role groups of the data
    # migration included (and serialized_rollback restores nothing: zet_groepsrechten leaves
    # the app configs without models_module, so nothing is serialized).
    for rol in ALLE_ROLLEN:
        Group.objects.get_or_create(name=rol)


@pytest.fixture
def chromium(_vereist_browser):
    with headless_chromium() as browser:
        yield browser


class Bezoek:
    """One browser page with the checks every step makes: axe-core, console errors (CSP)."""

    def __init__(self, browser, basis: str):
        from axe_playwright_python.sync_playwright import Axe

        self.basis = basis
        self.axe = Axe()
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        self.page = self.context.new_page()
        self.console_fouten: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.console_fouten.append(m.text))
        self.page.on("pageerror", lambda e: self.console_fouten.append(str(e)))
        self.gecontroleerd: list[str] = []

    def ga_naar(self, pad: str):
        self.page.goto(self.basis + pad)

    def controleer_toegankelijkheid(self, naam: str, schermafdruk: str | None = None):
        resultaat = self.axe.run(self.page)
        ernstig = [v for v in resultaat.response["violations"] if v.get("impact") in ERNSTIG]
        beschrijving = "\n".join(
            f"{v['impact']}: {v['id']} – {v['help']} – {[n['target'] for n in v['nodes']][:5]}" for v in ernstig
        )
        assert not ernstig, f"axe-core op '{naam}' ({self.page.url}):\n{beschrijving}"
        self.gecontroleerd.append(naam)
        if schermafdruk and os.environ.get("CASUSREGIE_SCHERMAFDRUKKEN") == "1":
            SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
            self.page.evaluate("document.activeElement && document.activeElement.blur()")
            self.page.screenshot(path=str(SCHERMAFDRUKKEN / schermafdruk), full_page=True)

    def log_in(self, gebruikersnaam: str):
        self.ga_naar("/inloggen/")
        self.page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
        self.page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        self.page.get_by_role("button", name="Inloggen").click()
        self.page.wait_for_url(self.basis + "/")

    def log_uit(self):
        self.page.get_by_role("button", name="Uitloggen").click()
        self.page.wait_for_url(f"{self.basis}/inloggen/")


def _gebruiker(naam, rol, voornaam, achternaam):
    user = gebruiker(rol, username=naam, first_name=voornaam, last_name=achternaam)
    user.set_password(WACHTWOORD)
    user.save()
    return user


def _euro(bedrag: Decimal) -> str:
    tekst = f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {tekst}"


def _vul_indicatie_in(
    page,
    product: str,
    aanbieder: str,
    uren: str,
    ingang: datetime.date,
    eind: datetime.date,
    doel: str = "Zelfstandig de dag indelen",
):
    page.get_by_label("Doel 1", exact=True).fill(doel)
    page.get_by_label("Leefgebied van doel 1 (niet verplicht)").select_option(label="Tijdsbesteding")
    page.get_by_label("Product").select_option(label=product)
    page.get_by_label("Aanbieder").select_option(label=aanbieder)
    page.get_by_label("Volume").fill(uren)
    page.get_by_label("Eenheid").select_option("uur")
    page.get_by_label("Frequentie").select_option("per_week")
    page.get_by_label("Ingangsdatum").fill(f"{ingang:%d-%m-%Y}")
    page.get_by_label("Einddatum (tot en met)").fill(f"{eind:%d-%m-%Y}")
    page.get_by_label("Einddatum (tot en met)").dispatch_event("change")


def _werk_van_eerder(consulent, aanbieder):
    """Work already on the consulent's plate: an overdue evaluation, an open half-year check
    and an unread notification (the daily run would have opened these)."""
    jan = InwonerFactory(voornaam="Jan", achternaam="Jansen", regisseur=consulent)
    product = ProductFactory(code="43A10", naam="Dagbesteding", tarief="32.15")
    indicatie = maak_indicatie(
        consulent,
        inwoner=jan,
        product=product,
        aanbieder=aanbieder,
        ingangsdatum=clock.today(),
        einddatum=clock.today() + relativedelta(months=6),
    )
    Evaluatie.objects.filter(indicatie=indicatie).update(
        status="open", vervaldatum=clock.today() - datetime.timedelta(days=3)
    )
    Halfjaarcheck.objects.create(inwoner=jan, vervaldatum=clock.today() + datetime.timedelta(days=10), status="open")
    Notificatie.objects.create(
        ontvanger=consulent, soort="evaluatie_te_laat", sleutel="e2e", onderwerp="Evaluatie van Jan Jansen is te laat"
    )
    # A half-year check that found the care not fitting leaves a follow-up for the regisseur.
    noor = InwonerFactory(voornaam="Noor", achternaam="Visser", regisseur=consulent)
    check = Halfjaarcheck.objects.create(inwoner=noor, vervaldatum=clock.today(), status="open")
    services.rond_halfjaarcheck_af(
        gebruiker=consulent,
        check=check,
        zorg_passend=False,
        contact_aanbieder=clock.today(),
        contact_inwoner=clock.today(),
        toelichting="De begeleiding sluit niet meer aan bij wat Noor nodig heeft.",
    )
    # A young person with jeugdhulp who turns 18 in three months.
    sem = InwonerFactory(
        voornaam="Sem",
        achternaam="Bakker",
        regisseur=consulent,
        geboortedatum=clock.today() + relativedelta(months=3, years=-18),
    )
    maak_indicatie(
        consulent,
        inwoner=sem,
        product=ProductFactory(code="45J01", naam="Jeugdhulp ambulant", wet="jeugdwet", tarief="71.10"),
        aanbieder=aanbieder,
        volume=Decimal("3"),
        ingangsdatum=clock.today(),
        einddatum=clock.today() + relativedelta(months=7),
    )


def test_consulent_registreert_schakelteam_keurt_goed_consulent_evalueert(chromium, live_server):
    from playwright.sync_api import expect

    vandaag = clock.today()
    eind = vandaag + relativedelta(months=8, days=-1)
    consulent = _gebruiker("consulent", "consulent", "Carla", "de Consulent")
    _gebruiker("schakelteam", "schakelteam", "Sam", "Schakel")
    inwoner = InwonerFactory(voornaam="Fatima", achternaam="de Vries", regisseur=consulent)
    ProductFactory(code="45A64", naam="Begeleiding individueel – ontwikkelen", tarief="58.20")
    ProductFactory(code="45A65", naam="Begeleiding individueel – specialistisch", tarief="116.40")
    aanbieder = AanbiederFactory(naam="Zorg Om De Hoek")
    _werk_van_eerder(consulent, aanbieder)

    b = Bezoek(chromium, live_server.url)
    page = b.page

    # Log in as consulent: the werkvoorraad is the start page.
    b.ga_naar("/inloggen/")
    b.controleer_toegankelijkheid("inloggen", "inloggen.png")
    b.log_in("consulent")
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad – Consulent")
    expect(page.get_by_role("heading", name="Evaluaties open of te laat (1)")).to_be_visible()
    expect(page.get_by_text("te laat", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Opvolging nodig (1)")).to_be_visible()
    expect(page.get_by_role("heading", name="18 jaar binnen 6 maanden (1)")).to_be_visible()
    expect(page.get_by_role("link", name="Werkvoorraad 4 open")).to_be_visible()
    expect(page.get_by_role("link", name="Notificaties 2 open")).to_be_visible()
    b.controleer_toegankelijkheid("werkvoorraad consulent", "werkvoorraad-consulent.png")

    # Find the inwoner and open her page.
    page.get_by_role("link", name="Inwoners", exact=True).click()
    page.get_by_label("Naam").fill("de Vries")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="Resultaten (1)")).to_be_visible()
    assert inwoner.bsn not in page.locator("table").inner_text()
    b.controleer_toegankelijkheid("inwoners zoeken")
    page.get_by_role("link", name="de Vries, Fatima").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fatima de Vries")
    b.controleer_toegankelijkheid("inwoner")

    # 6 hours a week: evaluation date and cost appear before saving.
    page.get_by_role("link", name="Nieuwe indicatie").click()
    _vul_indicatie_in(page, "45A64 – Begeleiding individueel – ontwikkelen", "Zorg Om De Hoek", "6", vandaag, eind)
    dagen = (eind - vandaag).days + 1
    kosten = (Decimal(6) / 7 * dagen * Decimal("58.20")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    evaluatie = min(vandaag + relativedelta(months=4), eind)
    expect(page.get_by_test_id("evaluatiedatum")).to_have_text(f"{evaluatie.day}-{evaluatie.month}-{evaluatie.year}")
    expect(page.get_by_test_id("kosten")).to_have_text(_euro(kosten))
    expect(page.get_by_test_id("uren")).to_have_text("6,00")
    expect(page.get_by_text("Deze indicatie voldoet aan de regels.")).to_be_visible()
    assert not Indicatie.objects.filter(inwoner=inwoner).exists(), "het voorbeeld mag niets opslaan"
    b.controleer_toegankelijkheid("indicatie registreren met voorbeeld", "indicatie-formulier.png")
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_text("De indicatie is geregistreerd en toegewezen.")).to_be_visible()
    b.controleer_toegankelijkheid("indicatie", "indicatie.png")
    expect(page.get_by_role("heading", name="Doelen")).to_be_visible()
    expect(page.get_by_text("Zelfstandig de dag indelen")).to_be_visible()

    # Above the threshold: € 116,40 × 14 hours a week for 8 months waits for the schakelteam.
    page.get_by_role("link", name="Fatima de Vries").first.click()
    page.get_by_role("link", name="Nieuwe indicatie").click()
    _vul_indicatie_in(page, "45A65 – Begeleiding individueel – specialistisch", "Zorg Om De Hoek", "14", vandaag, eind)
    expect(page.get_by_text("boven de drempel: het schakelteam beoordeelt deze indicatie")).to_be_visible()
    b.controleer_toegankelijkheid("indicatie boven de drempel")
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_text("De indicatie is geregistreerd en wacht op het schakelteam.")).to_be_visible()
    duur = Indicatie.objects.get(product__code="45A65")
    assert duur.status == "wacht_op_schakelteam"
    b.log_uit()

    # The schakelteam approves it.
    b.log_in("schakelteam")
    expect(page.get_by_role("heading", name="Te beoordelen (1)")).to_be_visible()
    b.controleer_toegankelijkheid("werkvoorraad schakelteam", "werkvoorraad-schakelteam.png")
    page.get_by_role("link", name=re.compile(r"^Beoordelen\b.*45A65")).click()
    # The whole traject the threshold counted: the running 45A64 in the same period as well.
    expect(page.get_by_role("heading", name="Traject: wat telt mee voor de drempel")).to_be_visible()
    expect(page.get_by_role("cell", name="loopt tegelijk")).to_be_visible()
    b.controleer_toegankelijkheid("traject voor het schakelteam")
    page.get_by_label("akkoord").check()
    page.get_by_label("Toelichting").fill("Noodzakelijk: zonder specialistische begeleiding dreigt uithuisplaatsing.")
    b.controleer_toegankelijkheid("besluit schakelteam")
    page.get_by_role("button", name="Besluit controleren").click()
    # A decision cannot be undone: it is saved from the confirmation page.
    expect(page.get_by_role("heading", name="Besluit bevestigen")).to_be_visible()
    assert Indicatie.objects.get(pk=duur.pk).status == "wacht_op_schakelteam"
    b.controleer_toegankelijkheid("besluit bevestigen")
    page.get_by_role("button", name="Ja, besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd.")).to_be_visible()
    duur.refresh_from_db()
    assert duur.status == "toegewezen"
    b.log_uit()

    # The consulent completes the evaluation of the approved indicatie (early: it is planned).
    b.log_in("consulent")
    b.ga_naar(f"/indicaties/{duur.pk}/")
    page.get_by_role("link", name="Evaluatie afronden").click()
    page.get_by_label("Voortzetten").check()
    doel = page.get_by_role("group", name="Doel 1: Zelfstandig de dag indelen (Tijdsbesteding)")
    doel.get_by_label("nee", exact=True).check()
    page.get_by_role("button", name="Evaluatie afronden").click()
    # Continuing with a goal not reached needs a reason: the rule's message at the field.
    expect(page.locator("#id_toelichting_fout")).to_contain_text("Motiveer waarom de zorg toch wordt voortgezet.")
    b.controleer_toegankelijkheid("evaluatie afronden")
    page.get_by_label("Toelichting").fill("Nog twee maanden: de dagstructuur komt op gang.")
    page.get_by_role("button", name="Evaluatie afronden").click()
    expect(page.get_by_text("De evaluatie is afgerond.")).to_be_visible()
    expect(page.get_by_role("heading", name="Evaluatie: resultaat per doel")).to_be_visible()
    b.controleer_toegankelijkheid("indicatie na evaluatie")
    assert Evaluatie.objects.get(indicatie=duur).status == "afgerond"

    # Two follow-ups now: the half-year check's and this evaluation's. The consulent handles one.
    b.ga_naar("/")
    expect(page.get_by_role("heading", name="Opvolging nodig (2)")).to_be_visible()
    page.get_by_role("link", name="Opvolging afhandelen voor Noor Visser").click()
    page.get_by_label("zorg beëindigd").check()
    page.get_by_label("Toelichting").fill("Met Noor besproken; de begeleiding stopt per volgende maand.")
    b.controleer_toegankelijkheid("opvolging afhandelen")
    page.get_by_role("button", name="Opvolging afhandelen").click()
    expect(page.get_by_text("De opvolging voor Noor Visser is afgehandeld.")).to_be_visible()
    expect(page.get_by_role("heading", name="Opvolging nodig (1)")).to_be_visible()
    assert Opvolging.objects.filter(afgehandeld_op__isnull=True).count() == 1

    assert not b.console_fouten, f"Fouten in de browserconsole (CSP?): {b.console_fouten}"
    b.context.close()


def test_foutmeldingen_en_overige_paginas_zijn_toegankelijk(chromium, live_server):
    from playwright.sync_api import expect

    vandaag = clock.today()
    consulent = _gebruiker("consulent", "consulent", "Carla", "de Consulent")
    inwoner = InwonerFactory(voornaam="Fatima", achternaam="de Vries", regisseur=consulent)
    ProductFactory(code="45A64", naam="Begeleiding individueel – ontwikkelen", tarief="58.20")
    AanbiederFactory(naam="Zorg Om De Hoek")
    Notificatie.objects.create(ontvanger=consulent, soort="evaluatie_open", sleutel="e2e", onderwerp="Evaluatie open")

    b = Bezoek(chromium, live_server.url)
    page = b.page
    b.ga_naar("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("consulent")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw gebruikersnaam of wachtwoord is onjuist.")
    b.controleer_toegankelijkheid("inloggen mislukt")
    b.log_in("consulent")

    # A refused indicatie: the rule's message next to the field, the field marked invalid.
    b.ga_naar(f"/inwoners/{inwoner.pk}/indicaties/nieuw/")
    te_laat = vandaag + relativedelta(months=8)
    _vul_indicatie_in(page, "45A64 – Begeleiding individueel – ontwikkelen", "Zorg Om De Hoek", "5", vandaag, te_laat)
    expect(page.locator('[data-code="max_duur_8_maanden"]')).to_be_visible()
    page.get_by_role("button", name="Registreren").click()
    einddatum = page.get_by_label("Einddatum (tot en met)")
    expect(einddatum).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_einddatum_fout")).to_contain_text("hooguit 8 maanden")
    b.controleer_toegankelijkheid("indicatie geweigerd")
    assert not Indicatie.objects.exists()

    b.ga_naar("/inwoners/nieuw/")
    page.get_by_label("BSN").fill("123456789")
    page.get_by_label("Voornaam").fill("Anna")
    page.get_by_label("Achternaam").fill("Jansen")
    page.get_by_label("Geboortedatum").fill("03-02-1990")
    page.get_by_role("button", name="Registreren").click()
    expect(page.locator("#id_bsn_fout")).to_contain_text("elfproef")
    b.controleer_toegankelijkheid("inwoner met ongeldig bsn")

    b.ga_naar("/notificaties/")
    b.controleer_toegankelijkheid("notificaties")
    page.get_by_role("button", name=re.compile(r"Markeer als gelezen\s*: Evaluatie open")).click()
    expect(page.get_by_role("cell", name="gelezen", exact=True)).to_be_visible()

    b.ga_naar("/stuurinformatie/")
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
    b.controleer_toegankelijkheid("geen toegang")
    b.console_fouten = [f for f in b.console_fouten if "403 (Forbidden)" not in f]  # this one was asked for

    # Reflow (WCAG 1.4.10): at 320 px wide the forms need no horizontal scrolling.
    page.set_viewport_size({"width": 320, "height": 800})
    for pad in (f"/inwoners/{inwoner.pk}/indicaties/nieuw/", "/inwoners/"):
        b.ga_naar(pad)
        breedte = page.evaluate("document.documentElement.scrollWidth")
        assert breedte <= 320, f"{pad} is {breedte} px breed op een scherm van 320 px"
        b.controleer_toegankelijkheid(f"smal scherm {pad}")

    assert not b.console_fouten, f"Fouten in de browserconsole (CSP?): {b.console_fouten}"
    b.context.close()
