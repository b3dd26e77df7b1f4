"""From the provider's claims to our roles and team: pure functions, no provider, no database."""

import pytest

from basis import sso
from basis.roles import ALLE_ROLLEN

TOEWIJZING = sso.lees_roltoewijzing(
    "GG-CR-Consulent=consulent; GG-CR-Schakelteam=schakelteam\n"
    "cn=backoffice,ou=groepen,dc=gemeente,dc=nl=backoffice;"
    "GG-CR-Teamleider=consulent;GG-CR-Teamleider=schakelteam"
)


def test_zonder_toewijzing_zijn_de_waarden_van_de_idp_onze_rolnamen():
    toewijzing = sso.lees_roltoewijzing("")
    assert sso.rollen_uit_claims({"roles": list(ALLE_ROLLEN)}, "roles", toewijzing) == frozenset(ALLE_ROLLEN)
    assert sso.rollen_uit_claims({"roles": ["Consulent"]}, "roles", toewijzing) == frozenset()


@pytest.mark.parametrize(
    ("waarde", "rollen"),
    [
        ("GG-CR-Consulent", {"consulent"}),
        ("GG-CR-Schakelteam", {"schakelteam"}),
        ("cn=backoffice,ou=groepen,dc=gemeente,dc=nl", {"backoffice"}),
        ("GG-CR-Teamleider", {"consulent", "schakelteam"}),
        ("GG-CR-Onbekend", set()),
        ("consulent", set()),
    ],
)
def test_elke_waarde_van_de_idp_geeft_de_rollen_van_de_toewijzing(waarde, rollen):
    assert sso.rollen_uit_claims({"groups": [waarde]}, "groups", TOEWIJZING) == rollen


def test_meer_waarden_geven_samen_meer_rollen_en_onbekende_waarden_tellen_niet():
    claims = {"groups": ["GG-CR-Consulent", "Iedereen", "GG-CR-Schakelteam"]}
    assert sso.rollen_uit_claims(claims, "groups", TOEWIJZING) == {"consulent", "schakelteam"}


def test_een_enkele_tekst_is_een_waarde_en_wordt_niet_gesplitst():
    assert sso.rollen_uit_claims({"groups": "GG-CR-Consulent"}, "groups", TOEWIJZING) == {"consulent"}
    dn = "cn=backoffice,ou=groepen,dc=gemeente,dc=nl"
    assert sso.rollen_uit_claims({"groups": dn}, "groups", TOEWIJZING) == {"backoffice"}


@pytest.mark.parametrize(
    "claims", [{}, {"groups": None}, {"groups": []}, {"groups": ""}, {"roles": ["GG-CR-Consulent"]}]
)
def test_zonder_de_claim_geen_rol(claims):
    assert sso.rollen_uit_claims(claims, "groups", TOEWIJZING) == frozenset()


def test_een_geneste_claim_met_een_punt_in_het_pad():
    claims = {"realm_access": {"roles": ["GG-CR-Schakelteam", "offline_access"]}}
    assert sso.rollen_uit_claims(claims, "realm_access.roles", TOEWIJZING) == {"schakelteam"}
    assert sso.rollen_uit_claims({"realm_access": ["x"]}, "realm_access.roles", TOEWIJZING) == frozenset()


def test_een_claimnaam_met_punten_wordt_eerst_als_geheel_gezocht():
    claims = {"https://gemeente.nl/rollen": ["GG-CR-Consulent"]}
    assert sso.rollen_uit_claims(claims, "https://gemeente.nl/rollen", TOEWIJZING) == {"consulent"}


@pytest.mark.parametrize(
    "tekst",
    ["GG-CR-Consulent=regisseur", "GG-CR-Consulent", "=consulent", "GG-CR-Consulent=Consulent"],
)
def test_een_toewijzing_met_een_onbekende_rol_of_zonder_paar_wordt_geweigerd(tekst):
    with pytest.raises(ValueError, match=r"rol|paar"):
        sso.lees_roltoewijzing(tekst)


def test_lege_paren_en_spaties_in_de_toewijzing_doen_niet_mee():
    assert sso.lees_roltoewijzing(" ;GG-CR-Beleid = beleid ;\n\n") == {"GG-CR-Beleid": frozenset({"beleid"})}


@pytest.mark.parametrize(
    ("claims", "teams"),
    [
        ({"team": "Noord"}, ["Noord"]),
        ({"team": ["Zuid", "Noord", "Zuid"]}, ["Noord", "Zuid"]),
        ({"team": []}, []),
        ({}, []),
        ({"org": {"team": 7}}, []),
    ],
)
def test_het_team_is_de_waarde_van_de_idp_zoals_die_is(claims, teams):
    assert sso.teams_uit_claims(claims, "team") == teams


def test_een_genest_team_en_geen_teamclaim_ingesteld():
    assert sso.teams_uit_claims({"org": {"team": 7}}, "org.team") == ["7"]
    assert sso.teams_uit_claims({"team": "Noord"}, "") == []
