"""The services the installation runs on: reachable where configured, never silently skipped in CI."""

import pytest
from django.conf import settings

from casusregie.celery import app as celery_app


@pytest.mark.redis
def test_redis_broker_is_bereikbaar_en_neemt_een_bericht_aan():
    with celery_app.connection_for_write() as verbinding:
        verbinding.ensure_connection(max_retries=1)
        with verbinding.SimpleQueue("casusregie-ci-controle") as wachtrij:
            wachtrij.put({"controle": True})
            bericht = wachtrij.get(timeout=5)
            assert bericht.payload == {"controle": True}
            bericht.ack()


def test_zonder_broker_instelling_is_de_bestandsbroker_de_standaard(monkeypatch):
    if settings.CELERY_BROKER_URL != "filesystem://":
        pytest.skip("Een broker is geconfigureerd (CELERY_BROKER_URL).")
    opties = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert opties["data_folder_in"] == opties["data_folder_out"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_heeft_de_uitsluitingsconstraint_voor_tarieven():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = 'tarief_periodes_overlappen_niet'")
        assert cursor.fetchone() == (1,)


@pytest.fixture
def worker_geheugen():
    """What casusregie.geheugen sets up in a worker, undone afterwards (the test run itself
    should not collect after every request)."""
    import gc

    from django.core.signals import request_finished

    gc.unfreeze()
    yield
    request_finished.disconnect(dispatch_uid="casusregie.geheugen")
    gc.unfreeze()


def test_een_worker_bevriest_wat_het_opstarten_bouwde(worker_geheugen):
    """casusregie/wsgi.py: the objects of start-up are out of the garbage collector's way."""
    import gc
    import importlib

    import casusregie.wsgi

    importlib.reload(casusregie.wsgi)
    assert gc.get_freeze_count() > 10_000


class _Kring:
    def __init__(self):
        self.zelf = self


@pytest.mark.django_db
def test_na_elk_antwoord_ruimt_de_worker_de_kringen_van_het_verzoek_op(worker_geheugen, client):
    """A reference cycle left by a request is gone once the response is closed, and is not frozen."""
    import gc
    import weakref

    from casusregie import geheugen

    geheugen.richt_worker_in()
    gc.disable()  # only the collection after the response may free it
    try:
        kring = _Kring()
        over = weakref.ref(kring)
        del kring
        assert over() is not None
        client.get("/api/v1/")  # the test client closes the response, as a server does
        assert over() is None
    finally:
        gc.enable()


def test_de_worker_bevriest_alleen_na_zijn_eerste_verzoeken(worker_geheugen, monkeypatch):
    import gc

    from casusregie import geheugen

    bevroren = []
    monkeypatch.setattr(gc, "freeze", lambda: bevroren.append(1))
    na_het_antwoord = geheugen._NaHetAntwoord()
    for _ in range(geheugen.OPWARMEN + 10):
        na_het_antwoord()
    assert len(bevroren) == geheugen.OPWARMEN
