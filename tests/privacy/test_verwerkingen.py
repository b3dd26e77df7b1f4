"""Reading the processing log (`GET /api/v1/verwerkingen`, beheer only) and what every other entry
point writes into it: pages, the admin, the daily run, the import, the sample, the exports, and
the trace that e-mails and Celery tasks carry."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from basis import trace
from indicaties.models import Inwoner
from privacy import logboek, taken
from privacy.models import Handeling, Verwerking
from privacy.pseudoniem import pseudoniem
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, maak_indicatie

from .conftest import AMSTERDAM, NU

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("leeg_logboek")]


def _activiteiten(inwoner: Inwoner) -> list[str]:
    return list(
        Verwerking.objects.filter(betrokkene=pseudoniem(inwoner.bsn))
        .order_by("volgnummer")
        .values_list("verwerkingsactiviteit", flat=True)
    )


# --- GET /api/v1/verwerkingen ----------------------------------------------------------------------


def test_een_inzageverzoek_geeft_alles_van_een_persoon_leesbaar(api, gemeente, nu):
    api.als(user=gemeente.carla).get(f"/api/v1/inwoners/{gemeente.anna.pk}")
    api.als(user=gemeente.noor).get(f"/api/v1/indicaties/{gemeente.indicatie.pk}")
    api.als(user=gemeente.zeno).get(f"/api/v1/inwoners/{gemeente.bram.pk}")

    antwoord = api.als(user=gemeente.beheer).get("/api/v1/verwerkingen", {"bsn": gemeente.anna.bsn})

    assert antwoord.status_code == 200
    rijen = antwoord.json()["results"]
    assert [r["verwerkingsactiviteit_naam"] for r in rijen] == ["Dossier inzien", "Dossier inzien"]
    assert [r["handeling"]["gebruiker"] for r in rijen] == [gemeente.carla.username, gemeente.noor.username]
    assert {r["betrokkene"] for r in rijen} == {pseudoniem(gemeente.anna.bsn)}
    assert rijen[0]["doel"].startswith("Het dossier van een inwoner lezen")
    assert rijen[0]["handeling"]["rollen"] == "consulent"
    assert gemeente.anna.bsn not in antwoord.content.decode()
    # Answering it is a processing of that person's data too.
    assert _activiteiten(gemeente.anna)[-1] == "inzageverzoek-v1"


def test_op_trace_en_op_periode(api, gemeente, nu):
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    api.als(user=gemeente.carla).get(
        f"/api/v1/inwoners/{gemeente.anna.pk}", HTTP_TRACEPARENT=f"00-{trace_id}-00f067aa0ba902b7-01"
    )
    beheer = api.als(user=gemeente.beheer)
    [rij] = beheer.get("/api/v1/verwerkingen", {"traceId": trace_id}).json()["results"]
    assert rij["trace_id"] == trace_id
    assert beheer.get("/api/v1/verwerkingen", {"van": "2027-02-09", "tot": "2027-02-09"}).json()["count"] == 1
    assert beheer.get("/api/v1/verwerkingen", {"van": "2027-02-10"}).json()["count"] == 0
    assert beheer.get("/api/v1/verwerkingen", {"tot": "2027-02-08"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "veld", "code"),
    [
        ({}, "non_field_errors", "zoekvraag_ontbreekt"),
        ({"traceId": "XYZ"}, "traceId", "invalid"),
        ({"bsn": "12345"}, "bsn", "bsn_ongeldig"),
        ({"van": "gisteren"}, "van", "invalid"),
        ({"van": "2027-02-10", "tot": "2027-02-01"}, "tot", "periode_ongeldig"),
        ({"van": "2027-13-45"}, "van", "invalid"),
    ],
)
def test_een_ongeldige_vraag_aan_het_logboek_is_400(api, gemeente, nu, params, veld, code):
    antwoord = api.als(user=gemeente.beheer).get("/api/v1/verwerkingen", params)
    assert antwoord.status_code == 400
    assert [(p["name"], p["code"]) for p in antwoord.json()["invalid_params"]] == [(veld, code)]


@pytest.mark.parametrize("rol", ["consulent", "schakelteam", "backoffice", "beleid", None])
def test_alleen_beheer_leest_het_logboek(api, gemeente, nu, rol):
    client = api.als(*([rol] if rol else []))
    assert client.get("/api/v1/verwerkingen", {"bsn": gemeente.anna.bsn}).status_code == 403


@pytest.mark.parametrize("bsn", ["123456789", "111222334", "000000000", "12345678", "1234567890"])
def test_een_bsn_dat_de_elfproef_niet_doorstaat_is_400_en_legt_niets_vast(api, gemeente, nu, bsn):
    beheer = api.als(user=gemeente.beheer)
    Verwerking.objects.all().delete()
    for antwoord in (
        beheer.get("/api/v1/verwerkingen", {"bsn": bsn}),
        beheer.post("/api/v1/verwerkingen/zoeken", {"bsn": bsn}, format="json"),
    ):
        assert antwoord.status_code == 400
        assert [(p["name"], p["code"]) for p in antwoord.json()["invalid_params"]] == [("bsn", "bsn_ongeldig")]
    assert not Verwerking.objects.filter(verwerkingsactiviteit="inzageverzoek-v1").exists()
    assert not Verwerking.objects.filter(betrokkene=pseudoniem(bsn)).exists()


def test_zoeken_met_post_geeft_hetzelfde_antwoord_als_get_zonder_bsn_in_het_adres(api, gemeente, nu):
    api.als(user=gemeente.carla).get(f"/api/v1/inwoners/{gemeente.anna.pk}")
    beheer = api.als(user=gemeente.beheer)

    met_get = beheer.get("/api/v1/verwerkingen", {"bsn": gemeente.anna.bsn}).json()
    met_post = beheer.post("/api/v1/verwerkingen/zoeken", {"bsn": gemeente.anna.bsn}, format="json")

    assert met_post.status_code == 200
    assert met_post.json()["count"] == met_get["count"] + 1  # the GET's own inzageverzoek is in it now
    assert met_post.json()["results"][: met_get["count"]] == met_get["results"]
    assert _activiteiten(gemeente.anna)[-1] == "inzageverzoek-v1"
    assert gemeente.anna.bsn not in met_post.content.decode()
    periode = {"bsn": gemeente.anna.bsn, "van": "2027-02-10"}
    assert beheer.post("/api/v1/verwerkingen/zoeken", periode, format="json").json()["count"] == 0
    periode = {"bsn": gemeente.anna.bsn, "van": "2027-02-10", "tot": "2027-02-01"}
    antwoord = beheer.post("/api/v1/verwerkingen/zoeken", periode, format="json")
    assert [p["code"] for p in antwoord.json()["invalid_params"]] == ["periode_ongeldig"]


@pytest.mark.parametrize(("body", "code"), [({}, "required"), ({"bsn": ""}, "blank"), ({"bsn": 111222333}, "invalid")])
def test_zoeken_met_post_zonder_bruikbaar_bsn_is_400(api, gemeente, nu, body, code):
    antwoord = api.als(user=gemeente.beheer).post("/api/v1/verwerkingen/zoeken", body, format="json")
    assert antwoord.status_code == 400
    assert [(p["name"], p["code"]) for p in antwoord.json()["invalid_params"]] == [("bsn", code)]


@pytest.mark.parametrize("rol", ["consulent", "schakelteam", "backoffice", "beleid", None])
def test_alleen_beheer_zoekt_in_het_logboek_met_post(api, gemeente, nu, rol):
    client = api.als(*([rol] if rol else []))
    antwoord = client.post("/api/v1/verwerkingen/zoeken", {"bsn": gemeente.anna.bsn}, format="json")
    assert antwoord.status_code == 403


# --- What every entry point writes -------------------------------------------------------------------


def test_een_pagina_logt_met_de_rol_waarin_de_gebruiker_handelt(client, gemeente, nu):
    client.force_login(gemeente.carla)
    assert client.get(f"/inwoners/{gemeente.anna.pk}/").status_code == 200
    [handeling] = Handeling.objects.all()
    assert (handeling.actie, handeling.rollen, handeling.verwerkingsactiviteit) == (
        "GET web:inwoner",
        "consulent",
        "inzien-dossier-v1",
    )
    assert _activiteiten(gemeente.anna) == ["inzien-dossier-v1"]


def test_het_beheerscherm_logt_wat_het_toont(client, gemeente, nu):
    client.force_login(gemeente.beheer)
    assert client.get(f"/admin/indicaties/inwoner/{gemeente.anna.pk}/change/").status_code == 200
    assert client.get("/admin/indicaties/indicatie/").status_code == 200
    assert client.get(f"/admin/indicaties/indicatie/{gemeente.indicatie.pk}/history/").status_code == 200
    assert _activiteiten(gemeente.anna) == ["beheer-v1"] * 3
    assert set(Handeling.objects.values_list("rollen", flat=True)) == {"beheer"}


def test_een_lijst_van_het_beheerscherm_leest_de_inwoners_mee_en_telt_zonder_join(client, gemeente, nu):
    """The BSNs for the log come with the rows: as many statements for two rows as for six, and
    the counts of the page read only the listed table."""
    client.force_login(gemeente.beheer)

    def statements() -> list[str]:
        with CaptureQueriesContext(connection) as vastgelegd:
            assert client.get("/admin/indicaties/indicatie/").status_code == 200
        return [q["sql"] for q in vastgelegd.captured_queries]

    voor = statements()
    for _ in range(4):
        maak_indicatie(
            gemeente.carla, inwoner=InwonerFactory(regisseur=gemeente.carla), ingangsdatum=datetime.date(2027, 3, 1)
        )
    na = statements()
    assert len(na) == len(voor)
    tellingen = [sql for sql in na if sql.startswith("SELECT COUNT(*)")]
    assert tellingen and not [sql for sql in tellingen if "JOIN" in sql]


def test_de_dagelijkse_run_logt_elke_inwoner_die_hij_raakt(gemeente):
    with time_machine.travel(datetime.datetime(2027, 6, 1, 6, tzinfo=AMSTERDAM), tick=False):
        call_command("run_daily_jobs", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "dagelijkse-run-v1" in _activiteiten(gemeente.anna)
    assert "dagelijkse-run-v1" in _activiteiten(gemeente.bram)
    handeling = Handeling.objects.get(verwerkingsactiviteit="dagelijkse-run-v1")
    assert (handeling.gebruikersnaam, handeling.actie) == ("systeem", "manage.py run_daily_jobs")


def test_de_dagelijkse_taak_van_celery_logt_in_een_eigen_trace(gemeente):
    from indicaties.tasks import dagelijkse_taken

    with time_machine.travel(datetime.datetime(2027, 6, 1, 6, tzinfo=AMSTERDAM), tick=False):
        dagelijkse_taken.delay()
    handeling = Handeling.objects.get(verwerkingsactiviteit="dagelijkse-run-v1")
    assert handeling.actie == "taak indicaties.tasks.dagelijkse_taken"
    assert Verwerking.objects.filter(trace_id=handeling.trace_id).count() >= 2


def test_een_taak_draagt_de_trace_van_wie_hem_in_de_wachtrij_zette():
    headers = {}
    token = trace.begin("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    try:
        taken._bij_versturen(headers=headers)
        verstuurd = trace.huidig()
    finally:
        trace.einde(token)
    assert headers == {"traceparent": verstuurd.traceparent}
    assert verstuurd.traceparent.startswith("00-4bf92f3577b34da6a3ce929d0e0e4736-")


def test_de_import_logt_elke_geimporteerde_inwoner(tmp_path, gemeente):
    from tests.indicaties.test_importeren import importeer, rij, schrijf

    with time_machine.travel(NU, tick=False):
        ProductFactory(code="02A01")
        AanbiederFactory(agb_code="73730101")
        carla = gebruiker("consulent", username="carla")
        pad = schrijf(tmp_path, [rij(ingangsdatum="2027-03-01", einddatum="2027-08-31")])
        assert importeer(pad, "--consulent", "carla") == []
    [handeling] = Handeling.objects.filter(verwerkingsactiviteit="importeren-v1")
    assert (handeling.gebruiker_id, handeling.betrokkenen, handeling.actie) == (
        carla.pk,
        1,
        "manage.py importeer_indicaties",
    )


def test_een_export_van_de_stuurinformatie_logt_elke_inwoner_erin(client, gemeente, nu):
    client.force_login(gebruiker("beleid"))
    keuze = {"soort": "geregistreerd", "van": "2027-01-01", "tot": "2027-03-31"}
    antwoord = client.get("/stuurinformatie/indicaties/export.csv", keuze)
    assert antwoord.status_code == 200
    assert {"stuurinformatie-v1"} == set(Verwerking.objects.values_list("verwerkingsactiviteit", flat=True))
    assert Verwerking.objects.filter(betrokkene=pseudoniem(gemeente.anna.bsn)).exists()


def test_een_verwerking_buiten_elk_werk_wordt_meteen_vastgelegd(db):
    logboek.verwerkt(["123456782"], "beheer-v1")
    [verwerking] = Verwerking.objects.all()
    assert Handeling.objects.get().actie == "zonder context"
    assert verwerking.betrokkene == pseudoniem("123456782")


def test_een_inwoner_registreren_op_het_scherm_wordt_gelogd(client, gemeente, nu):
    from tests.factories import geldig_bsn

    client.force_login(gemeente.carla)
    bsn = geldig_bsn()
    formulier = {"bsn": bsn, "voornaam": "Fatima", "achternaam": "El Amrani", "geboortedatum": "12-03-1990"}
    antwoord = client.post("/inwoners/nieuw/", formulier)
    assert antwoord.status_code == 302, antwoord.content[:300]
    assert Verwerking.objects.filter(
        betrokkene=pseudoniem(bsn), verwerkingsactiviteit="registreren-inwoner-v1"
    ).exists()
