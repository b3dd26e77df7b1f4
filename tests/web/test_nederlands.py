"""No English where people look: the 404 page in development, the API's description opened in a
browser without a login, the first start of `make run`."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
REPO = Path(__file__).resolve().parents[2]


def test_een_onbekende_pagina_is_de_nederlandse_404_ook_met_debug_aan(client, settings):
    settings.DEBUG = True
    antwoord = client.get("/bestaat-niet/")
    assert antwoord.status_code == 404
    tekst = antwoord.content.decode()
    assert '<html lang="nl">' in tekst and "Niet gevonden" in tekst
    assert "Page not found" not in tekst and "URLconf" not in tekst


def test_een_api_adres_dat_niet_bestaat_blijft_problem_json_met_debug_aan(client, settings):
    settings.DEBUG = True
    antwoord = client.get("/api/v1/bestaat-niet")
    assert (antwoord.status_code, antwoord["Content-Type"]) == (404, "application/problem+json")


@pytest.mark.parametrize("pad", ["/api/v1/docs", "/api/v1/redoc"])
def test_de_api_beschrijving_in_een_browser_zonder_login_gaat_naar_inloggen(client, pad):
    antwoord = client.get(pad, HTTP_ACCEPT=HTML)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"/inloggen/?next={pad}"


@pytest.mark.parametrize("pad", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_een_api_client_zonder_login_houdt_zijn_401(client, pad):
    antwoord = client.get(pad)
    assert (antwoord.status_code, antwoord["Content-Type"]) == (401, "application/problem+json")


def test_de_eerste_start_eindigt_met_adres_en_wachtwoord(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    (tmp_path / "demo-wachtwoord.txt").write_text("geheim-demo-wachtwoord\n")
    monkeypatch.setenv("CASUSREGIE_ADRES", "127.0.0.1:1")  # nothing answers there: waits 0 s
    uit = io.StringIO()
    call_command("welkom", wacht=0, na=0, stop=True, stdout=uit)
    regels = [r for r in uit.getvalue().splitlines() if r.strip("= ")]
    assert regels[-3:] == [
        "Casusregie draait op http://127.0.0.1:1/ (stoppen: Ctrl+C)",
        "Inloggen als consulent, consulent2, schakelteam, backoffice, beleid, beheer",
        "met het wachtwoord: geheim-demo-wachtwoord",
    ]
    # make run starts it with the web server and Celery, so it speaks after their banners.
    assert "welkom: python manage.py welkom" in (REPO / "Procfile").read_text()


def test_de_readme_noemt_casusregie_adres():
    assert "CASUSREGIE_ADRES=" in (REPO / "README.md").read_text()
