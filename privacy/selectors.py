"""Reading the processing log and the accesses outside the caseload."""

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet

from . import register
from .models import Correctie, Handeling, ToegangBuitenCaseload, Verwerking
from .pseudoniem import pseudoniem


def verwerkingen(
    *,
    trace_id: str | None = None,
    bsn: str | None = None,
    van: datetime.datetime | None = None,
    tot: datetime.datetime | None = None,
) -> QuerySet[Verwerking]:
    """The records of a trace, of one person (by BSN, found by its pseudonym) and/or of a period
    (`start` from `van`, before `tot`), in the order they were written."""
    qs = Verwerking.objects.all()
    if trace_id:
        qs = qs.filter(trace_id=trace_id)
    if bsn:
        qs = qs.filter(betrokkene=pseudoniem(bsn))
    if van:
        qs = qs.filter(start__gte=van)
    if tot:
        qs = qs.filter(start__lt=tot)
    return qs.order_by("volgnummer")


def met_handeling(rijen: Iterable[Verwerking]) -> list[Verwerking]:
    """Each record with who acted and why (`handeling`, or None), and its activity in words, as a
    correction set it right (`Correctie`): a query each for the whole page."""
    rijen = list(rijen)
    spans = {r.parent_span_id for r in rijen}
    handelingen = {
        (h.trace_id, h.span_id): h for h in Handeling.objects.filter(span_id__in=spans) if h.span_id in spans
    }
    correcties = dict(
        Correctie.objects.filter(
            keten="verwerking", veld="verwerkingsactiviteit", volgnummer__in=[r.volgnummer for r in rijen]
        ).values_list("volgnummer", "wordt")
    )
    for rij in rijen:
        rij.handeling = handelingen.get((rij.trace_id, rij.parent_span_id))
        rij.verwerkingsactiviteit = correcties.get(rij.volgnummer, rij.verwerkingsactiviteit)
        activiteit = register.PER_ID.get(rij.verwerkingsactiviteit)
        rij.activiteit_naam = activiteit.naam if activiteit else rij.verwerkingsactiviteit
        rij.activiteit_doel = activiteit.doel if activiteit else ""
    return rijen


def toegangen_buiten_caseload() -> QuerySet[ToegangBuitenCaseload]:
    """Every access outside the caseload, newest first, for the backoffice."""
    return ToegangBuitenCaseload.objects.select_related("gebruiker", "inwoner", "regisseur").order_by(
        "-geopend_op", "id"
    )
