"""The traject's rules through the forms of the web UI: the same refusals as the API, shown on the
form (docs/domain.md, "Traject")."""

import html
from decimal import Decimal

import pytest

from indicaties import services
from indicaties.models import Indicatie
from tests.factories import doelen_formulier, gebruiker, maak_indicatie
from tests.indicaties.hulp import EINDE, INGANG, dag, indicatie, om

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


def test_aansluitende_zorg_zonder_voorganger_vraagt_op_het_formulier_eerst_de_evaluatie(client):
    consulent = gebruiker("consulent")
    with om(INGANG):
        eerste = indicatie(consulent)
        ingang = dag(EINDE, 3)
        client.force_login(consulent, backend=MODEL_BACKEND)
        antwoord = client.post(
            f"/inwoners/{eerste.inwoner_id}/indicaties/nieuw/",
            {
                "product": eerste.product.code,
                "aanbieder": eerste.aanbieder.pk,
                "volume": "6",
                "eenheid": "uur",
                "frequentie": "per_week",
                "ingangsdatum": ingang.isoformat(),
                "einddatum": dag(ingang, 200).isoformat(),
                "motivatie": "",
                "spoed_reden": "",
                **doelen_formulier(),
            },
        )
    assert antwoord.status_code == 200
    assert "Rond eerst de evaluatie van die indicatie af." in _tekst(antwoord)
    assert Indicatie.objects.filter(inwoner_id=eerste.inwoner_id).count() == 1


def test_verlagen_verlengen_en_weer_verhogen_geeft_een_foutmelding_op_het_formulier(client):
    consulent = gebruiker("consulent")
    with om(INGANG):
        eerste = indicatie(consulent)
        services.wijzig_indicatie(gebruiker=consulent, indicatie=eerste, wijzigingen={"volume": Decimal("4.99")})
        maak_indicatie(
            consulent,
            inwoner=eerste.inwoner,
            product=eerste.product,
            aanbieder=eerste.aanbieder,
            voorganger=eerste,
            ingangsdatum=dag(EINDE, 1),
            einddatum=dag(EINDE, 200),
        )
        eerste.refresh_from_db()
        client.force_login(consulent, backend=MODEL_BACKEND)
        antwoord = client.post(f"/indicaties/{eerste.pk}/wijzigen/", _wijzigformulier(eerste, volume="6"))
    assert antwoord.status_code == 200
    assert "Deze indicatie is al verlengd zonder evaluatie." in _tekst(antwoord)
    eerste.refresh_from_db()
    assert eerste.volume == Decimal("4.99")
