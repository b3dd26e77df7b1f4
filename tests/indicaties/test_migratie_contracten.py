"""Migration 0020, run on today's models: a contract for every aanbieder–product pair in use, and a
ToewijzingNummer for every indicatie that has none, in the order they were registered."""

import datetime
import importlib

import pytest
from django.apps import apps

from indicaties.models import Contract, Indicatie, Nummerreeks
from tests.factories import AanbiederFactory, ProductFactory, contracteer, maak_indicatie
from tests.indicaties.hulp import INGANG, om

migratie = importlib.import_module("indicaties.migrations.0022_contracten_voor_paren_in_gebruik")

pytestmark = pytest.mark.django_db


def test_elk_paar_in_gebruik_krijgt_een_contract_vanaf_de_eerste_ingangsdatum():
    product = ProductFactory(wet="jeugdwet", code="45A65", gecontracteerd=False)
    aanbieder = AanbiederFactory(gecontracteerd=False)
    contracteer(aanbieder, product)
    later = INGANG + datetime.timedelta(days=30)
    with om(INGANG):
        maak_indicatie(product=product, aanbieder=aanbieder, ingangsdatum=later, einddatum=later)
        maak_indicatie(product=product, aanbieder=aanbieder)
    Contract.objects.all().delete()
    ongebruikt = ProductFactory(gecontracteerd=False)

    migratie.contracten(apps, None)

    contract = Contract.objects.get()
    assert (contract.aanbieder, contract.product, contract.geldig_van, contract.geldig_tot) == (
        aanbieder,
        product,
        INGANG,
        None,
    )
    assert (contract.productcategorie, contract.productcode, contract.tarief) == ("45", "45A65", None)
    assert not Contract.objects.filter(product=ongebruikt).exists()


def test_indicaties_zonder_nummer_krijgen_er_een_in_volgorde_van_registratie():
    with om(INGANG):
        eerste = maak_indicatie()
        tweede = maak_indicatie()
    Indicatie.objects.update(toewijzingnummer=None)
    Contract.objects.all().delete()

    migratie.contracten(apps, None)

    nummers = dict(Indicatie.objects.values_list("pk", "toewijzingnummer"))
    assert sorted(nummers.values()) == [1, 2]
    assert Nummerreeks.objects.get(naam="toewijzingnummer").laatste == 2
    assert {eerste.pk, tweede.pk} == set(nummers)


def test_een_wmo_code_zonder_geldige_categorie_krijgt_de_algemene_categorie():
    assert migratie.standaardproduct("99X01", "wmo") == ("06", "99X01")
    assert migratie.standaardproduct("02A01", "wmo") == ("02", "02A01")
    assert migratie.standaardproduct("45C05", "jeugdwet") == ("45", "45C05")
