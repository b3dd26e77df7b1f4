"""GET /api/v1/stuurinformatie/: the fixed shape of docs/api.md, roles, filters and invalid input."""

import datetime
import re
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, maak_indicatie

from .conftest import om

pytestmark = pytest.mark.django_db
URL = "/api/v1/stuurinformatie/"
GELD = re.compile(r"^-?\d+\.\d{2}$")
AANDEEL = re.compile(r"^[01]\.\d{4}$")


@pytest.mark.parametrize(("rol", "status"), [("beleid", 200), ("backoffice", 200), ("beheer", 200)])
def test_beleid_backoffice_en_beheer_mogen_de_cijfers_zien(api, rol, status):
    with om(2027, 3, 1):
        assert api.als(rol).get(URL).status_code == status


@pytest.mark.parametrize("rol", ["consulent", "schakelteam"])
def test_consulent_en_schakelteam_krijgen_403(api, rol):
    with om(2027, 3, 1):
        antwoord = api.als(rol).get(URL)
    assert antwoord.status_code == 403
    assert antwoord["Content-Type"].startswith("application/problem+json")


def test_zonder_rol_403_en_zonder_inloggen_401():
    client = APIClient()
    assert client.get(URL).status_code == 401
    client.force_authenticate(gebruiker())
    assert client.get(URL).status_code == 403


def test_de_vaste_vorm_van_api_md_met_de_juiste_typen(api):
    licht = ProductFactory()
    with om(2027, 1, 4):
        maak_indicatie(product=ProductFactory(lichtere_variant=licht), motivatie="Nodig.")
        maak_indicatie(product=licht)
        antwoord = api.als("beleid").get(URL)
    assert antwoord.status_code == 200
    c = antwoord.json()
    assert (c["van"], c["tot"]) == ("2027-01-01", "2027-12-31")  # default: this calendar year
    assert set(c["indicaties"]) >= {"geregistreerd", "actief_op_tot", "geschatte_kosten"}
    assert set(c["per_wet"]) >= {"wmo", "jeugdwet"}
    for wet in ("wmo", "jeugdwet"):
        assert isinstance(c["per_wet"][wet]["geregistreerd"], int)
        assert GELD.match(c["per_wet"][wet]["geschatte_kosten"])
    [mix] = c["productmix"]
    for sleutel in ("uren_zwaar", "uren_licht", "besparing"):
        assert GELD.match(mix[sleutel])
    for sleutel in ("aandeel_licht", "basis_aandeel_licht"):
        assert AANDEEL.match(mix[sleutel])
    assert set(c["evaluaties"]) >= {"vervallen", "afgerond", "op_tijd", "te_laat", "niet_afgerond", "uitkomsten"}
    assert set(c["evaluaties"]["uitkomsten"]) == {"voortzetten", "afschalen", "beeindigen", "anders_inzetten"}
    assert GELD.match(c["vermeden_kosten"])
    assert set(c["schakelteam"]) >= {"aangevraagd", "akkoord", "afgewezen"}
    assert set(c["toetsing"]) >= {"getoetst", "akkoord", "akkoord_met_opmerking", "niet_akkoord"}
    assert set(c["signalen"]) == {
        "spoed",
        "zwaardere_variant",
        "verlenging",
        "zorgstapeling",
        "mogelijk_wlz",
        "schakelteam_drempel",
    }
    tellingen = [
        c["indicaties"]["geregistreerd"],
        c["indicaties"]["actief_op_tot"],
        *c["evaluaties"]["uitkomsten"].values(),
        *(c["evaluaties"][k] for k in ("vervallen", "afgerond", "op_tijd", "te_laat", "niet_afgerond")),
        *(c["schakelteam"][k] for k in ("aangevraagd", "akkoord", "afgewezen")),
        *(c["toetsing"][k] for k in ("getoetst", "akkoord", "akkoord_met_opmerking", "niet_akkoord")),
        *c["signalen"].values(),
    ]
    assert all(isinstance(t, int) for t in tellingen)
    assert c["indicaties"]["geregistreerd"] == 2


def test_filters_als_extra_queryparameters(api):
    a = gebruiker("consulent")
    x = AanbiederFactory()
    with om(2027, 1, 4):
        maak_indicatie(a, aanbieder=x)
        maak_indicatie(product=ProductFactory(wet="jeugdwet"))
        client = api.als("beleid")
        assert client.get(URL, {"wet": "jeugdwet"}).json()["indicaties"]["geregistreerd"] == 1
        assert client.get(URL, {"aanbieder": str(x.pk)}).json()["indicaties"]["geregistreerd"] == 1
        assert client.get(URL, {"team": a.pk}).json()["indicaties"]["geregistreerd"] == 1
        periode = client.get(URL, {"van": "2026-01-01", "tot": "2026-12-31"}).json()
    assert periode["indicaties"]["geregistreerd"] == 0
    assert (periode["van"], periode["tot"]) == ("2026-01-01", "2026-12-31")


@pytest.mark.parametrize(
    ("params", "veld"),
    [
        ({"van": "1-1-2027"}, "van"),
        ({"van": "2027-02-01", "tot": "2027-01-01"}, "tot"),
        ({"wet": "wlz"}, "wet"),
        ({"aanbieder": "geen-uuid"}, "aanbieder"),
        ({"team": "een"}, "team"),
    ],
)
def test_ongeldige_invoer_geeft_400_problem_json(api, params, veld):
    with om(2027, 3, 1):
        antwoord = api.als("beleid").get(URL, params)
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"].startswith("application/problem+json")
    assert [p["name"] for p in antwoord.json()["invalid_params"]] == [veld]


def test_geen_persoonsgegevens_in_het_antwoord(api):
    with om(2027, 1, 4):
        inwoner = InwonerFactory(voornaam="Wilhelmina", achternaam="Zuiderduijn")  # no accidental match
        indicatie = maak_indicatie(inwoner=inwoner, volume=Decimal("2"), einddatum=datetime.date(2027, 6, 30))
        tekst = api.als("beleid").get(URL).content.decode()
    inwoner = indicatie.inwoner
    for gegeven in (inwoner.bsn, inwoner.voornaam, inwoner.achternaam, str(inwoner.pk), str(indicatie.pk)):
        assert gegeven not in tekst
