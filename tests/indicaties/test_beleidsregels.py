"""Beleidsregels: the policy numbers beheer sets from a date (docs/domain.md, "Beleidsregels").

Today is Monday 4 January 2027 (10.00 in Amsterdam) unless a test moves the clock.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from basis.exceptions import RuleViolation
from indicaties import beleid, services
from indicaties.models import Beleidsregels
from tests.factories import gebruiker, indicatie_gegevens

pytestmark = pytest.mark.django_db

AMSTERDAM = datetime.timezone(datetime.timedelta(hours=1))
VANDAAG = datetime.date(2027, 1, 4)
URL = "/api/v1/beleidsregels/"


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(datetime.datetime(2027, 1, 4, 10, tzinfo=AMSTERDAM), tick=False):
        yield


def _vastgesteld(geldig_van=VANDAAG, **waarden) -> Beleidsregels:
    return services.stel_beleidsregels_vast(gebruiker=gebruiker("beheer"), geldig_van=geldig_van, **waarden)


def test_zonder_set_gelden_de_getallen_van_de_omgeving(settings):
    settings.SCHAKELTEAM_DREMPEL = Decimal("40000.00")
    b = beleid.beleid_op(VANDAAG)
    assert (b.bron, b.uren_grens, b.max_maanden, b.evaluatie_maanden) == (None, Decimal(5), 8, 4)
    assert b.schakelteam_drempel == Decimal("40000.00")


def test_een_set_geldt_vanaf_zijn_datum_en_niet_de_dag_ervoor():
    _vastgesteld(VANDAAG + datetime.timedelta(days=1), schakelteam_drempel=Decimal("30000.00"))
    assert beleid.beleid_op(VANDAAG).schakelteam_drempel == Decimal("50000.00")
    assert beleid.beleid_op(VANDAAG + datetime.timedelta(days=1)).schakelteam_drempel == Decimal("30000.00")


def test_weggelaten_getallen_houden_de_waarde_die_op_die_datum_geldt():
    _vastgesteld(VANDAAG, uren_grens=Decimal("4"))
    later = _vastgesteld(VANDAAG + datetime.timedelta(days=30), spoed_dagen=3)
    assert (later.uren_grens, later.spoed_dagen, later.max_maanden) == (Decimal("4"), 3, 8)


def test_een_set_vanaf_vandaag_mag_en_vanaf_gisteren_niet():
    assert _vastgesteld(VANDAAG).geldig_van == VANDAAG
    with pytest.raises(RuleViolation) as fout:
        _vastgesteld(VANDAAG - datetime.timedelta(days=1))
    assert [v.code for v in fout.value.violations] == ["geldig_van_verleden"]
    assert Beleidsregels.objects.count() == 1


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("uren_grens", Decimal("0")),
        ("max_maanden", 61),
        ("evaluatie_maanden", 9),  # after the maximum duration of 8 months
        ("schakelteam_drempel", Decimal("-0.01")),
        ("steekproef_percentage", Decimal("100.01")),
    ],
)
def test_een_onmogelijk_getal_wordt_geweigerd(veld, waarde):
    with pytest.raises(RuleViolation) as fout:
        _vastgesteld(**{veld: waarde})
    assert [(v.code, v.veld) for v in fout.value.violations] == [("beleidsregel_ongeldig", veld)]


def test_een_drempel_van_nul_en_een_percentage_van_100_zijn_toegestaan():
    regels = _vastgesteld(schakelteam_drempel=Decimal("0.00"), steekproef_percentage=Decimal("100"))
    assert (regels.schakelteam_drempel, regels.steekproef_percentage) == (Decimal("0.00"), Decimal("100"))


def test_een_tweede_set_op_dezelfde_datum_wordt_geweigerd():
    _vastgesteld(VANDAAG)
    with pytest.raises(RuleViolation) as fout:
        _vastgesteld(VANDAAG, spoed_dagen=2)
    assert [v.code for v in fout.value.violations] == ["unique"]


def test_een_registratie_gebruikt_de_drempel_die_op_de_registratiedag_geldt():
    # 6 uur per week at € 58,20: € 11.972,57 from 4-1, € 11.922,69 from 5-1 t/m 31-8-2027.
    morgen = VANDAAG + datetime.timedelta(days=1)
    _vastgesteld(morgen, schakelteam_drempel=Decimal("11922.68"))
    vandaag = services.registreer_indicatie(gebruiker=gebruiker("consulent"), gegevens=indicatie_gegevens())
    assert vandaag.status == "toegewezen"
    with time_machine.travel(datetime.datetime(2027, 1, 5, 10, tzinfo=AMSTERDAM), tick=False):
        gegevens = indicatie_gegevens(ingangsdatum=morgen)
        assert services.registreer_indicatie(gebruiker=gebruiker("consulent"), gegevens=gegevens).status == (
            "wacht_op_schakelteam"
        )


def test_een_lagere_urengrens_brengt_de_maximale_duur_met_het_getal_in_de_melding():
    _vastgesteld(uren_grens=Decimal("4"), max_maanden=6)
    with pytest.raises(RuleViolation) as fout:
        services.registreer_indicatie(
            gebruiker=gebruiker("consulent"),
            gegevens=indicatie_gegevens(volume=Decimal("4"), einddatum=datetime.date(2027, 7, 4)),
        )
    [overtreding] = fout.value.violations
    assert overtreding.code == "max_duur_8_maanden"
    assert "Bij 4,00 uur of meer per week" in overtreding.bericht
    assert "hooguit 6 maanden: uiterlijk tot en met 3-7-2027" in overtreding.bericht


def test_de_evaluatie_volgt_de_evaluatietermijn_van_de_set():
    _vastgesteld(evaluatie_maanden=2)
    indicatie = services.registreer_indicatie(gebruiker=gebruiker("consulent"), gegevens=indicatie_gegevens())
    assert indicatie.evaluatie.vervaldatum == datetime.date(2027, 3, 4)


# --- API ----------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["consulent", "schakelteam", "backoffice", "beleid", "beheer"])
def test_elke_rol_leest_de_beleidsregels_in_werking_en_hun_geschiedenis(api, rol):
    _vastgesteld(VANDAAG + datetime.timedelta(days=7), schakelteam_drempel=Decimal("45000.00"))
    antwoord = api.als(rol).get(URL)
    assert antwoord.status_code == 200
    body = antwoord.json()
    assert body["in_werking"]["bron"] == "omgeving"
    assert body["in_werking"]["schakelteam_drempel"] == "50000.00"
    assert [(s["bron"], s["geldig_van"]) for s in body["sets"]] == [("omgeving", None), ("beheer", "2027-01-11")]


def test_beheer_stelt_een_set_vast_en_weggelaten_velden_houden_hun_waarde(api):
    antwoord = api.als("beheer").post(
        URL, {"geldig_van": "2027-02-01", "uren_grens": "4.50", "steekproef_percentage": 15}, format="json"
    )
    assert antwoord.status_code == 201, antwoord.json()
    body = antwoord.json()
    assert (body["uren_grens"], body["max_maanden"], body["steekproef_percentage"]) == ("4.50", 8, "15.00")
    assert Beleidsregels.objects.get().history.get().history_change_reason == "Beleidsregels vastgesteld"


@pytest.mark.parametrize("rol", ["consulent", "schakelteam", "backoffice", "beleid"])
def test_alleen_beheer_stelt_beleidsregels_vast(api, rol):
    antwoord = api.als(rol).post(URL, {"geldig_van": "2027-02-01"}, format="json")
    assert antwoord.status_code == 403
    assert not Beleidsregels.objects.exists()


def test_zonder_inloggen_geen_beleidsregels(client):
    assert client.get(URL).status_code in (401, 403)


@pytest.mark.parametrize(
    ("body", "code", "veld"),
    [
        ({"geldig_van": "2027-01-03"}, "geldig_van_verleden", "geldig_van"),
        ({"geldig_van": "2027-02-01", "schakelteam_drempel": "-1.00"}, "beleidsregel_ongeldig", "schakelteam_drempel"),
        (
            {"geldig_van": "2027-02-01", "max_maanden": 4, "evaluatie_maanden": 5},
            "beleidsregel_ongeldig",
            "evaluatie_maanden",
        ),
        ({}, "required", "geldig_van"),
        ({"geldig_van": "morgen"}, "invalid", "geldig_van"),
    ],
)
def test_een_ongeldige_set_is_een_nederlandse_400_met_de_code(api, body, code, veld):
    antwoord = api.als("beheer").post(URL, body, format="json")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"].startswith("application/problem+json")
    assert (code, veld) in [(p["code"], p["name"]) for p in antwoord.json()["invalid_params"]]
    assert not Beleidsregels.objects.exists()


# --- Admin --------------------------------------------------------------------------------


def test_beheer_stelt_beleidsregels_vast_in_het_beheerscherm(client):
    beheerder = gebruiker("beheer", is_staff=True)
    client.force_login(beheerder)
    antwoord = client.post(
        reverse("admin:indicaties_beleidsregels_add"), {"geldig_van": "2027-03-01", "spoed_dagen": "5"}
    )
    assert antwoord.status_code == 302
    regels = Beleidsregels.objects.get()
    assert (regels.spoed_dagen, regels.max_maanden, regels.vastgesteld_door) == (5, 8, beheerder)


def test_het_beheerscherm_weigert_een_set_uit_het_verleden_met_de_nederlandse_melding(client):
    client.force_login(gebruiker("beheer", is_staff=True))
    antwoord = client.post(reverse("admin:indicaties_beleidsregels_add"), {"geldig_van": "2026-12-31"})
    assert antwoord.status_code == 200
    assert "nooit met terugwerkende kracht" in antwoord.content.decode()
    assert not Beleidsregels.objects.exists()


def test_het_beheerscherm_leest_een_decimale_komma_en_weigert_een_dubbelzinnig_getal(client):
    client.force_login(gebruiker("beheer", is_staff=True))
    url = reverse("admin:indicaties_beleidsregels_add")
    formulier = client.get(url).content.decode()
    assert 'name="uren_grens"' in formulier and 'inputmode="decimal"' in formulier
    antwoord = client.post(url, {"geldig_van": "2027-03-01", "uren_grens": "50.000", "schakelteam_drempel": ""})
    assert antwoord.status_code == 200
    assert "Bedoelt u 50000 of 50,000?" in antwoord.content.decode()
    assert not Beleidsregels.objects.exists()
    antwoord = client.post(
        url,
        {
            "geldig_van": "2027-03-01",
            "uren_grens": "4,5",
            "schakelteam_drempel": "60000,50",
            "steekproef_percentage": "12.5",
        },
    )
    assert antwoord.status_code == 302
    regels = Beleidsregels.objects.get()
    assert (regels.uren_grens, regels.schakelteam_drempel, regels.steekproef_percentage) == (
        Decimal("4.5"),
        Decimal("60000.50"),
        Decimal("12.5"),
    )
