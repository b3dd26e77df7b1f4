"""Signals follow the facts: when a fact of the inwoner changes (the Wlz indication, the date of
birth), the signals of their running care are computed again (docs/api.md, third round)."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from indicaties.models import Indicatie
from tests.factories import InwonerFactory, ProductFactory, gebruiker

from .hulp import EINDE, INGANG, indicatie, om

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulent():
    return gebruiker("consulent")


def _patch_inwoner(client, inwoner, **velden):
    return client.patch(f"/api/v1/inwoners/{inwoner.pk}", velden, format="json")


def _signalen(client, ind) -> list[str]:
    return client.get(f"/api/v1/indicaties/{ind.pk}").json()["signalen"]


@pytest.mark.parametrize(("wet", "code"), [("wmo", "wlz_geen_wmo"), ("jeugdwet", "wlz_jeugdwet")])
def test_een_wlz_indicatie_geeft_lopende_zorg_het_signaal(api, consulent, wet, code):
    inwoner = InwonerFactory(regisseur=consulent, geboortedatum=datetime.date(1980, 5, 17))
    client = api.als(user=consulent)
    with om(INGANG):
        ind = indicatie(consulent, inwoner=inwoner, product=ProductFactory(wet=wet))
        assert code not in _signalen(client, ind)
        antwoord = _patch_inwoner(client, inwoner, wlz_indicatie=True)
        assert antwoord.status_code == 200, antwoord.json()
        assert code in _signalen(client, ind)
        _patch_inwoner(client, inwoner, wlz_indicatie=False)
        assert code not in _signalen(client, ind)
    assert Indicatie.objects.get(pk=ind.pk).status == "toegewezen"


def test_wlz_uit_zorg_registreren_en_wlz_weer_aan_laat_de_zorg_niet_zonder_signaal(api, consulent):
    inwoner = InwonerFactory(regisseur=consulent, wlz_indicatie=True)
    client = api.als(user=consulent)
    with om(INGANG):
        _patch_inwoner(client, inwoner, wlz_indicatie=False)
        ind = indicatie(consulent, inwoner=inwoner)
        _patch_inwoner(client, inwoner, wlz_indicatie=True)
        assert "wlz_geen_wmo" in _signalen(client, ind)


def test_afgelopen_zorg_krijgt_geen_signaal(api, consulent):
    inwoner = InwonerFactory(regisseur=consulent)
    client = api.als(user=consulent)
    with om(INGANG):
        ind = indicatie(consulent, inwoner=inwoner)
        Indicatie.objects.filter(pk=ind.pk).update(status="verlopen")
        _patch_inwoner(client, inwoner, wlz_indicatie=True)
    assert not ind.signaalregels.exists()


@pytest.mark.parametrize(("verjaardag_na_einde", "signaal"), [(0, True), (1, False)])
def test_achttien_jaar_volgt_een_verbeterde_geboortedatum(api, consulent, verjaardag_na_einde, signaal):
    """The last day of the care is the 18th birthday: the signal; the day after: none."""
    inwoner = InwonerFactory(regisseur=consulent, geboortedatum=datetime.date(2015, 3, 1))
    client = api.als(user=consulent)
    with om(INGANG):
        ind = indicatie(consulent, inwoner=inwoner, product=ProductFactory(wet="jeugdwet"))
        assert "achttien_jaar" not in _signalen(client, ind)
        geboren = EINDE + datetime.timedelta(days=verjaardag_na_einde) - relativedelta(years=18)
        assert _patch_inwoner(client, inwoner, geboortedatum=geboren.isoformat()).status_code == 200
        assert ("achttien_jaar" in _signalen(client, ind)) is signaal


def test_een_wijziging_van_de_naam_laat_de_signalen_zoals_ze_zijn(api, consulent):
    inwoner = InwonerFactory(regisseur=consulent)
    client = api.als(user=consulent)
    with om(INGANG):
        ind = indicatie(consulent, inwoner=inwoner)
        regels = list(ind.signaalregels.values_list("pk", flat=True))
        _patch_inwoner(client, inwoner, voornaam="Annemarie")
    assert list(ind.signaalregels.values_list("pk", flat=True)) == regels


def test_het_conflict_staat_in_de_werkvoorraad_van_de_regisseur(api, client, consulent):
    inwoner = InwonerFactory(regisseur=consulent)
    with om(INGANG):
        ind = indicatie(consulent, inwoner=inwoner)
        client.force_login(consulent)
        leeg = client.get("/?volledig=1").content.decode()
        assert "Geen lopende zorg die botst met een Wlz-indicatie." in leeg
        _patch_inwoner(api.als(user=consulent), inwoner, wlz_indicatie=True)
        pagina = client.get("/?volledig=1").content.decode()
    assert "Zorg die niet meer past bij een Wlz-indicatie (1)" in pagina
    assert f"/indicaties/{ind.pk}/" in pagina
