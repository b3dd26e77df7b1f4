"""Verlenging (a new indicatie that continues its predecessor) and intrekken (withdrawal)."""

import datetime
from decimal import Decimal

import pytest

from indicaties import services
from indicaties.models import Indicatie
from tests.factories import doelen_api, gebruiker

from .hulp import EINDE, EVALUATIE, INGANG, boven_drempel, dag, evaluatie_van, indicatie, om, run

pytestmark = pytest.mark.django_db

AANSLUITEND = dag(EINDE, 1)
OP_TIJD = datetime.date(2027, 6, 1)


@pytest.fixture
def consulent():
    return gebruiker("consulent")


@pytest.fixture
def voorganger(consulent):
    return indicatie(consulent)


def _verleng(client, voorganger, ingangsdatum=AANSLUITEND, einddatum=None, **velden):
    gegevens = {
        "inwoner": str(voorganger.inwoner_id),
        "product": voorganger.product.code,
        "aanbieder": str(voorganger.aanbieder_id),
        "volume": "6",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": ingangsdatum.isoformat(),
        "einddatum": (einddatum or dag(ingangsdatum, 120)).isoformat(),
        "voorganger": str(voorganger.id),
        "doelen": doelen_api(),
    }
    gegevens.update(velden)
    return client.post("/api/v1/indicaties/", gegevens, format="json")


def _evaluatie_afgerond(consulent, voorganger, op=OP_TIJD):
    with om(op):
        services.rond_evaluatie_af(
            gebruiker=consulent, evaluatie=evaluatie_van(voorganger), uitkomst="voortzetten", resultaat_behaald="ja"
        )


def _codes(antwoord) -> list[str]:
    return [p["code"] for p in antwoord.json()["invalid_params"]]


def test_verlenging_begint_de_dag_na_de_einddatum_van_de_voorganger(api, consulent, voorganger):
    _evaluatie_afgerond(consulent, voorganger)
    with om(OP_TIJD):
        antwoord = _verleng(api.als(user=consulent), voorganger)
    assert antwoord.status_code == 201, antwoord.json()
    assert (antwoord.json()["voorganger"], antwoord.json()["ingangsdatum"]) == (str(voorganger.id), "2027-09-04")


def test_verlenging_draagt_het_signaal_verlenging(api, consulent, voorganger):
    _evaluatie_afgerond(consulent, voorganger)
    with om(OP_TIJD):
        antwoord = _verleng(api.als(user=consulent), voorganger)
    assert antwoord.json()["signalen"] == ["verlenging"]


def test_gewone_indicatie_draagt_geen_signaal_verlenging(voorganger):
    assert not voorganger.signaalregels.filter(code="verlenging").exists()


@pytest.mark.parametrize("dagen_na_einde", [0, 2])
def test_verlenging_die_niet_aansluit_wordt_geweigerd(api, consulent, voorganger, dagen_na_einde):
    _evaluatie_afgerond(consulent, voorganger)
    with om(OP_TIJD):
        antwoord = _verleng(api.als(user=consulent), voorganger, ingangsdatum=dag(EINDE, dagen_na_einde))
    assert antwoord.status_code == 400
    # Starting on the einddatum also overlaps the toewijzing it extends (OP259).
    assert _codes(antwoord) == (
        ["verlenging_aansluitend", "toewijzing_overlapt"] if dagen_na_einde == 0 else ["verlenging_aansluitend"]
    )


def test_verlenging_terwijl_de_evaluatie_open_staat_wordt_geweigerd(api, consulent, voorganger):
    run(dag(EVALUATIE, -14))
    assert evaluatie_van(voorganger).status == "open"
    with om(dag(EVALUATIE, -14)):
        antwoord = _verleng(api.als(user=consulent), voorganger)
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["verlenging_evaluatie_open"]


def test_verlenging_terwijl_de_evaluatie_nog_gepland_is_wordt_geweigerd(api, consulent, voorganger):
    with om(datetime.date(2027, 3, 1)):
        antwoord = _verleng(api.als(user=consulent), voorganger)
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["verlenging_evaluatie_open"]


def test_verlenging_van_een_indicatie_zonder_evaluatie_is_toegestaan(api, consulent):
    klein = indicatie(consulent, volume=Decimal("2"))
    with om(OP_TIJD):
        antwoord = _verleng(api.als(user=consulent), klein, volume="2")
    assert antwoord.status_code == 201, antwoord.json()


def test_verlenging_van_een_afgewezen_indicatie_wordt_geweigerd(api, consulent):
    afgewezen = boven_drempel(consulent)
    with om(INGANG):
        services.neem_schakelteambesluit(
            gebruiker=gebruiker("schakelteam"), indicatie=afgewezen, besluit="afgewezen", toelichting="Te zwaar."
        )
    with om(OP_TIJD):
        antwoord = _verleng(api.als(user=consulent), afgewezen)
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["verlenging_ongeldig"]


def test_verlenging_op_de_dag_na_het_verlopen_is_nog_toegestaan(api, consulent, voorganger):
    _evaluatie_afgerond(consulent, voorganger)
    run(AANSLUITEND)
    assert Indicatie.objects.get(pk=voorganger.pk).status == "verlopen"
    with om(AANSLUITEND):
        antwoord = _verleng(api.als(user=consulent), voorganger)
    assert antwoord.status_code == 201, antwoord.json()


def test_verlenging_gaat_nooit_vanzelf(voorganger):
    run(dag(EINDE, 30))
    assert Indicatie.objects.filter(voorganger=voorganger).count() == 0


def test_verlenging_krijgt_een_eigen_evaluatie(api, consulent, voorganger):
    _evaluatie_afgerond(consulent, voorganger)
    with om(OP_TIJD):
        antwoord = _verleng(api.als(user=consulent), voorganger, einddatum=datetime.date(2028, 4, 30))
    verlenging = Indicatie.objects.get(pk=antwoord.json()["id"])
    assert evaluatie_van(verlenging).vervaldatum == datetime.date(2028, 1, 4)


# --- Intrekken -------------------------------------------------------------------------------


def test_intrekken_annuleert_de_geplande_evaluatie(api, consulent):
    later = indicatie(consulent, ingangsdatum=datetime.date(2027, 2, 1), einddatum=datetime.date(2027, 9, 30))
    with om(datetime.date(2027, 1, 20)):
        antwoord = api.als(user=consulent).post(
            f"/api/v1/indicaties/{later.id}/intrekken/", {"reden": "Inwoner verhuist."}, format="json"
        )
    assert antwoord.status_code == 200, antwoord.json()
    assert (antwoord.json()["status"], antwoord.json()["evaluatie"]) == ("ingetrokken", None)
    assert evaluatie_van(later).status == "geannuleerd"


def test_ingetrokken_indicatie_krijgt_geen_evaluatie_open(consulent):
    later = indicatie(consulent, ingangsdatum=datetime.date(2027, 2, 1), einddatum=datetime.date(2027, 9, 30))
    with om(datetime.date(2027, 1, 20)):
        services.trek_in(gebruiker=consulent, indicatie=later, reden="Inwoner verhuist.")
    run(datetime.date(2027, 6, 30))
    assert evaluatie_van(later).status == "geannuleerd"


def test_intrekken_op_de_ingangsdatum_geeft_409(api, consulent, voorganger):
    with om(INGANG):
        antwoord = api.als(user=consulent).post(
            f"/api/v1/indicaties/{voorganger.id}/intrekken/", {"reden": "Te laat."}, format="json"
        )
    assert antwoord.status_code == 409
    assert evaluatie_van(voorganger).status == "gepland"


def test_intrekken_zonder_reden_wordt_geweigerd(api, consulent):
    later = indicatie(consulent, ingangsdatum=datetime.date(2027, 2, 1), einddatum=datetime.date(2027, 9, 30))
    with om(datetime.date(2027, 1, 20)):
        antwoord = api.als(user=consulent).post(
            f"/api/v1/indicaties/{later.id}/intrekken/", {"reden": ""}, format="json"
        )
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["reden_verplicht"]
