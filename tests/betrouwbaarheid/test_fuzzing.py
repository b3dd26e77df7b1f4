"""Generated requests against every operation of /api/v1/openapi.json, as a user of each role.

Valid and invalid input (schemathesis, positive and negative) through the WSGI application, per
role: never a server error, every status and content type the answer has is documented, every
documented answer matches the schema, and input the document calls invalid is refused (the checks
of the NL API Design Rules work, docs/api.md). Generated ids that are well-formed are replaced by
ids of existing objects, so requests get past the 404 into the serializers and services.
"""

import datetime
import json
import os
import uuid

import pytest
import schemathesis
import time_machine
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, assume, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from basis.roles import ALLE_ROLLEN
from casusregie.wsgi import application
from indicaties import services
from indicaties.models import Evaluatie, Halfjaarcheck
from notifications.models import Notificatie
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, maak_indicatie

# Per operation and role.
VOORBEELDEN_PER_OPERATIE = int(os.environ.get("CASUSREGIE_FUZZ_VOORBEELDEN", "15"))
CONTROLES = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def _document() -> dict:
    """The document /api/v1/openapi.json serves (test_het_gefuzzte_document_is_wat_de_api_serveert)."""
    ruw = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(ruw))


DOCUMENT = _document()
# Random (fuzzing) and schema-example cases only: the coverage phase adds deterministic boundary
# cases for every field on top of max_examples, which would make the run time unbounded.
schema = schemathesis.openapi.from_dict(
    DOCUMENT, config=schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}})
)
schema.app = application


@pytest.fixture
def wsgi_zoals_de_testclient(monkeypatch):
    """Keep the test's transaction open across WSGI requests, as Django's test client does."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bestaand(db, wsgi_zoals_de_testclient):
    """One object of every resource, and a token per role."""
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        consulent = gebruiker("consulent")
        schakelteam = gebruiker("schakelteam")
        product = ProductFactory(code="45A65")
        inwoner = InwonerFactory(regisseur=consulent)
        indicatie = maak_indicatie(consulent, inwoner=inwoner, product=product)
        duur = maak_indicatie(consulent, product=ProductFactory(tarief="400.00"))
        advies = services.vraag_advies(gebruiker=consulent, indicatie=indicatie, vraag="Past dit?")
        with time_machine.travel(datetime.datetime(2027, 6, 1, 6, 0, tzinfo=datetime.UTC), tick=False):
            services.voer_dagelijkse_taken_uit()
    gebruikers = {rol: gebruiker(rol) for rol in ALLE_ROLLEN}
    ids = {
        "inwoners": inwoner.pk,
        "aanbieders": indicatie.aanbieder_id,
        "producten": product.pk,
        "indicaties": indicatie.pk,
        "evaluaties": Evaluatie.objects.get(indicatie=indicatie).pk,
        "halfjaarchecks": Halfjaarcheck.objects.filter(inwoner=inwoner).first().pk,
        "schakelteam-adviezen": advies.pk,
        "notificaties": Notificatie.objects.filter(ontvanger=schakelteam).first().pk,
    }
    verwijzingen = {
        "inwoner": inwoner.pk,
        "aanbieder": AanbiederFactory().pk,
        "voorganger": indicatie.pk,
        "vervangt": indicatie.pk,
        "indicatie": indicatie.pk,
        "regisseur": consulent.pk,
    }
    return {
        "ids": ids,
        "verwijzingen": verwijzingen,
        "product": product.code,
        "wachtend": duur.pk,
        "tokens": {rol: Token.objects.create(user=u).key for rol, u in gebruikers.items()},
    }


def _is_uuid(waarde) -> bool:
    try:
        uuid.UUID(str(waarde))
    except ValueError:
        return False
    return isinstance(waarde, str)


def _datum(waarde) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(waarde) if isinstance(waarde, str) else None
    except ValueError:
        return None


def _bekend_in_stuurinformatie(case) -> bool:
    """The inputs of BEKEND_IN_STUURINFORMATIE (below), so the fuzzer looks for new failures."""
    if case.operation.path != "/stuurinformatie" or not isinstance(case.query, dict):
        return False
    datums = [_datum(case.query.get(veld)) for veld in ("van", "tot")]
    rand = any(d is not None and (d.year < 1900 or d.year > 2199) for d in datums)
    return rand or any(isinstance(w, str) and "\x00" in w for w in case.query.values())


def _naar_bestaande_objecten(case, bestaand) -> None:
    """Well-formed ids point at existing objects; malformed ones stay, to test the rejection."""
    delen = case.operation.path.strip("/").split("/")
    if case.path_parameters and _is_uuid(case.path_parameters.get("id")):
        resource = delen[0]
        doel = bestaand["ids"].get(resource)
        if resource == "indicaties" and delen[-1] == "schakelteam-besluit":
            doel = bestaand["wachtend"]
        if doel is not None:
            case.path_parameters["id"] = str(doel)
    for plek in (case.query, case.body):
        if not isinstance(plek, dict):
            continue
        for veld, doel in bestaand["verwijzingen"].items():
            if _is_uuid(plek.get(veld)) or (veld == "regisseur" and isinstance(plek.get(veld), int)):
                plek[veld] = str(doel) if veld != "regisseur" else doel
        if isinstance(plek.get("product"), str) and len(plek["product"]) <= 10:
            plek["product"] = bestaand["product"]


@pytest.mark.django_db
def test_het_gefuzzte_document_is_wat_de_api_serveert(api):
    antwoord = api.als("consulent").get("/api/v1/openapi.json")
    assert antwoord.status_code == 200
    assert json.loads(antwoord.content) == DOCUMENT


@schema.parametrize()
@settings(
    max_examples=VOORBEELDEN_PER_OPERATIE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@pytest.mark.django_db
@pytest.mark.parametrize("rol", ALLE_ROLLEN)
def test_api_geeft_nooit_een_serverfout_en_houdt_zich_aan_het_schema(case, bestaand, rol):
    assume(not _bekend_in_stuurinformatie(case))
    _naar_bestaande_objecten(case, bestaand)
    case.call_and_validate(headers={"Authorization": f"Token {bestaand['tokens'][rol]}"}, checks=CONTROLES)


# --- What the fuzzer found, pinned as plain tests -------------------------------------------


def _valideer(bestaand, pad: str, **kwargs) -> None:
    case = schema[pad]["GET"].Case(**kwargs)
    case.call_and_validate(headers={"Authorization": f"Token {bestaand['tokens']['consulent']}"}, checks=CONTROLES)


@pytest.mark.django_db
def test_een_open_evaluatie_zonder_uitkomst_past_in_het_schema(bestaand):
    _valideer(bestaand, "/evaluaties/{id}", path_parameters={"id": str(bestaand["ids"]["evaluaties"])})


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["indicaties", "evaluaties", "halfjaarchecks"])
def test_de_historie_is_een_lijst_zoals_het_schema_zegt(bestaand, resource):
    _valideer(bestaand, f"/{resource}/{{id}}/historie", path_parameters={"id": str(bestaand["ids"][resource])})


@pytest.mark.django_db
def test_een_tarief_zonder_bedrag_in_een_patch_geeft_400(api):
    product = ProductFactory()
    antwoord = api.als("beheer").patch(
        f"/api/v1/producten/{product.pk}/", {"tarieven": [{"geldig_van": "2030-01-01"}]}, format="json"
    )
    assert antwoord.status_code == 400
    assert {"name": "tarieven.0.bedrag", "code": "required"} in [
        {k: p[k] for k in ("name", "code")} for p in antwoord.json()["invalid_params"]
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ingangsdatum", "einddatum", "veld"),
    [
        ("9999-12-31", None, "ingangsdatum"),
        ("2199-12-01", "9999-12-31", "einddatum"),
        ("1899-12-31", None, "ingangsdatum"),
    ],
)
def test_een_datum_waarmee_niet_te_rekenen_valt_geeft_400(api, ingangsdatum, einddatum, veld):
    antwoord = api.als("consulent").post(
        "/api/v1/indicaties/",
        {
            "inwoner": str(InwonerFactory().pk),
            "product": ProductFactory().code,
            "aanbieder": str(AanbiederFactory().pk),
            "volume": "1",
            "eenheid": "uur",
            "frequentie": "per_week",
            "ingangsdatum": ingangsdatum,
            "einddatum": einddatum,
        },
        format="json",
    )
    assert antwoord.status_code == 400
    assert veld in [p["name"] for p in antwoord.json()["invalid_params"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("methode", "pad", "body"),
    [
        ("get", "/api/v1/producten/?code=45A%00", None),
        ("patch", "/api/v1/producten/{id}/", {"lichtere_variant": "45A\x00"}),
        ("post", "/api/v1/indicaties/", {"product": "45A\x00"}),
    ],
)
def test_een_nul_teken_in_een_productcode_geeft_400(api, methode, pad, body):
    """PostgreSQL refuses a NUL character in a query; that is the client's error, not the server's."""
    client = api.als("beheer", "consulent")
    antwoord = getattr(client, methode)(pad.format(id=ProductFactory().pk), body, format="json")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "veld"),
    [
        ("van=0001-01-01&tot=9999-12-31", "van"),
        ("van=2027-01-01&tot=9999-12-31", "tot"),
        ("product=45A%00", "product"),
    ],
)
def test_stuurinformatie_met_een_filter_waarmee_niet_te_rekenen_valt_geeft_400(api, query, veld):
    """Found by the fuzzer: a date at the edge of the calendar overflowed, a NUL reached PostgreSQL."""
    antwoord = api.als("beleid").get(f"/api/v1/stuurinformatie/?{query}")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in antwoord.json()["invalid_params"]] == [veld]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "melding"),
    [
        ("van=0001-01-01", "Kies bij &#x27;van&#x27; een datum van 1-1-1900 tot en met 31-12-2199."),
        ("product=45A%00", "Onbekende productcode."),
    ],
)
def test_het_dashboard_laat_een_filter_waarmee_niet_te_rekenen_valt_weg_met_een_melding(client, query, melding):
    client.force_login(gebruiker("beleid"))
    antwoord = client.get(f"/stuurinformatie/?{query}")
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pad",
    [
        "/api/v1/indicaties/abc/",
        "/api/v1/indicaties/abc",
        "/api/v1/indicaties/a.b/",
        "/api/v1/bestaat-niet/",
        "/api/v1/indicaties/00000000-0000-0000-0000-000000000000/",
    ],
)
def test_een_api_adres_dat_niet_bestaat_geeft_404_problem_json(api, pad):
    antwoord = api.als("consulent").get(pad)
    assert antwoord.status_code == 404
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord.json()["status"] == 404


@pytest.mark.django_db
def test_een_pagina_die_niet_bestaat_is_de_nederlandse_404_pagina(client):
    client.force_login(gebruiker("consulent"))
    antwoord = client.get("/bestaat-niet/")
    assert antwoord.status_code == 404
    assert antwoord["Content-Type"].startswith("text/html")
    assert "Niet gevonden" in antwoord.content.decode()


@pytest.mark.django_db
def test_een_verlopen_formulier_krijgt_de_nederlandse_csrf_pagina():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(gebruiker("consulent"))
    antwoord = client.post("/rol/", {"rol": "consulent"})
    assert antwoord.status_code == 403
    assert "Formulier verlopen" in antwoord.content.decode()


def test_een_serverfout_in_de_api_is_problem_json_zonder_stacktrace(rf):
    from basis.api.fouten import serverfout

    antwoord = serverfout(rf.get("/api/v1/indicaties/"))
    assert antwoord.status_code == 500
    assert antwoord["Content-Type"] == "application/problem+json"
    assert json.loads(antwoord.content)["title"] == "Interne fout"
    pagina = serverfout(rf.get("/inwoners/"))
    assert pagina.status_code == 500
    assert "Er ging iets mis" in pagina.content.decode()
