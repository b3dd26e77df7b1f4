"""Distinct clients and client-days: in the period and per month, in the products of a
heavier/lighter pair, the year before, and per aanbieder and consulent. From kept months where the
period has closed ones (`stuurinformatie.maanden`), else in one statement each."""

import datetime
import uuid
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Max, Q, Sum, Value, When
from django.db.models.functions import Least

from indicaties.models import Indicatie

from .. import maanden
from ..sql import AlsGetal, dagen_tussen_sql, grootste_sql, kleinste_sql
from ..voorwaarden import Filters, actief_in_q, dagen_in
from .reeks import maand_sleutel


def _actief_in_maand(begin: datetime.date, eind: datetime.date) -> Q:
    return Q(ingangsdatum__lte=eind) & (Q(einddatum__isnull=True) | Q(einddatum__gte=begin))


def clientdagen(begin: datetime.date, eind: datetime.date, paar: Q):
    """Per inwoner (in a query grouped by inwoner): the days of begin–eind they had care in the pair
    products, the days of their indicaties added up but never more than the days of the month (two
    indicaties side by side are one client in care, not two)."""
    dagen = Sum(
        Case(
            When(_actief_in_maand(begin, eind) & paar, then=dagen_in(begin, eind)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    return Least(dagen, Value((eind - begin).days + 1), output_field=IntegerField())


class _PerInwoner:
    """Aggregates per inwoner as SQL text over rows `w` (inwoner), `p` (product), `b`
    (ingangsdatum) and `e` (einddatum): the conditions of `_actief_in_maand` and the arithmetic of
    `clientdagen`, with their parameters in the order of the text."""

    def __init__(self, paar_ids: set) -> None:
        product = Indicatie._meta.get_field("product").target_field
        self.paar = [product.get_db_prep_value(pk, connection) for pk in sorted(paar_ids, key=str)]
        self.in_paar = f"p IN ({', '.join(['%s'] * len(self.paar))})" if self.paar else "1 = 0"
        self.kolommen: dict[str, str] = {}
        self.waarden: list = []

    def kolom(self, naam: str, tekst: str, *waarden) -> None:
        self.kolommen[naam] = tekst
        self.waarden += waarden

    @staticmethod
    def actief(begin: datetime.date, eind: datetime.date) -> tuple[str, list]:
        dag = connection.ops.adapt_datefield_value
        return "b <= %s AND (e IS NULL OR e >= %s)", [dag(eind), dag(begin)]

    def clientdagen(self, naam: str, begin: datetime.date, eind: datetime.date) -> None:
        actief, waarden = self.actief(begin, eind)
        dag = connection.ops.adapt_datefield_value
        dagen = dagen_tussen_sql(
            connection, kleinste_sql(connection, "COALESCE(e, %s)", "%s"), grootste_sql(connection, "b", "%s")
        )
        som = f"SUM(CASE WHEN {actief} AND {self.in_paar} THEN {dagen} + 1 ELSE 0 END)"
        self.kolom(
            naam,
            kleinste_sql(connection, som, str((eind - begin).days + 1)),
            *waarden,
            *self.paar,
            dag(eind),
            dag(eind),
            dag(begin),
        )


def clienten(van, tot, filters: Filters, paar_ids: set, maandlijst) -> dict:
    """Distinct inwoners with an indicatie active in the period and in each month; the same for the
    products of a heavier/lighter pair (the products the business case's 10% is about).

    One query: per inwoner whether they were active (overall, per month, in a pair product) and
    their client-days in the pair products (`clientdagen`), then the sums of those. The per-month
    columns are written as SQL text over the rows (`_PerInwoner`): as Django expressions they cost
    more to build than the query takes. A period with closed months adds the kept ones (maanden)."""
    if (bewaard := maanden.clienten(van, tot, filters, paar_ids, maandlijst)) is not None:
        return bewaard
    rijen = (
        Indicatie.objects.filter(filters.q(), actief_in_q(van, tot))
        .annotate(w=F("inwoner_id"), p=F("product_id"), b=F("ingangsdatum"), e=F("einddatum"))
        .values_list("w", "p", "b", "e")
        .order_by()
    )
    sql, params = rijen.query.sql_with_params()
    per_inwoner = _PerInwoner(paar_ids)
    per_inwoner.kolom("alle", "MAX(1)")
    per_inwoner.kolom("paar", f"MAX(CASE WHEN {per_inwoner.in_paar} THEN 1 ELSE 0 END)", *per_inwoner.paar)
    per_inwoner.clientdagen("dagen", van, tot)
    for i, (begin, eind) in enumerate(maandlijst):
        actief, waarden = per_inwoner.actief(begin, eind)
        per_inwoner.kolom(f"a{i}", f"MAX(CASE WHEN {actief} THEN 1 ELSE 0 END)", *waarden)
        per_inwoner.clientdagen(f"d{i}", begin, eind)
    namen = list(per_inwoner.kolommen)
    sommen = ", ".join(f"COALESCE(SUM({naam}), 0)" for naam in namen)
    binnen = ", ".join(f"{tekst} AS {naam}" for naam, tekst in per_inwoner.kolommen.items())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {sommen} FROM (SELECT {binnen} FROM ({sql}) AS r GROUP BY w) AS t",  # noqa: S608
            [*per_inwoner.waarden, *params],
        )
        uitkomst = dict(zip(namen, cursor.fetchone(), strict=True))
    return {
        "met_indicatie": int(uitkomst["alle"]),
        "in_paren": int(uitkomst["paar"]),
        "clientdagen_paren": int(uitkomst["dagen"]),
        "per_maand": {
            maand_sleutel(begin): {
                "met_indicatie": int(uitkomst[f"a{i}"]),
                "clientdagen_paren": int(uitkomst[f"d{i}"]),
            }
            for i, (begin, _) in enumerate(maandlijst)
        },
    }


def vorig_jaar(van, tot, filters: Filters, paar_ids: set) -> dict:
    """The same period a year earlier: clients, and the hours in the pair products with the days
    clients had such care (the reference of the 10% less volume). One query: per inwoner, then the
    sums. From kept months where the year before has closed ones (maanden)."""
    if (bewaard := maanden.vorig_jaar(van, tot, filters, paar_ids)) is not None:
        return bewaard
    van_vj, tot_vj = van - relativedelta(years=1), tot - relativedelta(years=1)
    paar = Q(product_id__in=list(paar_ids)) if paar_ids else Q(pk__in=[])
    kolommen = {
        "alle": Max(Value(1)),
        "dagen": clientdagen(van_vj, tot_vj, paar),
        "uren": Sum(
            Case(
                When(
                    paar & Q(uren_per_week__isnull=False), then=AlsGetal(F("uren_per_week")) * dagen_in(van_vj, tot_vj)
                ),
                default=Value(0.0),
                output_field=FloatField(),
            )
        ),
    }
    binnen = (
        Indicatie.objects.filter(filters.q(), actief_in_q(van_vj, tot_vj))
        .values("inwoner_id")
        .annotate(**kolommen)
        .values_list(*kolommen)
        .order_by()
    )
    sql, params = binnen.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE(SUM(alle), 0), COALESCE(SUM(dagen), 0), COALESCE(SUM(uren), 0) FROM ({sql}) AS t",  # noqa: S608
            params,
        )
        alle, dagen, uren = cursor.fetchone()
    return {
        "van": van_vj.isoformat(),
        "tot": tot_vj.isoformat(),
        "clienten": int(alle),
        "uren_paren": Decimal(str(uren or 0.0)) / 7,
        "clientdagen_paren": int(dagen),
    }


def clienten_per_groep(van, tot, filters: Filters) -> tuple[dict, dict]:
    """Distinct inwoners with an indicatie active in the period, per aanbieder and per consulent, in
    one statement; unfiltered from kept months where the period has closed ones (maanden)."""
    if (bewaard := maanden.clienten_per_groep(van, tot, filters)) is not None:
        return bewaard
    rijen = (
        Indicatie.objects.filter(filters.q(), actief_in_q(van, tot))
        .values_list("aanbieder_id", "consulent_id", "inwoner_id")
        .order_by()
    )
    sql, params = rijen.query.sql_with_params()
    # The distinct pairs first (two hash aggregates over one scan), then a count per group: several
    # times cheaper than COUNT(DISTINCT), which sorts.
    tekst = (
        f"WITH t AS ({sql}) "  # noqa: S608
        "SELECT aanbieder_id, NULL, COUNT(*) FROM (SELECT aanbieder_id, inwoner_id FROM t "
        "GROUP BY aanbieder_id, inwoner_id) AS a GROUP BY aanbieder_id "
        "UNION ALL SELECT NULL, consulent_id, COUNT(*) FROM (SELECT consulent_id, inwoner_id FROM t "
        "GROUP BY consulent_id, inwoner_id) AS c GROUP BY consulent_id"
    )
    per_aanbieder, per_consulent = {}, {}
    with connection.cursor() as cursor:
        cursor.execute(tekst, params)
        for aanbieder_id, consulent_id, aantal in cursor.fetchall():
            if aanbieder_id is not None:
                per_aanbieder[uuid.UUID(str(aanbieder_id))] = aantal
            elif consulent_id is not None:
                per_consulent[consulent_id] = aantal
    return per_aanbieder, per_consulent
