"""The policy numbers in force on a day (docs/domain.md, "Beleidsregels").

Beheer sets them from a date (`services.beleid`); before the first set, the numbers of the
environment hold (settings: `SCHAKELTEAM_DREMPEL`, `SPOED_TERUGWERKEND_DAGEN`,
`STEEKPROEF_PERCENTAGE`, and 5 hours, 8 and 4 months; an evaluation can be completed from
`EVALUATIE_VOORLOOP_DAGEN` days before it is due, the day the daily run opens it). A set applies to what is registered or
assessed on or after its `geldig_van`.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from .models import Beleidsregels

VELDEN = (
    "uren_grens",
    "max_maanden",
    "evaluatie_maanden",
    "schakelteam_drempel",
    "spoed_dagen",
    "steekproef_percentage",
    "start_termijn_dagen",
    "evaluatie_vroegst_dagen",
    "budgetplafond_weigeren",
)


@dataclass(frozen=True)
class Beleid:
    """The numbers of one set; `bron` None for the environment's initial numbers."""

    geldig_van: datetime.date | None
    uren_grens: Decimal
    max_maanden: int
    evaluatie_maanden: int
    schakelteam_drempel: Decimal
    spoed_dagen: int
    steekproef_percentage: Decimal
    start_termijn_dagen: int
    evaluatie_vroegst_dagen: int
    # At 100 % of an aanbieder's budgetplafond: refuse what a declaration adds beyond it.
    budgetplafond_weigeren: bool = False
    bron: Beleidsregels | None = None

    @classmethod
    def uit_set(cls, s: Beleidsregels) -> "Beleid":
        return cls(s.geldig_van, *(getattr(s, v) for v in VELDEN), bron=s)

    def waarden(self) -> dict:
        return {v: getattr(self, v) for v in VELDEN}


def uit_omgeving() -> Beleid:
    return Beleid(
        geldig_van=None,
        uren_grens=Decimal(settings.UREN_GRENS),
        max_maanden=settings.MAX_MAANDEN,
        evaluatie_maanden=settings.EVALUATIE_MAANDEN,
        schakelteam_drempel=Decimal(settings.SCHAKELTEAM_DREMPEL),
        spoed_dagen=settings.SPOED_TERUGWERKEND_DAGEN,
        steekproef_percentage=Decimal(settings.STEEKPROEF_PERCENTAGE),
        start_termijn_dagen=settings.START_TERMIJN_DAGEN,
        # From the day the daily run opens it (the lead time, docs/domain.md "Daily run").
        evaluatie_vroegst_dagen=settings.EVALUATIE_VOORLOOP_DAGEN,
    )


def beleid_op(dag: datetime.date) -> Beleid:
    """The set in force on `dag`: one query."""
    s = Beleidsregels.objects.filter(geldig_van__lte=dag).order_by("-geldig_van").first()
    return Beleid.uit_set(s) if s is not None else uit_omgeving()


class BeleidPerDag:
    """Every set read once, for work over many days at once (an import of old registrations)."""

    def __init__(self, sets: Iterable[Beleidsregels] | None = None):
        self._sets = sorted(Beleidsregels.objects.all() if sets is None else sets, key=lambda s: s.geldig_van)
        self._omgeving = uit_omgeving()

    def op(self, dag: datetime.date) -> Beleid:
        geldig = [s for s in self._sets if s.geldig_van <= dag]
        return Beleid.uit_set(geldig[-1]) if geldig else self._omgeving


def geschiedenis() -> list[Beleid]:
    """The environment's numbers first, then every set by its start date."""
    return [uit_omgeving(), *(Beleid.uit_set(s) for s in Beleidsregels.objects.order_by("geldig_van"))]
