"""A BSN never ends up in a log or an e-mail; the production profile passes `check --deploy`."""

import datetime
import io
import logging
import os
import secrets
import string
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from notifications.models import Notificatie
from tests.factories import AanbiederFactory, ProductFactory, doelen_api, gebruiker, geldig_bsn

pytestmark = pytest.mark.django_db


@pytest.fixture
def alle_logs_op_debug(caplog):
    """Every logger at DEBUG, including those that do not propagate to the root logger."""
    loggers = [logging.getLogger()] + [
        logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    oud = [(logger, logger.level) for logger in loggers]
    eigen_handler = [logger for logger in loggers if not logger.propagate]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    for logger in eigen_handler:
        logger.addHandler(caplog.handler)
    caplog.handler.setLevel(logging.DEBUG)
    yield caplog
    for logger in eigen_handler:
        logger.removeHandler(caplog.handler)
    for logger, niveau in oud:
        logger.setLevel(niveau)


def _om(dag: datetime.date):
    return time_machine.travel(datetime.datetime.combine(dag, datetime.time(9, 0), tzinfo=datetime.UTC), tick=False)


def _ongeldig(bsn: str) -> str:
    """The same number with the last digit changed: fails the elfproef."""
    return bsn[:-1] + str((int(bsn[-1]) + 1) % 10)


def test_een_volledige_werkgang_schrijft_geen_bsn_in_logs_of_emails(api, alle_logs_op_debug):
    bsn = geldig_bsn()
    consulent = gebruiker("consulent")
    lid = gebruiker("schakelteam")
    duur = ProductFactory(tarief="250.00")
    aanbieder = AanbiederFactory()
    uitvoer = io.StringIO()

    with _om(datetime.date(2027, 1, 4)):
        client = api.als(user=consulent)
        antwoord = client.post(
            "/api/v1/inwoners/",
            {"bsn": bsn, "voornaam": "Fenna", "achternaam": "de Vries", "geboortedatum": "1990-02-03"},
            format="json",
        )
        assert antwoord.status_code == 201, antwoord.json()
        inwoner_id = antwoord.json()["id"]
        # Refused input: the same BSN twice, and one that fails the elfproef.
        assert client.post("/api/v1/inwoners/", {"bsn": bsn}, format="json").status_code == 400
        ongeldig = {"bsn": _ongeldig(bsn), "voornaam": "A", "achternaam": "B", "geboortedatum": "1990-01-01"}
        assert client.post("/api/v1/inwoners/", ongeldig, format="json").status_code == 400
        assert client.get(f"/api/v1/inwoners/{inwoner_id}/").status_code == 200
        assert client.get("/api/v1/inwoners/").status_code == 200
        assert (
            client.patch(f"/api/v1/inwoners/{inwoner_id}/", {"achternaam": "Jansen"}, format="json").status_code == 200
        )

        antwoord = client.post(
            "/api/v1/indicaties/",
            {
                "inwoner": inwoner_id,
                "product": duur.code,
                "aanbieder": str(aanbieder.pk),
                "volume": "8",
                "eenheid": "uur",
                "frequentie": "per_week",
                "ingangsdatum": "2027-01-04",
                "einddatum": "2027-08-31",
                "doelen": doelen_api(),
            },
            format="json",
        )
        assert antwoord.status_code == 201, antwoord.json()
        indicatie_id = antwoord.json()["id"]
        assert antwoord.json()["status"] == "wacht_op_schakelteam"

        antwoord = api.als(user=lid).post(
            f"/api/v1/indicaties/{indicatie_id}/schakelteam-besluit/",
            {"besluit": "akkoord", "toelichting": "Akkoord na overleg."},
            format="json",
        )
        assert antwoord.status_code == 200, antwoord.json()

    with _om(datetime.date(2027, 5, 10)):
        call_command("run_daily_jobs", stdout=uitvoer)
        client = api.als(user=consulent)
        notificatie = Notificatie.objects.filter(ontvanger=consulent).first()
        assert (
            client.patch(f"/api/v1/notificaties/{notificatie.pk}/", {"gelezen": True}, format="json").status_code == 200
        )
        assert client.get(f"/api/v1/indicaties/{indicatie_id}/historie/").status_code == 200

    soorten = set(Notificatie.objects.values_list("soort", flat=True))
    assert {"schakelteam_gevraagd", "schakelteam_besluit", "evaluatie_open", "evaluatie_te_laat"} <= soorten
    assert len(mail.outbox) == Notificatie.objects.count()

    records = alle_logs_op_debug.records
    assert any(r.levelno == logging.DEBUG for r in records), "er is niet op DEBUG gelogd"
    assert any(r.name == "django.request" for r in records), "de geweigerde invoer is niet gelogd"
    logtekst = alle_logs_op_debug.text + "\n".join(str(vars(r)) for r in records) + uitvoer.getvalue()
    mailtekst = "\n".join(m.message().as_string() + m.subject + m.body + " ".join(m.to) for m in mail.outbox)
    for nummer in (bsn, _ongeldig(bsn)):
        assert nummer not in logtekst
        assert nummer not in mailtekst


def test_ook_met_debug_aan_komt_sql_met_een_bsn_niet_in_de_log(api, settings, caplog):
    """Someone debugging turns DEBUG on and Django's loggers to DEBUG: Django would then log
    every query with its parameters. The logging configuration keeps that one logger at INFO."""
    settings.DEBUG = True
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    bsn = geldig_bsn()
    antwoord = api.als("consulent").post(
        "/api/v1/inwoners/",
        {"bsn": bsn, "voornaam": "Fenna", "achternaam": "de Vries", "geboortedatum": "1990-02-03"},
        format="json",
    )
    assert antwoord.status_code == 201
    assert api.als("consulent").get(f"/api/v1/inwoners/?bsn={bsn}").status_code == 200
    assert bsn not in caplog.text


def _willekeurige_sleutel(lengte: int = 60) -> str:
    tekens = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(tekens) for _ in range(lengte))


def _productie(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "CASUSREGIE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="casusregie.settings",
        CASUSREGIE_OMGEVING="productie",
        DJANGO_SECRET_KEY=_willekeurige_sleutel(),
        DJANGO_ALLOWED_HOSTS="casusregie.gemeente.nl",
        CASUSREGIE_PSEUDONIEM_SLEUTEL=_willekeurige_sleutel(40),
        CASUSREGIE_VAR_DIR=str(tmp_path),
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        # The official XSDs the test run uses (a production installation names its own).
        CASUSREGIE_ISTANDAARDEN=settings.CASUSREGIE_ISTANDAARDEN,
    )
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def _check_deploy(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_productie_zonder_pseudoniemsleutel_start_niet(tmp_path):
    resultaat = _check_deploy(_productie(tmp_path, CASUSREGIE_PSEUDONIEM_SLEUTEL=None))
    assert resultaat.returncode != 0
    assert "CASUSREGIE_PSEUDONIEM_SLEUTEL (minstens 32 tekens) is verplicht in productie." in resultaat.stderr


def test_check_deploy_in_productie_vindt_niets(tmp_path, istandaarden_vereist):
    resultaat = _check_deploy(_productie(tmp_path))
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr
    assert "System check identified no issues (0 silenced)." in resultaat.stdout
