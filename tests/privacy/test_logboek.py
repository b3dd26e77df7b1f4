"""The processing log per request: one `Verwerking` per data subject and activity, one `Handeling`
with who and why, the trace from a valid `traceparent`, never the BSN, and at most two extra
statements."""

import re

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from indicaties.models import Inwoner
from privacy import logboek
from privacy.models import Handeling, Verwerking
from privacy.pseudoniem import pseudoniem
from tests.factories import InwonerFactory, gebruiker

from .conftest import indicatie_body

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("leeg_logboek")]

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
GELDIG = f"00-{TRACE}-00f067aa0ba902b7-01"


def _rijen():
    return list(Verwerking.objects.order_by("volgnummer")), list(Handeling.objects.order_by("volgnummer"))


def test_een_dossier_inzien_geeft_een_verwerking_en_een_handeling(api, gemeente, nu):
    antwoord = api.als(user=gemeente.carla).get(f"/api/v1/inwoners/{gemeente.anna.pk}", HTTP_TRACEPARENT=GELDIG)
    assert antwoord.status_code == 200
    [verwerking], [handeling] = _rijen()
    assert verwerking.trace_id == TRACE
    assert re.fullmatch(r"[0-9a-f]{16}", verwerking.span_id)
    assert verwerking.verwerkingsactiviteit == "inzien-dossier-v1"
    assert verwerking.betrokkene == pseudoniem(gemeente.anna.bsn) != gemeente.anna.bsn
    assert verwerking.status == "OK"
    assert verwerking.start <= verwerking.eind
    assert (handeling.trace_id, handeling.span_id) == (TRACE, verwerking.parent_span_id)
    assert handeling.parent_span_id == "00f067aa0ba902b7"
    assert (handeling.gebruiker_id, handeling.gebruikersnaam, handeling.rollen) == (
        gemeente.carla.pk,
        gemeente.carla.username,
        "consulent",
    )
    assert handeling.grond.startswith("consulent:")
    assert handeling.actie == "GET inwoner-detail"
    assert handeling.betrokkenen == 1
    for rij in (verwerking, handeling):
        assert gemeente.anna.bsn not in str(vars(rij))


def test_een_lijst_logt_elke_getoonde_inwoner_een_keer(api, gemeente, nu):
    for _ in range(3):
        InwonerFactory(regisseur=gemeente.carla)
    antwoord = api.als(user=gemeente.carla).get("/api/v1/inwoners")
    verwerkingen, [handeling] = _rijen()
    assert len(verwerkingen) == antwoord.json()["count"] == 4 == handeling.betrokkenen
    assert {v.verwerkingsactiviteit for v in verwerkingen} == {"raadplegen-v1"}
    assert len({v.span_id for v in verwerkingen}) == 4
    eigen = Inwoner.objects.filter(regisseur=gemeente.carla)
    assert {v.betrokkene for v in verwerkingen} == {pseudoniem(i.bsn) for i in eigen}


def test_een_verzoek_zonder_persoonsgegevens_logt_niets(api, gemeente, nu):
    assert api.als(user=gemeente.carla).get("/api/v1/producten").status_code == 200
    assert _rijen() == ([], [])


def test_een_geweigerd_verzoek_logt_niets_van_de_inwoner(api, gemeente, nu):
    assert api.als(user=gemeente.zeno).get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 404
    assert _rijen() == ([], [])


def test_een_registratie_logt_de_inwoner_met_de_activiteit_registreren(api, gemeente, nu):
    body = indicatie_body(gemeente.anna)
    assert api.als(user=gemeente.carla).post("/api/v1/indicaties", body, format="json").status_code == 201
    [verwerking], [handeling] = _rijen()
    assert (verwerking.verwerkingsactiviteit, verwerking.status) == ("registreren-indicatie-v1", "OK")
    assert handeling.actie == "POST indicatie-list"


def test_een_regelovertreding_wordt_gelogd_als_unset(api, gemeente, nu):
    antwoord = api.als(user=gemeente.carla).patch(
        f"/api/v1/indicaties/{gemeente.indicatie.pk}", {"einddatum": "2027-01-01"}, format="json"
    )
    assert antwoord.status_code == 400
    [verwerking], [handeling] = _rijen()
    assert verwerking.status == handeling.status == "UNSET"


@pytest.mark.parametrize(
    "header",
    [
        "",
        "onzin",
        "00-" + "0" * 32 + "-00f067aa0ba902b7-01",  # all-zero trace id
        f"00-{TRACE}-{'0' * 16}-01",  # all-zero parent
        f"ff-{TRACE}-00f067aa0ba902b7-01",  # version ff is invalid
        f"00-{TRACE.upper()}-00f067aa0ba902b7-01",  # uppercase hex
        f"00-{TRACE}-00f067aa0ba902b7-01-extra",  # version 00 has no more fields
        f"00-{TRACE}-00f067aa0ba902b7-01" + "0" * 600,
        "00-\x00-\u00e9-01",
    ],
)
def test_een_vervalste_of_kapotte_traceparent_begint_een_nieuwe_trace(api, gemeente, nu, header):
    antwoord = api.als(user=gemeente.carla).get(f"/api/v1/inwoners/{gemeente.anna.pk}", HTTP_TRACEPARENT=header)
    assert antwoord.status_code == 200
    [verwerking], [handeling] = _rijen()
    assert re.fullmatch(r"[0-9a-f]{32}", verwerking.trace_id) and verwerking.trace_id != TRACE
    assert handeling.parent_span_id == ""


def test_een_latere_versie_van_traceparent_met_meer_velden_wordt_gevolgd(api, gemeente, nu):
    header = f"01-{TRACE}-00f067aa0ba902b7-01-iets-later"
    api.als(user=gemeente.carla).get(f"/api/v1/inwoners/{gemeente.anna.pk}", HTTP_TRACEPARENT=header)
    [verwerking], _ = _rijen()
    assert verwerking.trace_id == TRACE


def test_elke_pagina_krijgt_een_eigen_trace(api, gemeente, nu):
    client = api.als(user=gemeente.carla)
    client.get(f"/api/v1/inwoners/{gemeente.anna.pk}")
    client.get(f"/api/v1/inwoners/{gemeente.anna.pk}")
    assert len({v.trace_id for v in _rijen()[0]}) == 2


# --- What the log costs ----------------------------------------------------------------------------


def _statements(client, methode, pad, body=None, met_log=True, monkeypatch=None) -> int:
    if not met_log:
        monkeypatch.setattr(logboek, "schrijf", lambda status: None)
    with CaptureQueriesContext(connection) as queries:
        antwoord = getattr(client, methode)(pad, body, format="json")
    monkeypatch.undo()
    assert antwoord.status_code < 300, antwoord.content[:300]
    return len(queries)


@pytest.mark.parametrize(
    ("methode", "pad", "body"),
    [
        ("get", "/api/v1/inwoners/{anna}", None),
        ("get", "/api/v1/inwoners", None),
        ("get", "/api/v1/indicaties", None),
        ("get", "/api/v1/indicaties/{indicatie}", None),
        ("get", "/api/v1/evaluaties/{evaluatie}/historie", None),
        ("patch", "/api/v1/inwoners/{anna}", {"voornaam": "Annie"}),
        ("post", "/api/v1/indicaties/{indicatie}/advies", {"vraag": "Past dit nog?"}),
    ],
)
def test_het_logboek_kost_hoogstens_twee_statements_per_verzoek(api, gemeente, nu, monkeypatch, methode, pad, body):
    pad = pad.format(anna=gemeente.anna.pk, indicatie=gemeente.indicatie.pk, evaluatie=gemeente.evaluatie.pk)
    client = api.als(user=gemeente.carla)
    _statements(client, methode, pad, body, monkeypatch=monkeypatch)  # warm: the token, the content types
    zonder = _statements(client, methode, pad, body, met_log=False, monkeypatch=monkeypatch)
    met = _statements(client, methode, pad, body, monkeypatch=monkeypatch)
    assert met - zonder == 2
    assert Verwerking.objects.exists()


def test_de_caseload_kost_geen_statement(api, gemeente, nu):
    """The filter is part of the query itself: a consulent's detail page costs what backoffice's does."""

    def tel(user) -> int:
        client = api.als(user=user)
        client.get(f"/api/v1/indicaties/{gemeente.indicatie.pk}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/v1/indicaties/{gemeente.indicatie.pk}").status_code == 200
        return len(queries)

    assert tel(gemeente.carla) == tel(gemeente.backoffice)


# --- When the log cannot be written -----------------------------------------------------------------


def _kapot(*args, **kwargs):
    raise OperationalError("schijf vol")


def test_wat_niet_gelogd_kan_worden_wordt_niet_getoond(api, gemeente, nu, monkeypatch):
    monkeypatch.setattr(logboek, "voeg_in", _kapot)
    antwoord = api.als(user=gemeente.carla).get(f"/api/v1/inwoners/{gemeente.anna.pk}")
    assert antwoord.status_code == 503
    assert antwoord["Content-Type"] == "application/problem+json"
    assert gemeente.anna.achternaam not in antwoord.content.decode()
    assert gemeente.anna.bsn not in antwoord.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_een_wijziging_en_haar_logregels_staan_of_vallen_samen(api, monkeypatch):
    """Written just before the commit, in the same transaction: when the log cannot be written,
    the change is not there either."""
    carla = gebruiker("consulent")
    anna = InwonerFactory(regisseur=carla, voornaam="Anna")
    client = api.als(user=carla)
    monkeypatch.setattr(logboek, "voeg_in", _kapot)
    antwoord = client.patch(f"/api/v1/inwoners/{anna.pk}", {"voornaam": "Annie"}, format="json")
    assert antwoord.status_code == 503
    anna.refresh_from_db()
    assert anna.voornaam == "Anna"
    monkeypatch.undo()
    assert client.patch(f"/api/v1/inwoners/{anna.pk}", {"voornaam": "Annie"}, format="json").status_code == 200
    anna.refresh_from_db()
    assert anna.voornaam == "Annie"
    assert Verwerking.objects.filter(
        betrokkene=pseudoniem(anna.bsn), verwerkingsactiviteit="wijzigen-inwoner-v1", status="OK"
    ).exists()
