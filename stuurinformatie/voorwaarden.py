"""The conditions and the per-row arithmetic behind the figures, shared by the figures of
`selectors`, the overview of `overzicht` and the drill-down: a list always holds exactly the
indicaties a figure counted because both use the same condition from here."""

import datetime
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.db.models import DateField, F, Q, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from indicaties.domein import TOEGEKENDE_STATUSSEN
from indicaties.models import EvaluatieStatus

from .sql import AlsGetal, DagenTussen, EenJaarLaterMinEenDag

CENT = Decimal("0.01")
VIER_DECIMALEN = Decimal("0.0001")
NUL = Decimal("0")


@dataclass(frozen=True)
class Filters:
    """Optional narrowing of every figure. `team` is a consulent's user id (there is no team model)."""

    wet: str | None = None
    product: str | None = None
    aanbieder: str | None = None
    team: int | None = None

    def q(self, prefix: str = "", *, met_product: bool = True) -> Q:
        q = Q()
        if self.wet:
            q &= Q(**{f"{prefix}product__wet": self.wet})
        if self.product and met_product:
            q &= Q(**{f"{prefix}product__code": self.product})
        if self.aanbieder:
            q &= Q(**{f"{prefix}aanbieder_id": self.aanbieder})
        if self.team is not None:
            q &= Q(**{f"{prefix}consulent_id": self.team})
        return q

    def als_dict(self) -> dict:
        return {k: (str(v) if v is not None else None) for k, v in asdict(self).items()}


def geld(bedrag) -> str:
    return str((bedrag or NUL).quantize(CENT, rounding=ROUND_HALF_UP))


def aandeel_tekst(waarde: Decimal) -> str:
    return str(waarde.quantize(VIER_DECIMALEN, rounding=ROUND_HALF_UP))


def gedeeld(teller: Decimal, noemer: Decimal) -> Decimal:
    return teller / noemer if noemer else NUL


# --- The conditions behind the figures (shared by the aggregates and the drill-down) -----------


def begin_van_dag(dag: datetime.date) -> datetime.datetime:
    """Midnight at the start of `dag` in Europe/Amsterdam (the project's time zone)."""
    return datetime.datetime.combine(dag, datetime.time.min, tzinfo=timezone.get_default_timezone())


def op_dag(veld: str, van: datetime.date, tot: datetime.date) -> Q:
    # A range on the timestamp itself (not `__date`), so the database can use the index.
    return Q(**{f"{veld}__gte": begin_van_dag(van), f"{veld}__lt": begin_van_dag(tot + datetime.timedelta(days=1))})


def geregistreerd_q(van: datetime.date, tot: datetime.date, prefix: str = "") -> Q:
    """Created on a day in van–tot (Europe/Amsterdam)."""
    return op_dag(f"{prefix}aangemaakt", van, tot)


def actief_in_q(van: datetime.date, tot: datetime.date, prefix: str = "") -> Q:
    """Granted, and its period overlaps van–tot."""
    return Q(**{f"{prefix}status__in": TOEGEKENDE_STATUSSEN, f"{prefix}ingangsdatum__lte": tot}) & (
        Q(**{f"{prefix}einddatum__isnull": True}) | Q(**{f"{prefix}einddatum__gte": van})
    )


def evaluatie_scope(van, tot) -> Q:
    return Q(vervaldatum__gte=van, vervaldatum__lte=tot) & ~Q(status=EvaluatieStatus.GEANNULEERD)


def evaluatie_voorwaarden(vandaag: datetime.date) -> dict[str, Q]:
    afgerond = Q(status=EvaluatieStatus.AFGEROND)
    return {
        "vervallen": Q(),
        "afgerond": afgerond,
        # Completed on the due date is on time; the day after is late.
        "op_tijd": afgerond & Q(afgerond_op__lte=F("vervaldatum")),
        "te_laat": afgerond & Q(afgerond_op__gt=F("vervaldatum")),
        "niet_afgerond": ~afgerond,
        # Of those not completed: the due date has passed (not evaluated at all) or lies today or later.
        "niet_afgerond_verlopen": ~afgerond & Q(vervaldatum__lt=vandaag),
        "nog_niet_vervallen": ~afgerond & Q(vervaldatum__gte=vandaag),
    }


def afgerond_in(van, tot) -> Q:
    return Q(status=EvaluatieStatus.AFGEROND, afgerond_op__gte=van, afgerond_op__lte=tot)


def bijgesteld_in(van, tot) -> Q:
    return Q(bijgesteld_op__gte=van, bijgesteld_op__lte=tot, vermeden_kosten__isnull=False)


def toetsing_model():
    # Read through the app registry: stuurinformatie does not import the toetsing app's code.
    return apps.get_model("toetsing", "Toetsing")


# The review's verdicts (the values of toetsing.domein.Oordeel, spelled out for the same reason;
# tests/test_domein.py holds them to it) and those that count as akkoord.
OORDELEN = ("akkoord", "akkoord_met_opmerking", "niet_akkoord")
AKKOORD_OORDELEN = OORDELEN[:2]


# --- Per-row arithmetic in the database --------------------------------------------------------


def datum_waarde(dag: datetime.date) -> Value:
    return Value(dag, output_field=DateField())


def dagen_in(van: datetime.date, tot: datetime.date):
    """Days of the indicatie's period inside van–tot (use only on rows that overlap it)."""
    begin = Greatest(F("ingangsdatum"), datum_waarde(van))
    eind = Least(Coalesce(F("einddatum"), datum_waarde(tot)), datum_waarde(tot))
    return DagenTussen(eind, begin) + 1


def kostendagen():
    """Days the estimated cost covers: the period, or the first year when there is no einddatum."""
    return DagenTussen(Coalesce(F("einddatum"), EenJaarLaterMinEenDag(F("ingangsdatum"))), F("ingangsdatum")) + 1


def dagkosten():
    """The estimated cost per day (a float: summed over many rows, rounded at the end)."""
    return AlsGetal(F("geschatte_kosten")) / kostendagen()


def kosten_in(van, tot):
    """The part of the estimated cost that falls in van–tot: spread evenly over the days it covers
    (and at the same daily amount after the first year of an indicatie without einddatum)."""
    return dagkosten() * dagen_in(van, tot)


def maanden(van: datetime.date, tot: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The calendar months of van–tot, the first and last cut to the period."""
    resultaat = []
    begin = van
    while begin <= tot:
        eind = min(begin.replace(day=1) + relativedelta(months=1) - datetime.timedelta(days=1), tot)
        resultaat.append((begin, eind))
        begin = eind + datetime.timedelta(days=1)
    return resultaat
