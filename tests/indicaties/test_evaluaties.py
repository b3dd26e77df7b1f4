"""The evaluation after 4 months: its due date, when the daily run opens and escalates it, and
what each outcome does to the indicatie."""

import datetime
from decimal import Decimal

import pytest

from indicaties import services
from indicaties.models import Evaluatie, Indicatie
from notifications.models import Notificatie
from tests.factories import InwonerFactory, gebruiker

from .hulp import EINDE, EVALUATIE, INGANG, boven_drempel, dag, evaluatie_van, indicatie, om, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulent():
    return gebruiker("consulent")


def _afronden(client, evaluatie, **velden):
    return client.post(f"/api/v1/evaluaties/{evaluatie.id}/afronden/", velden, format="json")


# --- The due date ----------------------------------------------------------------------------


def test_evaluatie_vervalt_vier_maanden_na_de_ingangsdatum():
    assert evaluatie_van(indicatie()).vervaldatum == EVALUATIE


def test_evaluatie_vervalt_op_de_einddatum_als_die_eerder_komt():
    kort = indicatie(einddatum=dag(EVALUATIE, -1))
    assert evaluatie_van(kort).vervaldatum == dag(EVALUATIE, -1)


def test_evaluatie_vervalt_op_vier_maanden_als_de_einddatum_een_dag_later_ligt():
    assert evaluatie_van(indicatie(einddatum=dag(EVALUATIE, 1))).vervaldatum == EVALUATIE


def test_31_januari_plus_vier_maanden_is_31_mei():
    ind = indicatie(ingangsdatum=datetime.date(2027, 1, 31), einddatum=datetime.date(2027, 9, 29))
    assert evaluatie_van(ind).vervaldatum == datetime.date(2027, 5, 31)


def test_31_oktober_plus_vier_maanden_is_29_februari_in_een_schrikkeljaar():
    ind = indicatie(ingangsdatum=datetime.date(2027, 10, 31), einddatum=datetime.date(2028, 6, 29))
    assert evaluatie_van(ind).vervaldatum == datetime.date(2028, 2, 29)


def test_31_oktober_plus_vier_maanden_is_28_februari_buiten_een_schrikkeljaar():
    ind = indicatie(ingangsdatum=datetime.date(2026, 10, 31), einddatum=datetime.date(2027, 6, 29))
    assert evaluatie_van(ind).vervaldatum == datetime.date(2027, 2, 28)


def test_29_februari_plus_vier_maanden_is_29_juni():
    ind = indicatie(ingangsdatum=datetime.date(2028, 2, 29), einddatum=datetime.date(2028, 10, 28))
    assert evaluatie_van(ind).vervaldatum == datetime.date(2028, 6, 29)


def test_vijf_uur_per_week_krijgt_een_evaluatie():
    assert Evaluatie.objects.filter(indicatie=indicatie(volume=Decimal("5.00"))).exists()


def test_499_uur_per_week_krijgt_geen_evaluatie():
    assert not Evaluatie.objects.filter(indicatie=indicatie(volume=Decimal("4.99"))).exists()


# --- Opening and escalation by the daily run ---------------------------------------------------


def test_evaluatie_gaat_precies_14_dagen_voor_de_vervaldatum_open():
    ind = indicatie()
    run(dag(EVALUATIE, -14))
    assert evaluatie_van(ind).status == "open"


def test_evaluatie_is_15_dagen_voor_de_vervaldatum_nog_gepland():
    ind = indicatie()
    run(dag(EVALUATIE, -15))
    assert evaluatie_van(ind).status == "gepland"


def test_geopende_evaluatie_meldt_de_consulent(consulent):
    ind = indicatie(consulent)
    run(dag(EVALUATIE, -14))
    melding = Notificatie.objects.get(soort="evaluatie_open")
    assert (melding.ontvanger, melding.object_id) == (consulent, evaluatie_van(ind).id)


def test_evaluatie_wordt_op_de_vervaldag_zelf_niet_geescaleerd():
    ind = indicatie()
    run(dag(EVALUATIE, -14))
    run(EVALUATIE)
    assert evaluatie_van(ind).te_laat_gemeld is False
    assert not Notificatie.objects.filter(soort="evaluatie_te_laat").exists()


def test_evaluatie_wordt_de_dag_na_de_vervaldatum_geescaleerd():
    ind = indicatie()
    run(dag(EVALUATIE, -14))
    run(dag(EVALUATIE, 1))
    assert evaluatie_van(ind).te_laat_gemeld is True


def test_te_late_evaluatie_meldt_consulent_en_regisseur():
    consulent, regisseur = gebruiker("consulent"), gebruiker("consulent")
    ind = indicatie(consulent, inwoner=InwonerFactory(regisseur=regisseur))
    run(dag(EVALUATIE, -14))
    run(dag(EVALUATIE, 1))
    ontvangers = set(Notificatie.objects.filter(soort="evaluatie_te_laat").values_list("ontvanger", flat=True))
    assert ontvangers == {consulent.pk, regisseur.pk}
    assert Notificatie.objects.filter(soort="evaluatie_te_laat", object_id=evaluatie_van(ind).id).count() == 2


def test_te_late_evaluatie_wordt_maar_een_keer_geescaleerd():
    ind = indicatie()
    for dagen in (-14, 1, 2, 30):
        run(dag(EVALUATIE, dagen))
    assert Notificatie.objects.filter(soort="evaluatie_te_laat").count() == 1
    geescaleerd = evaluatie_van(ind).history.filter(history_change_reason="Evaluatie te laat: geëscaleerd")
    assert geescaleerd.count() == 1


def test_afgeronde_evaluatie_wordt_niet_meer_geescaleerd(api, consulent):
    ind = indicatie(consulent)
    run(dag(EVALUATIE, -14))
    with om(dag(EVALUATIE, -1)):
        antwoord = _afronden(
            api.als(user=consulent), evaluatie_van(ind), uitkomst="voortzetten", resultaat_behaald="ja"
        )
        assert antwoord.status_code == 200
    run(dag(EVALUATIE, 1))
    assert not Notificatie.objects.filter(soort="evaluatie_te_laat").exists()


def test_evaluatie_van_een_indicatie_die_op_het_schakelteam_wacht_gaat_niet_open(consulent):
    wachtend = boven_drempel(consulent)
    run(dag(EVALUATIE, -14))
    assert not Evaluatie.objects.filter(indicatie=wachtend).exists()
    assert not Notificatie.objects.filter(soort="evaluatie_open").exists()


# --- Outcomes ----------------------------------------------------------------------------------

TOEN = dag(EVALUATIE, -10)


@pytest.fixture
def geopend(consulent):
    """An open evaluation of `consulent`'s indicatie; the test runs 10 days before it is due."""
    ind = indicatie(consulent)
    run(dag(EVALUATIE, -14))
    with om(TOEN):
        yield evaluatie_van(ind)


def test_voortzetten_rondt_af_en_laat_de_indicatie_ongemoeid(api, consulent, geopend):
    antwoord = _afronden(api.als(user=consulent), geopend, uitkomst="voortzetten", resultaat_behaald="ja")
    assert antwoord.status_code == 200, antwoord.json()
    assert (antwoord.json()["status"], antwoord.json()["afgerond_op"]) == ("afgerond", TOEN.isoformat())
    ind = Indicatie.objects.get(pk=geopend.indicatie_id)
    assert (ind.status, ind.einddatum, ind.volume) == ("toegewezen", EINDE, Decimal("6.00"))


def test_beeindigen_per_vandaag_zet_de_einddatum_op_vandaag(api, consulent, geopend):
    antwoord = _afronden(
        api.als(user=consulent),
        geopend,
        uitkomst="beeindigen",
        resultaat_behaald="ja",
        toelichting="Doelen bereikt.",
        per_datum=TOEN.isoformat(),
    )
    assert antwoord.status_code == 200, antwoord.json()
    ind = Indicatie.objects.get(pk=geopend.indicatie_id)
    assert (ind.status, ind.einddatum) == ("beeindigd", TOEN)


def test_beeindigen_per_gisteren_is_terugwerkende_kracht(api, consulent, geopend):
    antwoord = _afronden(
        api.als(user=consulent),
        geopend,
        uitkomst="beeindigen",
        resultaat_behaald="ja",
        toelichting="Doelen bereikt.",
        per_datum=dag(TOEN, -1).isoformat(),
    )
    assert antwoord.status_code == 400
    assert [p["code"] for p in antwoord.json()["invalid_params"]] == ["geen_terugwerkende_kracht"]
    assert evaluatie_van(geopend.indicatie).status == "open"


def test_beeindigen_legt_de_vermeden_kosten_vast(api, consulent, geopend):
    kosten_voor = geopend.indicatie.geschatte_kosten
    _afronden(
        api.als(user=consulent),
        geopend,
        uitkomst="beeindigen",
        resultaat_behaald="ja",
        toelichting="Doelen bereikt.",
        per_datum=TOEN.isoformat(),
    )
    ind = Indicatie.objects.get(pk=geopend.indicatie_id)
    assert ind.geschatte_kosten < kosten_voor
    assert ind.vermeden_kosten == kosten_voor - ind.geschatte_kosten


def test_afschalen_eindigt_de_indicatie_en_registreert_een_vervolg_met_lager_volume(api, consulent, geopend):
    per = datetime.date(2027, 5, 1)
    antwoord = _afronden(
        api.als(user=consulent),
        geopend,
        uitkomst="afschalen",
        resultaat_behaald="deels",
        toelichting="Minder uren volstaan.",
        nieuw_volume="5",
        per_datum=per.isoformat(),
    )
    assert antwoord.status_code == 200, antwoord.json()
    oud = Indicatie.objects.get(pk=geopend.indicatie_id)
    vervolg = Indicatie.objects.get(vervangt=oud)
    assert (oud.status, oud.einddatum) == ("beeindigd", dag(per, -1))
    assert (vervolg.status, vervolg.volume, vervolg.ingangsdatum, vervolg.einddatum) == (
        "toegewezen",
        Decimal("5.00"),
        per,
        EINDE,
    )


def test_afschalen_naar_hetzelfde_volume_wordt_geweigerd(api, consulent, geopend):
    antwoord = _afronden(
        api.als(user=consulent),
        geopend,
        uitkomst="afschalen",
        resultaat_behaald="deels",
        toelichting="Minder uren volstaan.",
        nieuw_volume="6",
        per_datum="2027-05-01",
    )
    assert antwoord.status_code == 400
    assert [p["code"] for p in antwoord.json()["invalid_params"]] == ["afschalen_volume"]


def test_afschalen_naar_net_onder_het_volume_is_toegestaan(api, consulent, geopend):
    antwoord = _afronden(
        api.als(user=consulent),
        geopend,
        uitkomst="afschalen",
        resultaat_behaald="deels",
        toelichting="Iets minder.",
        nieuw_volume="5.99",
        per_datum="2027-05-01",
    )
    assert antwoord.status_code == 200, antwoord.json()


def test_afschalen_per_gisteren_wordt_geweigerd(api, consulent, geopend):
    antwoord = _afronden(
        api.als(user=consulent),
        geopend,
        uitkomst="afschalen",
        resultaat_behaald="deels",
        toelichting="Minder uren volstaan.",
        nieuw_volume="4",
        per_datum=dag(TOEN, -1).isoformat(),
    )
    assert antwoord.status_code == 400
    assert "geen_terugwerkende_kracht" in [p["code"] for p in antwoord.json()["invalid_params"]]


def test_anders_inzetten_beeindigt_de_indicatie_per_vandaag(api, consulent, geopend):
    antwoord = _afronden(
        api.als(user=consulent),
        geopend,
        uitkomst="anders_inzetten",
        resultaat_behaald="nee",
        toelichting="Dagbesteding past beter.",
    )
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["per_datum"] == TOEN.isoformat()
    ind = Indicatie.objects.get(pk=geopend.indicatie_id)
    assert (ind.status, ind.einddatum) == ("beeindigd", TOEN)
    assert ind.reden_status.startswith("Anders ingezet")


@pytest.mark.parametrize("uitkomst", ["afschalen", "beeindigen", "anders_inzetten"])
def test_bijstellen_zonder_toelichting_wordt_geweigerd(api, consulent, geopend, uitkomst):
    antwoord = _afronden(
        api.als(user=consulent),
        geopend,
        uitkomst=uitkomst,
        resultaat_behaald="nee",
        toelichting="  ",
        nieuw_volume="4",
        per_datum="2027-05-01",
    )
    assert antwoord.status_code == 400
    assert "toelichting_verplicht" in [p["code"] for p in antwoord.json()["invalid_params"]]
    assert evaluatie_van(geopend.indicatie).status == "open"


def test_uitkomst_komt_in_de_historie_van_de_indicatie(api, consulent, geopend):
    _afronden(
        api.als(user=consulent),
        geopend,
        uitkomst="beeindigen",
        resultaat_behaald="ja",
        toelichting="Doelen bereikt.",
        per_datum=TOEN.isoformat(),
    )
    historie = api.get(f"/api/v1/indicaties/{geopend.indicatie_id}/historie/").json()
    laatste = historie[-1]
    assert laatste["gebruiker"] == consulent.username
    assert laatste["reden"].startswith(f"Evaluatie {geopend.id} afgerond: beëindigen")
    assert laatste["wijzigingen"]["status"] == ["toegewezen", "beeindigd"]
    assert laatste["wijzigingen"]["einddatum"] == [EINDE.isoformat(), TOEN.isoformat()]


def test_evaluatie_mag_al_worden_afgerond_terwijl_ze_nog_gepland_is(api, consulent):
    """From 14 days before it is due (beleidsregel `evaluatie_vroegst_dagen`), before the daily
    run opens it."""
    ind = indicatie(consulent)
    with om(dag(EVALUATIE, -14)):
        assert evaluatie_van(ind).status == "gepland"
        antwoord = _afronden(
            api.als(user=consulent), evaluatie_van(ind), uitkomst="voortzetten", resultaat_behaald="ja"
        )
    assert antwoord.status_code == 200, antwoord.json()
    assert evaluatie_van(ind).status == "afgerond"


def test_evaluatie_afronden_de_dag_voor_de_eerste_dag_wordt_geweigerd(api, consulent):
    ind = indicatie(consulent)
    with om(dag(EVALUATIE, -15)):
        antwoord = _afronden(
            api.als(user=consulent), evaluatie_van(ind), uitkomst="voortzetten", resultaat_behaald="ja"
        )
    assert antwoord.status_code == 400
    assert [p["code"] for p in antwoord.json()["invalid_params"]] == ["evaluatie_te_vroeg"]
    assert "vanaf 20-4-2027" in antwoord.json()["invalid_params"][0]["reason"]
    assert evaluatie_van(ind).status == "gepland"


def test_evaluatie_afronden_op_de_dag_van_registratie_wordt_geweigerd_en_verlengen_dus_ook(api, consulent):
    with om(INGANG):
        ind = indicatie(consulent)
        antwoord = _afronden(
            api.als(user=consulent), evaluatie_van(ind), uitkomst="voortzetten", resultaat_behaald="ja"
        )
    assert antwoord.status_code == 400
    assert [p["code"] for p in antwoord.json()["invalid_params"]] == ["evaluatie_te_vroeg"]


def test_de_eerste_dag_van_afronden_volgt_de_beleidsregel(api, consulent):
    with om(INGANG):
        ind = indicatie(consulent)
        services.stel_beleidsregels_vast(gebruiker=gebruiker("beheer"), geldig_van=INGANG, evaluatie_vroegst_dagen=30)
    with om(dag(EVALUATIE, -31)):
        assert (
            _afronden(
                api.als(user=consulent), evaluatie_van(ind), uitkomst="voortzetten", resultaat_behaald="ja"
            ).status_code
            == 400
        )
    with om(dag(EVALUATIE, -30)):
        assert (
            _afronden(
                api.als(user=consulent), evaluatie_van(ind), uitkomst="voortzetten", resultaat_behaald="ja"
            ).status_code
            == 200
        )


def test_vroeg_afgeronde_evaluatie_gaat_niet_meer_open(api, consulent):
    ind = indicatie(consulent)
    with om(dag(EVALUATIE, -14)):
        _afronden(api.als(user=consulent), evaluatie_van(ind), uitkomst="voortzetten", resultaat_behaald="ja")
    run(dag(EVALUATIE, -14))
    assert evaluatie_van(ind).status == "afgerond"
    assert not Notificatie.objects.filter(soort="evaluatie_open").exists()


def test_evaluatie_twee_keer_afronden_geeft_409(api, consulent, geopend):
    client = api.als(user=consulent)
    assert _afronden(client, geopend, uitkomst="voortzetten", resultaat_behaald="ja").status_code == 200
    tweede = _afronden(client, geopend, uitkomst="voortzetten", resultaat_behaald="ja")
    assert tweede.status_code == 409
    assert tweede["Content-Type"] == "application/problem+json"


def test_historie_van_de_evaluatie_toont_opening_en_afronding(api, consulent, geopend):
    client = api.als(user=consulent)
    _afronden(client, geopend, uitkomst="voortzetten", resultaat_behaald="ja")
    rijen = client.get(f"/api/v1/evaluaties/{geopend.id}/historie/").json()
    assert [r["reden"] for r in rijen] == [
        "Evaluatie na 4 maanden ingepland",
        "Evaluatie geopend (binnen de voorlooptijd)",
        f"Evaluatie {geopend.id} afgerond: voortzetten",
    ]
    assert rijen[-1]["wijzigingen"]["status"] == ["open", "afgerond"]
    assert rijen[-1]["gebruiker"] == consulent.username


# --- Ended early outside an evaluation ---------------------------------------------------------


def _bijstellen(client, ind, **velden):
    return client.post(f"/api/v1/indicaties/{ind.id}/bijstellen/", velden, format="json")


def test_evaluatie_voor_de_nieuwe_einddatum_gaat_na_beeindigen_nog_open(api, consulent):
    ind = indicatie(consulent)
    with om(datetime.date(2027, 3, 1)):
        antwoord = _bijstellen(
            api.als(user=consulent), ind, uitkomst="beeindigen", reden="Verhuist eind juni.", per_datum="2027-06-30"
        )
        assert antwoord.status_code == 200, antwoord.json()
    run(dag(EVALUATIE, -14))
    assert evaluatie_van(ind).status == "open"
    assert Notificatie.objects.filter(soort="evaluatie_open", ontvanger=consulent).count() == 1


def test_evaluatie_na_de_nieuwe_einddatum_vervalt_bij_beeindigen(api, consulent):
    ind = indicatie(consulent)
    with om(datetime.date(2027, 3, 1)):
        _bijstellen(api.als(user=consulent), ind, uitkomst="beeindigen", reden="Verhuist.", per_datum="2027-04-30")
    run(dag(EVALUATIE, -14))
    assert evaluatie_van(ind).status == "geannuleerd"
    assert not Notificatie.objects.filter(soort="evaluatie_open").exists()


def test_evaluatie_voor_de_afschaaldatum_gaat_nog_open_en_het_vervolg_krijgt_een_eigen(api, consulent):
    ind = indicatie(consulent)
    with om(datetime.date(2027, 3, 1)):
        antwoord = _bijstellen(
            api.als(user=consulent),
            ind,
            uitkomst="afschalen",
            reden="Minder nodig.",
            nieuw_volume="5",
            per_datum="2027-06-01",
        )
    vervolg = Indicatie.objects.get(pk=antwoord.json()["id"])
    run(dag(EVALUATIE, -14))
    assert evaluatie_van(ind).status == "open"
    assert (evaluatie_van(vervolg).status, evaluatie_van(vervolg).vervaldatum) == ("gepland", EINDE)
