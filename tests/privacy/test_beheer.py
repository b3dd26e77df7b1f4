"""Beheer keeps the teams in the admin; a new team member sees the team's inwoners at once. The
log and the accesses outside the caseload are there to read, not to change."""

import pytest

from privacy.models import Team

pytestmark = pytest.mark.django_db


def test_beheer_maakt_een_team_en_het_nieuwe_lid_ziet_de_caseload(client, api, gemeente, nu):
    client.force_login(gemeente.beheer)
    assert client.get("/admin/privacy/team/").status_code == 200
    antwoord = client.post("/admin/privacy/team/add/", {"naam": "Oost", "leden": [gemeente.carla.pk, gemeente.zoe.pk]})
    assert antwoord.status_code == 302, antwoord.content[:500]
    assert set(Team.objects.get(naam="Oost").leden.all()) == {gemeente.carla, gemeente.zoe}
    assert api.als(user=gemeente.zoe).get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 200


@pytest.mark.parametrize("model", ["verwerking", "handeling", "toegangbuitencaseload"])
def test_beheer_leest_het_logboek_maar_wijzigt_niets(client, gemeente, nu, model):
    client.force_login(gemeente.beheer)
    assert client.get(f"/admin/privacy/{model}/").status_code == 200
    assert client.get(f"/admin/privacy/{model}/add/").status_code == 403


def test_een_consulent_komt_niet_in_het_beheer_van_teams(client, gemeente, nu):
    client.force_login(gemeente.carla)
    assert client.get("/admin/privacy/team/").status_code == 302  # to the admin login
