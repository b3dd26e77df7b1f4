"""Reusable queries of the register. Lists fetch their relations up front, so the number of
queries does not grow with the number of rows."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from uuid import UUID

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, Least

from . import costs, rules
from .domein import LOPENDE_STATUSSEN, NOOIT_TOEGEKENDE_STATUSSEN, TOEGEKENDE_STATUSSEN
from .models import (
    Aanbieder,
    Besluit,
    CheckStatus,
    Contract,
    Doel,
    DoelResultaat,
    Evaluatie,
    EvaluatieStatus,
    Halfjaarcheck,
    Indicatie,
    IndicatieSignaal,
    IndicatieStatus,
    Inwoner,
    Opvolging,
    Product,
    SchakelteamAdvies,
    SchakelteamBeoordeling,
    Tarief,
    Wet,
)


def tariefperioden(product: Product) -> tuple[costs.TariefPeriode, ...]:
    return tuple(
        costs.TariefPeriode(t.geldig_van, t.geldig_tot, t.bedrag)
        for t in Tarief.objects.filter(product=product).order_by("geldig_van")
    )


def tariefperioden_per_product() -> dict[UUID, tuple[costs.TariefPeriode, ...]]:
    """Every product's tariff periods, for work over many products at once (the import)."""
    perioden: dict[UUID, tuple[costs.TariefPeriode, ...]] = defaultdict(tuple)
    for t in Tarief.objects.order_by("product_id", "geldig_van"):
        perioden[t.product_id] += (costs.TariefPeriode(t.geldig_van, t.geldig_tot, t.bedrag),)
    return perioden


def contractperioden(aanbieder: Aanbieder, product: Product) -> tuple[costs.ContractPeriode, ...]:
    """The contracts of this aanbieder for this product, as the rules and the estimate see them."""
    return tuple(
        costs.ContractPeriode(c.geldig_van, c.geldig_tot, c.tarief)
        for c in Contract.objects.filter(aanbieder=aanbieder, product=product).order_by("geldig_van")
    )


def contractperioden_per_paar() -> dict[tuple[UUID, UUID], tuple[costs.ContractPeriode, ...]]:
    """Every contract, by (aanbieder, product), for work over many indicaties at once (the import)."""
    perioden: dict[tuple[UUID, UUID], tuple[costs.ContractPeriode, ...]] = defaultdict(tuple)
    for c in Contract.objects.order_by("geldig_van"):
        perioden[(c.aanbieder_id, c.product_id)] += (costs.ContractPeriode(c.geldig_van, c.geldig_tot, c.tarief),)
    return perioden


def producten_per_code() -> dict[str, Product]:
    return {p.code: p for p in Product.objects.all()}


# Only the five facts, not whole indicaties and products: this runs on every registration.
ANDERE_FEITEN = (
    "product__code",
    "product__wet",
    "ingangsdatum",
    "einddatum",
    "geschatte_kosten",
    "uren_per_week",
    "id",
    "aanbieder_id",
)


def als_andere(indicatie: Indicatie) -> rules.AndereIndicatie:
    """An indicatie in hand as the rules see the inwoner's other indicaties."""
    return rules.AndereIndicatie(
        product_code=indicatie.product.code,
        wet=indicatie.product.wet,
        ingangsdatum=indicatie.ingangsdatum,
        einddatum=indicatie.einddatum,
        geschatte_kosten=indicatie.geschatte_kosten,
        uren_per_week=indicatie.uren_per_week,
        id=indicatie.pk,
        aanbieder_id=indicatie.aanbieder_id,
    )


def andere_lopende_indicaties(inwoner: Inwoner, behalve: UUID | None = None) -> tuple[rules.AndereIndicatie, ...]:
    qs = Indicatie.objects.filter(inwoner=inwoner, status__in=LOPENDE_STATUSSEN)
    if behalve is not None:
        qs = qs.exclude(pk=behalve)
    return tuple(rules.AndereIndicatie(*rij) for rij in qs.values_list(*ANDERE_FEITEN))


def andere_lopende_per_inwoner(inwoner_ids: Iterable[UUID]) -> dict[UUID, list[rules.AndereIndicatie]]:
    """`andere_lopende_indicaties` of many inwoners in one query."""
    per_inwoner: dict[UUID, list[rules.AndereIndicatie]] = defaultdict(list)
    qs = Indicatie.objects.filter(inwoner_id__een_van=list(inwoner_ids), status__in=LOPENDE_STATUSSEN)
    for inwoner_id, *feiten in qs.values_list("inwoner_id", *ANDERE_FEITEN):
        per_inwoner[inwoner_id].append(rules.AndereIndicatie(*feiten))
    return per_inwoner


def evaluatie_van(indicatie: Indicatie) -> tuple[str | None, bool]:
    """The status of the indicatie's evaluation that still counts (not cancelled), if any, and
    whether it judged a goal `nee`: one query."""
    rij = (
        Evaluatie.objects.filter(indicatie=indicatie)
        .exclude(status=EvaluatieStatus.GEANNULEERD)
        .annotate(niet_behaald=Exists(DoelResultaat.objects.filter(evaluatie=OuterRef("pk"), behaald="nee")))
        .values_list("status", "niet_behaald")
        .first()
    )
    return rij if rij is not None else (None, False)


def voorganger_keten(voorganger: Indicatie) -> tuple[rules.AndereIndicatie, ...]:
    """`voorganger` and the indicaties it continues in turn, nearest first: one query over the
    inwoner's indicaties, however long the chain. An afschalen successor continues the indicatie
    it replaces (`vervangt`) as a verlenging continues its `voorganger`, so the chain follows both:
    afschalen and then verlengen is the same traject."""
    qs = Indicatie.objects.filter(inwoner_id=voorganger.inwoner_id).exclude(status__in=NOOIT_TOEGEKENDE_STATUSSEN)
    plek = ANDERE_FEITEN.index("id")
    per_id = {rij[plek]: rij for rij in qs.values_list(*ANDERE_FEITEN, "voorganger_id", "vervangt_id")}
    keten, volgende, gezien = [], voorganger.pk, set()
    while volgende in per_id and volgende not in gezien:
        gezien.add(volgende)
        *feiten, vorige, vervangt = per_id[volgende]
        keten.append(rules.AndereIndicatie(*feiten))
        volgende = vorige or vervangt
    return tuple(keten)


def aansluitende_voorganger(
    *, inwoner: Inwoner, product: Product, ingangsdatum: datetime.date, behalve: UUID | None = None
) -> Indicatie | None:
    """The indicatie of the same product for the same inwoner that ended at most
    `rules.traject.AANSLUIT_DAGEN` days before `ingangsdatum`, the latest first: care that
    continues it, whether or not `voorganger` was filled in (docs/domain.md, "Traject")."""
    qs = Indicatie.objects.filter(
        inwoner=inwoner,
        product=product,
        status__in=TOEGEKENDE_STATUSSEN,
        einddatum__lt=ingangsdatum,
        einddatum__gte=ingangsdatum - datetime.timedelta(days=rules.traject.AANSLUIT_DAGEN),
    )
    if behalve is not None:
        qs = qs.exclude(pk=behalve)
    return qs.order_by("-einddatum", "-ingangsdatum").first()


def heeft_vervolg(indicatie: Indicatie) -> bool:
    """Whether care was registered that continues this indicatie: a verlenging of it, or care of
    the same product that starts soon after it ends."""
    vervolg = Indicatie.objects.filter(inwoner_id=indicatie.inwoner_id).exclude(status__in=NOOIT_TOEGEKENDE_STATUSSEN)
    aansluitend = Q(voorganger=indicatie)
    if indicatie.einddatum is not None:
        aansluitend |= Q(
            product_id=indicatie.product_id,
            ingangsdatum__gt=indicatie.einddatum,
            ingangsdatum__lte=indicatie.einddatum + datetime.timedelta(days=rules.traject.AANSLUIT_DAGEN),
        )
    return vervolg.filter(aansluitend).exclude(pk=indicatie.pk).exists()


def heeft_lichtere_variant(product: Product) -> bool:
    return product.lichtere_variant_id is not None


def goedgekeurd_bedrag(indicatie: Indicatie) -> Decimal | None:
    """The highest amount the schakelteam approved for this indicatie, or for the indicatie it
    replaces after afschalen (`vervangt`): less care than was approved needs no second review."""
    ids, volgende = [], indicatie.pk
    vervangt = {indicatie.pk: indicatie.vervangt_id}
    while volgende is not None and volgende not in ids:
        ids.append(volgende)
        if volgende not in vervangt:
            vervangt[volgende] = Indicatie.objects.filter(pk=volgende).values_list("vervangt_id", flat=True).first()
        volgende = vervangt[volgende]
    besluit = (
        SchakelteamBeoordeling.objects.filter(indicatie_id__in=ids, besluit=Besluit.AKKOORD)
        .order_by("-beoordeeld_bedrag")
        .values_list("beoordeeld_bedrag", flat=True)
        .first()
    )
    return besluit


# How the history names a schakelteam decision on the indicatie (services.schakelteam writes it):
# the review after which a change counts again as someone's own work.
BESLUIT_REDEN = "Schakelteambesluit"


def wijzigers_sinds_besluit(indicatie: Indicatie) -> frozenset:
    """The ids of everyone who changed the indicatie since the schakelteam last decided on it
    (since its registration, when it never did): the history says who changed what."""
    wijzigers: set = set()
    for gebruiker_id, reden in indicatie.history.order_by("history_date", "history_id").values_list(
        "history_user_id", "history_change_reason"
    ):
        if (reden or "").startswith(BESLUIT_REDEN):
            wijzigers.clear()
        elif gebruiker_id is not None:
            wijzigers.add(gebruiker_id)
    return frozenset(wijzigers)


def indicaties_lijst() -> QuerySet[Indicatie]:
    """Indicaties with what a page shows of them: the names of inwoner, aanbieder and consulent."""
    return indicaties_api().select_related("inwoner", "aanbieder", "consulent")


def indicaties_api() -> QuerySet[Indicatie]:
    """Indicaties with what the API shows of them: the product's code, the evaluation, the signals
    and the goals (inwoner, aanbieder and consulent only by their ids, read from the row itself)."""
    return Indicatie.objects.select_related("product", "evaluatie").prefetch_related(
        Prefetch("signaalregels", queryset=IndicatieSignaal.objects.only("indicatie_id", "code")),
        Prefetch("doelen", queryset=Doel.objects.order_by("volgorde", "id")),
    )


def evaluaties_lijst() -> QuerySet[Evaluatie]:
    return Evaluatie.objects.prefetch_related(
        Prefetch("doelresultaten", queryset=DoelResultaat.objects.select_related("doel").order_by("doel__volgorde"))
    )


def traject_indicaties(ids: Iterable[UUID]) -> list[Indicatie]:
    """These indicaties (a traject the threshold counted), oldest first, each with its evaluation
    and the result per goal: four queries, however many there are."""
    return list(
        Indicatie.objects.filter(pk__in=list(ids))
        .select_related("product", "evaluatie")
        .prefetch_related(
            Prefetch("doelen", queryset=Doel.objects.order_by("volgorde", "id")),
            Prefetch(
                "evaluatie__doelresultaten",
                queryset=DoelResultaat.objects.select_related("doel").order_by("doel__volgorde", "id"),
            ),
        )
        .order_by("ingangsdatum", "id")
    )


def producten_lijst() -> QuerySet[Product]:
    return Product.objects.select_related("lichtere_variant").prefetch_related(
        Prefetch("tarieven", queryset=Tarief.objects.order_by("geldig_van"))
    )


# --- Werkvoorraad (work queues of the web UI) ---------------------------------------------------


def open_evaluaties_van(consulent) -> QuerySet:
    """Open evaluations of the consulent's indicaties, overdue first (due date ascending).

    The consulent's indicaties as a semi-join on their ids (an index of its own), not a join: the
    planner then meets them with the few open evaluations instead of looking up the indicatie of
    every open evaluation of every consulent."""
    return (
        Evaluatie.objects.filter(
            indicatie__in=Indicatie.objects.filter(consulent=consulent).values("id"), status=EvaluatieStatus.OPEN
        )
        .select_related("indicatie__inwoner", "indicatie__product")
        .order_by("vervaldatum", "id")
    )


def open_halfjaarchecks_van(consulent) -> QuerySet:
    return (
        Halfjaarcheck.objects.filter(inwoner__regisseur=consulent, status=CheckStatus.OPEN)
        .select_related("inwoner")
        .order_by("vervaldatum", "id")
    )


# Whose follow-up it is: the regisseur's; for an inwoner without one, the consulent who evaluated
# the indicatie or completed the half-year check (the same people `meldingen.opvolging_nodig` tells).
def _opvolging_van(consulent) -> Q:
    zonder_regisseur = Q(inwoner__regisseur__isnull=True) & (
        Q(evaluatie__afgerond_door=consulent) | Q(halfjaarcheck__afgerond_door=consulent)
    )
    return Q(inwoner__regisseur=consulent) | zonder_regisseur


def open_opvolgingen_van(consulent) -> QuerySet[Opvolging]:
    """Follow-ups not yet acted on that are the consulent's to handle, oldest first."""
    return (
        Opvolging.objects.filter(_opvolging_van(consulent), afgehandeld_op__isnull=True)
        .select_related("inwoner", "evaluatie__indicatie__product")
        .order_by("aangemaakt_op", "id")
    )


def open_opvolgingen_van_inwoner(inwoner: Inwoner) -> QuerySet[Opvolging]:
    return Opvolging.objects.filter(inwoner=inwoner, afgehandeld_op__isnull=True).order_by("aangemaakt_op", "id")


def opvolging_met_aanleiding() -> QuerySet[Opvolging]:
    """Follow-ups with what led to them: the evaluation's result per goal, or the half-year check."""
    return Opvolging.objects.select_related(
        "inwoner", "halfjaarcheck", "evaluatie__indicatie__product", "afgehandeld_door"
    ).prefetch_related(
        Prefetch(
            "evaluatie__doelresultaten",
            queryset=DoelResultaat.objects.select_related("doel").order_by("doel__volgorde", "id"),
        )
    )


def _geboren_tussen(van: datetime.date, tot: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last birth date whose 18th birthday falls from `van` to `tot`: one born on 29
    February turns 18 on 28 February in a year without it, so the bounds are found, not subtracted."""
    dag = datetime.timedelta(days=1)
    verjaardag = rules.traject.achttiende_verjaardag
    eerste = van - relativedelta(years=18)
    while verjaardag(eerste) < van:
        eerste += dag
    while verjaardag(eerste - dag) >= van:
        eerste -= dag
    laatste = tot - relativedelta(years=18)
    while verjaardag(laatste + dag) <= tot:
        laatste += dag
    while verjaardag(laatste) > tot:
        laatste -= dag
    return eerste, laatste


def wordt_achttien_van(consulent, vandaag: datetime.date, maanden: int = 6) -> QuerySet[Inwoner]:
    """The consulent's inwoners (regisseur) with running jeugdhulp who turn 18 from today up to
    `maanden` months ahead, soonest first, each with that jeugdhulp (`lopende_jeugdhulp`): the
    transition to verlengde jeugdhulp, Wmo or Zvw must be arranged (seed 002)."""
    jeugdhulp = Indicatie.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag),
        status__in=LOPENDE_STATUSSEN,
        product__wet=Wet.JEUGDWET,
    )
    return (
        Inwoner.objects.filter(
            regisseur=consulent,
            geboortedatum__range=_geboren_tussen(vandaag, vandaag + relativedelta(months=maanden)),
        )
        .filter(Exists(jeugdhulp.filter(inwoner=OuterRef("pk"))))
        .prefetch_related(
            Prefetch(
                "indicaties",
                queryset=jeugdhulp.select_related("product").order_by("ingangsdatum", "id"),
                to_attr="lopende_jeugdhulp",
            )
        )
        .order_by("geboortedatum", "id")
    )


def wachtend_op_schakelteam(consulent=None, behalve=None) -> QuerySet:
    qs = indicaties_lijst().filter(status=IndicatieStatus.WACHT_OP_SCHAKELTEAM).order_by("aangemaakt", "id")
    if consulent is not None:
        qs = qs.filter(consulent=consulent)
    if behalve is not None:
        qs = qs.exclude(consulent=behalve)
    return qs


def lopende_indicaties_van(inwoner: Inwoner) -> QuerySet[Indicatie]:
    """The inwoner's running care (waiting or granted), with what an assessment reads of it."""
    return (
        Indicatie.objects.filter(inwoner=inwoner, status__in=LOPENDE_STATUSSEN)
        .select_related("inwoner", "product", "voorganger", "vervangt")
        .order_by("ingangsdatum", "id")
    )


def wlz_conflicten_van(consulent) -> QuerySet[Indicatie]:
    """Running care of the consulent's inwoners that carries a Wlz conflict: the inwoner got a
    Wlz indication after it was registered (`wlz_geen_wmo`, `wlz_jeugdwet` as a signal)."""
    # From the few signal rows with these codes (a partial index) to their indicaties, read first:
    # as a subquery the planner walks the consulent's thousands of running indicaties instead.
    conflict = list(
        IndicatieSignaal.objects.filter(code__in=rules.traject.WLZ_CONFLICTEN).values_list("indicatie_id", flat=True)
    )
    return (
        indicaties_lijst()
        .filter(pk__in=conflict, inwoner__regisseur=consulent, status__in=LOPENDE_STATUSSEN)
        .order_by("ingangsdatum", "id")
    )


def aflopend_binnenkort(consulent, vandaag: datetime.date, weken: int = 6) -> QuerySet:
    return (
        indicaties_lijst()
        .filter(
            consulent=consulent,
            status=IndicatieStatus.TOEGEWEZEN,
            einddatum__gte=vandaag,
            einddatum__lte=vandaag + datetime.timedelta(weeks=weken),
        )
        .order_by("einddatum", "id")
    )


def open_adviesvragen(behalve=None) -> QuerySet:
    qs = SchakelteamAdvies.objects.filter(beantwoord_op__isnull=True).select_related(
        "indicatie__inwoner", "indicatie__product", "gevraagd_door"
    )
    if behalve is not None:
        qs = qs.exclude(gevraagd_door=behalve)
    return qs.order_by("gevraagd_op", "id")


def zoek_inwoners(*, naam: str = "", geboortedatum=None, bsn: str = "") -> QuerySet:
    qs = Inwoner.objects.all()
    if bsn:
        qs = qs.filter(bsn=bsn)
    if geboortedatum:
        qs = qs.filter(geboortedatum=geboortedatum)
    for deel in naam.split():
        qs = qs.filter(Q(voornaam__icontains=deel) | Q(achternaam__icontains=deel))
    return qs.order_by("achternaam", "voornaam", "id")


def tijdlijn(inwoner: Inwoner) -> dict:
    """Everything about one inwoner for the detail page, in a fixed number of queries."""
    indicaties = list(indicaties_lijst().filter(inwoner=inwoner).order_by("-ingangsdatum", "id"))
    return {
        "indicaties": indicaties,
        "evaluaties": list(
            Evaluatie.objects.filter(indicatie__inwoner=inwoner)
            .select_related("indicatie__product")
            .order_by("vervaldatum")
        ),
        "halfjaarchecks": list(Halfjaarcheck.objects.filter(inwoner=inwoner).order_by("vervaldatum")),
        "besluiten": list(
            SchakelteamBeoordeling.objects.filter(indicatie__inwoner=inwoner)
            .select_related("indicatie__product", "beoordelaar")
            .order_by("besloten_op")
        ),
        "adviezen": list(
            SchakelteamAdvies.objects.filter(indicatie__inwoner=inwoner)
            .select_related("indicatie__product")
            .order_by("gevraagd_op")
        ),
    }


# --- A consulent's own caseload ----------------------------------------------------------------

# The columns "Mijn caseload" sorts by: the name in the address, what the database sorts on.
CASELOAD_SORTERING = {
    "naam": ("achternaam", "voornaam", "id"),
    "geboortedatum": ("geboortedatum", "id"),
    "lopend": ("lopend", "achternaam", "id"),
    "eerstvolgende": ("eerstvolgende", "achternaam", "id"),
}


def mijn_caseload(regisseur, *, zoek: str = "", alleen_lopend: bool = False, sortering: str = "naam") -> QuerySet:
    """The inwoners of whom this consulent is the regisseur, each with the number of running
    indicaties and the first date something is due (an open evaluation or half-year check)."""
    nog_te_doen = ("gepland", "open")
    qs = Inwoner.objects.filter(regisseur=regisseur).annotate(
        lopend=Count("indicaties", filter=Q(indicaties__status__in=LOPENDE_STATUSSEN), distinct=True),
        evaluatie_op=Min("indicaties__evaluatie__vervaldatum", filter=Q(indicaties__evaluatie__status__in=nog_te_doen)),
        check_op=Min("halfjaarchecks__vervaldatum", filter=Q(halfjaarchecks__status__in=nog_te_doen)),
    )
    # LEAST of SQLite is NULL when one of them is: each falls back on the other first.
    qs = qs.annotate(
        eerstvolgende=Least(Coalesce(F("evaluatie_op"), F("check_op")), Coalesce(F("check_op"), F("evaluatie_op")))
    )
    for woord in zoek.split():
        qs = qs.filter(Q(voornaam__icontains=woord) | Q(achternaam__icontains=woord))
    if alleen_lopend:
        qs = qs.filter(lopend__gt=0)
    volgorde = CASELOAD_SORTERING.get(sortering.lstrip("-"), CASELOAD_SORTERING["naam"])
    if sortering.startswith("-"):
        volgorde = tuple(v[1:] if v.startswith("-") else f"-{v}" for v in volgorde)
    if sortering.lstrip("-") == "eerstvolgende":
        eerst = (
            F("eerstvolgende").desc(nulls_last=True)
            if sortering.startswith("-")
            else F("eerstvolgende").asc(nulls_last=True)
        )
        return qs.order_by(eerst, *volgorde[1:])
    return qs.order_by(*volgorde)
