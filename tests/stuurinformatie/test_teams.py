"""The figures per team on the dashboard, the tables and the PDF: the teams beheer keeps (privacy),
not a sentence saying there are none."""

import pytest
from django.urls import reverse

from privacy.models import Team
from stuurinformatie import rapport
from tests.factories import gebruiker, maak_indicatie

from .conftest import om

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    wijkteam = Team.objects.create(naam="Wijkteam Centrum")
    carla = gebruiker("consulent", first_name="Carla", last_name="Consulent", team=wijkteam)
    cor = gebruiker("consulent", first_name="Cor", last_name="Collega", team=wijkteam)
    alleen = gebruiker("consulent", first_name="Anna", last_name="Alleen", team=None)
    with om(2027, 1, 4):
        for consulent in (carla, cor, alleen):
            maak_indicatie(consulent)
    return wijkteam


def test_dashboard_noemt_het_team_van_elke_consulent_en_niet_dat_er_geen_teams_zijn(als, team):
    with om(2027, 6, 1):
        tekst = als("beleid").get(reverse("web:stuurinformatie")).content.decode()
        tabellen = als("beleid").get(reverse("web:stuurinformatie_tabellen")).content.decode()
    for pagina in (tekst, tabellen):
        assert "nog geen teams" not in pagina
        assert "Carla Consulent (Wijkteam Centrum)" in pagina
        assert "Cor Collega (Wijkteam Centrum)" in pagina
        # Someone in no team appears with only the name.
        assert "Anna Alleen" in pagina and "Anna Alleen (" not in pagina


def test_het_rapport_noemt_het_team_van_elke_consulent_en_niet_dat_er_geen_teams_zijn(als, team, monkeypatch):
    tabellen = []
    echt = rapport._tabel
    monkeypatch.setattr(
        rapport,
        "_tabel",
        lambda pdf, titel, koppen, rijen, *a: tabellen.append((titel, rijen, a)) or echt(pdf, titel, koppen, rijen, *a),
    )
    with om(2027, 6, 1):
        antwoord = als("beleid").get(reverse("web:stuurinformatie_rapport"))
    assert antwoord.status_code == 200
    assert "nog geen teams" not in repr(tabellen)
    _, rijen, _ = next(t for t in tabellen if t[0] == "Teams naast elkaar")
    assert {r[0] for r in rijen} == {
        "Carla Consulent (Wijkteam Centrum)",
        "Cor Collega (Wijkteam Centrum)",
        "Anna Alleen",
    }


def test_de_api_geeft_de_teams_per_consulent(als, team):
    with om(2027, 6, 1):
        data = als("beleid").get("/api/v1/stuurinformatie", {"van": "2027-01-01", "tot": "2027-12-31"}).json()
    teams = {r["naam"]: r["teams"] for r in data["per_consulent"]}
    assert teams == {"Carla Consulent": ["Wijkteam Centrum"], "Cor Collega": ["Wijkteam Centrum"], "Anna Alleen": []}
