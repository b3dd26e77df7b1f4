"""`zorg_niet_gestart`: the daily run flags granted care without a reported start
`start_termijn_dagen` (default 28) after its ingangsdatum, and tells the regisseur; a start clears it."""

import datetime

import pytest

from indicaties.models import Beleidsregels
from notifications.models import Notificatie
from tests.factories import gebruiker, maak_indicatie
from tests.indicaties.hulp import INGANG, om, run

from .hulp import startbericht

pytestmark = pytest.mark.django_db


def _signalen(indicatie) -> list[str]:
    return list(indicatie.signaalregels.values_list("code", flat=True))


@pytest.fixture
def indicatie():
    with om(INGANG):
        return maak_indicatie()


def test_op_dag_28_na_de_ingangsdatum_nog_geen_signaal(indicatie):
    run(INGANG + datetime.timedelta(days=27))
    assert "zorg_niet_gestart" not in _signalen(indicatie)


def test_op_dag_28_zonder_start_het_signaal_en_een_melding_aan_de_regisseur(indicatie):
    run(INGANG + datetime.timedelta(days=28))
    assert "zorg_niet_gestart" in _signalen(indicatie)
    assert Notificatie.objects.filter(soort="zorg_niet_gestart", ontvanger=indicatie.inwoner.regisseur).count() == 1
    run(INGANG + datetime.timedelta(days=29))
    assert Notificatie.objects.filter(soort="zorg_niet_gestart").count() == 1


def test_met_een_gemelde_start_geen_signaal(api, indicatie):
    with om(INGANG):
        api.als("backoffice").generic(
            "POST", "/api/v1/berichten", startbericht(indicatie, INGANG), content_type="application/xml"
        )
    run(INGANG + datetime.timedelta(days=40))
    assert "zorg_niet_gestart" not in _signalen(indicatie)


def test_een_late_start_haalt_het_signaal_weg(api, indicatie):
    run(INGANG + datetime.timedelta(days=28))
    with om(INGANG + datetime.timedelta(days=30)):
        antwoord = api.als("backoffice").generic(
            "POST",
            "/api/v1/berichten",
            startbericht(indicatie, INGANG + datetime.timedelta(days=29)),
            content_type="application/xml",
        )
    assert antwoord.json()["status"] == "verwerkt"
    assert "zorg_niet_gestart" not in _signalen(indicatie)


def test_de_termijn_is_een_beleidsregel(indicatie):
    with om(INGANG):
        Beleidsregels.objects.create(
            geldig_van=INGANG,
            uren_grens=5,
            max_maanden=8,
            evaluatie_maanden=4,
            schakelteam_drempel=50000,
            spoed_dagen=7,
            steekproef_percentage=10,
            start_termijn_dagen=14,
            vastgesteld_door=gebruiker("beheer"),
            vastgesteld_op=datetime.datetime(2027, 1, 4, tzinfo=datetime.UTC),
        )
    run(INGANG + datetime.timedelta(days=13))
    assert "zorg_niet_gestart" not in _signalen(indicatie)
    run(INGANG + datetime.timedelta(days=14))
    assert "zorg_niet_gestart" in _signalen(indicatie)
