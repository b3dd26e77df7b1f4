"""Shared helpers for the toetsing tests: moments in ISO week 2027-W05 (1–7 February 2027)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from indicaties import services as register
from tests.factories import ProductFactory, gebruiker, maak_indicatie

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEEK = "2027-W05"
DINSDAG_W05 = datetime.datetime(2027, 2, 2, 10, 0, tzinfo=AMSTERDAM)
MAANDAG_W06 = datetime.datetime(2027, 2, 8, 9, 0, tzinfo=AMSTERDAM)
INGANG = datetime.date(2027, 2, 8)
EINDE = datetime.date(2027, 8, 31)


def om(moment: datetime.datetime):
    return time_machine.travel(moment, tick=False)


def gewone(consulent=None, **overrides):
    """A plain indicatie without any signal (6 uur per week, below the threshold)."""
    overrides.setdefault("ingangsdatum", INGANG)
    overrides.setdefault("einddatum", EINDE)
    return maak_indicatie(consulent, **overrides)


def met_spoed(consulent=None, **overrides):
    overrides.setdefault("einddatum", EINDE)
    return maak_indicatie(consulent, spoed=True, spoed_reden="Crisis thuis.", ingangsdatum=INGANG, **overrides)


def zwaardere_variant(consulent=None, **overrides):
    product = ProductFactory(lichtere_variant=ProductFactory())
    return gewone(consulent, product=product, motivatie="Lichtere variant volstaat niet.", **overrides)


def boven_drempel(consulent=None):
    """Waits for the schakelteam (16 uur per week at € 116,40 is above € 50.000)."""
    return gewone(consulent, product=ProductFactory(tarief="116.40"), volume=Decimal("16"))


def akkoord_schakelteam(indicatie):
    return register.neem_schakelteambesluit(
        gebruiker=gebruiker("schakelteam"), indicatie=indicatie, besluit="akkoord", toelichting="Noodzakelijk."
    )
