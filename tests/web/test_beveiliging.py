"""Security of the web UI: CSP on every page, CSRF on every form, lock-out after 5 failed
logins, assets served by the app itself."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import gebruiker

from .conftest import MODEL_BACKEND

pytestmark = pytest.mark.django_db

WACHTWOORD = "een-lang-genoeg-wachtwoord-2027"


@pytest.mark.parametrize("url", ["/inloggen/", "/", "/inwoners/", "/notificaties/"])
def test_elke_pagina_heeft_een_content_security_policy(als, url):
    client = als("consulent") if url != "/inloggen/" else Client()
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    csp = antwoord["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert antwoord["X-Frame-Options"] == "DENY"
    assert antwoord["X-Content-Type-Options"] == "nosniff"


def test_paginas_bevatten_geen_inline_scripts_of_stijlen(als):
    """The CSP forbids them, so a page that has them would break silently in the browser."""
    tekst = als("consulent").get("/?volledig=1").content.decode()
    assert "<script>" not in tekst
    assert "<style" not in tekst
    assert " style=" not in tekst
    assert " onclick=" not in tekst


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/rol/", {"rol": "consulent"}),
        ("/inwoners/", {"naam": "Jansen", "geboortedatum": "", "bsn": ""}),
        ("/uitloggen/", {}),
    ],
)
def test_post_zonder_csrf_token_is_403(url, data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(gebruiker("consulent"), backend=MODEL_BACKEND)
    assert client.post(url, data).status_code == 403


def test_post_met_csrf_token_uit_het_formulier_werkt():
    client = Client(enforce_csrf_checks=True)
    client.force_login(gebruiker("consulent", "schakelteam"), backend=MODEL_BACKEND)
    client.get("/?volledig=1")
    token = client.cookies["csrftoken"].value
    antwoord = client.post("/rol/", {"rol": "schakelteam", "csrfmiddlewaretoken": token})
    assert antwoord.status_code == 302


def test_elk_formulier_heeft_een_csrf_token(als, wereld):
    client = als(user=wereld.consulent)
    for url in (
        "/",
        reverse("web:inwoners"),
        reverse("web:indicatie_nieuw", args=[wereld.inwoner.pk]),
        reverse("web:indicatie", args=[wereld.indicatie.pk]),
        reverse("web:notificaties"),
    ):
        tekst = client.get(url).content.decode()
        assert tekst.count('<form method="post"') == tekst.count('name="csrfmiddlewaretoken"'), url


def _inloggen(client, gebruikersnaam, wachtwoord):
    return client.post("/inloggen/", {"username": gebruikersnaam, "password": wachtwoord, "next": "/"})


def test_inloggen_met_het_juiste_wachtwoord_opent_de_werkvoorraad():
    user = gebruiker("consulent")
    user.set_password(WACHTWOORD)
    user.save()
    client = Client()
    antwoord = _inloggen(client, user.username, WACHTWOORD)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/"
    assert "Werkvoorraad – Consulent" in client.get("/?volledig=1").content.decode()


def test_fout_wachtwoord_geeft_een_nederlandse_melding():
    user = gebruiker("consulent")
    antwoord = _inloggen(Client(), user.username, "fout")
    assert antwoord.status_code == 200
    assert "Uw gebruikersnaam of wachtwoord is onjuist." in antwoord.content.decode()
    # The configured limit and waiting time (AXES_FAILURE_LIMIT, AXES_COOLOFF_TIME), not fixed text.
    assert "Na 5 mislukte pogingen wordt uw account 1 uur geblokkeerd." in antwoord.content.decode()


def test_na_5_mislukte_pogingen_is_het_account_geblokkeerd():
    user = gebruiker("consulent")
    user.set_password(WACHTWOORD)
    user.save()
    client = Client()
    for _ in range(4):
        assert _inloggen(client, user.username, "fout").status_code == 200
    vijfde = _inloggen(client, user.username, "fout")
    assert vijfde.status_code == 429
    # Also the right password is refused now, and no session is started.
    antwoord = _inloggen(client, user.username, WACHTWOORD)
    assert antwoord.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/?volledig=1").status_code == 302


def test_de_blokkadepagina_is_nederlands_en_noemt_wachttijd_en_functioneel_beheer(settings):
    user = gebruiker("consulent")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _inloggen(client, user.username, "fout").status_code == 200
    antwoord = _inloggen(client, user.username, "fout")
    assert antwoord.status_code == 429
    tekst = antwoord.content.decode()
    assert '<html lang="nl">' in tekst
    assert "Inloggen tijdelijk geblokkeerd" in tekst
    assert f"Er is {settings.AXES_FAILURE_LIMIT} keer" in tekst
    assert "Probeer het over 1 uur opnieuw." in tekst
    assert "functioneel beheer" in tekst
    for engels in ("Account locked", "too many login attempts", "try again", "Contact an admin"):
        assert engels.lower() not in tekst.lower()


def test_vier_mislukte_pogingen_blokkeren_nog_niet():
    user = gebruiker("consulent")
    user.set_password(WACHTWOORD)
    user.save()
    client = Client()
    for _ in range(4):
        _inloggen(client, user.username, "fout")
    assert _inloggen(client, user.username, WACHTWOORD).status_code == 302


@pytest.mark.parametrize("pad", ["/static/casusregie/app.css", "/static/django_htmx/htmx-2.min.js"])
def test_de_app_levert_haar_eigen_bestanden(client, pad):
    antwoord = client.get(pad)
    assert antwoord.status_code == 200
    assert b"".join(antwoord.streaming_content)
