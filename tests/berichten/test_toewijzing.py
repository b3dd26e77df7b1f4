"""The 301 out: written in the same transaction as the decision, one per client and aanbieder, the
same ToewijzingNummer for life, a RedenWijziging on every change, and valid against the official XSD."""

import datetime
from decimal import Decimal

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from basis.exceptions import RuleViolation
from berichten import services
from berichten.models import Bericht
from indicaties import services as register
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, maak_indicatie
from tests.indicaties.hulp import INGANG, om

from .hulp import geldig, waarden

pytestmark = pytest.mark.django_db


def _301(**filters) -> list[Bericht]:
    return list(Bericht.objects.filter(soort__endswith="301", **filters).order_by("bericht_identificatie"))


def _jeugd(**kwargs):
    return ProductFactory(wet="jeugdwet", code=kwargs.pop("code", "45A65"), **kwargs)


def test_een_toegewezen_jeugdhulpindicatie_schrijft_een_jw301_die_het_xsd_volgt():
    inwoner = InwonerFactory(
        geslacht="vrouw", straat="Kerkstraat", huisnummer=12, postcode="4901AB", woonplaats="Oosterhout"
    )
    with om(INGANG):
        indicatie = maak_indicatie(product=_jeugd(), inwoner=inwoner)
    (bericht,) = _301()
    assert (bericht.soort, bericht.status, bericht.richting) == ("JW301", "klaar", "uit")
    boom = geldig("JW301", bericht.xml)
    assert waarden(boom, "ToewijzingNummer") == [str(indicatie.toewijzingnummer)]
    assert waarden(boom, "Afzender") == ["0826"]
    assert waarden(boom, "Ontvanger") == [indicatie.aanbieder.agb_code]
    assert waarden(boom, "Categorie") == ["45"]
    assert waarden(boom, "Code") == ["45A65"]
    assert waarden(boom, "Geslacht") == ["2"]
    assert waarden(boom, "Postcode") == ["4901AB"]
    assert waarden(boom, "Volume") == ["6"] and waarden(boom, "Eenheid") == ["04"]
    assert waarden(boom, "Frequentie") == ["2"]
    assert waarden(boom, "RedenWijziging") == []
    # XsdVersie comes from the XSD in use (IV034).
    assert waarden(boom, "BerichtXsdVersie") == ["0.1.0"]


def test_een_wmo_indicatie_schrijft_een_wmo301():
    with om(INGANG):
        maak_indicatie()
    (bericht,) = _301()
    boom = geldig("WMO301", bericht.xml)
    assert waarden(boom, "BerichtCode") == ["414"]
    assert waarden(boom, "BerichtXsdVersie") == ["1.0.0"]


def test_tweeënhalf_uur_per_week_gaat_als_150_minuten_per_week():
    with om(INGANG):
        maak_indicatie(volume=Decimal("2.5"))
    boom = geldig("WMO301", _301()[0].xml)
    assert (waarden(boom, "Volume"), waarden(boom, "Eenheid"), waarden(boom, "Frequentie")) == (["150"], ["01"], ["2"])


def test_een_tweede_toewijzing_bij_dezelfde_aanbieder_komt_in_één_bericht_met_de_eerste():
    consulent = gebruiker("consulent")
    inwoner = InwonerFactory(regisseur=consulent)
    aanbieder = AanbiederFactory()
    with om(INGANG):
        eerste = maak_indicatie(consulent, inwoner=inwoner, aanbieder=aanbieder)
        services.markeer_verzonden(bericht=_301()[0])
        tweede = maak_indicatie(consulent, inwoner=inwoner, aanbieder=aanbieder, volume=Decimal("1"))
    berichten = _301()
    assert len(berichten) == 2
    boom = geldig("WMO301", berichten[1].xml)
    assert sorted(waarden(boom, "ToewijzingNummer")) == sorted(
        [str(eerste.toewijzingnummer), str(tweede.toewijzingnummer)]
    )
    assert waarden(boom, "RedenWijziging") == []  # the first is unchanged since it was sent (IV099)


def test_een_wijziging_na_verzending_houdt_het_nummer_en_draagt_een_reden():
    with om(INGANG):
        indicatie = maak_indicatie()
        services.markeer_verzonden(bericht=_301()[0])
        register.wijzig_indicatie(
            gebruiker=indicatie.consulent, indicatie=indicatie, wijzigingen={"einddatum": datetime.date(2027, 6, 30)}
        )
    eerste, tweede = _301()
    assert tweede.status == "klaar" and eerste.status == "verzonden"
    boom = geldig("WMO301", tweede.xml)
    assert waarden(boom, "ToewijzingNummer") == [str(indicatie.toewijzingnummer)]
    assert waarden(boom, "RedenWijziging") == ["05"]  # verkorting
    assert waarden(boom, "Einddatum") == ["2027-06-30"]


def test_intrekken_na_verzending_verwijdert_de_toewijzing_met_reden_13():
    morgen = INGANG + datetime.timedelta(days=1)
    with om(INGANG):
        indicatie = maak_indicatie(ingangsdatum=morgen)
        services.markeer_verzonden(bericht=_301()[0])
        register.trek_in(gebruiker=indicatie.consulent, indicatie=indicatie, reden="Verhuisd.")
    boom = geldig("WMO301", _301()[-1].xml)
    assert waarden(boom, "RedenWijziging") == ["13"]
    assert waarden(boom, "Einddatum") == waarden(boom, "Ingangsdatum") == [morgen.isoformat()]


def test_twee_besluiten_voor_verzending_geven_één_bericht():
    with om(INGANG):
        indicatie = maak_indicatie()
        register.wijzig_indicatie(
            gebruiker=indicatie.consulent, indicatie=indicatie, wijzigingen={"einddatum": datetime.date(2027, 6, 30)}
        )
    (bericht,) = _301()
    boom = geldig("WMO301", bericht.xml)
    assert waarden(boom, "Einddatum") == ["2027-06-30"]
    assert waarden(boom, "RedenWijziging") == []  # never sent before: still the initial toewijzing


def test_een_geweigerde_registratie_schrijft_geen_bericht():
    with om(INGANG), pytest.raises(RuleViolation):
        maak_indicatie(ingangsdatum=INGANG - datetime.timedelta(days=1))
    assert _301() == []


def test_een_indicatie_die_op_het_schakelteam_wacht_is_nog_geen_toewijzing():
    with om(INGANG):
        maak_indicatie(
            product=ProductFactory(tarief="116.40"), volume=Decimal("16"), einddatum=datetime.date(2027, 9, 3)
        )
    assert _301() == []


def test_elk_bericht_krijgt_een_eigen_identificatie_van_hoogstens_12_tekens():
    with om(INGANG):
        for _ in range(3):
            maak_indicatie()
    identificaties = [b.bericht_identificatie for b in _301()]
    assert len(set(identificaties)) == 3
    assert all(len(i) <= 12 for i in identificaties)


@override_settings(CASUSREGIE_ISTANDAARDEN="")
def test_zonder_xsds_wordt_geregistreerd_maar_niets_verstuurd():
    with om(INGANG):
        indicatie = maak_indicatie()
    assert indicatie.status == "toegewezen"
    assert _301() == []


@override_settings(CASUSREGIE_ISTANDAARDEN="")
def test_zonder_xsds_weigert_verzenden_met_een_duidelijke_melding():
    bericht = Bericht.objects.create(
        soort="JW301",
        richting="uit",
        status="klaar",
        afzender="0826",
        ontvanger="73000000",
        bericht_identificatie="X1",
        dagtekening=INGANG,
        xml="<Bericht/>",
    )
    with pytest.raises(RuleViolation) as exc:
        services.markeer_verzonden(bericht=bericht)
    assert exc.value.violations[0].code == "xsd_ontbreekt"
    assert "istandaarden.nl" in exc.value.violations[0].bericht


@override_settings(CASUSREGIE_ISTANDAARDEN="/bestaat/niet")
def test_check_deploy_waarschuwt_zonder_xsds():
    meldingen = [m for m in run_checks(include_deployment_checks=True) if m.id == "berichten.W001"]
    assert len(meldingen) == 1
    assert "CASUSREGIE_ISTANDAARDEN" in meldingen[0].msg


def test_de_pagina_van_de_inwoner_toont_de_berichten_met_hun_naam(client):
    from django.urls import reverse

    with om(INGANG):
        indicatie = maak_indicatie()
        client.force_login(indicatie.consulent)
        tekst = client.get(reverse("web:inwoner", args=[indicatie.inwoner_id])).content.decode()
    assert "Berichtenverkeer met aanbieders" in tekst
    assert "Toewijzing (WMO301)" in tekst
    assert "klaar om te versturen" in tekst
    # And in the timeline, with the aanbieder it went to.
    tijdlijn = tekst[tekst.index("<h2>Tijdlijn</h2>") :]
    assert f"Toewijzing (WMO301) aan {indicatie.aanbieder.naam}: klaar om te versturen" in tijdlijn


def test_beheer_leest_de_berichten_in_het_beheerscherm_maar_wijzigt_ze_niet(client):
    from django.urls import reverse

    with om(INGANG):
        maak_indicatie()
    beheerder = gebruiker("beheer", is_staff=True)
    client.force_login(beheerder)
    bericht = _301()[0]
    assert client.get(reverse("admin:berichten_bericht_changelist")).status_code == 200
    assert client.get(reverse("admin:berichten_bericht_change", args=[bericht.pk])).status_code == 200
    assert (
        client.post(reverse("admin:berichten_bericht_change", args=[bericht.pk]), {"status": "verzonden"}).status_code
        == 403
    )
    bericht.refresh_from_db()
    assert bericht.status == "klaar"
