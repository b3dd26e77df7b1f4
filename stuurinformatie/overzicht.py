"""The figures of the overview that came with the declaraties (docs/stuurinformatie.md, "Overzicht"):
distinct clients and hours per client, half-year checks, follow-ups, declared cost, replacement
care after a bijstelling, the median lead time of the schakelteam, and the monthly series behind
every tile.

Like `selectors`, every function is a fixed number of aggregate queries, whatever the number of
rows; only the small grouped answers (one per month, product or aanbieder) come to Python.
"""

import datetime
import statistics
import uuid
from collections import defaultdict
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, TruncMonth
from django.utils import timezone

from indicaties.domein import NOOIT_TOEGEKENDE_STATUSSEN
from indicaties.models import (
    Aanbieder,
    CheckStatus,
    Evaluatie,
    Halfjaarcheck,
    Indicatie,
    Opvolging,
    SchakelteamBeoordeling,
)

from . import maanden
from .models import Declaratie, DeclaratieTotaal
from .sql import AlsGetal, DagenTussen, dagen_tussen_sql, groepeer, grootste_sql, kleinste_sql
from .voorwaarden import (
    NUL,
    Filters,
    actief_in_q,
    bijgesteld_in,
    dagen_in,
    dagkosten,
    datum_waarde,
    evaluatie_scope,
    evaluatie_voorwaarden,
    geregistreerd_q,
    op_dag,
    toetsing_model,
)

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


def _inwoner_q(van, tot, filters: Filters, veld: str = "inwoner_id") -> Q:
    """For what belongs to an inwoner (a half-year check, a follow-up): under a filter, the inwoner
    has an indicatie matching it that is active in the period."""
    if not any((filters.wet, filters.product, filters.aanbieder, filters.team is not None)):
        return Q()
    return Q(**{f"{veld}__in": Indicatie.objects.filter(filters.q(), actief_in_q(van, tot)).values("inwoner_id")})


def _per_maand(rijen, sleutel: str = "maand") -> dict[str, dict]:
    uit = {}
    for rij in rijen:
        maand = rij.pop(sleutel)
        if maand is not None:
            if isinstance(maand, datetime.datetime):
                maand = timezone.localtime(maand) if timezone.is_aware(maand) else maand
            uit[maand_sleutel(maand)] = rij
    return uit


# --- Clients and hours per client --------------------------------------------------------------


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


# --- Half-year checks and follow-ups ------------------------------------------------------------


def halfjaarchecks(van, tot, filters: Filters, vandaag: datetime.date) -> dict:
    """Half-year checks due in the period (not cancelled): done, on time, care not fitting."""
    afgerond = Q(status=CheckStatus.AFGEROND)
    tellingen = {
        "vervallen": Count("id"),
        "afgerond": Count("id", filter=afgerond),
        "op_tijd": Count("id", filter=afgerond & Q(afgerond_op__lte=F("vervaldatum"))),
        "niet_passend": Count("id", filter=afgerond & Q(zorg_passend=False)),
        # Due by today: what could have been done already (the share done is taken of these).
        "aan_de_beurt": Count("id", filter=afgerond | Q(vervaldatum__lt=vandaag)),
        "niet_afgerond_verlopen": Count("id", filter=~afgerond & Q(vervaldatum__lt=vandaag)),
    }
    qs = Halfjaarcheck.objects.filter(
        Q(vervaldatum__gte=van, vervaldatum__lte=tot), ~Q(status=CheckStatus.GEANNULEERD), _inwoner_q(van, tot, filters)
    )
    per_maand = _per_maand(
        list(qs.annotate(maand=TruncMonth("vervaldatum")).values("maand").annotate(**tellingen).order_by())
    )
    totaal = {naam: sum(m[naam] for m in per_maand.values()) for naam in tellingen}
    return {**totaal, "per_maand": per_maand}


def opvolgingen(van, tot, filters: Filters) -> dict:
    """Follow-ups of "zorg niet passend" and of goals not reached (indicaties.Opvolging): started in
    the period, of those handled (by today), handled in the period, and open on the last day."""
    qs = Opvolging.objects.filter(_inwoner_q(van, tot, filters))
    gestart = Q(aangemaakt_op__gte=van, aangemaakt_op__lte=tot)
    uitkomst = qs.aggregate(
        gestart=Count("id", filter=gestart),
        gestart_afgehandeld=Count("id", filter=gestart & Q(afgehandeld_op__isnull=False)),
        afgehandeld=Count("id", filter=Q(afgehandeld_op__gte=van, afgehandeld_op__lte=tot)),
        open_op_tot=Count(
            "id", filter=Q(aangemaakt_op__lte=tot) & (Q(afgehandeld_op__isnull=True) | Q(afgehandeld_op__gt=tot))
        ),
    )
    per_maand = _per_maand(
        list(
            qs.filter(gestart)
            .annotate(maand=TruncMonth("aangemaakt_op"))
            .values("maand")
            .annotate(gestart=Count("id"), afgehandeld=Count("id", filter=Q(afgehandeld_op__isnull=False)))
            .order_by()
        )
    )
    return {k: v or 0 for k, v in uitkomst.items()} | {"per_maand": per_maand}


# --- Declaraties --------------------------------------------------------------------------------


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


def som_per_maand(per_dag: list[float], van: datetime.date, maandlijst) -> dict[str, Decimal]:
    return {
        maand_sleutel(begin): Decimal(str(round(sum(per_dag[(begin - van).days : (eind - van).days + 1]), 6)))
        for begin, eind in maandlijst
    }


# --- Vermeden kosten, net of the care that replaced it -------------------------------------------


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
        for maand, rij in _per_maand(
            list(
                Indicatie.objects.filter(bijgesteld_in(van, tot), filters.q())
                .annotate(maand=TruncMonth("bijgesteld_op"))
                .values("maand")
                .annotate(som=Sum("vermeden_kosten"))
                .order_by()
            )
        ).items()
    }


# --- Evaluations, schakelteam, toetsing per month ------------------------------------------------


def evaluaties_per_maand(van, tot, filters: Filters, vandaag: datetime.date) -> dict:
    voorwaarden = evaluatie_voorwaarden(vandaag)
    return _per_maand(
        list(
            Evaluatie.objects.filter(evaluatie_scope(van, tot), filters.q("indicatie__"))
            .annotate(maand=TruncMonth("vervaldatum"))
            .values("maand")
            .annotate(**{naam: Count("id", filter=q) for naam, q in voorwaarden.items()})
            .order_by()
        )
    )


def schakelteam_doorlooptijden(van, tot, filters: Filters) -> dict:
    """Days from the request to the decision, for decisions on indicaties registered in the period:
    the median overall and per month of the decision."""
    rijen = (
        SchakelteamBeoordeling.objects.filter(geregistreerd_q(van, tot, "indicatie__"), filters.q("indicatie__"))
        .values_list("aangevraagd_op", "besloten_op")
        .order_by()
    )
    alle, per_maand = [], defaultdict(list)
    for aangevraagd, besloten in rijen:
        dagen = (besloten - aangevraagd).total_seconds() / 86400
        alle.append(dagen)
        per_maand[maand_sleutel(timezone.localtime(besloten).date())].append(dagen)
    return {
        "mediaan": _mediaan(alle),
        "besluiten": len(alle),
        "per_maand": {m: {"mediaan": _mediaan(d), "besluiten": len(d)} for m, d in per_maand.items()},
    }


def _mediaan(dagen: list[float]) -> Decimal | None:
    if not dagen:
        return None
    return Decimal(str(round(statistics.median(dagen), 1)))


def toetsing_per_maand(van, tot, filters: Filters) -> dict:
    return _per_maand(
        list(
            toetsing_model()
            .objects.filter(op_dag("beoordeeld_op", van, tot), filters.q("indicatie__"))
            .exclude(oordeel="")
            .annotate(maand=TruncMonth("beoordeeld_op", tzinfo=timezone.get_default_timezone()))
            .values("maand")
            .annotate(
                getoetst=Count("id"),
                akkoord=Count("id", filter=Q(oordeel__in=("akkoord", "akkoord_met_opmerking"))),
            )
            .order_by()
        )
    )


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
