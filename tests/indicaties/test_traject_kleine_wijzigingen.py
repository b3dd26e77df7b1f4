"""The traject's rules are not escaped by small edits afterwards: taking spoed off, lowering the
volume for a moment, a verlenging without its link, a successor after afschalen
(docs/domain.md, "Traject")."""

import datetime
from decimal import Decimal

import pytest

from indicaties import services
from indicaties.models import Indicatie
from indicaties.rules.traject import AANSLUIT_DAGEN
from tests.factories import ProductFactory, doelen_api, gebruiker

from .hulp import EINDE, EVALUATIE, INGANG, boven_drempel, dag, evaluatie_van, indicatie, om

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


# --- Care that continues care is a verlenging, with or without `voorganger` --------------------------


def _registreer(client, ind, **velden):
    """A new indicatie of the same product, aanbieder and inwoner as `ind`, through the API."""
    body = {
        "inwoner": str(ind.inwoner_id),
        "product": ind.product.code,
        "aanbieder": str(ind.aanbieder_id),
        "volume": "6",
        "eenheid": ind.eenheid,
        "frequentie": "per_week",
        "doelen": doelen_api(),
        **velden,
    }
    return client.post("/api/v1/indicaties", body, format="json")


@pytest.mark.parametrize("dagen_na_einde", [1, 3, AANSLUIT_DAGEN])
def test_aansluitende_zorg_zonder_voorganger_wacht_op_de_evaluatie(api, consulent, dagen_na_einde):
    with om(INGANG):
        eerste = indicatie(consulent)
        ingang = dag(EINDE, dagen_na_einde)
        antwoord = _registreer(
            api.als(user=consulent), eerste, ingangsdatum=ingang.isoformat(), einddatum=dag(ingang, 200).isoformat()
        )
    assert antwoord.status_code == 400, antwoord.json()
    assert _codes(antwoord) == ["verlenging_evaluatie_open"]


def test_zorg_die_een_dag_na_de_termijn_begint_is_een_nieuw_traject(api, consulent):
    with om(INGANG):
        eerste = indicatie(consulent)
        ingang = dag(EINDE, AANSLUIT_DAGEN + 1)
        antwoord = _registreer(
            api.als(user=consulent), eerste, ingangsdatum=ingang.isoformat(), einddatum=dag(ingang, 200).isoformat()
        )
    assert antwoord.status_code == 201, antwoord.json()
    assert "verlenging" not in antwoord.json()["signalen"]


def test_aansluitende_zorg_na_de_evaluatie_is_een_verlenging_met_signaal(api, consulent):
    with om(INGANG):
        eerste = indicatie(consulent)
    with om(EVALUATIE):
        services.rond_evaluatie_af(
            gebruiker=consulent, evaluatie=evaluatie_van(eerste), uitkomst="voortzetten", resultaat_behaald="ja"
        )
        ingang = dag(EINDE, 3)
        antwoord = _registreer(
            api.als(user=consulent), eerste, ingangsdatum=ingang.isoformat(), einddatum=dag(ingang, 200).isoformat()
        )
    assert antwoord.status_code == 201, antwoord.json()
    assert "verlenging" in antwoord.json()["signalen"]


def _stuks_product():
    """A product counted in pieces at € 1,00: the cost of `totaal` is its volume, to the cent, and
    there are no hours (no evaluation, no maximum duration)."""
    return ProductFactory(eenheid="stuks", tarief="1.00")


def _stuks(consulent, product, volume: str, van, tot, **extra):
    return indicatie(
        consulent,
        product=product,
        volume=Decimal(volume),
        eenheid="stuks",
        frequentie="totaal",
        ingangsdatum=van,
        einddatum=tot,
        **extra,
    )


@pytest.mark.parametrize(("volume", "status"), [("20000.00", "toegewezen"), ("20000.01", "wacht_op_schakelteam")])
def test_aansluitende_zorg_zonder_voorganger_telt_de_keten_in_de_drempel(api, consulent, volume, status):
    product = _stuks_product()
    with om(INGANG):
        eerste = _stuks(consulent, product, "30000", INGANG, EINDE)
        assert eerste.geschatte_kosten == Decimal("30000.00")
        ingang = dag(EINDE, 3)
        antwoord = _registreer(
            api.als(user=consulent),
            eerste,
            volume=volume,
            frequentie="totaal",
            ingangsdatum=ingang.isoformat(),
            einddatum=dag(ingang, 100).isoformat(),
        )
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["status"] == status


# --- The chain follows the afschalen successor (`vervangt`) ------------------------------------------


@pytest.mark.parametrize(
    ("boven", "status"), [(Decimal("0.00"), "toegewezen"), (Decimal("0.01"), "wacht_op_schakelteam")]
)
def test_afschalen_en_dan_verlengen_telt_de_hele_keten_in_de_drempel(api, consulent, boven, status):
    product = _stuks_product()
    with om(INGANG):
        oorspronkelijk = _stuks(consulent, product, "40000", INGANG, EINDE)
    per = dag(INGANG, 10)
    with om(per):
        opvolger = services.stel_indicatie_bij(
            gebruiker=consulent,
            indicatie=oorspronkelijk,
            uitkomst="afschalen",
            reden="Minder nodig.",
            nieuw_volume=Decimal("30000"),
            per_datum=per,
        )
        oorspronkelijk.refresh_from_db()
        assert opvolger.vervangt == oorspronkelijk and opvolger.status == "toegewezen"
        rest = Decimal("50000.00") - oorspronkelijk.geschatte_kosten - opvolger.geschatte_kosten
        antwoord = _registreer(
            api.als(user=consulent),
            opvolger,
            voorganger=str(opvolger.pk),
            volume=str(rest + boven),
            frequentie="totaal",
            ingangsdatum=dag(EINDE, 1).isoformat(),
            einddatum=dag(EINDE, 100).isoformat(),
        )
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["status"] == status


def test_de_opvolger_na_afschalen_van_goedgekeurde_zorg_wacht_niet_opnieuw(consulent):
    """The successor counts what it replaces, within what the schakelteam approved for that."""
    with om(INGANG):
        ind = boven_drempel(consulent)
        services.neem_schakelteambesluit(
            gebruiker=gebruiker("schakelteam"), indicatie=ind, besluit="akkoord", toelichting="Nodig."
        )
    with om(EVALUATIE):
        services.rond_evaluatie_af(
            gebruiker=consulent,
            evaluatie=evaluatie_van(ind),
            uitkomst="afschalen",
            resultaat_behaald="deels",
            toelichting="Minder uren volstaan.",
            nieuw_volume=Decimal("12"),
            per_datum=EVALUATIE,
        )
    opvolger = Indicatie.objects.get(vervangt=ind)
    assert opvolger.status == "toegewezen"


# --- The evaluation before a verlenging is not escaped by lowering the volume for a moment ----------


def test_na_verlagen_en_verlengen_kan_het_volume_niet_terug_boven_de_grens(api, consulent):
    client = api.als(user=consulent)
    with om(INGANG):
        eerste = indicatie(consulent)
        assert _patch(client, eerste, volume="4.00").status_code == 200
        assert evaluatie_van(eerste).status == "geannuleerd"
        ingang = dag(EINDE, 1)
        verlenging = _registreer(
            client,
            eerste,
            voorganger=str(eerste.pk),
            ingangsdatum=ingang.isoformat(),
            einddatum=dag(ingang, 200).isoformat(),
        )
        assert verlenging.status_code == 201, verlenging.json()
        assert _patch(client, eerste, volume="4.99").status_code == 200
        antwoord = _patch(client, eerste, volume="5.00")
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["verlenging_evaluatie_open"]
    eerste.refresh_from_db()
    assert eerste.volume == Decimal("4.99")
    assert evaluatie_van(eerste).status == "geannuleerd"


def test_zonder_verlenging_mag_het_volume_weer_omhoog(api, consulent):
    client = api.als(user=consulent)
    with om(INGANG):
        eerste = indicatie(consulent)
        _patch(client, eerste, volume="4.00")
        antwoord = _patch(client, eerste, volume="6.00")
    assert antwoord.status_code == 200, antwoord.json()
    assert evaluatie_van(eerste).status == "gepland"
