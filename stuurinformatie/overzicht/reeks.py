"""The months of a period for the monthly series, and turning grouped rows into them."""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils import timezone

from indicaties.models import Indicatie

from ..voorwaarden import Filters, actief_in_q

# Monthly series are drawn for a period of at most this many months (the charts stay readable,
# and the conditional sums per month stay a fixed, small number of columns).
MAX_MAANDEN = 36


def maand_sleutel(dag: datetime.date) -> str:
    return f"{dag:%Y-%m}"


def reeks_maanden(van: datetime.date, tot: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The calendar months of the period cut to it; empty beyond MAX_MAANDEN (no series then)."""
    uit, begin = [], van
    while begin <= tot:
        eind = min(begin.replace(day=1) + relativedelta(months=1) - datetime.timedelta(days=1), tot)
        uit.append((begin, eind))
        begin = eind + datetime.timedelta(days=1)
        if len(uit) > MAX_MAANDEN:
            return []
    return uit


def naar_maanden(rijen, sleutel: str = "maand") -> dict[str, dict]:
    uit = {}
    for rij in rijen:
        maand = rij.pop(sleutel)
        if maand is not None:
            if isinstance(maand, datetime.datetime):
                maand = timezone.localtime(maand) if timezone.is_aware(maand) else maand
            uit[maand_sleutel(maand)] = rij
    return uit


def som_per_maand(per_dag: list[float], van: datetime.date, maandlijst) -> dict[str, Decimal]:
    return {
        maand_sleutel(begin): Decimal(str(round(sum(per_dag[(begin - van).days : (eind - van).days + 1]), 6)))
        for begin, eind in maandlijst
    }


def inwoner_q(van, tot, filters: Filters, veld: str = "inwoner_id") -> Q:
    """For what belongs to an inwoner (a half-year check, a follow-up): under a filter, the inwoner
    has an indicatie matching it that is active in the period."""
    if not any((filters.wet, filters.product, filters.aanbieder, filters.team is not None)):
        return Q()
    return Q(**{f"{veld}__in": Indicatie.objects.filter(filters.q(), actief_in_q(van, tot)).values("inwoner_id")})
