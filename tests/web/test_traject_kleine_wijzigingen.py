"""The traject's rules through the forms of the web UI: the same refusals as the API, shown on the
form (docs/domain.md, "Traject")."""

import html

import pytest

from indicaties.models import Indicatie
from tests.factories import gebruiker
from tests.indicaties.hulp import INGANG, dag, indicatie, om

from .conftest import MODEL_BACKEND

pytestmark = pytest.mark.django_db


def _tekst(antwoord) -> str:
    return html.unescape(antwoord.content.decode())


def _wijzigformulier(ind, **velden) -> dict:
    formulier = {
        "product": ind.product.code,
        "aanbieder": ind.aanbieder.pk,
        "volume": str(ind.volume),
        "eenheid": ind.eenheid,
        "frequentie": ind.frequentie,
        "ingangsdatum": ind.ingangsdatum.isoformat(),
        "einddatum": ind.einddatum.isoformat(),
        "motivatie": ind.motivatie,
        "spoed_reden": ind.spoed_reden,
    }
    if ind.spoed:
        formulier["spoed"] = "on"
    formulier.update(velden)
    return {k: v for k, v in formulier.items() if v is not None}


def test_spoed_uitvinken_na_de_ingangsdatum_geeft_een_foutmelding_op_het_formulier(client):
    consulent = gebruiker("consulent")
    with om(INGANG):
        ind = indicatie(
            consulent,
            ingangsdatum=dag(INGANG, -2),
            einddatum=dag(INGANG, 200),
            spoed=True,
            spoed_reden="Mantelzorger opgenomen.",
        )
        client.force_login(consulent, backend=MODEL_BACKEND)
        antwoord = client.post(f"/indicaties/{ind.pk}/wijzigen/", _wijzigformulier(ind, spoed=None))
    assert antwoord.status_code == 200
    assert "kan spoed er niet meer af" in _tekst(antwoord)
    assert Indicatie.objects.get(pk=ind.pk).spoed
