"""Beheer manages the API tokens in the admin (*API-tokens*, docs/permissions.md): makes one for a
user, sees when it was last used, sets until when it works, and revokes it."""

import datetime
import re

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from rest_framework.authtoken.models import Token

from basis.models import ApiToken
from tests.factories import gebruiker

pytestmark = pytest.mark.django_db
LIJST = "/admin/casusregie/apitoken/"
NU = datetime.datetime(2027, 2, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _op_1_februari_2027():
    with time_machine.travel(NU, tick=False) as reis:
        yield reis


@pytest.fixture
def beheer(client):
    """Functioneel beheer as the demo has it: staff with the group, no superuser."""
    client.force_login(gebruiker("beheer", is_staff=True))
    return client


def _met_token(api, token: Token):
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


def _maak(beheer, user, geldig_tot=""):
    return beheer.post(f"{LIJST}add/", {"gebruiker": user.pk, "geldig_tot": geldig_tot}, follow=True)


def test_beheer_ziet_de_tokens_ook_die_buiten_de_admin_zijn_gemaakt(beheer):
    user = gebruiker("consulent", username="script-consulent")
    token = Token.objects.create(user=user)
    pagina = beheer.get(LIJST)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "script-consulent" in html
    assert token.key[:6] in html
    assert token.key not in html


def test_beheer_maakt_een_token_en_ziet_de_sleutel_alleen_bij_het_maken(beheer, api):
    user = gebruiker("consulent")
    antwoord = _maak(beheer, user, "2027-12-31")
    assert antwoord.status_code == 200
    token = Token.objects.get(user=user)
    assert token.key in antwoord.content.decode()
    gegevens = ApiToken.objects.get(token=token)
    assert gegevens.geldig_tot == datetime.date(2027, 12, 31)
    assert gegevens.aangemaakt_door.groups.filter(name="beheer").exists()
    wijzig = beheer.get(f"{LIJST}{gegevens.pk}/change/")
    assert wijzig.status_code == 200
    assert token.key not in wijzig.content.decode()
    assert _met_token(api, token).get("/api/v1/indicaties").status_code == 200


def test_een_tweede_token_voor_dezelfde_gebruiker_wordt_geweigerd(beheer):
    user = gebruiker("consulent")
    Token.objects.create(user=user)
    antwoord = _maak(beheer, user)
    assert "heeft al een API-token" in antwoord.content.decode()
    assert Token.objects.filter(user=user).count() == 1


def test_een_einddatum_in_het_verleden_wordt_geweigerd(beheer):
    user = gebruiker("consulent")
    antwoord = _maak(beheer, user, "2027-01-31")
    assert "Kies vandaag of een datum in de toekomst." in antwoord.content.decode()
    assert not Token.objects.filter(user=user).exists()


def test_het_laatste_gebruik_wordt_bijgehouden_hooguit_eens_per_minuut(api, _op_1_februari_2027):
    token = Token.objects.create(user=gebruiker("consulent"))
    assert ApiToken.objects.get(token=token).laatst_gebruikt is None
    _met_token(api, token).get("/api/v1/indicaties")
    assert ApiToken.objects.get(token=token).laatst_gebruikt == NU
    _op_1_februari_2027.shift(datetime.timedelta(seconds=59))
    api.get("/api/v1/indicaties")
    assert ApiToken.objects.get(token=token).laatst_gebruikt == NU
    _op_1_februari_2027.shift(datetime.timedelta(seconds=1))
    api.get("/api/v1/indicaties")
    assert ApiToken.objects.get(token=token).laatst_gebruikt == NU + datetime.timedelta(minutes=1)


def test_beheer_ziet_wanneer_een_token_het_laatst_is_gebruikt(beheer, api):
    token = Token.objects.create(user=gebruiker("consulent", username="koppeling"))
    _met_token(api, token).get("/api/v1/indicaties")
    html = beheer.get(LIJST).content.decode()
    assert re.search(r"1-2-2027 10:00", html), html  # d-m-jjjj, as everywhere else


def test_een_token_werkt_tot_en_met_zijn_einddatum(api, _op_1_februari_2027):
    token = Token.objects.create(user=gebruiker("consulent"))
    ApiToken.objects.filter(token=token).update(geldig_tot=datetime.date(2027, 2, 1))
    assert _met_token(api, token).get("/api/v1/indicaties").status_code == 200
    _op_1_februari_2027.shift(datetime.timedelta(days=1))
    antwoord = api.get("/api/v1/indicaties")
    assert antwoord.status_code == 401
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord.json()["detail"] == "Dit token is verlopen. Vraag functioneel beheer om een nieuw token."


def test_beheer_verlengt_een_token(beheer):
    token = Token.objects.create(user=gebruiker("consulent"))
    gegevens = ApiToken.objects.get(token=token)
    beheer.post(f"{LIJST}{gegevens.pk}/change/", {"geldig_tot": "2028-01-31"})
    gegevens.refresh_from_db()
    assert gegevens.geldig_tot == datetime.date(2028, 1, 31)


def test_beheer_trekt_tokens_in_en_ze_werken_niet_meer(beheer, api):
    tokens = [Token.objects.create(user=gebruiker("consulent")) for _ in range(2)]
    gegevens = ApiToken.objects.filter(token__in=tokens)
    antwoord = beheer.post(LIJST, {"action": "intrekken", "_selected_action": [g.pk for g in gegevens]}, follow=True)
    assert "2 API-token(s) ingetrokken" in antwoord.content.decode()
    assert not Token.objects.filter(pk__in=[t.pk for t in tokens]).exists()
    assert _met_token(api, tokens[0]).get("/api/v1/indicaties").status_code == 401


def test_intrekken_vanaf_het_token_zelf(beheer):
    token = Token.objects.create(user=gebruiker("consulent"))
    gegevens = ApiToken.objects.get(token=token)
    antwoord = beheer.post(f"{LIJST}{gegevens.pk}/delete/", {"post": "yes"})
    assert antwoord.status_code == 302
    assert not Token.objects.filter(pk=token.pk).exists()
    assert LogEntry.objects.filter(object_id=str(gegevens.pk)).exists()


@pytest.mark.parametrize("rol", ["consulent", "schakelteam", "backoffice", "beleid"])
def test_alleen_beheer_beheert_tokens(client, rol):
    client.force_login(gebruiker(rol, is_staff=True))
    assert client.get(LIJST).status_code == 403


def test_het_scherm_van_drf_zelf_is_er_niet_meer(client):
    client.force_login(gebruiker(is_staff=True, is_superuser=True))
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 404


def test_een_token_voor_een_onbekende_gebruiker_zegt_waarom_het_niet_werkt(api):
    api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    antwoord = api.get("/api/v1/aanbieders")
    assert (antwoord.status_code, antwoord.json()["detail"]) == (401, "Dit token is ongeldig.")


def test_zonder_token_vraagt_het_antwoord_om_in_te_loggen(api):
    antwoord = api.get("/api/v1/aanbieders")
    assert antwoord.json()["detail"] == "Log in om deze functie te gebruiken."
