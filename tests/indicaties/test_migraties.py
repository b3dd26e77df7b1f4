"""Data migrations, run on today's models (their fields are the ones the migration knows)."""

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps

from indicaties.models import Inwoner
from tests.factories import InwonerFactory, gebruiker, maak_indicatie

regie_bij_zorg = importlib.import_module("indicaties.migrations.0014_regie_bij_zorg")


@pytest.mark.django_db
def test_een_inwoner_met_zorg_en_zonder_regisseur_krijgt_de_consulent_van_zijn_laatste_indicatie():
    eerste, laatste = gebruiker("consulent"), gebruiker("consulent")
    inwoner = InwonerFactory(regisseur=eerste)
    with time_machine.travel(datetime.date(2026, 12, 14), tick=False) as reis:
        maak_indicatie(eerste, inwoner=inwoner)
        reis.shift(datetime.timedelta(hours=1))
        Inwoner.objects.filter(pk=inwoner.pk).update(regisseur=laatste)
        inwoner.refresh_from_db()
        maak_indicatie(
            laatste, inwoner=inwoner, ingangsdatum=datetime.date(2027, 9, 1), einddatum=datetime.date(2028, 2, 29)
        )
    Inwoner.objects.filter(pk=inwoner.pk).update(regisseur=None)
    zonder_zorg = InwonerFactory(regisseur=None)
    met_regisseur = InwonerFactory(regisseur=laatste)

    regie_bij_zorg.wijs_regisseur_toe(apps, None)

    inwoner.refresh_from_db()
    assert inwoner.regisseur == laatste
    assert inwoner.history.first().history_change_reason == regie_bij_zorg.REDEN
    assert Inwoner.objects.get(pk=zonder_zorg.pk).regisseur is None
    assert Inwoner.objects.get(pk=met_regisseur.pk).regisseur == laatste


@pytest.mark.django_db
def test_zorg_van_iemand_die_vertrok_maakt_hem_geen_regisseur():
    vertrokken = gebruiker("consulent")
    inwoner = InwonerFactory(regisseur=vertrokken)
    with time_machine.travel(datetime.date(2026, 12, 14), tick=False):
        maak_indicatie(vertrokken, inwoner=inwoner)
    Inwoner.objects.filter(pk=inwoner.pk).update(regisseur=None)
    type(vertrokken).objects.filter(pk=vertrokken.pk).update(is_active=False)

    regie_bij_zorg.wijs_regisseur_toe(apps, None)

    assert Inwoner.objects.get(pk=inwoner.pk).regisseur is None
