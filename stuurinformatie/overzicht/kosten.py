"""Estimated cost and hours per day of the period, and the vermeden kosten net of the care that
replaced it (per month, and the replacement care itself)."""

import datetime
import uuid
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import Exists, F, FloatField, OuterRef, Q, Subquery, Sum, TextField
from django.db.models.functions import Cast, Coalesce, Greatest, Least, TruncMonth

from indicaties.domein import NOOIT_TOEGEKENDE_STATUSSEN
from indicaties.models import Indicatie

from ..sql import AlsGetal, DagenTussen
from ..voorwaarden import NUL, Filters, actief_in_q, bijgesteld_in, dagkosten, datum_waarde
from .reeks import maand_sleutel, naar_maanden


def dagreeksen(van, tot, filters: Filters, catalogus_codes: dict) -> dict:
    """Per day of the period: the estimated cost of granted care (under the filters) and, per product,
    its hours. The cost per day and the hours per week of each indicatie summed per (product, first
    day, last day) in the period: some ten thousand groups at most; a running sum over the days then
    gives every day, and the months add those up (one grouping instead of a sum per month)."""
    dagen = (tot - van).days + 1
    rijen = (
        Indicatie.objects.filter(filters.q(met_product=False))
        .filter(actief_in_q(van, tot))
        .annotate(
            # The product as text: a UUID object per row costs more than the rest of the row.
            p=Cast("product_id", TextField()),
            b=DagenTussen(Greatest(F("ingangsdatum"), datum_waarde(van)), datum_waarde(van)),
            e=DagenTussen(Least(Coalesce(F("einddatum"), datum_waarde(tot)), datum_waarde(tot)), datum_waarde(van)),
        )
        .values("p", "b", "e")
        .annotate(
            dk=Sum(dagkosten(), output_field=FloatField()),
            u=Sum(AlsGetal(F("uren_per_week")), output_field=FloatField()),
        )
        .values_list("p", "b", "e", "dk", "u")
        .order_by()
    )
    # Read with a plain cursor: some ten thousand rows, and Django's conversion per value (which
    # these columns do not need) costs more than the query.
    sql, params = rijen.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rijen = cursor.fetchall()
    kosten = [0.0] * (dagen + 1)
    uren: dict[str, list[float]] = {}  # by the text of the product's id (with or without dashes)
    # Under a product filter only that product's cost counts (its hours are needed for all).
    gefilterd = (
        {tekst: catalogus_codes.get(uuid.UUID(tekst)) == filters.product for tekst in {r[0] for r in rijen}}
        if filters.product
        else None
    )
    for tekst, b, e, dk, u in rijen:
        if gefilterd is None or gefilterd[tekst]:
            kosten[b] += dk or 0.0
            kosten[e + 1] -= dk or 0.0
        if u:
            verschil = uren.get(tekst)
            if verschil is None:
                verschil = uren[tekst] = [0.0] * (dagen + 1)
            verschil[b] += u / 7
            verschil[e + 1] -= u / 7
    return {"kosten": lopend(kosten, dagen), "uren": {uuid.UUID(t): lopend(v, dagen) for t, v in uren.items()}}


def lopend(verschil: list[float], dagen: int) -> list[float]:
    """The running sum of day-to-day changes: the value of every day."""
    uit, som = [], 0.0
    for stap in verschil[:dagen]:
        som += stap
        uit.append(som)
    return uit


def _kostendagen(begin: datetime.date, eind: datetime.date | None) -> int:
    einde = eind if eind is not None else begin + relativedelta(years=1) - datetime.timedelta(days=1)
    return (einde - begin).days + 1


def vervangende_zorg(van, tot, filters: Filters) -> list[dict]:
    """For every indicatie bijgesteld in the period that another indicatie replaces (`vervangt`): the
    estimated cost of that replacement over the days the old one no longer covers.

    The continuation that an afschalen registers itself (same product and aanbieder, from the day
    after the new einddatum) is left out: its cost is already subtracted in vermeden_kosten. The
    days the old one no longer covers run from its new einddatum to the einddatum it had before the
    change (from its history; the first year for one without einddatum, as its estimate)."""
    vervangers = Indicatie.objects.filter(vervangt=OuterRef("pk")).exclude(status__in=NOOIT_TOEGEKENDE_STATUSSEN)
    oude_einddatum = (
        Indicatie.history.filter(id=OuterRef("pk"), bijgesteld_op__isnull=True)
        .order_by("-history_date", "-history_id")
        .values("einddatum")[:1]
    )
    bijgesteld = (
        Indicatie.objects.filter(bijgesteld_in(van, tot), filters.q())
        .filter(Exists(vervangers))
        .annotate(
            oude_einddatum=Subquery(oude_einddatum),
            heeft_historie=Exists(Indicatie.history.filter(id=OuterRef("pk"), bijgesteld_op__isnull=True)),
        )
    )
    oud = {
        rij["id"]: rij
        for rij in bijgesteld.values(
            "id",
            "product_id",
            "aanbieder_id",
            "ingangsdatum",
            "einddatum",
            "bijgesteld_op",
            "product__wet",
            "consulent_id",
            "oude_einddatum",
            "heeft_historie",
        )
    }
    uit = []
    for r in (
        # The ids as a list, not as a subquery (Django relabels a copy of that whole annotated query,
        # tens of milliseconds); `pk IS NULL` keeps this a query when the list is empty, so the
        # number of queries stays fixed.
        Indicatie.objects.filter(Q(vervangt_id__in=list(oud)) | Q(pk__isnull=True))
        .exclude(status__in=NOOIT_TOEGEKENDE_STATUSSEN)
        .values("vervangt_id", "product_id", "aanbieder_id", "ingangsdatum", "einddatum", "geschatte_kosten")
    ):
        x = oud[r["vervangt_id"]]
        if x["einddatum"] is None:
            continue
        vervolg = (
            r["product_id"] == x["product_id"]
            and r["aanbieder_id"] == x["aanbieder_id"]
            and r["ingangsdatum"] == x["einddatum"] + datetime.timedelta(days=1)
        )
        if vervolg:
            continue
        if x["heeft_historie"] and x["oude_einddatum"] is not None:
            horizon = x["oude_einddatum"]
        else:
            horizon = x["ingangsdatum"] + relativedelta(years=1) - datetime.timedelta(days=1)
        begin = max(r["ingangsdatum"], x["einddatum"] + datetime.timedelta(days=1))
        eind_r = r["einddatum"] or (r["ingangsdatum"] + relativedelta(years=1) - datetime.timedelta(days=1))
        eind = min(eind_r, horizon)
        if eind < begin:
            continue
        dagen = (eind - begin).days + 1
        kosten = r["geschatte_kosten"] * dagen / _kostendagen(r["ingangsdatum"], r["einddatum"])
        uit.append(
            {
                "wet": x["product__wet"],
                "consulent_id": x["consulent_id"],
                "maand": maand_sleutel(x["bijgesteld_op"]),
                "kosten": kosten,
            }
        )
    return uit


def vermeden_per_maand(van, tot, filters: Filters) -> dict[str, Decimal]:
    return {
        maand: rij["som"] or NUL
        for maand, rij in naar_maanden(
            list(
                Indicatie.objects.filter(bijgesteld_in(van, tot), filters.q())
                .annotate(maand=TruncMonth("bijgesteld_op"))
                .values("maand")
                .annotate(som=Sum("vermeden_kosten"))
                .order_by()
            )
        ).items()
    }
