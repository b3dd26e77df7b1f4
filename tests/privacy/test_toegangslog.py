"""No BSN in a log line about a request, whoever put it in a URL (basis/toegangslog.py)."""

import datetime
import logging

import pytest
from gunicorn.config import Config

from basis.toegangslog import GunicornLogboek, VerbergBsn, verberg_bsn

BSN = "111222333"


@pytest.mark.parametrize(
    "regel",
    [
        f"GET /api/v1/verwerkingen?bsn={BSN} HTTP/1.1",
        f"GET /api/v1/verwerkingen?pageSize=5&BSN={BSN}&page=2 HTTP/1.1",
        f"GET /api/v1/verwerkingen?%62sn={BSN} HTTP/1.1",
        f"GET /inwoners/?zoek={BSN} HTTP/1.1",
        "GET /api/v1/verwerkingen?bsn=12345 HTTP/1.1",
    ],
)
def test_een_bsn_in_een_verzoekregel_wordt_verborgen(regel):
    schoon = verberg_bsn(regel)
    assert BSN not in schoon and "12345 " not in schoon
    assert "[verborgen]" in schoon


def test_ids_en_andere_parameters_blijven_leesbaar():
    regel = "GET /api/v1/indicaties/12345678-1234-1234-1234-123456789012?status=toegewezen&page=2 HTTP/1.1"
    assert verberg_bsn(regel) == regel


def test_de_toegangslog_van_gunicorn_bevat_geen_bsn():
    class Antwoord:
        status, sent, headers = "200 OK", 120, []

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/api/v1/verwerkingen?bsn={BSN}",
        "PATH_INFO": "/api/v1/verwerkingen",
        "QUERY_STRING": f"bsn={BSN}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://casusregie.example/inwoners/?bsn={BSN}",
    }
    logger = GunicornLogboek(Config())
    atoms = logger.atoms(Antwoord(), [], environ, datetime.timedelta(milliseconds=3))
    regel = Config().access_log_format % logger.atoms_wrapper_class(atoms)
    assert BSN not in regel
    assert "/api/v1/verwerkingen?bsn=[verborgen]" in regel


def test_gunicorn_gebruikt_de_logger_zonder_bsn():
    from django.conf import settings
    from gunicorn.app.base import Application

    class App(Application):
        def init(self, parser, opts, args):
            return {}

        def load(self):  # pragma: no cover - never served
            return None

    app = App.__new__(App)
    app.cfg = Config()
    app.load_config_from_file(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert app.cfg.logger_class is GunicornLogboek


def test_de_verzoekregels_van_django_gaan_door_het_filter():
    filters = [f for h in logging.getLogger("django.server").handlers for f in h.filters]
    assert any(isinstance(f, VerbergBsn) for f in filters)
    record = logging.LogRecord(
        "django.server", logging.INFO, "", 0, '"%s" %s %s', (f"GET /?bsn={BSN} HTTP/1.1", 200, 5), None
    )
    VerbergBsn().filter(record)
    assert BSN not in record.getMessage()
