"""`/gezondheid/`: status of database, broker and daily run, for monitoring without a login."""

import datetime

import pytest
import time_machine
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from casusregie.celery import app as celery_app
from indicaties.models import DagelijkseRun

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2027, 3, 10)


@pytest.fixture
def op_vandaag():
    with time_machine.travel(datetime.datetime(2027, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def _run(datum: datetime.date) -> DagelijkseRun:
    nu = timezone.now()
    return DagelijkseRun.objects.create(datum=datum, gestart=nu, voltooid=nu)


def test_alles_in_orde_geeft_200_met_alleen_statusinformatie(client, op_vandaag):
    _run(VANDAAG)
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/json"
    assert antwoord.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "dagelijkse_run": "ok",
        "laatste_dagelijkse_run": "2027-03-10",
    }
    assert "no-cache" in antwoord["Cache-Control"]


def test_de_run_van_gisteren_is_nog_op_tijd(client, op_vandaag):
    _run(VANDAAG - datetime.timedelta(days=1))
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 200
    assert antwoord.json()["laatste_dagelijkse_run"] == "2027-03-09"


def test_een_run_van_eergisteren_is_achter_en_geeft_503(client, op_vandaag):
    _run(VANDAAG - datetime.timedelta(days=2))
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    assert antwoord.json()["status"] == "fout"
    assert antwoord.json()["dagelijkse_run"] == "achter"
    assert antwoord.json()["database"] == "ok"


def test_zonder_enige_run_geeft_503(client, op_vandaag):
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    assert antwoord.json()["dagelijkse_run"] == "nog_niet_gedraaid"
    assert antwoord.json()["laatste_dagelijkse_run"] is None


def test_onbereikbare_database_geeft_503_zonder_foutdetails(client, op_vandaag, monkeypatch):
    _run(VANDAAG)

    def weg(self, *args, **kwargs):
        raise OperationalError('connection to server at "db.intern" (10.0.0.5), port 5432 failed')

    monkeypatch.setattr(CursorWrapper, "execute", weg)
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    assert antwoord["Content-Type"] == "application/json"
    assert antwoord.json()["database"] == "onbereikbaar"
    assert antwoord.json()["dagelijkse_run"] == "onbekend"
    assert b"10.0.0.5" not in antwoord.content
    assert b"db.intern" not in antwoord.content


def test_onbereikbare_broker_geeft_503(client, op_vandaag, monkeypatch):
    _run(VANDAAG)
    # Port 1 on localhost refuses at once; the check must not hang on it either.
    # Celery reads CELERY_BROKER_URL from the environment before its own configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    assert antwoord.json()["broker"] == "onbereikbaar"
    assert antwoord.json()["database"] == "ok"


def test_alleen_lezen_is_toegestaan(client):
    assert client.post("/gezondheid/").status_code == 405
