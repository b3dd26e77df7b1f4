"""The schakelteam: decisions on indicaties above the threshold (four-eyes), and advice."""

import pytest

from indicaties import services
from indicaties.models import Evaluatie, Indicatie, SchakelteamAdvies
from notifications.models import Notificatie
from tests.factories import gebruiker

from .hulp import EVALUATIE, INGANG, boven_drempel, indicatie, om

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulent():
    return gebruiker("consulent")


@pytest.fixture
def lid():
    return gebruiker("schakelteam")


@pytest.fixture
def wachtend(consulent, lid):
    with om(INGANG):
        yield boven_drempel(consulent)


def _besluit(client, ind, besluit="akkoord", toelichting="Noodzakelijk na crisis."):
    return client.post(
        f"/api/v1/indicaties/{ind.id}/schakelteam-besluit/",
        {"besluit": besluit, "toelichting": toelichting},
        format="json",
    )


def _codes(antwoord) -> list[str]:
    return [p["code"] for p in antwoord.json()["invalid_params"]]


# --- Request ----------------------------------------------------------------------------------


def test_indicatie_boven_de_drempel_wacht_op_het_schakelteam(wachtend):
    assert wachtend.status == "wacht_op_schakelteam"
    assert not Evaluatie.objects.filter(indicatie=wachtend).exists()


def test_elk_schakelteamlid_behalve_de_aanvrager_krijgt_een_verzoek():
    aanvrager = gebruiker("consulent", "schakelteam")
    leden = [gebruiker("schakelteam"), gebruiker("schakelteam", "backoffice")]
    inactief = gebruiker("schakelteam", is_active=False)
    buitenstaander = gebruiker("backoffice")
    ind = boven_drempel(aanvrager)
    ontvangers = set(
        Notificatie.objects.filter(soort="schakelteam_gevraagd", object_id=ind.id).values_list("ontvanger", flat=True)
    )
    assert ontvangers == {lid.pk for lid in leden}
    assert not ontvangers & {aanvrager.pk, inactief.pk, buitenstaander.pk}


# --- Decision ---------------------------------------------------------------------------------


def test_akkoord_wijst_de_indicatie_toe_en_plant_de_evaluatie(api, lid, wachtend):
    antwoord = _besluit(api.als(user=lid), wachtend, "akkoord")
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["status"] == "toegewezen"
    assert Evaluatie.objects.get(indicatie=wachtend).vervaldatum == EVALUATIE


def test_afgewezen_wijst_de_indicatie_af_zonder_evaluatie(api, lid, wachtend):
    antwoord = _besluit(api.als(user=lid), wachtend, "afgewezen", "Lichtere zorg volstaat.")
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["status"] == "afgewezen"
    assert not Evaluatie.objects.filter(indicatie=wachtend).exists()


@pytest.mark.parametrize("toelichting", ["", "   "])
def test_besluit_zonder_toelichting_wordt_geweigerd(api, lid, wachtend, toelichting):
    antwoord = _besluit(api.als(user=lid), wachtend, "akkoord", toelichting)
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["toelichting_verplicht"]
    assert Indicatie.objects.get(pk=wachtend.pk).status == "wacht_op_schakelteam"


def test_onbekend_besluit_wordt_geweigerd(api, lid, wachtend):
    antwoord = _besluit(api.als(user=lid), wachtend, "misschien")
    assert antwoord.status_code == 400
    assert [p["name"] for p in antwoord.json()["invalid_params"]] == ["besluit"]


def test_besluit_over_een_toegewezen_indicatie_geeft_409(api, consulent, lid):
    with om(INGANG):
        toegewezen = indicatie(consulent)
        # An advice question brings it within the schakelteam's sight (need to know).
        services.vraag_advies(gebruiker=consulent, indicatie=toegewezen, vraag="Past dit?")
        antwoord = _besluit(api.als(user=lid), toegewezen)
    assert antwoord.status_code == 409
    assert antwoord["Content-Type"] == "application/problem+json"


def test_tweede_besluit_geeft_409_en_verandert_niets(api, lid, wachtend):
    client = api.als(user=lid)
    assert _besluit(client, wachtend, "akkoord").status_code == 200
    tweede = _besluit(api.als("schakelteam"), wachtend, "afgewezen", "Toch niet.")
    assert tweede.status_code == 409
    assert Indicatie.objects.get(pk=wachtend.pk).status == "toegewezen"
    assert wachtend.schakelteambeoordelingen.count() == 1


def test_eigen_consulent_die_ook_in_het_schakelteam_zit_krijgt_403(api):
    beide = gebruiker("consulent", "schakelteam")
    with om(INGANG):
        eigen = boven_drempel(beide)
        antwoord = _besluit(api.als(user=beide), eigen)
    assert antwoord.status_code == 403
    assert Indicatie.objects.get(pk=eigen.pk).status == "wacht_op_schakelteam"


def test_consulent_krijgt_na_het_besluit_precies_een_melding(api, consulent, lid, wachtend):
    _besluit(api.als(user=lid), wachtend, "afgewezen", "Lichtere zorg volstaat.")
    meldingen = Notificatie.objects.filter(soort="schakelteam_besluit")
    assert [(m.ontvanger, m.object_id) for m in meldingen] == [(consulent, wachtend.id)]
    assert "afgewezen" in meldingen[0].onderwerp


def test_schakelteamlid_krijgt_geen_melding_van_het_besluit(api, lid, wachtend):
    _besluit(api.als(user=lid), wachtend)
    assert not Notificatie.objects.filter(soort="schakelteam_besluit", ontvanger=lid).exists()


def test_besluit_staat_met_beoordelaar_en_toelichting_in_de_historie(api, lid, wachtend):
    client = api.als(user=lid)
    _besluit(client, wachtend, "akkoord", "Noodzakelijk na crisis.")
    laatste = client.get(f"/api/v1/indicaties/{wachtend.id}/historie/").json()[-1]
    assert laatste["gebruiker"] == lid.username
    assert laatste["reden"] == "Schakelteambesluit akkoord: Noodzakelijk na crisis."
    assert laatste["wijzigingen"]["status"] == ["wacht_op_schakelteam", "toegewezen"]


def test_besluit_legt_het_beoordeelde_bedrag_vast(api, lid, wachtend):
    _besluit(api.als(user=lid), wachtend)
    vastlegging = wachtend.schakelteambeoordelingen.get()
    assert (vastlegging.besluit, vastlegging.beoordelaar, vastlegging.beoordeeld_bedrag) == (
        "akkoord",
        lid,
        wachtend.geschatte_kosten,
    )


# --- Advice -----------------------------------------------------------------------------------


def _vraag(client, ind, vraag="Is dagbesteding hier passender?"):
    return client.post(f"/api/v1/indicaties/{ind.id}/advies/", {"vraag": vraag}, format="json")


def _antwoord(client, advies_id, antwoord="Ja, probeer eerst dagbesteding."):
    return client.post(f"/api/v1/schakelteam-adviezen/{advies_id}/antwoord/", {"antwoord": antwoord}, format="json")


@pytest.fixture
def toegewezen(consulent):
    with om(INGANG):
        yield indicatie(consulent)


def test_consulent_vraagt_advies_over_een_toegewezen_indicatie_zonder_dat_die_verandert(api, consulent, toegewezen):
    antwoord = _vraag(api.als(user=consulent), toegewezen)
    assert antwoord.status_code == 201, antwoord.json()
    assert (antwoord.json()["indicatie"], antwoord.json()["antwoord"]) == (str(toegewezen.id), "")
    ind = Indicatie.objects.get(pk=toegewezen.pk)
    assert (ind.status, ind.versie) == ("toegewezen", toegewezen.versie)


def test_adviesvraag_meldt_elk_schakelteamlid_behalve_de_vrager(api, lid, toegewezen):
    vrager = gebruiker("consulent", "schakelteam")
    _vraag(api.als(user=vrager), toegewezen)
    ontvangers = list(Notificatie.objects.filter(soort="schakelteam_gevraagd").values_list("ontvanger", flat=True))
    assert ontvangers == [lid.pk]


def test_adviesvraag_zonder_vraag_wordt_geweigerd(api, consulent, toegewezen):
    antwoord = _vraag(api.als(user=consulent), toegewezen, " ")
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["toelichting_verplicht"]


def test_schakelteam_beantwoordt_advies_en_de_vrager_krijgt_een_melding(api, consulent, lid, toegewezen):
    advies_id = _vraag(api.als(user=consulent), toegewezen).json()["id"]
    antwoord = _antwoord(api.als(user=lid), advies_id)
    assert antwoord.status_code == 200, antwoord.json()
    assert (antwoord.json()["antwoord"], antwoord.json()["beantwoord_door"]) == (
        "Ja, probeer eerst dagbesteding.",
        lid.pk,
    )
    meldingen = Notificatie.objects.filter(soort="schakelteam_besluit")
    assert [(m.ontvanger, m.object_id) for m in meldingen] == [(consulent, toegewezen.id)]


def test_advies_twee_keer_beantwoorden_geeft_409(api, consulent, lid, toegewezen):
    advies_id = _vraag(api.als(user=consulent), toegewezen).json()["id"]
    assert _antwoord(api.als(user=lid), advies_id).status_code == 200
    tweede = _antwoord(api.als("schakelteam"), advies_id, "Iets anders.")
    assert tweede.status_code == 409
    assert SchakelteamAdvies.objects.get(pk=advies_id).antwoord == "Ja, probeer eerst dagbesteding."


def test_eigen_adviesvraag_beantwoorden_geeft_403(api, toegewezen):
    beide = gebruiker("consulent", "schakelteam")
    client = api.als(user=beide)
    advies_id = _vraag(client, toegewezen).json()["id"]
    assert _antwoord(client, advies_id).status_code == 403


def test_leeg_antwoord_wordt_geweigerd(api, consulent, lid, toegewezen):
    advies_id = _vraag(api.als(user=consulent), toegewezen).json()["id"]
    antwoord = _antwoord(api.als(user=lid), advies_id, "")
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["toelichting_verplicht"]


def test_vraag_en_antwoord_staan_met_wie_en_waarom_in_de_historie(api, consulent, lid, toegewezen):
    advies_id = _vraag(api.als(user=consulent), toegewezen).json()["id"]
    _antwoord(api.als(user=lid), advies_id)
    rijen = SchakelteamAdvies.objects.get(pk=advies_id).history.order_by("history_date", "history_id")
    assert [(r.history_type, r.history_user, r.history_change_reason) for r in rijen] == [
        ("+", consulent, "Advies gevraagd aan het schakelteam"),
        ("~", lid, "Advies gegeven door het schakelteam"),
    ]
    assert (rijen[0].vraag, rijen[0].antwoord) == ("Is dagbesteding hier passender?", "")
    assert rijen[1].antwoord == "Ja, probeer eerst dagbesteding."


def test_adviezen_zijn_te_filteren_op_indicatie_en_beantwoord(api, consulent, lid, toegewezen):
    with om(INGANG):
        ander = indicatie(consulent)
    client = api.als(user=consulent)
    beantwoord = _vraag(client, toegewezen).json()["id"]
    _vraag(client, ander)
    _antwoord(api.als(user=lid), beantwoord)
    lijst = api.als(user=lid).get(f"/api/v1/schakelteam-adviezen/?indicatie={toegewezen.id}&beantwoord=true").json()
    assert [a["id"] for a in lijst["results"]] == [beantwoord]
    open_ = api.get("/api/v1/schakelteam-adviezen/?beantwoord=false").json()
    assert [a["indicatie"] for a in open_["results"]] == [str(ander.id)]
