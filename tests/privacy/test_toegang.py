"""Break the glass: a consulent opens one inwoner outside the caseload, with a reason, for the rest
of the day (Europe/Amsterdam); it is recorded, listed for the backoffice and mailed to the
regisseur without a BSN. And handing the regie over, with a reason in the history."""

import datetime

import pytest
import time_machine
from django.core import mail

from basis.exceptions import RuleViolation
from basis.historie import historie
from indicaties import services as indicatie_services
from indicaties.models import Inwoner
from notifications.models import Notificatie
from privacy.models import Handeling, ToegangBuitenCaseload, Verwerking
from privacy.pseudoniem import pseudoniem
from tests.factories import InwonerFactory, gebruiker, geldig_bsn

from .conftest import AMSTERDAM, NU

pytestmark = pytest.mark.django_db
REDEN = "Carla is ziek en de aanbieder belt over de zorg van morgen."


def _open(client, inwoner, reden=REDEN):
    return client.post(f"/api/v1/inwoners/{inwoner.pk}/toegang", {"reden": reden}, format="json")


def test_toegang_opent_precies_die_ene_inwoner_tot_middernacht(api, gemeente, nu):
    cees = InwonerFactory(regisseur=gemeente.carla)
    client = api.als(user=gemeente.zeno)
    assert client.get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 404

    antwoord = _open(client, gemeente.anna)

    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["geldig_tot"] == "2027-02-10T00:00:00+01:00"
    assert client.get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 200
    assert client.get(f"/api/v1/indicaties/{gemeente.indicatie.pk}").status_code == 200
    assert client.patch(f"/api/v1/inwoners/{gemeente.anna.pk}", {"voornaam": "Annie"}, format="json").status_code == 200
    assert client.get(f"/api/v1/inwoners/{cees.pk}").status_code == 404
    assert api.als(user=gemeente.zoe).get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 404


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (datetime.datetime(2027, 2, 9, 23, 59, 59, tzinfo=AMSTERDAM), 200),
        (datetime.datetime(2027, 2, 10, 0, 0, 0, tzinfo=AMSTERDAM), 404),
        (datetime.datetime(2027, 2, 10, 9, 0, 0, tzinfo=AMSTERDAM), 404),
    ],
)
def test_toegang_geldt_alleen_vandaag(api, gemeente, moment, status):
    client = api.als(user=gemeente.zeno)
    with time_machine.travel(NU, tick=False):
        assert _open(client, gemeente.anna).status_code == 201
    with time_machine.travel(moment, tick=False):
        assert client.get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == status


@pytest.mark.parametrize("reden", ["", "   ", None])
def test_toegang_zonder_reden_is_400_met_code(api, gemeente, nu, reden):
    body = {} if reden is None else {"reden": reden}
    antwoord = api.als(user=gemeente.zeno).post(f"/api/v1/inwoners/{gemeente.anna.pk}/toegang", body, format="json")
    assert antwoord.status_code == 400
    codes = [p["code"] for p in antwoord.json()["invalid_params"]]
    assert codes == (["required"] if reden is None else ["reden_toegang_verplicht"])
    assert not ToegangBuitenCaseload.objects.exists()
    assert api.als(user=gemeente.zeno).get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 404


def test_toegang_tot_een_onbekende_inwoner_is_404(api, gemeente, nu):
    antwoord = api.als(user=gemeente.zeno).post(
        "/api/v1/inwoners/00000000-0000-0000-0000-000000000000/toegang", {"reden": REDEN}, format="json"
    )
    assert antwoord.status_code == 404


@pytest.mark.parametrize("rol", ["backoffice", "schakelteam", "beheer"])
def test_alleen_een_consulent_opent_een_dossier_buiten_de_caseload(api, gemeente, nu, rol):
    assert _open(api.als(rol), gemeente.anna).status_code == 403


def test_toegang_wordt_vastgelegd_gelogd_en_aan_de_regisseur_gemaild_zonder_bsn(
    api, gemeente, nu, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _open(api.als(user=gemeente.zeno), gemeente.anna).status_code == 201

    toegang = ToegangBuitenCaseload.objects.get()
    assert (toegang.gebruiker, toegang.inwoner, toegang.reden, toegang.regisseur) == (
        gemeente.zeno,
        gemeente.anna,
        REDEN,
        gemeente.carla,
    )
    melding = Notificatie.objects.get(soort="toegang_buiten_caseload")
    assert melding.ontvanger == gemeente.carla
    assert "A. Jansen" in melding.onderwerp
    [bericht] = [m for m in mail.outbox if m.to == [gemeente.carla.email]]
    tekst = bericht.subject + bericht.body + str(bericht.extra_headers)
    assert gemeente.anna.bsn not in tekst
    assert bericht.extra_headers["traceparent"].split("-")[1] == melding.trace_id

    verwerking = Verwerking.objects.get(verwerkingsactiviteit="toegang-buiten-caseload-v1")
    assert verwerking.betrokkene == pseudoniem(gemeente.anna.bsn)
    handeling = Handeling.objects.get(trace_id=verwerking.trace_id, span_id=verwerking.parent_span_id)
    assert (handeling.gebruikersnaam, handeling.reden) == (gemeente.zeno.username, REDEN)
    assert melding.trace_id == verwerking.trace_id


def test_backoffice_ziet_de_toegang_in_een_lijst_en_een_consulent_niet(api, client, gemeente, nu):
    assert _open(api.als(user=gemeente.zeno), gemeente.anna).status_code == 201
    client.force_login(gemeente.backoffice)
    pagina = client.get("/privacy/toegang/overzicht/")
    assert pagina.status_code == 200
    inhoud = pagina.content.decode()
    assert REDEN in inhoud and "A. Jansen" in inhoud and "Zeno" in inhoud
    assert gemeente.anna.bsn not in inhoud
    client.force_login(gemeente.zeno)
    assert client.get("/privacy/toegang/overzicht/").status_code == 403


def test_via_het_scherm_met_het_bsn_uit_de_zoekvraag(client, gemeente, nu):
    client.force_login(gemeente.zeno)
    zoek = client.post("/inwoners/", {"bsn": gemeente.anna.bsn})
    inhoud = zoek.content.decode()
    assert "Er is een inwoner met dit BSN" in inhoud and "Carla de Regisseur" in inhoud
    assert "Jansen" not in inhoud and str(gemeente.anna.pk) not in inhoud
    # Saying that the inwoner exists is a processing of their data too.
    assert Verwerking.objects.filter(
        betrokkene=pseudoniem(gemeente.anna.bsn), verwerkingsactiviteit="raadplegen-v1"
    ).exists()

    formulier = client.post("/privacy/toegang/", {"bsn": gemeente.anna.bsn})
    assert formulier.status_code == 200 and "Waarom opent u dit dossier?" in formulier.content.decode()
    zonder_reden = client.post("/privacy/toegang/", {"bsn": gemeente.anna.bsn, "reden": " "})
    assert "Schrijf op waarom" in zonder_reden.content.decode()
    assert not ToegangBuitenCaseload.objects.exists()

    geopend = client.post("/privacy/toegang/", {"bsn": gemeente.anna.bsn, "reden": REDEN})
    assert geopend.status_code == 302 and geopend["Location"] == f"/inwoners/{gemeente.anna.pk}/"
    assert client.get(geopend["Location"]).status_code == 200


def test_zoeken_op_een_deel_van_de_naam_toont_niets_buiten_de_caseload(client, gemeente, nu):
    client.force_login(gemeente.zeno)
    inhoud = client.post("/inwoners/", {"naam": "Jansen"}).content.decode()
    assert "Geen inwoners gevonden." in inhoud and "Er is een inwoner met dit BSN" not in inhoud


# --- Handing the regie over ----------------------------------------------------------------------


def _overdragen(client, inwoner, regisseur, reden="Verhuisd naar wijk Zuid."):
    body = {"regisseur": regisseur.pk if regisseur else None, "reden": reden}
    return client.post(f"/api/v1/inwoners/{inwoner.pk}/regisseur", body, format="json")


def test_overdragen_met_reden_staat_in_de_historie_en_verschuift_de_caseload(api, gemeente, nu):
    antwoord = _overdragen(api.als(user=gemeente.carla), gemeente.anna, gemeente.zeno)
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["regisseur"] == gemeente.zeno.pk
    laatste = historie(gemeente.anna)[-1]
    assert "Verhuisd naar wijk Zuid." in laatste["reden"] and laatste["wijzigingen"]["regisseur"]
    assert api.als(user=gemeente.zeno).get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 200
    assert api.als(user=gemeente.noor).get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 404
    assert api.als(user=gemeente.carla).get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 404


@pytest.mark.parametrize(
    ("naar", "reden", "code"),
    [
        ("zeno", "", "reden_verplicht"),
        ("backoffice", "Graag.", "regisseur_geen_consulent"),
        ("carla", "Graag.", "regisseur_ongewijzigd"),
    ],
)
def test_overdragen_wordt_geweigerd_met_een_code(api, gemeente, nu, naar, reden, code):
    antwoord = _overdragen(api.als(user=gemeente.carla), gemeente.anna, getattr(gemeente, naar), reden)
    assert antwoord.status_code == 400
    assert code in [p["code"] for p in antwoord.json()["invalid_params"]]


def test_een_inactieve_consulent_wordt_geen_regisseur(api, gemeente, nu):
    weg = gebruiker("consulent", is_active=False)
    antwoord = _overdragen(api.als(user=gemeente.carla), gemeente.anna, weg)
    assert [p["code"] for p in antwoord.json()["invalid_params"]] == ["regisseur_geen_consulent"]


def test_beheer_draagt_elke_inwoner_over(api, gemeente, nu):
    assert _overdragen(api.als(user=gemeente.beheer), gemeente.bram, gemeente.carla).status_code == 200


def test_overdragen_via_het_scherm_en_de_knop_in_het_beheerscherm(client, gemeente, nu):
    client.force_login(gemeente.carla)
    assert "Regie overdragen" in client.get(f"/inwoners/{gemeente.anna.pk}/").content.decode()
    pad = f"/privacy/inwoners/{gemeente.anna.pk}/regisseur/"
    assert client.get(pad).status_code == 200
    antwoord = client.post(pad, {"regisseur": gemeente.noor.pk, "reden": "Noor heeft ruimte."})
    assert antwoord.status_code == 302
    gemeente.anna.refresh_from_db()
    assert gemeente.anna.regisseur == gemeente.noor

    client.force_login(gemeente.zeno)
    assert client.get(pad).status_code == 404
    client.force_login(gemeente.beheer)
    beheerscherm = client.get(f"/admin/indicaties/inwoner/{gemeente.anna.pk}/change/")
    assert beheerscherm.status_code == 200 and pad in beheerscherm.content.decode()
    assert client.post(pad, {"regisseur": gemeente.carla.pk, "reden": "Terug."}).status_code == 302


def test_een_regisseur_die_geen_actieve_consulent_is_wordt_geweigerd_bij_registreren_en_wijzigen(gemeente, nu):
    with pytest.raises(RuleViolation) as fout:
        indicatie_services.registreer_inwoner(
            gebruiker=gemeente.carla,
            bsn=geldig_bsn(),
            voornaam="Sem",
            achternaam="Bakker",
            geboortedatum=datetime.date(1980, 1, 1),
            regisseur=gemeente.backoffice,
        )
    assert [v.code for v in fout.value.violations] == ["regisseur_geen_consulent"]
    with pytest.raises(RuleViolation):
        indicatie_services.wijzig_inwoner(
            gebruiker=gemeente.carla, inwoner=gemeente.anna, wijzigingen={"regisseur": gemeente.beheer}
        )
    assert Inwoner.objects.get(pk=gemeente.anna.pk).regisseur == gemeente.carla


def test_wie_geen_consulent_is_wordt_niet_vanzelf_regisseur_van_wie_hij_registreert(gemeente, nu):
    inwoner = indicatie_services.registreer_inwoner(
        gebruiker=gemeente.beheer,
        bsn=geldig_bsn(),
        voornaam="Sem",
        achternaam="Bakker",
        geboortedatum=datetime.date(1980, 1, 1),
    )
    assert inwoner.regisseur is None


def test_een_andere_wijziging_blijft_mogelijk_als_de_regisseur_vertrok(gemeente, nu):
    type(gemeente.carla).objects.filter(pk=gemeente.carla.pk).update(is_active=False)
    indicatie_services.wijzig_inwoner(gebruiker=gemeente.noor, inwoner=gemeente.anna, wijzigingen={"voornaam": "Annie"})
    assert Inwoner.objects.get(pk=gemeente.anna.pk).voornaam == "Annie"
