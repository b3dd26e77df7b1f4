"""Notifications of the workflow: the inbox through the API, and e-mail exactly once, without BSN."""

import datetime
import logging

import pytest
from django.core import mail

from indicaties import services
from notifications.models import Notificatie
from notifications.tasks import verstuur_email
from tests.factories import InwonerFactory, gebruiker

from .hulp import EINDE, EVALUATIE, INGANG, boven_drempel, dag, evaluatie_van, indicatie, om, run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _zorg_gestart(settings):
    """These tests count the other notifications of the daily run: the care of their indicaties is
    taken as started in time (`zorg_niet_gestart` has its tests in tests/berichten)."""
    settings.START_TERMIJN_DAGEN = 365


def _melding(ontvanger, soort="evaluatie_open", sleutel="1"):
    return Notificatie.objects.create(ontvanger=ontvanger, soort=soort, sleutel=sleutel, onderwerp=f"Test {sleutel}")


# --- The inbox --------------------------------------------------------------------------------


def test_lijst_toont_alleen_de_eigen_notificaties(api):
    ik, ander = gebruiker("consulent"), gebruiker("consulent")
    eigen = _melding(ik)
    _melding(ander)
    antwoord = api.als(user=ik).get("/api/v1/notificaties/")
    assert antwoord.status_code == 200
    assert [n["id"] for n in antwoord.json()["results"]] == [str(eigen.id)]


def test_notificatie_heeft_de_velden_van_het_contract(api):
    ik = gebruiker("consulent")
    indicatie(ik)
    run(dag(EVALUATIE, -14))
    [n] = api.als(user=ik).get("/api/v1/notificaties/").json()["results"]
    assert set(n) == {"id", "soort", "onderwerp", "object_id", "gelezen", "aangemaakt"}
    assert (n["soort"], n["gelezen"]) == ("evaluatie_open", False)
    assert n["object_id"] == str(Notificatie.objects.get().object_id)


def test_eigen_notificatie_als_gelezen_markeren(api):
    ik = gebruiker("schakelteam")
    melding = _melding(ik)
    antwoord = api.als(user=ik).patch(f"/api/v1/notificaties/{melding.id}/", {"gelezen": True}, format="json")
    assert antwoord.status_code == 200
    assert antwoord.json()["gelezen"] is True
    melding.refresh_from_db()
    assert melding.gelezen is True


def test_andermans_notificatie_markeren_geeft_404_en_verandert_niets(api):
    melding = _melding(gebruiker("consulent"))
    antwoord = api.als("consulent").patch(f"/api/v1/notificaties/{melding.id}/", {"gelezen": True}, format="json")
    assert antwoord.status_code == 404
    melding.refresh_from_db()
    assert melding.gelezen is False


def test_ongelezen_filteren(api):
    ik = gebruiker("consulent")
    gelezen, ongelezen = _melding(ik, sleutel="1"), _melding(ik, sleutel="2")
    client = api.als(user=ik)
    client.patch(f"/api/v1/notificaties/{gelezen.id}/", {"gelezen": True}, format="json")
    lijst = client.get("/api/v1/notificaties/?gelezen=false").json()["results"]
    assert [n["id"] for n in lijst] == [str(ongelezen.id)]


def test_notificaties_zonder_inloggen_geeft_401(api):
    assert api.get("/api/v1/notificaties/").status_code == 401


# --- E-mail -----------------------------------------------------------------------------------


def test_email_gaat_na_de_commit_een_keer_uit_ook_als_de_dagelijkse_run_daarna_draait(
    django_capture_on_commit_callbacks,
):
    consulent = gebruiker("consulent")
    with django_capture_on_commit_callbacks(execute=True):
        indicatie(consulent)
        run(dag(EVALUATIE, -14))
    assert [m.to for m in mail.outbox] == [[consulent.email]]
    run(dag(EVALUATIE, -13))
    assert len(mail.outbox) == 1


def test_email_taak_twee_keer_uitvoeren_mailt_een_keer():
    indicatie()
    run(dag(EVALUATIE, -14))
    melding = Notificatie.objects.get(soort="evaluatie_open")
    assert len(mail.outbox) == 1  # the run mailed it
    verstuur_email.delay(str(melding.id))
    verstuur_email.delay(str(melding.id))
    assert len(mail.outbox) == 1


def test_verloren_email_taak_wordt_door_de_volgende_dagelijkse_run_verstuurd():
    # The task scheduled on commit never runs here (as with a flushed broker or a dead worker).
    aanvrager, lid = gebruiker("consulent"), gebruiker("schakelteam")
    boven_drempel(aanvrager)
    melding = Notificatie.objects.get(soort="schakelteam_gevraagd")
    assert (melding.ontvanger, melding.email_verzonden_op, mail.outbox) == (lid, None, [])
    run(dag(INGANG, 1))
    melding.refresh_from_db()
    assert melding.email_verzonden_op is not None
    assert [m.to for m in mail.outbox] == [[lid.email]]


def test_onbereikbare_broker_na_de_commit_is_geen_fout_voor_de_gebruiker(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    """The schakelteam request is saved; the mail waits in the database for the next daily run."""
    from kombu.exceptions import OperationalError

    def broker_weg(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(verstuur_email, "delay", broker_weg)
    aanvrager, lid = gebruiker("consulent"), gebruiker("schakelteam")
    with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.WARNING):
        boven_drempel(aanvrager)
    melding = Notificatie.objects.get(soort="schakelteam_gevraagd")
    assert (melding.ontvanger, melding.email_verzonden_op, mail.outbox) == (lid, None, [])
    assert "Broker niet bereikbaar: 1 e-mail(s)" in caplog.text
    monkeypatch.undo()
    run(dag(INGANG, 1))
    assert [m.to for m in mail.outbox] == [[lid.email]]


def test_gebruiker_zonder_e_mailadres_krijgt_alleen_de_notificatie():
    consulent = gebruiker("consulent", email="")
    indicatie(consulent)
    run(dag(EVALUATIE, -14))
    run(dag(EVALUATIE, -13))
    assert Notificatie.objects.get(ontvanger=consulent).email_verzonden_op is not None
    assert mail.outbox == []


def test_geen_melding_en_geen_e_mail_bevat_een_bsn(api, caplog, settings):
    settings.START_TERMIJN_DAGEN = 28
    consulent, regisseur, lid = gebruiker("consulent"), gebruiker("consulent"), gebruiker("schakelteam")
    inwoner = InwonerFactory(regisseur=regisseur)
    caplog.set_level(logging.DEBUG)
    ind = indicatie(consulent, inwoner=inwoner)
    wachtend = boven_drempel(consulent, inwoner=InwonerFactory(regisseur=regisseur))
    with om(INGANG):
        services.neem_schakelteambesluit(gebruiker=lid, indicatie=wachtend, besluit="akkoord", toelichting="Nodig.")
        services.vraag_advies(gebruiker=consulent, indicatie=ind, vraag="Passend?")
    for datum in (dag(EVALUATIE, -14), dag(EVALUATIE, 1), EINDE - datetime.timedelta(weeks=6), dag(EINDE, 1)):
        run(datum)
    assert evaluatie_van(ind).te_laat_gemeld
    soorten = set(Notificatie.objects.values_list("soort", flat=True))
    assert soorten == {
        "schakelteam_gevraagd",
        "schakelteam_besluit",
        "evaluatie_open",
        "evaluatie_te_laat",
        "halfjaarcheck_open",
        "indicatie_loopt_af",
        "zorg_niet_gestart",
    }
    bsns = {inwoner.bsn, wachtend.inwoner.bsn}
    teksten = [n.onderwerp for n in Notificatie.objects.all()]
    teksten += [m.subject for m in mail.outbox] + [m.body for m in mail.outbox]
    teksten += [r.getMessage() for r in caplog.records]
    assert len(mail.outbox) == Notificatie.objects.count()
    assert [t for t in teksten if any(bsn in t for bsn in bsns)] == []
    # The mails do say whom it is about: by initial and surname.
    assert any(f"{inwoner.voornaam[0]}. {inwoner.achternaam}" in m.body for m in mail.outbox)
