"""Hours per week and estimated cost, exactly as docs/domain.md defines them.

Pure functions on plain values: no database, no clock. Decimal throughout; the cost is rounded
once, at the end (ROUND_HALF_UP to cents). Hours per week are truncated to two decimals for
storage, so a stored 5.00 never stands for 4.995 (the 5-hour rules compare the exact value).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

from .domein import Eenheid, Frequentie

CENT = Decimal("0.01")
UREN_PER_EENHEID = {Eenheid.MINUUT: Decimal(1) / Decimal(60), Eenheid.UUR: Decimal(1), Eenheid.DAGDEEL: Decimal(4)}
TIJDEENHEDEN = frozenset(UREN_PER_EENHEID)
# An open-ended indicatie (no einddatum) is estimated over its first year.
HORIZON_OPEN_EINDE = relativedelta(years=1)


@dataclass(frozen=True)
class TariefPeriode:
    geldig_van: datetime.date
    geldig_tot: datetime.date | None
    bedrag: Decimal


@dataclass(frozen=True)
class ContractPeriode:
    """A contract of the indicatie's aanbieder for its product; `tarief` None: the catalogue's."""

    geldig_van: datetime.date
    geldig_tot: datetime.date | None
    tarief: Decimal | None = None


def met_contracttarieven(
    tarieven: Sequence[TariefPeriode], contracten: Sequence[ContractPeriode]
) -> tuple[TariefPeriode, ...]:
    """The tariff periods an estimate uses: a contract's own tarief on the days it covers, the
    catalogue's tarief on every other day."""
    eigen = sorted(
        (TariefPeriode(c.geldig_van, c.geldig_tot, c.tarief) for c in contracten if c.tarief is not None),
        key=lambda t: t.geldig_van,
    )
    if not eigen:
        return tuple(tarieven)
    uit = list(eigen)
    een_dag = datetime.timedelta(days=1)
    for t in tarieven:
        stukken = [(t.geldig_van, t.geldig_tot)]
        for c in eigen:
            volgende = []
            for van, tot in stukken:
                if (c.geldig_tot is not None and c.geldig_tot < van) or (tot is not None and c.geldig_van > tot):
                    volgende.append((van, tot))
                    continue
                if c.geldig_van > van:
                    volgende.append((van, c.geldig_van - een_dag))
                if c.geldig_tot is not None and (tot is None or c.geldig_tot < tot):
                    volgende.append((c.geldig_tot + een_dag, tot))
            stukken = volgende
        uit += [TariefPeriode(van, tot, t.bedrag) for van, tot in stukken]
    return tuple(sorted(uit, key=lambda t: t.geldig_van))


def dagen(van: datetime.date, tot: datetime.date) -> int:
    """Days from `van` to `tot`, both inclusive."""
    return (tot - van).days + 1


def kostenperiode_einde(ingangsdatum: datetime.date, einddatum: datetime.date | None) -> datetime.date:
    if einddatum is not None:
        return einddatum
    return ingangsdatum + HORIZON_OPEN_EINDE - datetime.timedelta(days=1)


def uren_per_week_exact(
    volume: Decimal,
    eenheid: str,
    frequentie: str,
    ingangsdatum: datetime.date,
    einddatum: datetime.date | None,
) -> Decimal | None:
    """Hours per week, unrounded; None for units that are not time or a period that is unknown."""
    factor = UREN_PER_EENHEID.get(eenheid)
    if factor is None:
        return None
    uren = Decimal(volume) * factor
    if frequentie == Frequentie.PER_WEEK:
        return uren
    if frequentie == Frequentie.PER_MAAND:
        return uren * 12 / 52
    if frequentie == Frequentie.TOTAAL:
        if einddatum is None or einddatum < ingangsdatum:
            return None
        return uren * 7 / dagen(ingangsdatum, einddatum)
    raise ValueError(f"Onbekende frequentie: {frequentie}")


def afgerond_uren(uren: Decimal | None) -> Decimal | None:
    return None if uren is None else uren.quantize(CENT, rounding=ROUND_DOWN)


def eenheden_omrekenen(volume: Decimal, van_eenheid: str, naar_eenheid: str) -> Decimal | None:
    """Volume in another unit; time units convert, other units only to themselves."""
    if van_eenheid == naar_eenheid:
        return Decimal(volume)
    if van_eenheid in TIJDEENHEDEN and naar_eenheid in TIJDEENHEDEN:
        return Decimal(volume) * UREN_PER_EENHEID[van_eenheid] / UREN_PER_EENHEID[naar_eenheid]
    return None


def tariefdekking_ontbreekt(
    tarieven: Sequence[TariefPeriode], van: datetime.date, tot: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """The sub-periods of van–tot that no tariff covers (empty when fully covered)."""
    gaten = []
    cursor = van
    for tarief in sorted(tarieven, key=lambda t: t.geldig_van):
        if tarief.geldig_tot is not None and tarief.geldig_tot < cursor:
            continue
        if tarief.geldig_van > tot:
            break
        if tarief.geldig_van > cursor:
            gaten.append((cursor, tarief.geldig_van - datetime.timedelta(days=1)))
        if tarief.geldig_tot is None or tarief.geldig_tot >= tot:
            return gaten
        cursor = max(cursor, tarief.geldig_tot + datetime.timedelta(days=1))
    gaten.append((cursor, tot))
    return gaten


def tariefdagsom(tarieven: Sequence[TariefPeriode], van: datetime.date, tot: datetime.date) -> Decimal:
    """Σ over the days van–tot of the tariff valid that day (uncovered days count as zero)."""
    totaal = Decimal(0)
    for tarief in tarieven:
        begin = max(van, tarief.geldig_van)
        eind = tot if tarief.geldig_tot is None else min(tot, tarief.geldig_tot)
        if begin <= eind:
            totaal += tarief.bedrag * dagen(begin, eind)
    return totaal


def geschatte_kosten(
    *,
    volume: Decimal,
    frequentie: str,
    ingangsdatum: datetime.date,
    einddatum: datetime.date | None,
    tarieven: Sequence[TariefPeriode],
) -> Decimal:
    """Σ over each day of (units per day × tariff that day), rounded to cents once.

    `volume` is in the product's unit. Units per day: per_week /7, per_maand ·12/365, totaal
    spread evenly over the days of the period. The single division comes last, so the only
    inexact step is the one rounding.
    """
    eind = kostenperiode_einde(ingangsdatum, einddatum)
    som = Decimal(volume) * tariefdagsom(tarieven, ingangsdatum, eind)
    if frequentie == Frequentie.PER_WEEK:
        bedrag = som / 7
    elif frequentie == Frequentie.PER_MAAND:
        bedrag = som * 12 / 365
    elif frequentie == Frequentie.TOTAAL:
        bedrag = som / dagen(ingangsdatum, eind)
    else:
        raise ValueError(f"Onbekende frequentie: {frequentie}")
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Raming:
    """Hours per week (exact, None for units that are not time) and estimated cost (None when it
    cannot be estimated) of one indicatie over its period."""

    uren_exact: Decimal | None
    kosten: Decimal | None

    @property
    def uren_per_week(self) -> Decimal | None:
        return afgerond_uren(self.uren_exact)


def raming(
    *,
    volume: Decimal,
    eenheid: str,
    frequentie: str,
    ingangsdatum: datetime.date,
    einddatum: datetime.date | None,
    product_eenheid: str,
    tarieven: Sequence[TariefPeriode],
) -> Raming:
    """The one estimate of hours and cost, for a registration, a change and a shortened period.

    The period must be valid (no einddatum, or one on or after the ingangsdatum). The cost is
    unknown for a unit the product does not use, a total without an end, or a gap in the tariffs.
    """
    uren = uren_per_week_exact(volume, eenheid, frequentie, ingangsdatum, einddatum)
    volume_product = eenheden_omrekenen(volume, eenheid, product_eenheid)
    kosten = None
    if (
        volume_product is not None
        and not (frequentie == Frequentie.TOTAAL and einddatum is None)
        and not tariefdekking_ontbreekt(tarieven, ingangsdatum, kostenperiode_einde(ingangsdatum, einddatum))
    ):
        kosten = geschatte_kosten(
            volume=volume_product,
            frequentie=frequentie,
            ingangsdatum=ingangsdatum,
            einddatum=einddatum,
            tarieven=tarieven,
        )
    return Raming(uren, kosten)
