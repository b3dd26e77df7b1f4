"""The register's API against docs/api.md: the error shape, bad input, filters and pages, the BSN,
versions (ETag / If-Match), changes that re-run the rules, withdrawing, the history, products with
their tariffs and the OpenAPI document.

Today is Monday 4 January 2027 (10.00 in Amsterdam) unless a test moves the clock.
"""

import datetime
import uuid
from decimal import Decimal

import pytest
import time_machine

from indicaties.models import Evaluatie, Indicatie, Inwoner, Product, Tarief
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, doelen_api, maak_indicatie

pytestmark = pytest.mark.django_db

VANDAAG = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC)
PROBLEM_JSON = "application/problem+json"


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(VANDAAG, tick=False):
        yield


@pytest.fixture
def consulent(api):
    return api.als("consulent")


@pytest.fixture
def beheer(api):
    return api.als("beheer")


def _body(**overrides) -> dict:
    """A valid registration: 6 uur per week from 4 January to 31 August 2027 (€ 11.972,57)."""
    body = {
        "inwoner": str(InwonerFactory().id),
        "product": ProductFactory().code,
        "aanbieder": str(AanbiederFactory().id),
        "volume": "6",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": "2027-01-04",
        "einddatum": "2027-08-31",
        "doelen": doelen_api(),
    }
    body.update(overrides)
    return body


def _fouten(antwoord) -> set[tuple[str, str]]:
    return {(p["name"], p["code"]) for p in antwoord.json()["invalid_params"]}


def _indicatie(client, **overrides) -> Indicatie:
    """An indicatie of the client's own user, made through the service."""
    return maak_indicatie(client.user, **overrides)


# --- problem+json ---------------------------------------------------------------------------------


def test_een_regelovertreding_is_problem_json_met_status_titel_detail_en_invalid_params(consulent):
    antwoord = consulent.post("/api/v1/indicaties/", _body(einddatum="2027-01-03"), format="json")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == PROBLEM_JSON
    data = antwoord.json()
    assert data["status"] == 400
    assert data["title"] and data["detail"]
    [param] = data["invalid_params"]
    assert set(param) == {"name", "code", "reason"}
    assert (param["name"], param["code"]) == ("einddatum", "einddatum_voor_ingangsdatum")
    assert param["reason"]


def test_een_onbekende_indicatie_geeft_404_als_problem_json(consulent):
    antwoord = consulent.get(f"/api/v1/indicaties/{uuid.uuid4()}/")
    assert antwoord.status_code == 404
    assert antwoord["Content-Type"] == PROBLEM_JSON
    assert antwoord.json()["status"] == 404


def test_een_fout_van_het_schema_endpoint_is_json_zoals_het_content_type_zegt(api):
    antwoord = api.get("/api/v1/schema/")
    assert antwoord.status_code == 401
    assert antwoord["Content-Type"] == PROBLEM_JSON
    assert antwoord.json()["status"] == 401


def test_een_browser_krijgt_bij_een_fout_ook_problem_json_en_geen_html(api):
    antwoord = api.get("/api/v1/indicaties/", HTTP_ACCEPT="text/html")
    assert antwoord.status_code == 401
    assert antwoord["Content-Type"] == PROBLEM_JSON
    assert antwoord.json()["status"] == 401


def test_een_indicatie_verwijderen_bestaat_niet_en_geeft_405(consulent):
    indicatie = _indicatie(consulent)
    antwoord = consulent.delete(f"/api/v1/indicaties/{indicatie.id}/")
    assert antwoord.status_code == 405
    assert antwoord["Content-Type"] == PROBLEM_JSON
    assert Indicatie.objects.filter(pk=indicatie.pk).exists()


# --- Bad input: always a 400 with the field and a code, never a 500 ---------------------------------

GEEN_BODY = object()
GEEN_JSON = object()

SLECHTE_INVOER = [
    pytest.param(lambda: GEEN_BODY, ("inwoner", "required"), id="geen body"),
    pytest.param(lambda: GEEN_JSON, ("non_field_errors", "parse_error"), id="geen json"),
    pytest.param(lambda: [], ("non_field_errors", "invalid"), id="een lijst in plaats van een object"),
    pytest.param(lambda: _body(volume="veel"), ("volume", "invalid"), id="volume is tekst"),
    pytest.param(lambda: _body(volume=[6]), ("volume", "invalid"), id="volume is een lijst"),
    pytest.param(lambda: _body(volume="NaN"), ("volume", "invalid"), id="volume is NaN"),
    pytest.param(lambda: _body(ingangsdatum=20270104), ("ingangsdatum", "invalid"), id="datum is een getal"),
    pytest.param(lambda: _body(spoed="misschien"), ("spoed", "invalid"), id="spoed is geen boolean"),
    pytest.param(lambda: _body(einddatum="2027-02-30"), ("einddatum", "invalid"), id="30 februari"),
    pytest.param(lambda: _body(volume="12345678901234567890"), ("volume", "max_digits"), id="enorm volume als tekst"),
    pytest.param(lambda: _body(volume=12345678901234567890), ("volume", "max_digits"), id="enorm volume als getal"),
    pytest.param(lambda: _body(volume="-1"), ("volume", "min_value"), id="negatief volume"),
    pytest.param(lambda: _body(volume="0"), ("volume", "min_value"), id="volume nul"),
    pytest.param(lambda: _body(volume="0.001"), ("volume", "max_decimal_places"), id="volume in duizendsten"),
    pytest.param(lambda: _body(inwoner=str(uuid.uuid4())), ("inwoner", "does_not_exist"), id="onbekende inwoner"),
    pytest.param(lambda: _body(inwoner="abc"), ("inwoner", "invalid"), id="inwoner is geen uuid"),
    pytest.param(lambda: _body(product="ONBEKEND"), ("product", "does_not_exist"), id="onbekend product"),
    pytest.param(lambda: _body(aanbieder=str(uuid.uuid4())), ("aanbieder", "does_not_exist"), id="onbekende aanbieder"),
    pytest.param(lambda: _body(eenheid="jaar"), ("eenheid", "invalid_choice"), id="onbekende eenheid"),
    pytest.param(lambda: _body(frequentie="per_jaar"), ("frequentie", "invalid_choice"), id="onbekende frequentie"),
    pytest.param(lambda: _body(motivatie=None), ("motivatie", "null"), id="motivatie null"),
    pytest.param(lambda: _body(motivatie="a\x00b"), ("motivatie", "null_characters_not_allowed"), id="nul-teken"),
]


@pytest.mark.parametrize(("maak", "fout"), SLECHTE_INVOER)
def test_slechte_invoer_bij_registreren_geeft_400_met_veld_en_code(consulent, maak, fout):
    body = maak()
    if body is GEEN_BODY:
        antwoord = consulent.post("/api/v1/indicaties/")
    elif body is GEEN_JSON:
        antwoord = consulent.post("/api/v1/indicaties/", data="{niet json", content_type="application/json")
    else:
        antwoord = consulent.post("/api/v1/indicaties/", body, format="json")
    assert antwoord.status_code == 400, antwoord.content
    assert antwoord["Content-Type"] == PROBLEM_JSON
    assert fout in _fouten(antwoord)
    for param in antwoord.json()["invalid_params"]:
        assert set(param) == {"name", "code", "reason"}
        assert param["reason"]
    assert not Indicatie.objects.exists()


def test_het_kleinste_volume_van_een_cent_is_toegestaan(consulent):
    antwoord = consulent.post("/api/v1/indicaties/", _body(volume="0.01"), format="json")
    assert antwoord.status_code == 201, antwoord.json()


@pytest.mark.parametrize(
    ("query", "fout"),
    [
        pytest.param("?inwoner=abc", ("inwoner", "invalid"), id="inwoner is geen uuid"),
        pytest.param("?status=onbekend", ("status", "invalid_choice"), id="onbekende status"),
    ],
)
def test_een_ongeldig_filter_geeft_400_met_het_filter_als_naam(consulent, query, fout):
    antwoord = consulent.get(f"/api/v1/indicaties/{query}")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == PROBLEM_JSON
    assert _fouten(antwoord) == {fout}


def test_geen_json_bij_wijzigen_geeft_400(consulent):
    indicatie = _indicatie(consulent)
    antwoord = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", data="{x", content_type="application/json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {("non_field_errors", "parse_error")}


@pytest.mark.parametrize(
    "veld",
    ["status", "inwoner", "geschatte_kosten", "consulent", "versie"],
)
def test_een_gegeven_dat_niet_kan_veranderen_wordt_geweigerd_en_niet_stil_genegeerd(consulent, veld):
    indicatie = _indicatie(consulent)
    waarden = {
        "status": "afgewezen",
        "inwoner": str(InwonerFactory().id),
        "geschatte_kosten": "1.00",
        "consulent": 1,
        "versie": 99,
    }
    antwoord = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {veld: waarden[veld]}, format="json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {(veld, "niet_wijzigbaar")}
    opnieuw = Indicatie.objects.get(pk=indicatie.pk)
    assert (opnieuw.status, opnieuw.inwoner_id, opnieuw.versie) == (indicatie.status, indicatie.inwoner_id, 1)


# --- Registering and reading ------------------------------------------------------------------------


def test_een_geregistreerde_indicatie_toont_de_leesvelden_van_api_md(consulent):
    antwoord = consulent.post("/api/v1/indicaties/", _body(), format="json")
    assert antwoord.status_code == 201
    data = antwoord.json()
    uuid.UUID(data["id"])
    assert data["status"] == "toegewezen"
    assert data["uren_per_week"] == "6.00"
    assert data["geschatte_kosten"] == "11972.57"
    assert data["consulent"] == consulent.user.pk
    assert data["signalen"] == []
    assert Evaluatie.objects.get(indicatie_id=data["id"]).id == uuid.UUID(data["evaluatie"])


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"volume": "4", "motivatie": "Twee keer per week\r\nondersteuning."},
        {"volume": "26"},
        {
            "volume": "4",
            "ingangsdatum": "2027-01-01",
            "spoed": True,
            "spoed_reden": "Mantelzorger weg",
            "einddatum": None,
        },
    ],
    ids=["met_evaluatie", "zonder_evaluatie", "boven_de_drempel_met_signaal", "spoed_zonder_einddatum"],
)
def test_het_antwoord_op_een_registratie_is_wat_het_lezen_ervan_geeft(consulent, overrides):
    antwoord = consulent.post("/api/v1/indicaties/", _body(**overrides), format="json")
    assert antwoord.status_code == 201, antwoord.json()
    gelezen = consulent.get(f"/api/v1/indicaties/{antwoord.json()['id']}/")
    assert antwoord.json() == gelezen.json()
    assert antwoord["ETag"] == gelezen["ETag"]


# --- Filters and pages ------------------------------------------------------------------------------


def test_filter_op_inwoner_geeft_alleen_de_indicaties_van_die_inwoner(consulent):
    inwoner = InwonerFactory()
    eigen = {str(_indicatie(consulent, inwoner=inwoner).id), str(_indicatie(consulent, inwoner=inwoner).id)}
    _indicatie(consulent)
    antwoord = consulent.get(f"/api/v1/indicaties/?inwoner={inwoner.id}")
    assert antwoord.status_code == 200
    assert {r["id"] for r in antwoord.json()["results"]} == eigen


def test_filter_op_status_geeft_alleen_indicaties_met_die_status(consulent):
    wachtend = _indicatie(consulent, product=ProductFactory(tarief="116.40"), volume=Decimal("14"))
    _indicatie(consulent)
    assert wachtend.status == "wacht_op_schakelteam"
    antwoord = consulent.get("/api/v1/indicaties/?status=wacht_op_schakelteam")
    assert [r["id"] for r in antwoord.json()["results"]] == [str(wachtend.id)]


def test_de_lijst_is_in_paginas_verdeeld_zonder_dubbelen(consulent):
    alle = {str(_indicatie(consulent).id) for _ in range(3)}
    eerste = consulent.get("/api/v1/indicaties/?page_size=2").json()
    assert eerste["count"] == 3
    assert len(eerste["results"]) == 2
    assert eerste["previous"] is None
    tweede = consulent.get(eerste["next"]).json()
    assert len(tweede["results"]) == 1
    assert tweede["next"] is None
    assert {r["id"] for r in eerste["results"] + tweede["results"]} == alle


def test_een_pagina_voorbij_het_einde_geeft_404_als_problem_json(consulent):
    _indicatie(consulent)
    antwoord = consulent.get("/api/v1/indicaties/?page=2")
    assert antwoord.status_code == 404
    assert antwoord["Content-Type"] == PROBLEM_JSON


# --- Inwoners and the BSN ---------------------------------------------------------------------------

GELDIG_BSN = "123456782"  # 9·1 + 8·2 + … + 2·8 − 1·2 = 154 = 14·11


def _inwoner_body(bsn: str) -> dict:
    return {"bsn": bsn, "voornaam": "Fatima", "achternaam": "El Amrani", "geboortedatum": "1990-03-12"}


def test_de_lijst_van_inwoners_toont_het_bsn_gemaskeerd(consulent):
    InwonerFactory(bsn=GELDIG_BSN)
    antwoord = consulent.get("/api/v1/inwoners/")
    assert antwoord.status_code == 200
    assert [r["bsn"] for r in antwoord.json()["results"]] == ["*****6782"]
    assert GELDIG_BSN not in antwoord.content.decode()


def test_het_detail_van_een_inwoner_toont_het_volledige_bsn(consulent):
    inwoner = InwonerFactory(bsn=GELDIG_BSN)
    antwoord = consulent.get(f"/api/v1/inwoners/{inwoner.id}/")
    assert antwoord.json()["bsn"] == GELDIG_BSN


def test_een_bsn_dat_de_elfproef_haalt_wordt_geregistreerd_met_de_maker_als_regisseur(consulent):
    antwoord = consulent.post("/api/v1/inwoners/", _inwoner_body(GELDIG_BSN), format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["bsn"] == GELDIG_BSN
    assert antwoord.json()["regisseur"] == consulent.user.pk


@pytest.mark.parametrize(
    "bsn",
    [
        pytest.param("123456783", id="laatste cijfer een te hoog"),
        pytest.param("000000000", id="alleen nullen"),
        pytest.param("12345678", id="8 cijfers"),
        pytest.param("1234567820", id="10 cijfers"),
        pytest.param("12345678a", id="een letter"),
        pytest.param("１２３４５６７８２", id="brede cijfers"),
    ],
)
def test_een_ongeldig_bsn_geeft_400_bsn_ongeldig_en_slaat_niets_op(consulent, bsn):
    antwoord = consulent.post("/api/v1/inwoners/", _inwoner_body(bsn), format="json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {("bsn", "bsn_ongeldig")}
    assert not Inwoner.objects.exists()


def test_een_tweede_inwoner_met_hetzelfde_bsn_geeft_400_en_geen_serverfout(consulent):
    InwonerFactory(bsn=GELDIG_BSN)
    antwoord = consulent.post("/api/v1/inwoners/", _inwoner_body(GELDIG_BSN), format="json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {("bsn", "unique")}
    assert Inwoner.objects.count() == 1


def test_het_bsn_wijzigen_in_dat_van_een_ander_geeft_400(consulent):
    InwonerFactory(bsn=GELDIG_BSN)
    inwoner = InwonerFactory()
    antwoord = consulent.patch(f"/api/v1/inwoners/{inwoner.id}/", {"bsn": GELDIG_BSN}, format="json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {("bsn", "unique")}


def test_het_bsn_wijzigen_in_een_ongeldig_bsn_geeft_bsn_ongeldig(consulent):
    inwoner = InwonerFactory()
    antwoord = consulent.patch(f"/api/v1/inwoners/{inwoner.id}/", {"bsn": "123456783"}, format="json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {("bsn", "bsn_ongeldig")}
    assert Inwoner.objects.get(pk=inwoner.pk).bsn == inwoner.bsn


# --- Versions: ETag and If-Match ----------------------------------------------------------------------


def test_het_detail_heeft_een_etag_die_na_een_wijziging_verandert(consulent):
    indicatie = _indicatie(consulent)
    voor = consulent.get(f"/api/v1/indicaties/{indicatie.id}/")["ETag"]
    gewijzigd = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {"motivatie": "Meer."}, format="json")
    na = consulent.get(f"/api/v1/indicaties/{indicatie.id}/")["ETag"]
    assert voor.startswith('"') and voor.endswith('"')
    assert na != voor
    assert gewijzigd["ETag"] == na


@pytest.mark.parametrize("body", [{}, {"volume": "6.00", "motivatie": ""}])
def test_wijzigen_zonder_verschil_maakt_geen_nieuwe_versie_en_geen_historie(consulent, body):
    indicatie = _indicatie(consulent)
    voor = consulent.get(f"/api/v1/indicaties/{indicatie.id}/")
    antwoord = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", body, format="json")
    assert antwoord.status_code == 200
    assert antwoord.json()["versie"] == voor.json()["versie"] == 1
    assert antwoord["ETag"] == voor["ETag"]
    assert len(consulent.get(f"/api/v1/indicaties/{indicatie.id}/historie/").json()) == 1


def test_wijzigen_met_een_verouderde_if_match_geeft_412_en_wijzigt_niets(consulent):
    indicatie = _indicatie(consulent)
    oud = consulent.get(f"/api/v1/indicaties/{indicatie.id}/")["ETag"]
    consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {"motivatie": "Eerste."}, format="json")
    antwoord = consulent.patch(
        f"/api/v1/indicaties/{indicatie.id}/", {"motivatie": "Tweede."}, format="json", HTTP_IF_MATCH=oud
    )
    assert antwoord.status_code == 412
    assert antwoord["Content-Type"] == PROBLEM_JSON
    assert Indicatie.objects.get(pk=indicatie.pk).motivatie == "Eerste."


def test_wijzigen_met_de_huidige_if_match_slaagt(consulent):
    indicatie = _indicatie(consulent)
    huidig = consulent.get(f"/api/v1/indicaties/{indicatie.id}/")["ETag"]
    antwoord = consulent.patch(
        f"/api/v1/indicaties/{indicatie.id}/", {"motivatie": "Meer."}, format="json", HTTP_IF_MATCH=huidig
    )
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["motivatie"] == "Meer."


def test_wijzigen_met_if_match_ster_slaagt_ook_na_een_andere_wijziging(consulent):
    indicatie = _indicatie(consulent)
    consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {"motivatie": "Eerste."}, format="json")
    antwoord = consulent.patch(
        f"/api/v1/indicaties/{indicatie.id}/", {"motivatie": "Tweede."}, format="json", HTTP_IF_MATCH="*"
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["motivatie"] == "Tweede."


# --- A change re-runs every rule --------------------------------------------------------------------


def test_einddatum_verschuiven_naar_de_laatste_toegestane_dag_mag(consulent):
    indicatie = _indicatie(consulent)
    antwoord = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {"einddatum": "2027-09-03"}, format="json")
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["einddatum"] == "2027-09-03"


def test_einddatum_een_dag_voorbij_8_maanden_geeft_max_duur_8_maanden(consulent):
    indicatie = _indicatie(consulent)
    antwoord = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {"einddatum": "2027-09-04"}, format="json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {("einddatum", "max_duur_8_maanden")}
    assert Indicatie.objects.get(pk=indicatie.pk).einddatum == datetime.date(2027, 8, 31)


def test_volume_net_onder_de_drempel_laat_de_indicatie_toegewezen(consulent):
    indicatie = _indicatie(consulent)
    # 25 uur × € 58,20 × 240/7 dagen = € 49.885,71
    antwoord = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {"volume": "25"}, format="json")
    assert antwoord.json()["geschatte_kosten"] == "49885.71"
    assert antwoord.json()["status"] == "toegewezen"


def test_volume_boven_de_drempel_laat_de_indicatie_op_het_schakelteam_wachten(consulent):
    indicatie = _indicatie(consulent)
    # 26 uur × € 58,20 × 240/7 dagen = € 51.881,14
    antwoord = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {"volume": "26"}, format="json")
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["geschatte_kosten"] == "51881.14"
    assert antwoord.json()["status"] == "wacht_op_schakelteam"


def test_ingangsdatum_naar_gisteren_geeft_geen_terugwerkende_kracht(consulent):
    indicatie = _indicatie(consulent)
    antwoord = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {"ingangsdatum": "2027-01-03"}, format="json")
    assert antwoord.status_code == 400
    assert ("ingangsdatum", "geen_terugwerkende_kracht") in _fouten(antwoord)


def test_een_zwaardere_variant_kiezen_zonder_motivatie_geeft_400(consulent):
    indicatie = _indicatie(consulent)
    zwaar = ProductFactory(lichtere_variant=ProductFactory())
    antwoord = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {"product": zwaar.code}, format="json")
    assert antwoord.status_code == 400
    assert {code for _, code in _fouten(antwoord)} == {"motivatie_zwaardere_variant"}
    assert Indicatie.objects.get(pk=indicatie.pk).product_id == indicatie.product_id


# --- Withdrawing (intrekken) ------------------------------------------------------------------------

MORGEN = datetime.date(2027, 1, 5)


def test_intrekken_voor_de_ingangsdatum_zet_de_status_op_ingetrokken(consulent):
    indicatie = _indicatie(consulent, ingangsdatum=MORGEN)
    antwoord = consulent.post(f"/api/v1/indicaties/{indicatie.id}/intrekken/", {"reden": "Verhuisd."}, format="json")
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["status"] == "ingetrokken"
    assert antwoord.json()["reden_status"] == "Verhuisd."


def test_intrekken_annuleert_de_geplande_evaluatie(consulent):
    indicatie = _indicatie(consulent, ingangsdatum=MORGEN)
    assert Evaluatie.objects.get(indicatie=indicatie).status == "gepland"
    antwoord = consulent.post(f"/api/v1/indicaties/{indicatie.id}/intrekken/", {"reden": "Verhuisd."}, format="json")
    assert antwoord.json()["evaluatie"] is None
    assert Evaluatie.objects.get(indicatie=indicatie).status == "geannuleerd"


def test_intrekken_op_de_ingangsdatum_zelf_geeft_409(consulent):
    indicatie = _indicatie(consulent, ingangsdatum=datetime.date(2027, 1, 4))
    antwoord = consulent.post(f"/api/v1/indicaties/{indicatie.id}/intrekken/", {"reden": "Verhuisd."}, format="json")
    assert antwoord.status_code == 409
    assert antwoord["Content-Type"] == PROBLEM_JSON
    assert Indicatie.objects.get(pk=indicatie.pk).status == "toegewezen"


def test_intrekken_na_de_ingangsdatum_geeft_409(consulent):
    indicatie = _indicatie(consulent, ingangsdatum=MORGEN)
    with time_machine.travel(datetime.datetime(2027, 1, 6, 9, 0, tzinfo=datetime.UTC), tick=False):
        antwoord = consulent.post(
            f"/api/v1/indicaties/{indicatie.id}/intrekken/", {"reden": "Verhuisd."}, format="json"
        )
    assert antwoord.status_code == 409
    assert Indicatie.objects.get(pk=indicatie.pk).status == "toegewezen"


@pytest.mark.parametrize(
    ("body", "fout"),
    [
        pytest.param({}, ("reden", "required"), id="geen reden"),
        pytest.param({"reden": None}, ("reden", "null"), id="reden null"),
        pytest.param({"reden": "   "}, ("reden", "reden_verplicht"), id="reden alleen spaties"),
    ],
)
def test_intrekken_zonder_reden_geeft_400(consulent, body, fout):
    indicatie = _indicatie(consulent, ingangsdatum=MORGEN)
    antwoord = consulent.post(f"/api/v1/indicaties/{indicatie.id}/intrekken/", body, format="json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {fout}
    assert Indicatie.objects.get(pk=indicatie.pk).status == "toegewezen"


def test_een_ingetrokken_indicatie_wijzigen_geeft_409(consulent):
    indicatie = _indicatie(consulent, ingangsdatum=MORGEN)
    consulent.post(f"/api/v1/indicaties/{indicatie.id}/intrekken/", {"reden": "Verhuisd."}, format="json")
    antwoord = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {"motivatie": "Toch."}, format="json")
    assert antwoord.status_code == 409
    assert antwoord["Content-Type"] == PROBLEM_JSON
    assert Indicatie.objects.get(pk=indicatie.pk).motivatie == ""


def test_een_ingetrokken_indicatie_nogmaals_intrekken_geeft_409(consulent):
    indicatie = _indicatie(consulent, ingangsdatum=MORGEN)
    consulent.post(f"/api/v1/indicaties/{indicatie.id}/intrekken/", {"reden": "Verhuisd."}, format="json")
    antwoord = consulent.post(f"/api/v1/indicaties/{indicatie.id}/intrekken/", {"reden": "Nog eens."}, format="json")
    assert antwoord.status_code == 409


# --- History ----------------------------------------------------------------------------------------


def _historie_na_een_wijziging(client):
    indicatie = _indicatie(client)
    with time_machine.travel(datetime.datetime(2027, 1, 4, 10, 30, tzinfo=datetime.UTC), tick=False):
        client.patch(f"/api/v1/indicaties/{indicatie.id}/", {"volume": "8"}, format="json")
    antwoord = client.get(f"/api/v1/indicaties/{indicatie.id}/historie/")
    assert antwoord.status_code == 200
    return antwoord.json()


def test_historie_begint_bij_de_registratie_en_toont_daarna_de_wijziging(consulent):
    historie = _historie_na_een_wijziging(consulent)
    assert [v["type"] for v in historie] == ["+", "~"]
    assert historie[0]["tijdstip"] < historie[1]["tijdstip"]
    assert historie[0]["datum"] <= historie[1]["datum"] == "2027-01-04"
    assert historie[1]["tijdstip"] == "2027-01-04T11:30:00+01:00"


def test_historie_toont_bij_een_wijziging_alleen_de_gewijzigde_velden_met_oud_en_nieuw(consulent):
    wijziging = _historie_na_een_wijziging(consulent)[1]["wijzigingen"]
    assert wijziging["volume"] == ["6.00", "8.00"]
    assert wijziging["versie"] == [1, 2]
    assert "inwoner" not in wijziging
    assert "ingangsdatum" not in wijziging


def test_historie_noemt_een_product_bij_zijn_code_zoals_de_api_het_schrijft(consulent):
    oud, nieuw = ProductFactory(), ProductFactory()
    indicatie = _indicatie(consulent, product=oud)
    antwoord = consulent.patch(f"/api/v1/indicaties/{indicatie.id}/", {"product": nieuw.code}, format="json")
    assert antwoord.status_code == 200, antwoord.json()
    historie = consulent.get(f"/api/v1/indicaties/{indicatie.id}/historie/").json()
    assert historie[0]["wijzigingen"]["product"] == [None, oud.code]
    assert historie[1]["wijzigingen"]["product"] == [oud.code, nieuw.code]


def test_historie_noemt_bij_elke_versie_de_gebruiker_en_de_reden(consulent):
    historie = _historie_na_een_wijziging(consulent)
    assert {v["gebruiker"] for v in historie} == {consulent.user.username}
    assert historie[0]["reden"] == "Indicatie geregistreerd"
    assert historie[1]["reden"] == "Indicatie gewijzigd"


def test_historie_van_een_intrekking_bevat_de_opgegeven_reden(consulent):
    indicatie = _indicatie(consulent, ingangsdatum=MORGEN)
    consulent.post(f"/api/v1/indicaties/{indicatie.id}/intrekken/", {"reden": "Verhuisd."}, format="json")
    laatste = consulent.get(f"/api/v1/indicaties/{indicatie.id}/historie/").json()[-1]
    assert laatste["wijzigingen"]["status"] == ["toegewezen", "ingetrokken"]
    assert "Verhuisd." in laatste["reden"]


@pytest.mark.parametrize("methode", ["post", "patch", "put", "delete"])
def test_historie_kan_via_de_api_niet_worden_gewijzigd(consulent, methode):
    indicatie = _indicatie(consulent)
    antwoord = getattr(consulent, methode)(f"/api/v1/indicaties/{indicatie.id}/historie/", {}, format="json")
    assert antwoord.status_code == 405
    assert indicatie.history.count() == 1


# --- Products and tariffs ---------------------------------------------------------------------------


def _product_body(*tarieven, code="45A65") -> dict:
    return {
        "code": code,
        "naam": "Behandeling individueel",
        "wet": "jeugdwet",
        "eenheid": "uur",
        "tarieven": [{"geldig_van": van, "geldig_tot": tot, "bedrag": bedrag} for van, tot, bedrag in tarieven],
    }


def test_beheer_maakt_een_product_met_zijn_tarieven_in_een_verzoek(beheer):
    body = _product_body(("2026-01-01", "2026-12-31", "58.20"), ("2027-01-01", None, "60.10"))
    antwoord = beheer.post("/api/v1/producten/", body, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["tarieven"] == [
        {"geldig_van": "2026-01-01", "geldig_tot": "2026-12-31", "bedrag": "58.20"},
        {"geldig_van": "2027-01-01", "geldig_tot": None, "bedrag": "60.10"},
    ]
    assert Tarief.objects.filter(product__code="45A65").count() == 2


def test_tarieven_die_een_dag_overlappen_geven_400_tarief_overlap_en_niets_wordt_opgeslagen(beheer):
    body = _product_body(("2026-01-01", "2027-01-01", "58.20"), ("2027-01-01", None, "60.10"))
    antwoord = beheer.post("/api/v1/producten/", body, format="json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {("tarieven", "tarief_overlap")}
    assert not Product.objects.filter(code="45A65").exists()


def test_een_open_tarief_gevolgd_door_een_later_tarief_overlapt(beheer):
    body = _product_body(("2026-01-01", None, "58.20"), ("2027-01-01", None, "60.10"))
    antwoord = beheer.post("/api/v1/producten/", body, format="json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {("tarieven", "tarief_overlap")}


def test_overlappende_tarieven_bij_wijzigen_geven_400_en_laten_de_oude_tarieven_staan(beheer):
    product = ProductFactory()
    body = {"tarieven": _product_body(("2026-01-01", None, "1.00"), ("2026-06-01", None, "2.00"))["tarieven"]}
    antwoord = beheer.patch(f"/api/v1/producten/{product.id}/", body, format="json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {("tarieven", "tarief_overlap")}
    assert list(product.tarieven.values_list("bedrag", flat=True)) == [Decimal("58.20")]


@pytest.mark.parametrize(
    ("tarieven", "fout"),
    [
        pytest.param("x", ("tarieven", "not_a_list"), id="geen lijst"),
        pytest.param([{"geldig_van": "2027-01-01"}], ("tarieven.0.bedrag", "required"), id="zonder bedrag"),
        pytest.param(
            [{"geldig_van": "2027-02-30", "bedrag": "1"}], ("tarieven.0.geldig_van", "invalid"), id="30 februari"
        ),
        pytest.param(
            [{"geldig_van": "2027-01-01", "bedrag": "0"}], ("tarieven.0.bedrag", "min_value"), id="bedrag nul"
        ),
    ],
)
def test_slechte_tarieven_geven_400_met_het_pad_van_het_veld(beheer, tarieven, fout):
    body = {**_product_body(), "tarieven": tarieven}
    antwoord = beheer.post("/api/v1/producten/", body, format="json")
    assert antwoord.status_code == 400
    assert _fouten(antwoord) == {fout}


def test_filter_op_code_geeft_alleen_dat_product(api):
    ProductFactory(code="45A65")
    ProductFactory(code="45A66")
    antwoord = api.als("beleid").get("/api/v1/producten/?code=45A65")
    assert antwoord.status_code == 200
    assert [p["code"] for p in antwoord.json()["results"]] == ["45A65"]


# --- The OpenAPI document ---------------------------------------------------------------------------


@pytest.mark.parametrize("pad", ["/api/v1/openapi.json", "/api/v1/schema?format=json", "/api/v1/schema/?format=json"])
def test_het_openapi_document_wordt_aan_een_ingelogde_gebruiker_geserveerd(api, pad):
    antwoord = api.als().get(pad)
    assert antwoord.status_code == 200
    document = antwoord.json()
    assert document["openapi"].startswith("3.")
    # The paths are relative to the server, which carries the major version (NL API Design Rules).
    assert document["servers"][0]["url"] == "/api/v1"
    assert "/indicaties/{id}/historie" in document["paths"]
    assert set(document["paths"]["/indicaties/{id}"]) >= {"get", "patch"}
