"""Shared helpers for the workflow tests: the calendar, a standard indicatie, and counters."""

import datetime
from decimal import Decimal

import time_machine
from django.apps import apps

from indicaties import services
from indicaties.models import Evaluatie
from notifications.models import Notificatie
from tests.factories import InwonerFactory, ProductFactory, gebruiker, maak_indicatie

# A Monday; the standard indicatie runs from here to the last day 8 months allow.
INGANG = datetime.date(2027, 1, 4)
EINDE = datetime.date(2027, 9, 3)
EVALUATIE = datetime.date(2027, 5, 4)
HALFJAARCHECK = datetime.date(2027, 7, 4)


def om(dag: datetime.date, uur: int = 8):
    """The clock stands still at `uur` o'clock UTC on `dag` (the same date in Europe/Amsterdam)."""
    return time_machine.travel(datetime.datetime.combine(dag, datetime.time(uur), tzinfo=datetime.UTC), tick=False)


def dag(datum: datetime.date, dagen: int) -> datetime.date:
    return datum + datetime.timedelta(days=dagen)


def run(datum: datetime.date):
    """The daily run for `datum`, with the clock on that date (as Celery beat would call it)."""
    with om(datum):
        return services.voer_dagelijkse_taken_uit()


def indicatie(consulent=None, **overrides):
    """A granted indicatie of 6 uur per week, 4 January – 3 September 2027, registered on 4 January."""
    overrides.setdefault("ingangsdatum", INGANG)
    overrides.setdefault("einddatum", EINDE)
    with om(overrides.pop("geregistreerd_op", min(overrides["ingangsdatum"], INGANG))):
        return maak_indicatie(consulent, **overrides)


def boven_drempel(consulent, **overrides):
    """Waits for the schakelteam: 16 uur per week at € 116,40 for 8 months is about € 65.000."""
    return indicatie(consulent, product=ProductFactory(tarief="116.40"), volume=Decimal("16"), **overrides)


def evaluatie_van(ind) -> Evaluatie:
    return Evaluatie.objects.get(indicatie=ind)


def historierijen() -> int:
    """History rows of every model that keeps history."""
    return sum(
        model.history.count()
        for model in apps.get_models()
        if hasattr(model, "history") and not model.__name__.startswith("Historical")
    )


def notificaties(**filters) -> int:
    return Notificatie.objects.filter(**filters).count()


def consulent_met_regisseur():
    """A consulent and an inwoner of whom another consulent is regisseur."""
    regisseur = gebruiker("consulent")
    return gebruiker("consulent"), regisseur, InwonerFactory(regisseur=regisseur)
