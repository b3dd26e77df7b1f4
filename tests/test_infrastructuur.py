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


def test_een_worker_bevriest_wat_het_opstarten_bouwde():
    """casusregie/wsgi.py: the objects of start-up are out of the garbage collector's way."""
    import gc
    import importlib

    import casusregie.wsgi

    gc.unfreeze()
    try:
        importlib.reload(casusregie.wsgi)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
