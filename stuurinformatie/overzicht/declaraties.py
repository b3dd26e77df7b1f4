"""Declared cost of care delivered in the period, and the budget ceilings of the aanbieders."""

import datetime
import uuid
from decimal import Decimal

from django.db import connection
from django.db.models import Case, F, Q, When

from indicaties.models import Aanbieder

from ..models import Declaratie, DeclaratieTotaal
from ..sql import AlsGetal, DagenTussen, groepeer
from ..voorwaarden import NUL, Filters, datum_waarde


def declaraties(van, tot, filters: Filters) -> dict:
    """Declared cost of care delivered in the period: each declaration's amount spread evenly over
    its days, the days inside the period counted. Per product and aanbieder and per month (a
    running sum over the days, as for the estimated cost per month), in one statement."""
    q = Q(begindatum__lte=tot, einddatum__gte=van)
    if filters.wet:
        q &= Q(product__wet=filters.wet)
    if filters.product:
        q &= Q(product__code=filters.product)
    if filters.aanbieder:
        q &= Q(aanbieder_id=filters.aanbieder)
    # The totals per product, aanbieder and period (a few thousand rows); a team is a property of
    # the indicatie, so under that filter the declarations themselves.
    bron = DeclaratieTotaal.objects
    if filters.team is not None:
        bron = Declaratie.objects
        q &= Q(indicatie__consulent_id=filters.team)
    begin = Case(When(begindatum__lt=van, then=datum_waarde(van)), default=F("begindatum"))
    eind = Case(When(einddatum__gt=tot, then=datum_waarde(tot)), default=F("einddatum"))
    per_dag = AlsGetal(F("bedrag")) / (DagenTussen(F("einddatum"), F("begindatum")) + 1)
    rijen = (
        bron.filter(q)
        .annotate(
            b=DagenTussen(begin, datum_waarde(van)),
            e=DagenTussen(eind, datum_waarde(van)),
            s_bedrag=per_dag * (DagenTussen(eind, begin) + 1),
            s_dag=per_dag,
        )
        .values_list("product_id", "aanbieder_id", "b", "e", "s_bedrag", "s_dag")
        .order_by()
    )
    sql, params = groepeer(
        connection,
        *rijen.query.sql_with_params(),
        kolommen=["product_id", "aanbieder_id", "b", "e"],
        sommen=["s_bedrag", "s_dag"],
        sets=[("product_id", "aanbieder_id"), ("b", "e")],
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        uitkomst = cursor.fetchall()
    per_product_aanbieder: dict = {}
    dagen = (tot - van).days + 1
    verschil = [0.0] * (dagen + 1)
    for product_id, aanbieder_id, b, e, bedrag, dagbedrag in uitkomst:
        if product_id is not None:
            # SQLite hands a UUID back as 32 hex digits: the same key as on PostgreSQL via UUID().
            sleutel = (str(uuid.UUID(str(product_id))), str(uuid.UUID(str(aanbieder_id))))
            per_product_aanbieder[sleutel] = Decimal(str(bedrag or 0.0))
        elif b is not None:
            verschil[b] += dagbedrag or 0.0
            verschil[e + 1] -= dagbedrag or 0.0
    per_dag, lopend = [], 0.0
    for stap in verschil[:dagen]:
        lopend += stap
        per_dag.append(lopend)
    return {
        "totaal": sum(per_product_aanbieder.values(), NUL),
        "per_product_aanbieder": per_product_aanbieder,
        "per_dag": per_dag,
    }


def plafonds(van, tot) -> dict:
    """Aanbieders with a budget ceiling (per calendar year, seed 002) and the ceiling for the period:
    pro rata for the days of the period in each year."""
    uit = {}
    for pk, naam, plafond in Aanbieder.objects.filter(budgetplafond__isnull=False).values_list(
        "pk", "naam", "budgetplafond"
    ):
        deel = NUL
        for jaar in range(van.year, tot.year + 1):
            begin, eind = max(van, datetime.date(jaar, 1, 1)), min(tot, datetime.date(jaar, 12, 31))
            dagen_jaar = (datetime.date(jaar, 12, 31) - datetime.date(jaar, 1, 1)).days + 1
            deel += plafond * ((eind - begin).days + 1) / dagen_jaar
        uit[str(pk)] = {"naam": naam, "plafond": plafond, "plafond_periode": deel}
    return uit
