"""The OpenAPI document against the NL API Design Rules (docs/api.md, "National standard"), asserted on
the document the service serves: the rules of the Logius linter that apply to us, so that CI catches
a new endpoint that breaks one without running the linter itself.

What the document says about each answer is checked against the API itself by
tests/betrouwbaarheid/test_fuzzing.py.
"""

import json
import re

import pytest
from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

METHODEN = ("get", "post", "put", "patch", "delete")
LOWER_CAMEL_CASE = re.compile(r"^[a-z][a-z\d]*([A-Z][a-z\d]*)*$")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
PROBLEM_JSON = "application/problem+json"


@pytest.fixture(scope="module")
def document() -> dict:
    ruw = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(ruw))


def _operaties(document):
    for pad, item in document["paths"].items():
        for methode, operatie in item.items():
            if methode in METHODEN:
                yield pad, methode, operatie


def _los_op(document, obj):
    while isinstance(obj, dict) and "$ref" in obj:
        _, _, soort, naam = obj["$ref"].split("/")
        obj = document["components"][soort][naam]
    return obj


def test_geen_pad_eindigt_op_een_slash(document):
    assert [pad for pad in document["paths"] if pad.endswith("/")] == []


def test_de_server_noemt_de_hoofdversie_en_de_paden_zijn_relatief_daaraan(document):
    [server] = document["servers"]
    assert server["url"] == "/api/v1"
    assert not any(pad.startswith("/api/") for pad in document["paths"])


def test_info_heeft_een_contact_met_naam_email_en_url_en_een_volledige_versie(document):
    assert set(document["info"]["contact"]) >= {"name", "email", "url"}
    assert SEMVER.match(document["info"]["version"])
    assert document["info"]["version"] == settings.API_VERSIE


def test_elke_queryparameter_is_lower_camel_case(document):
    fout = [
        (pad, methode, p["name"])
        for pad, methode, operatie in _operaties(document)
        for p in operatie.get("parameters", [])
        if p["in"] == "query" and not LOWER_CAMEL_CASE.match(p["name"])
    ]
    assert fout == []


def test_elke_operatie_documenteert_400(document):
    assert [
        (pad, methode) for pad, methode, operatie in _operaties(document) if "400" not in operatie["responses"]
    ] == []


def test_elk_antwoord_draagt_api_version(document):
    zonder = [
        (pad, methode, status)
        for pad, methode, operatie in _operaties(document)
        for status, antwoord in operatie["responses"].items()
        if "API-Version" not in _los_op(document, antwoord).get("headers", {}) and status != "414"
    ]
    assert zonder == []


def test_elke_operatie_documenteert_de_414_van_de_webserver_zonder_problem_json(document):
    """A very long query string is refused by the web server before the API sees it (schemathesis
    finds it for every operation): documented, as the plain answer it is."""
    zonder = [(pad, methode) for pad, methode, operatie in _operaties(document) if "414" not in operatie["responses"]]
    assert zonder == []
    uri_te_lang = document["components"]["responses"]["UriTeLang"]
    assert "content" not in uri_te_lang and "URI te lang" in uri_te_lang["description"]


def test_elke_fout_is_problem_json_met_status_titel_en_detail(document):
    fout = []
    for pad, methode, operatie in _operaties(document):
        for status, antwoord in operatie["responses"].items():
            if int(status) < 400 or status == "414":  # the web server's, before the API (below)
                continue
            inhoud = _los_op(document, antwoord).get("content", {})
            schema = _los_op(document, inhoud.get(PROBLEM_JSON, {}).get("schema", {}))
            if list(inhoud) != [PROBLEM_JSON] or not {"status", "title", "detail"} <= set(schema.get("properties", {})):
                fout.append((pad, methode, status))
    assert fout == []


@pytest.mark.parametrize(
    ("pad", "methode", "statussen"),
    [
        ("/indicaties", "get", {"400", "401", "403", "404", "414", "503"}),
        ("/indicaties", "post", {"400", "401", "403", "413", "414", "415", "503"}),
        ("/indicaties/{id}", "patch", {"400", "401", "403", "404", "409", "412", "413", "414", "415", "503"}),
        ("/indicaties/{id}/intrekken", "post", {"400", "401", "403", "404", "409", "413", "414", "415", "503"}),
        ("/verwerkingen/zoeken", "post", {"400", "401", "403", "404", "413", "414", "415", "503"}),
        ("/toetsingen/overzicht", "get", {"400", "401", "403", "414", "503"}),
    ],
)
def test_een_operatie_documenteert_de_foutstatussen_die_ze_kan_geven(document, pad, methode, statussen):
    assert {s for s in document["paths"][pad][methode]["responses"] if int(s) >= 400} == statussen


def test_paginagrootte_is_een_positief_getal_tot_het_gedocumenteerde_maximum(document):
    [grootte] = [p for p in document["paths"]["/indicaties"]["get"]["parameters"] if p["name"] == "pageSize"]
    assert grootte["schema"] == {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}


def test_een_verzoek_wordt_als_json_beschreven(document):
    soorten = {
        (pad, soort)
        for pad, _, operatie in _operaties(document)
        for soort in operatie.get("requestBody", {}).get("content", {})
    }
    # The one exception in the contract: an iJw/iWmo message is posted as it is, as XML.
    assert {soort for pad, soort in soorten if not pad.endswith("/berichten")} == {"application/json"}
    assert {soort for pad, soort in soorten if pad.endswith("/berichten")} == {"application/xml"}


def _eigenschappen(document):
    for naam, schema in document["components"]["schemas"].items():
        for veld, eigenschap in schema.get("properties", {}).items():
            yield naam, veld, eigenschap


def test_een_datum_is_een_datum_en_geen_tijdstip(document):
    """Fields that name a date are `format: date` (NL API Design Rules, date-omit-time-portion)."""
    datumachtig = re.compile(r"^(date|datum)$|((\w+D)|(_[dD]))((ate)|(atum))")
    fout = [
        (naam, veld)
        for naam, veld, eigenschap in _eigenschappen(document)
        if datumachtig.search(veld) and _los_op(document, eigenschap).get("format") != "date"
    ]
    assert fout == []


def test_geen_tijdstip_zonder_tijdzone(document):
    assert [
        (naam, veld)
        for naam, veld, eigenschap in _eigenschappen(document)
        if eigenschap.get("format") in ("date-time-local", "time")
    ] == []


def test_operation_ids_zijn_uniek(document):
    ids = [operatie["operationId"] for _, _, operatie in _operaties(document)]
    assert len(ids) == len(set(ids))
