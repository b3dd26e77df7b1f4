"""Login with the municipality's account, end to end against a real OpenID provider (tests/sso/conftest.py):
roles and team from the provider's claims, users made on the first login and brought up to date
on every next one, and every token that is not exactly for us refused with a Dutch page."""

import base64
import json
import logging

import jwt
import pytest
import requests
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from basis.models import Gemeenteaccount
from basis.oidc import GemeenteaccountBackend
from basis.roles import ALLE_ROLLEN, rollen_van
from privacy.models import Team
from tests.factories import gebruiker

from .hulp import IDP_GROEPEN, inloggen, inloggen_bij_de_idp, naar_de_idp

pytestmark = [
    pytest.mark.oidc,
    pytest.mark.django_db,
    # The provider (authlib) warns about its own use of authlib's older interfaces.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib"),
]

User = get_user_model()
WACHTWOORD = "een-lang-genoeg-wachtwoord-2027"


def ingelogd_als(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.WARNING, logger="basis.oidc")
    return caplog


def assert_geweigerd(antwoord, client, tekst: str, status: int = 403):
    assert antwoord.status_code == status
    inhoud = antwoord.content.decode()
    assert "Inloggen niet gelukt" in inhoud
    assert tekst in inhoud
    assert ingelogd_als(client) is None


# --- Without configuration nothing changes -------------------------------------------------


def test_zonder_oidc_toont_de_inlogpagina_alleen_het_wachtwoord_en_bestaan_de_adressen_niet(settings, client):
    assert not settings.OIDC_RP_CLIENT_ID
    pagina = client.get("/inloggen/").content.decode()
    assert "gemeente-account" not in pagina
    assert 'name="password"' in pagina
    assert client.get("/inloggen/gemeente/").status_code == 404
    assert client.get("/inloggen/gemeente/terug/?code=x&state=y").status_code == 404


def test_met_oidc_biedt_de_inlogpagina_het_gemeente_account_en_nog_steeds_het_wachtwoord(gemeente, client):
    pagina = client.get("/inloggen/?next=/inwoners/").content.decode()
    assert "Inloggen met uw gemeente-account" in pagina
    assert 'href="/inloggen/gemeente/?next=/inwoners/"' in pagina
    assert 'name="password"' in pagina


def test_met_oidc_werkt_inloggen_met_wachtwoord_als_voorheen(gemeente, client):
    user = gebruiker("consulent")
    user.set_password(WACHTWOORD)
    user.save()
    antwoord = client.post("/inloggen/", {"username": user.username, "password": WACHTWOORD, "next": "/"})
    assert antwoord.status_code == 302
    assert ingelogd_als(client) == user


def test_de_idp_krijgt_ons_client_id_een_state_een_nonce_en_pkce(gemeente, client):
    adres = naar_de_idp(client)
    assert adres.startswith(f"{gemeente.url}/oauth2/authorize?")
    for parameter in ("client_id=casusregie", "state=", "nonce=", "code_challenge=", "code_challenge_method=S256"):
        assert parameter in adres
    assert "redirect_uri=http%3A%2F%2Ftestserver%2Finloggen%2Fgemeente%2Fterug%2F" in adres


# --- Successful logins --------------------------------------------------------------------


@pytest.mark.parametrize("rol", ALLE_ROLLEN)
def test_eerste_inlog_maakt_de_gebruiker_met_de_rol_van_zijn_idp_groep(gemeente, client, rol):
    sub = f"sub-{rol}"
    gemeente.gebruiker(
        sub,
        groups=[IDP_GROEPEN[rol], "GG-Iedereen"],
        team="Wijkteam Noord",
        email=f"{rol}@gemeente.nl",
        given_name="Fenna",
        family_name="de Vries",
        preferred_username=f"{rol}.fenna@gemeente.nl",
    )

    antwoord = inloggen(client, sub)

    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/"
    user = ingelogd_als(client)
    assert user.username == f"{rol}.fenna@gemeente.nl"
    assert (user.first_name, user.last_name, user.email) == ("Fenna", "de Vries", f"{rol}@gemeente.nl")
    assert rollen_van(user) == {rol}
    assert user.is_staff == (rol == "beheer")
    assert not user.is_superuser
    assert not user.has_usable_password()
    account = user.gemeenteaccount
    assert (account.issuer, account.sub, account.teams) == (gemeente.url, sub, ["Wijkteam Noord"])
    assert client.get("/?volledig=1").status_code == 200


def test_twee_idp_groepen_geven_twee_rollen(gemeente, client):
    gemeente.gebruiker("sub-twee", groups=[IDP_GROEPEN["consulent"], IDP_GROEPEN["schakelteam"]])
    inloggen(client, "sub-twee")
    assert rollen_van(ingelogd_als(client)) == {"consulent", "schakelteam"}


def test_na_het_inloggen_naar_de_pagina_waar_de_gebruiker_heen_wilde(gemeente, client):
    gemeente.gebruiker("sub-next", groups=[IDP_GROEPEN["consulent"]])
    antwoord = inloggen(client, "sub-next", pad="/inloggen/gemeente/?next=/inwoners/")
    assert antwoord["Location"] == "/inwoners/"
    assert client.get("/inwoners/").status_code == 200


def test_geen_verwijzing_naar_een_andere_site_na_het_inloggen(gemeente, client):
    gemeente.gebruiker("sub-weg", groups=[IDP_GROEPEN["consulent"]])
    antwoord = inloggen(client, "sub-weg", pad="/inloggen/gemeente/?next=https://kwaadaardig.invalid/")
    assert antwoord["Location"] == "/"


def test_rollen_uit_een_geneste_claim_zonder_toewijzing(provider, instellen, client):
    instellen(provider, OIDC_CLAIM_ROLLEN="realm_access.roles", OIDC_ROLLEN="")
    provider.gebruiker("sub-genest", realm_access={"roles": ["backoffice", "offline_access"]})
    inloggen(client, "sub-genest")
    assert rollen_van(ingelogd_als(client)) == {"backoffice"}


def test_een_terugkerende_gebruiker_krijgt_de_rollen_en_het_team_van_vandaag(gemeente, client):
    gemeente.gebruiker("sub-terug", groups=[IDP_GROEPEN["consulent"]], team="Noord", email="oud@gemeente.nl")
    inloggen(client, "sub-terug")
    user = ingelogd_als(client)
    assert rollen_van(user) == {"consulent"}
    # A group that is no role stays; the roles are the provider's.
    user.groups.add(Group.objects.create(name="nieuwsbrief"))
    client.post("/uitloggen/")

    gemeente.gebruiker(
        "sub-terug", groups=[IDP_GROEPEN["schakelteam"], IDP_GROEPEN["beheer"]], team="Zuid", email="nieuw@gemeente.nl"
    )
    tweede = Client()
    assert inloggen(tweede, "sub-terug").status_code == 302

    assert ingelogd_als(tweede) == user
    assert User.objects.filter(gemeenteaccount__sub="sub-terug").count() == 1
    user = User.objects.get(pk=user.pk)
    assert set(user.groups.values_list("name", flat=True)) == {"schakelteam", "beheer", "nieuwsbrief"}
    assert user.is_staff
    assert user.email == "nieuw@gemeente.nl"
    assert Gemeenteaccount.objects.get(user=user).teams == ["Zuid"]


def test_een_lokaal_account_met_dezelfde_naam_wordt_nooit_overgenomen(gemeente, client):
    lokaal = gebruiker("beheer", username="kees@gemeente.nl")
    gemeente.gebruiker("sub-kees", groups=[IDP_GROEPEN["consulent"]], preferred_username="kees@gemeente.nl")

    inloggen(client, "sub-kees")

    user = ingelogd_als(client)
    assert user != lokaal
    assert user.username.startswith("kees@gemeente.nl-")
    assert rollen_van(User.objects.get(pk=lokaal.pk)) == {"beheer"}
    assert not hasattr(User.objects.get(pk=lokaal.pk), "gemeenteaccount")


# --- Refused, in Dutch --------------------------------------------------------------------


@pytest.mark.parametrize("claims", [{"groups": ["GG-Iedereen"]}, {"groups": ["consulent"]}, {}])
def test_zonder_bekende_rol_geweigerd_en_geen_gebruiker_gemaakt(gemeente, client, claims):
    gemeente.gebruiker("sub-zonder-rol", email="zonder@gemeente.nl", **claims)

    antwoord = inloggen(client, "sub-zonder-rol")

    assert_geweigerd(antwoord, client, "uw gemeente-account heeft geen rol voor Casusregie")
    assert not User.objects.filter(email="zonder@gemeente.nl").exists()


def test_wie_zijn_rollen_kwijt_is_komt_niet_meer_binnen_en_houdt_zijn_account_zonder_rol(gemeente, client):
    gemeente.gebruiker("sub-weg-rol", groups=[IDP_GROEPEN["backoffice"], IDP_GROEPEN["beheer"]])
    inloggen(client, "sub-weg-rol")
    user = ingelogd_als(client)
    client.post("/uitloggen/")

    gemeente.gebruiker("sub-weg-rol", groups=["GG-Iedereen"])
    antwoord = inloggen(client, "sub-weg-rol")

    assert_geweigerd(antwoord, client, "geen rol voor Casusregie")
    user = User.objects.get(pk=user.pk)
    assert rollen_van(user) == frozenset()
    assert not user.is_staff


def test_een_uitgeschakeld_account_komt_niet_binnen(gemeente, client):
    gemeente.gebruiker("sub-uit", groups=[IDP_GROEPEN["consulent"]])
    inloggen(client, "sub-uit")
    User.objects.filter(gemeenteaccount__sub="sub-uit").update(is_active=False)

    antwoord = inloggen(Client(), "sub-uit")

    assert antwoord.status_code == 403
    assert "Uw account in Casusregie staat uit" in antwoord.content.decode()


def test_een_token_voor_een_andere_applicatie_wordt_geweigerd(gemeente, client, monkeypatch, log):
    """The provider signed it properly, but for another client: its audience is not us."""
    gemeente.gebruiker("sub-aud", groups=[IDP_GROEPEN["beheer"]])
    terug_ander = inloggen_bij_de_idp(
        naar_de_idp(client).replace("client_id=casusregie", "client_id=ander-systeem"), "sub-aud"
    )
    code_ander = terug_ander.split("code=")[1].split("&")[0]
    token_ander = requests.post(
        f"{gemeente.url}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "code": code_ander,
            "client_id": "ander-systeem",
            "client_secret": "x",
            "redirect_uri": "http://testserver/inloggen/gemeente/terug/",
        },
        timeout=5,
    ).json()
    assert jwt.decode(token_ander["id_token"], options={"verify_signature": False})["aud"] == ["ander-systeem"]
    monkeypatch.setattr(GemeenteaccountBackend, "get_token", lambda self, payload: token_ander)

    antwoord = inloggen(client, "sub-aud")

    assert_geweigerd(antwoord, client, "het antwoord van de inlogdienst van de gemeente klopt niet")
    assert "Audience doesn't match" in log.text
    assert not User.objects.filter(gemeenteaccount__sub="sub-aud").exists()


def test_een_verlopen_token_wordt_geweigerd(verlopen_provider, instellen, client, log):
    instellen(verlopen_provider)
    verlopen_provider.gebruiker("sub-verlopen", groups=[IDP_GROEPEN["consulent"]])

    antwoord = inloggen(client, "sub-verlopen")

    assert_geweigerd(antwoord, client, "klopt niet")
    assert "Signature has expired" in log.text
    assert not User.objects.filter(gemeenteaccount__sub="sub-verlopen").exists()


def test_een_token_met_aangepaste_inhoud_wordt_geweigerd(gemeente, client, monkeypatch, log):
    """Someone changes the signed token on its way (gives themselves beheer): the signature fails."""
    gemeente.gebruiker("sub-vervalst", groups=[IDP_GROEPEN["beleid"]])
    echte_get_token = GemeenteaccountBackend.get_token

    def vervalst(self, payload):
        token = echte_get_token(self, payload)
        kop, _, handtekening = token["id_token"].split(".")
        claims = jwt.decode(token["id_token"], options={"verify_signature": False})
        claims["groups"] = [IDP_GROEPEN["beheer"]]
        nep = jwt.encode(claims, "x" * 32, algorithm="HS256").split(".")[1]
        return {**token, "id_token": f"{kop}.{nep}.{handtekening}"}

    monkeypatch.setattr(GemeenteaccountBackend, "get_token", vervalst)

    assert_geweigerd(inloggen(client, "sub-vervalst"), client, "klopt niet")
    assert "Signature verification failed" in log.text


def test_een_token_getekend_met_een_andere_sleutel_wordt_geweigerd(provider, verlopen_provider, instellen, client, log):
    """The keys come from another provider than the one that signed: the signature does not match."""
    instellen(provider, OIDC_OP_JWKS_ENDPOINT=f"{verlopen_provider.url}/jwks")
    provider.gebruiker("sub-sleutel", groups=[IDP_GROEPEN["consulent"]])

    assert_geweigerd(inloggen(client, "sub-sleutel"), client, "klopt niet")
    assert "Signature verification failed" in log.text


def test_een_token_van_een_andere_issuer_wordt_geweigerd(provider, instellen, client, log):
    """The provider at another address calls itself another issuer than the one we trust."""
    ander_adres = provider.url.replace("localhost", "127.0.0.1")
    instellen(
        provider,
        OIDC_OP_AUTHORIZATION_ENDPOINT=f"{ander_adres}/oauth2/authorize",
        OIDC_OP_TOKEN_ENDPOINT=f"{ander_adres}/oauth2/token",
        OIDC_OP_USER_ENDPOINT=f"{ander_adres}/userinfo",
        OIDC_OP_JWKS_ENDPOINT=f"{ander_adres}/jwks",
    )
    provider.gebruiker("sub-issuer", groups=[IDP_GROEPEN["consulent"]])

    assert_geweigerd(inloggen(client, "sub-issuer"), client, "klopt niet")
    assert "Invalid issuer" in log.text


def test_een_discovery_document_van_een_andere_issuer_wordt_niet_gebruikt(provider, instellen, client, log):
    instellen(provider, OIDC_OP_ISSUER=provider.url + "/")
    antwoord = client.get("/inloggen/gemeente/")
    assert_geweigerd(antwoord, client, "De inlogdienst van de gemeente is nu niet bereikbaar", status=503)
    assert "beschrijft een andere issuer" in log.text


def test_een_tweede_keer_hetzelfde_antwoord_van_de_idp_wordt_geweigerd(gemeente, client, log):
    gemeente.gebruiker("sub-replay", groups=[IDP_GROEPEN["consulent"]])
    terug = inloggen_bij_de_idp(naar_de_idp(client), "sub-replay")
    assert client.get(terug).status_code == 302
    client.post("/uitloggen/")

    assert_geweigerd(client.get(terug), client, "klopt niet")
    assert "geen inlogpoging met deze state" in log.text


def test_een_antwoord_zonder_inlogpoging_in_deze_sessie_wordt_geweigerd(gemeente, client):
    gemeente.gebruiker("sub-vreemd", groups=[IDP_GROEPEN["consulent"]])
    terug = inloggen_bij_de_idp(naar_de_idp(Client()), "sub-vreemd")
    assert_geweigerd(client.get(terug), client, "klopt niet")


def test_afbreken_bij_de_idp(gemeente, client):
    gemeente.gebruiker("sub-nee", groups=[IDP_GROEPEN["consulent"]])
    terug = inloggen_bij_de_idp(naar_de_idp(client), "sub-nee", action="deny")
    assert "error=access_denied" in terug
    assert_geweigerd(client.get(terug), client, "is afgebroken")


def test_een_onbereikbare_idp_geeft_een_nederlandse_melding(instellen, provider, client):
    instellen(provider, OIDC_OP_ISSUER="http://127.0.0.1:9", OIDC_TIMEOUT=2)
    antwoord = client.get("/inloggen/gemeente/")
    assert_geweigerd(antwoord, client, "niet bereikbaar", status=503)


def test_geweigerde_inlogpogingen_blokkeren_het_wachtwoord_niet(gemeente, client, settings):
    gemeente.gebruiker("sub-proberen", groups=["GG-Iedereen"])
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert inloggen(client, "sub-proberen").status_code == 403
    assert AccessAttempt.objects.count() == 0

    user = gebruiker("consulent")
    user.set_password(WACHTWOORD)
    user.save()
    antwoord = client.post("/inloggen/", {"username": user.username, "password": WACHTWOORD, "next": "/"})
    assert antwoord.status_code == 302


def test_de_sleutel_wordt_gekozen_op_kid_en_een_onbekende_kid_wordt_geweigerd(gemeente):
    jwks = requests.get(f"{gemeente.url}/jwks", timeout=5).json()["keys"]
    kid = jwks[0]["kid"]
    backend = GemeenteaccountBackend()
    backend.OIDC_OP_JWKS_ENDPOINT = f"{gemeente.url}/jwks"

    def token(**kop):
        # Only the header matters for choosing the key; the signature is checked afterwards.
        deel = base64.urlsafe_b64encode(json.dumps({"alg": "RS256", **kop}).encode()).rstrip(b"=").decode()
        return f"{deel}.e30.aGFuZHRla2VuaW5n"

    assert backend.retrieve_matching_jwk(token(kid=kid)).key_id == kid
    assert backend.retrieve_matching_jwk(token()).key_id == kid
    with pytest.raises(SuspiciousOperation, match="Geen eenduidige sleutel"):
        backend.retrieve_matching_jwk(token(kid="onbekend"))
    with pytest.raises(jwt.PyJWTError):
        backend.retrieve_matching_jwk(token(kid=kid, alg="ES256"))


def test_het_team_van_de_idp_bepaalt_de_teams_van_de_gebruiker(gemeente, client):
    noord = Team.objects.create(naam="Noord")
    handmatig = Team.objects.create(naam="Oud team")
    gemeente.gebruiker("sub-team", groups=[IDP_GROEPEN["consulent"]], team=["Noord", "Wijkteam Oost"])
    inloggen(client, "sub-team")
    user = ingelogd_als(client)
    handmatig.leden.add(user)
    client.post("/uitloggen/")
    inloggen(Client(), "sub-team")

    assert sorted(user.teams.values_list("naam", flat=True)) == ["Noord", "Wijkteam Oost"]
    assert noord.leden.get() == user
    oost = Team.objects.get(naam="Wijkteam Oost")
    assert oost.history.earliest().history_change_reason == "Team volgens het gemeente-account bij inloggen"
    assert not handmatig.leden.exists()


def test_zonder_teamclaim_blijven_de_teams_van_beheer(provider, instellen, client):
    instellen(provider, OIDC_CLAIM_TEAM="")
    provider.gebruiker("sub-geen-team", groups=[IDP_GROEPEN["consulent"]], team="Noord")
    inloggen(client, "sub-geen-team")
    user = ingelogd_als(client)
    zuid = Team.objects.create(naam="Zuid")
    zuid.leden.add(user)
    inloggen(Client(), "sub-geen-team")
    assert list(user.teams.values_list("naam", flat=True)) == ["Zuid"]
    assert not Team.objects.filter(naam="Noord").exists()


def test_een_te_lange_teamnaam_uit_de_claim_wordt_genegeerd(gemeente, client):
    lang = "CN=Wijkteam Noord,OU=" + "x" * 100
    gemeente.gebruiker("sub-lang", groups=[IDP_GROEPEN["consulent"]], team=["Noord", lang])
    assert inloggen(client, "sub-lang").status_code == 302
    assert list(ingelogd_als(client).teams.values_list("naam", flat=True)) == ["Noord"]
