"""Reading the sample: which indicaties were granted in a week, the review lists, the figures
per consulent and per reden for the learning loop, and the audit check of a recorded draw."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from indicaties.domein import TOEGEKENDE_STATUSSEN
from indicaties.models import Besluit, Indicatie, IndicatieSignaal, IndicatieStatus, SchakelteamBeoordeling

from . import rules
from .models import Oordeel, Reden, Steekproef, Toetsing, ToetsingStatus


def _begin_van(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min), timezone.get_default_timezone())


def toegewezen_in_week(week: rules.IsoWeek) -> QuerySet[Indicatie]:
    """Indicaties granted in the ISO week (Monday 00:00 up to the next Monday, Europe/Amsterdam).

    The grant moment is the first time the indicatie had status `toegewezen` in its history:
    at registration when it stayed below the threshold, or at the schakelteam's akkoord. An
    indicatie without history (loaded outside the services) falls back to its first akkoord,
    else its creation. Each granted indicatie therefore belongs to exactly one week, even when a
    later change sends it back to the schakelteam; it is counted while it waits for that re-review
    too, since the grant of its week stands until the schakelteam refuses it.
    """
    begin, einde = _begin_van(week.maandag), _begin_van(week.volgende_maandag)
    historie = Indicatie.history.model.objects.filter(id=OuterRef("pk"), status=IndicatieStatus.TOEGEWEZEN)
    eerste_in_historie = Subquery(historie.order_by("history_date", "history_id").values("history_date")[:1])
    eerste_akkoord = Subquery(
        SchakelteamBeoordeling.objects.filter(indicatie=OuterRef("pk"), besluit=Besluit.AKKOORD)
        .order_by("besloten_op")
        .values("besloten_op")[:1]
    )
    return (
        Indicatie.objects.filter(aangemaakt__lt=einde)
        .annotate(
            toegewezen_volgens_historie=eerste_in_historie,
            toegewezen_op=Coalesce(eerste_in_historie, eerste_akkoord, F("aangemaakt")),
        )
        .filter(
            # Granted and not taken back: a withdrawn or (after a re-review) refused indicatie has
            # nothing left to review.
            Q(status__in=TOEGEKENDE_STATUSSEN)
            | Q(status=IndicatieStatus.WACHT_OP_SCHAKELTEAM, toegewezen_volgens_historie__isnull=False),
            toegewezen_op__gte=begin,
            toegewezen_op__lt=einde,
        )
        .prefetch_related(Prefetch("signaalregels", queryset=IndicatieSignaal.objects.only("indicatie_id", "code")))
    )


@dataclass(frozen=True)
class Kandidaten:
    """The week's granted indicaties split the way the sample needs them."""

    met_signaal: dict[UUID, tuple[str, list[str]]]  # id -> (reden, every signal by priority)
    populatie: list[str]  # ids without a signal, sorted: what the random share is drawn from


def later_gesignaleerd_in_week(week: rules.IsoWeek) -> dict[UUID, list[str]]:
    """Indicaties that got a signal during the week after they were granted (an evaluation that
    continued care without a goal reached): id -> the signals they got in that week. They go into
    that week's sample too (docs/domain.md, "Traject")."""
    begin, einde = _begin_van(week.maandag), _begin_van(week.volgende_maandag)
    nieuw = IndicatieSignaal.history.filter(
        history_type="+", code__in=rules.LATER_SIGNALEN, history_date__gte=begin, history_date__lt=einde
    )
    per_indicatie: dict[UUID, list[str]] = {}
    for indicatie_id, code in nieuw.values_list("indicatie_id", "code").distinct():
        per_indicatie.setdefault(indicatie_id, []).append(code)
    return per_indicatie


def kandidaten(week: rules.IsoWeek) -> Kandidaten:
    met_signaal = {}
    zonder = []
    for indicatie in toegewezen_in_week(week):
        codes = {s.code for s in indicatie.signaalregels.all()}
        reden = rules.reden_voor(codes)
        if reden is None:
            zonder.append(str(indicatie.pk))
        else:
            met_signaal[indicatie.pk] = (reden, [c for c in rules.SIGNAAL_VOORRANG if c in codes])
    for indicatie_id, codes in later_gesignaleerd_in_week(week).items():
        if indicatie_id not in met_signaal:
            met_signaal[indicatie_id] = (rules.reden_voor(codes), [c for c in rules.SIGNAAL_VOORRANG if c in codes])
            if str(indicatie_id) in zonder:
                zonder.remove(str(indicatie_id))
    return Kandidaten(met_signaal=met_signaal, populatie=sorted(zonder))


def toetsingen_lijst() -> QuerySet[Toetsing]:
    return Toetsing.objects.select_related("steekproef", "indicatie")


def open_toetsingen() -> QuerySet[Toetsing]:
    """Drawn and not judged yet: the backoffice's list, oldest week first."""
    return (
        toetsingen_lijst()
        .filter(status=ToetsingStatus.OPEN)
        .select_related("indicatie__product")
        .order_by("steekproef__week", "id")
    )


def laatste_steekproef() -> Steekproef | None:
    return Steekproef.objects.order_by("-week").first()


def planning_steekproef(vandaag: datetime.date) -> dict:
    """When the samples can be drawn: last week's from this Monday (has it been?), this week's
    from next Monday (the backoffice's start page)."""
    vorige, deze = rules.vorige_week(vandaag), rules.IsoWeek.van_datum(vandaag)
    return {
        "vorige_week": str(vorige),
        "vorige_vanaf": vorige.volgende_maandag,
        "vorige_getrokken": Steekproef.objects.filter(week=str(vorige)).exists(),
        "deze_week": str(deze),
        "deze_vanaf": deze.volgende_maandag,
    }


def steekproef_met_toetsingen(steekproef_id: UUID) -> Steekproef:
    return Steekproef.objects.prefetch_related(
        Prefetch(
            "toetsingen",
            queryset=toetsingen_lijst()
            .select_related("indicatie__product", "indicatie__inwoner", "indicatie__consulent")
            .order_by("reden", "indicatie_id"),
        )
    ).get(pk=steekproef_id)


OPVOLGING_OPEN = Q(oordeel=Oordeel.NIET_AKKOORD, opvolging_afgehandeld_op__isnull=True)


def open_opvolgingen(consulent=None) -> QuerySet[Toetsing]:
    """Verdicts `niet akkoord` whose follow-up is not handled yet (of one consulent, or all)."""
    qs = toetsingen_lijst().filter(OPVOLGING_OPEN)
    if consulent is not None:
        qs = qs.filter(indicatie__consulent=consulent)
    return qs.order_by("beoordeeld_op", "id")


def opvolgingen_werkvoorraad(consulent) -> QuerySet[Toetsing]:
    """The consulent's open follow-ups as the werkvoorraad lists them: with inwoner and product."""
    return open_opvolgingen(consulent=consulent).select_related("indicatie__inwoner", "indicatie__product")


# --- Figures for the learning loop ---------------------------------------------------------


def _tellingen() -> dict:
    return {
        "getrokken": Count("id"),
        "open": Count("id", filter=Q(status=ToetsingStatus.OPEN)),
        "beoordeeld": Count("id", filter=Q(status=ToetsingStatus.BEOORDEELD)),
        **{oordeel: Count("id", filter=Q(oordeel=oordeel)) for oordeel in Oordeel.values},
        "opvolging_open": Count("id", filter=OPVOLGING_OPEN),
    }


TELLINGEN = ("getrokken", "open", "beoordeeld", *Oordeel.values, "opvolging_open")


def overzicht(van_week: rules.IsoWeek | None = None, tot_week: rules.IsoWeek | None = None) -> dict:
    """How many were drawn and judged, and how, in total, per consulent and per reden."""
    qs = Toetsing.objects.all()
    # "2027-W05" strings sort like the weeks they name.
    if van_week is not None:
        qs = qs.filter(steekproef__week__gte=str(van_week))
    if tot_week is not None:
        qs = qs.filter(steekproef__week__lte=str(tot_week))

    totaal = qs.aggregate(**_tellingen())
    per_consulent = [
        {
            "consulent": rij["indicatie__consulent"],
            "naam": " ".join(
                d for d in (rij["indicatie__consulent__first_name"], rij["indicatie__consulent__last_name"]) if d
            )
            or rij["indicatie__consulent__username"],
            **{t: rij[t] for t in TELLINGEN},
        }
        for rij in qs.values(
            "indicatie__consulent",
            "indicatie__consulent__username",
            "indicatie__consulent__first_name",
            "indicatie__consulent__last_name",
        )
        .annotate(**_tellingen())
        .order_by("indicatie__consulent__username", "indicatie__consulent")
    ]
    per_reden_db = {rij["reden"]: rij for rij in qs.values("reden").annotate(**_tellingen()).order_by("reden")}
    per_reden = [
        {"reden": reden, **{t: per_reden_db.get(reden, {}).get(t, 0) for t in TELLINGEN}} for reden in Reden.values
    ]
    return {
        "van_week": str(van_week) if van_week else None,
        "tot_week": str(tot_week) if tot_week else None,
        "totaal": {t: totaal[t] for t in TELLINGEN},
        "per_oordeel": {oordeel: totaal[oordeel] for oordeel in Oordeel.values},
        "per_consulent": per_consulent,
        "per_reden": per_reden,
    }


# --- Audit ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Controle:
    """The recorded draw of a week recomputed from its recorded seed, percentage and population."""

    week: str
    seed: int
    percentage: Decimal
    populatie: tuple[str, ...]
    verwacht: tuple[str, ...]
    vastgelegd: tuple[str, ...]
    # For information only: the population as the register gives it today. It can differ for
    # good reasons (an indicatie withdrawn or given a signal since), so it does not decide the outcome.
    populatie_nu: tuple[str, ...]

    @property
    def klopt(self) -> bool:
        return self.verwacht == self.vastgelegd

    @property
    def ontbreekt(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.verwacht) - set(self.vastgelegd)))

    @property
    def extra(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.vastgelegd) - set(self.verwacht)))


def controleer(steekproef: Steekproef) -> Controle:
    populatie = tuple(str(i) for i in steekproef.populatie)
    vastgelegd = sorted(
        str(i) for i in steekproef.toetsingen.filter(reden=rules.STEEKPROEF).values_list("indicatie_id", flat=True)
    )
    return Controle(
        week=steekproef.week,
        seed=steekproef.seed,
        percentage=steekproef.percentage,
        populatie=populatie,
        verwacht=tuple(rules.trek(populatie, steekproef.seed, steekproef.percentage)),
        vastgelegd=tuple(vastgelegd),
        populatie_nu=tuple(kandidaten(rules.IsoWeek.uit_tekst(steekproef.week)).populatie),
    )


def stand_van_steekproef(steekproef: Steekproef | None) -> dict | None:
    """How far the backoffice is with one sample: drawn, judged, still open."""
    if steekproef is None:
        return None
    tellingen = steekproef.toetsingen.aggregate(
        getrokken=Count("id"), open=Count("id", filter=Q(status=ToetsingStatus.OPEN))
    )
    return {"steekproef": steekproef, **tellingen, "beoordeeld": tellingen["getrokken"] - tellingen["open"]}


def opvolgingen_backoffice() -> QuerySet[Toetsing]:
    """Every open follow-up of a `niet akkoord`, as the backoffice's start page lists them: with the
    consulent who has to act and the product."""
    return open_opvolgingen().select_related("indicatie__consulent", "indicatie__product")
