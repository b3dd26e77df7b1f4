"""The traject's rules are not escaped by small edits afterwards: taking spoed off, lowering the
volume for a moment, a verlenging without its link, a successor after afschalen
(docs/domain.md, "Traject")."""

import datetime
from decimal import Decimal

import pytest

from indicaties.models import Indicatie
from tests.factories import gebruiker

from .hulp import INGANG, dag, indicatie, om

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulent():
    return gebruiker("consulent")


def _codes(antwoord) -> list[str]:
    return [p["code"] for p in antwoord.json()["invalid_params"]]


def _patch(client, ind, **velden):
    return client.patch(f"/api/v1/indicaties/{ind.id}", velden, format="json")


# --- Spoed stays on while the start lies in the past ------------------------------------------------


def _spoed(consulent, ingang: datetime.date):
    return indicatie(
        consulent,
        ingangsdatum=ingang,
        einddatum=dag(ingang, 200),
        spoed=True,
        spoed_reden="Mantelzorger opgenomen.",
        geregistreerd_op=INGANG,
    )


def test_spoed_kan_er_niet_af_als_de_ingangsdatum_voorbij_is(api, consulent):
    with om(INGANG):
        ind = _spoed(consulent, dag(INGANG, -2))
        antwoord = _patch(api.als(user=consulent), ind, spoed=False)
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["geen_terugwerkende_kracht"]
    assert [p["name"] for p in antwoord.json()["invalid_params"]] == ["spoed"]
    ind = Indicatie.objects.get(pk=ind.pk)
    assert ind.spoed and "spoed" in ind.signaalregels.values_list("code", flat=True)


def test_spoed_kan_er_af_op_de_ingangsdatum_zelf(api, consulent):
    with om(INGANG):
        ind = _spoed(consulent, INGANG)
        antwoord = _patch(api.als(user=consulent), ind, spoed=False, spoed_reden="")
    assert antwoord.status_code == 200, antwoord.json()
    assert "spoed" not in antwoord.json()["signalen"]


def test_spoed_kan_er_niet_af_de_dag_na_de_ingangsdatum(api, consulent):
    with om(INGANG):
        ind = _spoed(consulent, INGANG)
    with om(dag(INGANG, 1)):
        antwoord = _patch(api.als(user=consulent), ind, spoed=False, spoed_reden="")
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["geen_terugwerkende_kracht"]


def test_een_andere_wijziging_van_een_spoedindicatie_in_het_verleden_blijft_mogelijk(api, consulent):
    with om(INGANG):
        ind = _spoed(consulent, dag(INGANG, -2))
        antwoord = _patch(api.als(user=consulent), ind, volume="7.00")
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["volume"] == "7.00"
