"""Beheer sets the policy numbers from a date (docs/domain.md, "Beleidsregels")."""

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from basis import clock
from basis.exceptions import RuleViolation
from basis.historie import bewaar

from .. import beleid, rules
from ..models import Beleidsregels


def beoordeel_beleidsregels(*, geldig_van: datetime.date, **waarden: Any) -> tuple[dict, list[rules.Violation]]:
    """The numbers a new set from `geldig_van` would have (a number left out keeps the value in
    force on that date) and what the rules say of them, without saving: the admin form asks this."""
    huidig = beleid.beleid_op(geldig_van).waarden()
    nieuw = {veld: huidig[veld] if waarden.get(veld) is None else waarden[veld] for veld in beleid.VELDEN}
    fouten = rules.beleid.beleidsregels_fouten(
        geldig_van=geldig_van,
        vandaag=clock.today(),
        datum_al_bezet=Beleidsregels.objects.filter(geldig_van=geldig_van).exists(),
        **nieuw,
    )
    return nieuw, fouten


@transaction.atomic
def stel_beleidsregels_vast(*, gebruiker: AbstractBaseUser, geldig_van: datetime.date, **waarden: Any) -> Beleidsregels:
    """A new set from `geldig_van` (today or later). The set applies to what is registered or
    assessed from then on."""
    nieuw, fouten = beoordeel_beleidsregels(geldig_van=geldig_van, **waarden)
    if fouten:
        raise RuleViolation(fouten)
    regels = Beleidsregels(geldig_van=geldig_van, vastgesteld_door=gebruiker, vastgesteld_op=clock.now(), **nieuw)
    try:
        with transaction.atomic():
            bewaar(regels, gebruiker, "Beleidsregels vastgesteld")
    except IntegrityError as exc:  # set at the same moment by someone else
        raise RuleViolation(
            rules.beleid.beleidsregels_fouten(
                geldig_van=geldig_van, vandaag=clock.today(), datum_al_bezet=True, **nieuw
            )
        ) from exc
    return regels
