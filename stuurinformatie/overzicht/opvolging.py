"""Half-year checks and follow-ups, and per month the evaluations, the schakelteam's lead time and
the review's verdicts."""

import datetime
import statistics
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from indicaties.models import CheckStatus, Evaluatie, Halfjaarcheck, Opvolging, SchakelteamBeoordeling

from ..voorwaarden import (
    AKKOORD_OORDELEN,
    Filters,
    evaluatie_scope,
    evaluatie_voorwaarden,
    geregistreerd_q,
    op_dag,
    toetsing_model,
)
from .reeks import inwoner_q, maand_sleutel, naar_maanden


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
        Q(vervaldatum__gte=van, vervaldatum__lte=tot), ~Q(status=CheckStatus.GEANNULEERD), inwoner_q(van, tot, filters)
    )
    per_maand = naar_maanden(
        list(qs.annotate(maand=TruncMonth("vervaldatum")).values("maand").annotate(**tellingen).order_by())
    )
    totaal = {naam: sum(m[naam] for m in per_maand.values()) for naam in tellingen}
    return {**totaal, "per_maand": per_maand}


def opvolgingen(van, tot, filters: Filters) -> dict:
    """Follow-ups of "zorg niet passend" and of goals not reached (indicaties.Opvolging): started in
    the period, of those handled (by today), handled in the period, and open on the last day."""
    qs = Opvolging.objects.filter(inwoner_q(van, tot, filters))
    gestart = Q(aangemaakt_op__gte=van, aangemaakt_op__lte=tot)
    uitkomst = qs.aggregate(
        gestart=Count("id", filter=gestart),
        gestart_afgehandeld=Count("id", filter=gestart & Q(afgehandeld_op__isnull=False)),
        afgehandeld=Count("id", filter=Q(afgehandeld_op__gte=van, afgehandeld_op__lte=tot)),
        open_op_tot=Count(
            "id", filter=Q(aangemaakt_op__lte=tot) & (Q(afgehandeld_op__isnull=True) | Q(afgehandeld_op__gt=tot))
        ),
    )
    per_maand = naar_maanden(
        list(
            qs.filter(gestart)
            .annotate(maand=TruncMonth("aangemaakt_op"))
            .values("maand")
            .annotate(gestart=Count("id"), afgehandeld=Count("id", filter=Q(afgehandeld_op__isnull=False)))
            .order_by()
        )
    )
    return {k: v or 0 for k, v in uitkomst.items()} | {"per_maand": per_maand}


def evaluaties_per_maand(van, tot, filters: Filters, vandaag: datetime.date) -> dict:
    voorwaarden = evaluatie_voorwaarden(vandaag)
    return naar_maanden(
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
    return naar_maanden(
        list(
            toetsing_model()
            .objects.filter(op_dag("beoordeeld_op", van, tot), filters.q("indicatie__"))
            .exclude(oordeel="")
            .annotate(maand=TruncMonth("beoordeeld_op", tzinfo=timezone.get_default_timezone()))
            .values("maand")
            .annotate(
                getoetst=Count("id"),
                akkoord=Count("id", filter=Q(oordeel__in=AKKOORD_OORDELEN)),
            )
            .order_by()
        )
    )
