"""The API as docs/api.md describes it since v1.1 (NL API Design Rules), and as v1.0 clients still
use it: paths without a trailing slash and with one, lowerCamelCase query keys and their snake_case
names of v1.0, `API-Version` on every answer, problem+json for an unknown path in every
configuration, JSON types as documented, and Dutch messages."""

import json
import uuid

import pytest
from django.conf import settings
from django.test import override_settings

from tests.factories import AanbiederFactory

pytestmark = pytest.mark.django_db
PROBLEM_JSON = "application/problem+json"


def _invalid(antwoord) -> dict[str, tuple[str, str]]:
    assert antwoord.status_code == 400, antwoord.content
    assert antwoord["Content-Type"] == PROBLEM_JSON
    return {p["name"]: (p["code"], p["reason"]) for p in antwoord.json()["invalid_params"]}


# --- Paths ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("pad", ["/api/v1/aanbieders", "/api/v1/aanbieders/"])
def test_een_lijst_antwoordt_met_en_zonder_slash_hetzelfde(api, pad):
    AanbiederFactory(naam="Zorg Oost")
    antwoord = api.als("beheer").get(pad)
    assert antwoord.status_code == 200
    assert [a["naam"] for a in antwoord.json()["results"]] == ["Zorg Oost"]


@pytest.mark.parametrize("pad", ["/api/v1/aanbieders", "/api/v1/aanbieders/"])
def test_een_post_met_en_zonder_slash_wordt_niet_omgeleid_en_houdt_zijn_inhoud(api, pad):
    antwoord = api.als("beheer").post(pad, {"naam": "Zorg BV", "agb_code": "12345678"}, format="json")
    assert antwoord.status_code == 201, antwoord.content
    assert antwoord.json()["naam"] == "Zorg BV"


@pytest.mark.parametrize("slash", ["", "/"])
def test_een_detail_en_een_actie_antwoorden_met_en_zonder_slash(api, slash):
    aanbieder = AanbiederFactory()
    client = api.als("beheer")
    assert client.get(f"/api/v1/aanbieders/{aanbieder.pk}{slash}").status_code == 200
    gewijzigd = client.patch(f"/api/v1/aanbieders/{aanbieder.pk}{slash}", {"naam": "Nieuw"}, format="json")
    assert (gewijzigd.status_code, gewijzigd.json()["naam"]) == (200, "Nieuw")


@pytest.mark.parametrize("pad", ["/api/v1/openapi.json", "/api/v1/schema", "/api/v1/docs", "/api/v1/redoc"])
def test_de_beschrijving_staat_op_de_paden_zonder_slash(api, pad):
    assert api.als().get(pad).status_code == 200


@pytest.mark.parametrize("accept", ["*/*", "application/json", "text/html,application/xhtml+xml,*/*;q=0.8"])
def test_openapi_json_is_json_ook_voor_een_browser(api, accept):
    antwoord = api.als().get("/api/v1/openapi.json", HTTP_ACCEPT=accept)
    assert antwoord["Content-Type"].split(";")[0] in ("application/vnd.oai.openapi+json", "application/json")
    assert json.loads(antwoord.content)["info"]["version"] == settings.API_VERSIE


def test_een_id_zonder_streepjes_is_geen_adres(api):
    aanbieder = AanbiederFactory()
    antwoord = api.als("beheer").get(f"/api/v1/aanbieders/{aanbieder.pk.hex}")
    assert (antwoord.status_code, antwoord["Content-Type"]) == (404, PROBLEM_JSON)


# --- API-Version and unknown paths ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pad", "status"),
    [("/api/v1/aanbieders", 200), ("/api/v1/indicaties", 403), ("/api/v1/bestaat-niet", 404)],
)
def test_elk_antwoord_draagt_de_volledige_api_versie(api, pad, status):
    antwoord = api.als("beheer").get(pad)
    assert antwoord.status_code == status
    assert antwoord["API-Version"] == settings.API_VERSIE == "1.1.0"


def test_ook_een_antwoord_zonder_inloggen_draagt_de_api_versie(api):
    antwoord = api.get("/api/v1/aanbieders")
    assert (antwoord.status_code, antwoord["API-Version"]) == (401, settings.API_VERSIE)


def test_een_pagina_buiten_de_api_heeft_geen_api_versie(client):
    assert "API-Version" not in client.get("/inloggen/")


@override_settings(DEBUG=True)
@pytest.mark.parametrize("pad", ["/api/v1/bestaat-niet", "/api/v1/indicaties/abc", "/api/v2/indicaties"])
def test_een_onbekend_api_pad_is_ook_met_debug_aan_problem_json(api, pad):
    antwoord = api.als("consulent").get(pad)
    assert antwoord.status_code == 404
    assert antwoord["Content-Type"] == PROBLEM_JSON
    assert antwoord.json()["title"] == "Niet gevonden"
    assert antwoord["API-Version"] == settings.API_VERSIE


# --- Query keys ----------------------------------------------------------------------------------------------


def test_page_size_heet_nu_pagesize(api):
    AanbiederFactory.create_batch(3)
    antwoord = api.als("beheer").get("/api/v1/aanbieders?pageSize=2")
    assert (antwoord.json()["count"], len(antwoord.json()["results"])) == (3, 2)
    assert "pageSize=2" in antwoord.json()["next"]


@pytest.mark.parametrize("waarde", ["0", "-1", "501", "abc", "", "2.5", "١"])
def test_een_pagesize_buiten_1_tot_500_is_400(api, waarde):
    fouten = _invalid(api.als("beheer").get(f"/api/v1/aanbieders?pageSize={waarde}"))
    assert list(fouten) == ["pageSize"]


def test_pagesize_500_mag(api):
    assert api.als("beheer").get("/api/v1/aanbieders?pageSize=500").status_code == 200


@pytest.mark.parametrize(("waarde", "grootte"), [("2", 2), ("1000", 500), ("0", 50), ("abc", 50)])
def test_page_size_van_v1_0_werkt_nog_zoals_toen(api, waarde, grootte):
    AanbiederFactory.create_batch(3)
    antwoord = api.als("beheer").get(f"/api/v1/aanbieders/?page_size={waarde}")
    assert antwoord.status_code == 200
    assert len(antwoord.json()["results"]) == min(3, grootte)


@pytest.mark.parametrize("waarde", ["0", "abc", ""])
def test_een_paginanummer_dat_geen_getal_is_is_400(api, waarde):
    assert list(_invalid(api.als("beheer").get(f"/api/v1/aanbieders?page={waarde}"))) == ["page"]


def test_een_pagina_na_de_laatste_blijft_404(api):
    antwoord = api.als("beheer").get("/api/v1/aanbieders?page=2")
    assert (antwoord.status_code, antwoord["Content-Type"]) == (404, PROBLEM_JSON)


@pytest.mark.parametrize("sleutels", [("vanWeek", "totWeek"), ("van_week", "tot_week")])
def test_het_toetsingsoverzicht_leest_vanweek_en_totweek_en_de_namen_van_v1_0(api, sleutels):
    van, tot = sleutels
    antwoord = api.als("backoffice").get(f"/api/v1/toetsingen/overzicht?{van}=2027-W01&{tot}=2027-W13")
    assert antwoord.status_code == 200
    assert (antwoord.json()["van_week"], antwoord.json()["tot_week"]) == ("2027-W01", "2027-W13")
    assert list(_invalid(api.get(f"/api/v1/toetsingen/overzicht?{van}=gisteren"))) == [van]


def test_een_onbekend_formaat_in_de_query_is_400_en_een_onbekende_extensie_404(api):
    client = api.als("beheer")
    assert list(_invalid(client.get("/api/v1/aanbieders?format=xml"))) == ["format"]
    assert client.get("/api/v1/aanbieders.xml").status_code == 404


@pytest.mark.parametrize(
    "waarde", ["abc", "0123456789abcdef0123456789abcdef", "{12345678-1234-1234-1234-123456789abc}"]
)
def test_een_id_filter_moet_een_uuid_zoals_in_de_antwoorden_zijn(api, waarde):
    assert list(_invalid(api.als("consulent").get(f"/api/v1/indicaties?inwoner={waarde}"))) == ["inwoner"]


# --- JSON types as documented ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({"naam": 12345678, "agb_code": "12345678"}, "naam"),
        ({"naam": "Zorg", "agb_code": 12345678}, "agb_code"),
        ({"naam": "Zorg", "agb_code": "12345678", "budgetplafond": True}, "budgetplafond"),
        ({"naam": "Zorg", "agb_code": "12345678", "budgetplafond": "1e5"}, "budgetplafond"),
        ({"naam": "Zorg", "agb_code": "12345678", "budgetplafond": " 100"}, "budgetplafond"),
    ],
)
def test_een_waarde_van_het_verkeerde_json_type_is_400_invalid(api, body, veld):
    fouten = _invalid(api.als("beheer").post("/api/v1/aanbieders", body, format="json"))
    assert fouten[veld][0] == "invalid"


@pytest.mark.parametrize("bedrag", ["100.50", 100.5, 100])
def test_een_bedrag_mag_als_tekst_en_als_getal(api, bedrag):
    antwoord = api.als("beheer").post(
        "/api/v1/aanbieders", {"naam": "Zorg", "agb_code": "12345678", "budgetplafond": bedrag}, format="json"
    )
    assert antwoord.status_code == 201, antwoord.content


@pytest.mark.parametrize("gelezen", ["true", 1, "ja", None])
def test_gelezen_is_true_of_false(api, gelezen):
    from notifications.models import Notificatie

    client = api.als("consulent")
    notificatie = Notificatie.objects.create(ontvanger=client.user, soort="evaluatie_open", sleutel="x", onderwerp="X")
    fouten = _invalid(client.patch(f"/api/v1/notificaties/{notificatie.pk}", {"gelezen": gelezen}, format="json"))
    assert fouten["gelezen"][0] in ("invalid", "null")


@pytest.mark.parametrize(("datum", "geldig"), [("2027-02-01", True), ("20270201", False), ("2027-2-1", False)])
def test_een_datum_is_jjjj_mm_dd(api, datum, geldig):
    body = {
        "code": "45A65",
        "naam": "Behandeling",
        "wet": "jeugdwet",
        "eenheid": "uur",
        "tarieven": [{"geldig_van": datum, "bedrag": "60.00"}],
    }
    antwoord = api.als("beheer").post("/api/v1/producten", body, format="json")
    if geldig:
        assert antwoord.status_code == 201, antwoord.content
    else:
        assert _invalid(antwoord)["tarieven.0.geldig_van"] == (
            "invalid",
            "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2027-02-01.",
        )


def test_een_formulier_blijft_zoals_drf_het_leest(api):
    """The browsable API posts a form, where everything is text; its leniency stays."""
    client = api.als("beheer")
    antwoord = client.post("/api/v1/aanbieders", {"naam": "Zorg", "agb_code": "12345678", "budgetplafond": "100"})
    assert antwoord.status_code == 201, antwoord.content


# --- Dutch messages -----------------------------------------------------------------------------------------------

ENGELS = ("JSON parse error", "Expecting", "has wrong format", "Invalid pk", "object does not exist", "This field")


def _geen_engels(antwoord) -> None:
    tekst = antwoord.content.decode()
    assert not [woord for woord in ENGELS if woord in tekst], tekst


def test_een_body_die_geen_json_is_krijgt_een_nederlandse_uitleg_met_de_plek(api):
    antwoord = api.als("beheer").post("/api/v1/aanbieders", '{"naam": "Zorg",}', content_type="application/json")
    assert _invalid(antwoord)["non_field_errors"][0] == "parse_error"
    assert "regel 1, teken 17" in _invalid(antwoord)["non_field_errors"][1]
    _geen_engels(antwoord)


def test_een_onbekende_verwijzing_is_nederlands(api):
    inwoner = str(uuid.uuid4())
    antwoord = api.als("consulent").post("/api/v1/indicaties", {"inwoner": inwoner}, format="json")
    assert _invalid(antwoord)["inwoner"] == ("does_not_exist", f'Er bestaat niets met id "{inwoner}".')
    _geen_engels(antwoord)


def test_een_verkeerde_datum_en_een_onbekende_keuze_zijn_nederlands(api):
    antwoord = api.als("consulent").post(
        "/api/v1/indicaties", {"ingangsdatum": "1-2-2027", "eenheid": "jaar"}, format="json"
    )
    fouten = _invalid(antwoord)
    assert fouten["ingangsdatum"][1] == "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2027-02-01."
    assert fouten["eenheid"] == ("invalid_choice", '"jaar" is geen geldige keuze.')
    _geen_engels(antwoord)


def test_een_ander_mediatype_is_415_in_het_nederlands(api):
    antwoord = api.als("beheer").post("/api/v1/aanbieders", "<aanbieder/>", content_type="application/xml")
    assert (antwoord.status_code, antwoord["Content-Type"]) == (415, PROBLEM_JSON)
    assert antwoord.json()["detail"].startswith('Het mediatype "application/xml" wordt niet ondersteund.')


def test_een_methode_die_er_niet_is_is_405_in_het_nederlands(api):
    antwoord = api.als("beheer").delete(f"/api/v1/aanbieders/{AanbiederFactory().pk}")
    assert antwoord.status_code == 405
    assert antwoord.json()["detail"] == "De methode DELETE is hier niet toegestaan."


def test_de_nederlandse_berichten_zijn_gecompileerd():
    """basis/locale: the .mo a deployment reads says what the .po says."""
    from pathlib import Path

    from django.utils import translation

    po = (Path(settings.BASE_DIR) / "basis" / "locale" / "nl" / "LC_MESSAGES" / "django.po").read_text()
    paren = [
        (json.loads(msgid), json.loads(msgstr))
        for msgid, msgstr in zip(
            [regel[6:] for regel in po.splitlines() if regel.startswith("msgid ")][1:],
            [regel[7:] for regel in po.splitlines() if regel.startswith("msgstr ")][1:],
            strict=True,
        )
    ]
    assert len(paren) > 50
    with translation.override("nl"):
        assert [(msgid, translation.gettext(msgid)) for msgid, _ in paren] == paren


def test_elke_foutmelding_van_drf_is_nederlands():
    """Every message of the DRF fields and errors a client of this API can meet, in Dutch."""
    from django.utils import translation
    from rest_framework import exceptions, fields, relations, serializers

    klassen = [
        fields.Field,
        fields.BooleanField,
        fields.CharField,
        fields.IntegerField,
        fields.DecimalField,
        fields.DateField,
        fields.DateTimeField,
        fields.ChoiceField,
        fields.ListField,
        fields.DictField,
        fields.UUIDField,
        fields.RegexField,
        relations.PrimaryKeyRelatedField,
        relations.SlugRelatedField,
        serializers.Serializer,
        serializers.ListSerializer,
    ]
    berichten = [b for k in klassen for b in k.default_error_messages.values()]
    berichten += [
        e.default_detail
        for e in (
            exceptions.ParseError,
            exceptions.AuthenticationFailed,
            exceptions.NotAuthenticated,
            exceptions.PermissionDenied,
            exceptions.NotFound,
            exceptions.MethodNotAllowed,
            exceptions.NotAcceptable,
            exceptions.UnsupportedMediaType,
            exceptions.Throttled,
            exceptions.ValidationError,
        )
    ]
    with translation.override("en"):
        engels = [str(b) for b in berichten]
    with translation.override("nl"):
        onvertaald = sorted({e for e, b in zip(engels, berichten, strict=True) if str(b) == e})
    assert onvertaald == []


def test_geen_nederlands_woord_is_half_engels():
    from django.utils import translation

    with translation.override("nl"):
        for msgid in (
            "Date has wrong format. Use one of these formats instead: {format}.",
            'Invalid pk "{pk_value}" - object does not exist.',
            'Expected a dictionary of items but got type "{input_type}".',
        ):
            vertaling = translation.gettext(msgid)
            assert not {"Date", "pk", "dictionary", "type"} & set(vertaling.replace(".", " ").split()), vertaling
