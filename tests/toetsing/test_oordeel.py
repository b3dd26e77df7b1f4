import datetime
from decimal import Decimal

import pytest

from basis.exceptions import InvalidTransition, NotAllowed, RuleViolation
from indicaties import services as register
from notifications.models import Notificatie
from tests.factories import gebruiker
from toetsing import selectors, services
from toetsing.models import Toetsing

from .hulp import AMSTERDAM, DINSDAG_W05, MAANDAG_W06, WEEK, gewone, met_spoed, om

pytestmark = pytest.mark.django_db

DAG_VAN_OORDEEL = datetime.datetime(2027, 2, 9, 11, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def consulent():
    return gebruiker("consulent")


@pytest.fixture
def toetsing(consulent):
    with om(DINSDAG_W05):
        met_spoed(consulent)
    with om(MAANDAG_W06):
        steekproef, _ = services.trek_steekproef(WEEK)
    with om(DAG_VAN_OORDEEL):
        yield steekproef.toetsingen.get()


@pytest.fixture
def later_toetsing(consulent):
    """A randomly drawn toetsing of an indicatie that starts on 1 March."""
    with om(DINSDAG_W05):
        # Starts later, so it can still be withdrawn after the verdict.
        gewone(consulent, ingangsdatum=datetime.date(2027, 3, 1))
    with om(MAANDAG_W06):
        steekproef, _ = services.trek_steekproef(WEEK, percentage=Decimal("100"))
    with om(DAG_VAN_OORDEEL):
        yield steekproef.toetsingen.get(reden="steekproef")


def _oordeel(toetsing, oordeel="niet_akkoord", toelichting="Motivatie ontbreekt.", door=None):
    return services.geef_oordeel(
        gebruiker=door or gebruiker("backoffice"), toetsing=toetsing, oordeel=oordeel, toelichting=toelichting
    )


# --- Four eyes and a single verdict ---------------------------------------------------------------


def test_de_eigen_consulent_mag_niet_oordelen_ook_niet_als_die_in_de_backoffice_zit(consulent, toetsing):
    consulent.groups.add(*gebruiker("backoffice").groups.all())
    with pytest.raises(NotAllowed, match="vier-ogenprincipe"):
        _oordeel(toetsing, "akkoord", "", door=consulent)
    toetsing.refresh_from_db()
    assert toetsing.status == "open"
    assert not Notificatie.objects.filter(soort="toetsing_oordeel").exists()


def test_een_collega_uit_de_backoffice_legt_het_oordeel_vast(consulent, toetsing):
    beoordelaar = gebruiker("backoffice")
    resultaat = _oordeel(toetsing, "akkoord_met_opmerking", "  Motiveer spoed uitgebreider.  ", door=beoordelaar)
    toetsing.refresh_from_db()
    assert resultaat.pk == toetsing.pk
    assert (toetsing.status, toetsing.oordeel, toetsing.toelichting) == (
        "beoordeeld",
        "akkoord_met_opmerking",
        "Motiveer spoed uitgebreider.",
    )
    assert toetsing.beoordelaar == beoordelaar
    assert toetsing.beoordeeld_op == DAG_VAN_OORDEEL
    assert toetsing.opvolging == "geen"
    laatste = toetsing.history.first()
    assert (laatste.history_user, laatste.history_change_reason) == (beoordelaar, "Oordeel: akkoord met opmerking")


def test_de_consulent_krijgt_het_oordeel_precies_een_keer_als_notificatie(consulent, toetsing):
    _oordeel(toetsing, "akkoord", "")
    notificatie = Notificatie.objects.get(soort="toetsing_oordeel")
    assert notificatie.ontvanger == consulent
    assert notificatie.object_id == toetsing.pk
    assert "akkoord" in notificatie.onderwerp and WEEK in notificatie.onderwerp
    assert toetsing.indicatie.inwoner.bsn not in notificatie.onderwerp
    with pytest.raises(InvalidTransition):
        _oordeel(toetsing, "akkoord", "")
    assert Notificatie.objects.filter(soort="toetsing_oordeel").count() == 1


def test_een_tweede_oordeel_wordt_geweigerd_ook_door_een_ander(toetsing):
    _oordeel(toetsing, "akkoord", "")
    with pytest.raises(InvalidTransition, match="al een oordeel") as fout:
        _oordeel(toetsing, "niet_akkoord", "Toch niet.")
    assert fout.value.code == "al_beoordeeld"
    toetsing.refresh_from_db()
    assert toetsing.oordeel == "akkoord"


@pytest.mark.parametrize("oordeel", ["akkoord_met_opmerking", "niet_akkoord"])
def test_zonder_akkoord_is_een_toelichting_verplicht_en_blijft_de_toetsing_open(toetsing, oordeel):
    with pytest.raises(RuleViolation) as fout:
        _oordeel(toetsing, oordeel, " ")
    assert [(v.code, v.veld) for v in fout.value.violations] == [("toelichting_verplicht", "toelichting")]
    toetsing.refresh_from_db()
    assert toetsing.status == "open"


def test_akkoord_mag_zonder_toelichting(toetsing):
    _oordeel(toetsing, "akkoord", "")
    toetsing.refresh_from_db()
    assert (toetsing.oordeel, toetsing.toelichting) == ("akkoord", "")


def test_een_onbekend_oordeel_wordt_geweigerd(toetsing):
    with pytest.raises(RuleViolation):
        _oordeel(toetsing, "prima", "")


# --- The consulent's response -----------------------------------------------------------------------


def test_de_consulent_reageert_een_keer_op_het_oordeel(consulent, toetsing):
    _oordeel(toetsing)
    services.reageer(gebruiker=consulent, toetsing=toetsing, reactie=" Ik pas de motivatie aan. ")
    toetsing.refresh_from_db()
    assert (toetsing.reactie, toetsing.gereageerd_op) == ("Ik pas de motivatie aan.", DAG_VAN_OORDEEL)
    with pytest.raises(InvalidTransition, match="al op dit oordeel gereageerd"):
        services.reageer(gebruiker=consulent, toetsing=toetsing, reactie="Nog iets.")


def test_reageren_kan_pas_na_het_oordeel(consulent, toetsing):
    with pytest.raises(InvalidTransition, match="nog geen oordeel"):
        services.reageer(gebruiker=consulent, toetsing=toetsing, reactie="Alvast.")


def test_alleen_de_consulent_van_de_indicatie_kan_reageren(toetsing):
    _oordeel(toetsing)
    with pytest.raises(NotAllowed):
        services.reageer(gebruiker=gebruiker("consulent"), toetsing=toetsing, reactie="Niet van mij.")


def test_een_lege_reactie_wordt_geweigerd(consulent, toetsing):
    _oordeel(toetsing)
    with pytest.raises(RuleViolation):
        services.reageer(gebruiker=consulent, toetsing=toetsing, reactie="  ")


# --- Follow-up of niet akkoord --------------------------------------------------------------------


def test_niet_akkoord_opent_een_opvolging_die_zichtbaar_blijft_tot_ze_is_afgehandeld(consulent, toetsing):
    _oordeel(toetsing)
    toetsing.refresh_from_db()
    assert toetsing.opvolging == "open"
    assert list(selectors.open_opvolgingen(consulent)) == [toetsing]
    assert list(selectors.open_opvolgingen(gebruiker("consulent"))) == []

    with pytest.raises(InvalidTransition, match="niet veranderd") as fout:
        services.handel_opvolging_af(gebruiker=consulent, toetsing=toetsing)
    assert fout.value.code == "indicatie_ongewijzigd"
    assert list(selectors.open_opvolgingen(consulent)) == [toetsing]

    register.wijzig_indicatie(
        gebruiker=consulent,
        indicatie=toetsing.indicatie,
        wijzigingen={"spoed_reden": "Crisis thuis: moeder opgenomen, kinderen alleen."},
    )
    services.handel_opvolging_af(gebruiker=consulent, toetsing=toetsing, toelichting="Spoedreden aangevuld.")
    toetsing.refresh_from_db()
    assert toetsing.opvolging == "afgehandeld"
    assert toetsing.opvolging_toelichting == "Spoedreden aangevuld."
    assert list(selectors.open_opvolgingen()) == []
    with pytest.raises(InvalidTransition, match="al afgehandeld"):
        services.handel_opvolging_af(gebruiker=consulent, toetsing=toetsing)


def test_een_ingetrokken_indicatie_handelt_de_opvolging_ook_af(consulent, later_toetsing):
    _oordeel(later_toetsing)
    register.trek_in(gebruiker=consulent, indicatie=later_toetsing.indicatie, reden="Na toetsing niet nodig.")
    services.handel_opvolging_af(gebruiker=consulent, toetsing=later_toetsing)
    later_toetsing.refresh_from_db()
    assert later_toetsing.opvolging == "afgehandeld"


def test_een_wijziging_die_een_regel_breekt_handelt_niets_af(consulent, toetsing):
    _oordeel(toetsing)
    with pytest.raises(RuleViolation):
        register.wijzig_indicatie(gebruiker=consulent, indicatie=toetsing.indicatie, wijzigingen={"spoed_reden": ""})
    with pytest.raises(InvalidTransition):
        services.handel_opvolging_af(gebruiker=consulent, toetsing=toetsing)


@pytest.mark.parametrize("oordeel", ["akkoord", "akkoord_met_opmerking"])
def test_zonder_niet_akkoord_is_er_geen_opvolging_af_te_handelen(consulent, toetsing, oordeel):
    _oordeel(toetsing, oordeel, "Goed zo.")
    with pytest.raises(InvalidTransition, match="vraagt om opvolging"):
        services.handel_opvolging_af(gebruiker=consulent, toetsing=toetsing)


def test_alleen_de_consulent_van_de_indicatie_handelt_de_opvolging_af(consulent, toetsing):
    _oordeel(toetsing)
    register.wijzig_indicatie(
        gebruiker=consulent, indicatie=toetsing.indicatie, wijzigingen={"spoed_reden": "Aangevuld."}
    )
    with pytest.raises(NotAllowed):
        services.handel_opvolging_af(gebruiker=gebruiker("backoffice", "consulent"), toetsing=toetsing)


def test_de_database_weigert_een_oordeel_zonder_beoordelaar(toetsing):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Toetsing.objects.filter(pk=toetsing.pk).update(status="beoordeeld", oordeel="akkoord")
