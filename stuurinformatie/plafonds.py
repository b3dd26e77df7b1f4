"""The budgetplafond of an aanbieder in the course of a calendar year (seed 002, options 1 and 2):
what was approved for care in the year against its ceiling, and the notification `budgetplafond`
to beleid when that reaches the warning share (the target `budgetplafond_signaal`, default 80 %)
and 100 % (docs/stuurinformatie.md, "Budgetplafond").

The approved amounts are the declaraties (a CSV file, or the approved prestaties of a 323) as
added up in DeclaratieTotaal; a declaration that runs over the turn of a year counts in each year
for its days there, as in the overview. The notification is one per aanbieder, year and
threshold (the notification's key), so checking again, after every file and 323 and every
morning, never sends one twice; the database, not the moment of the check, decides.
"""

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum

from basis import clock
from basis.notatie import euro
from basis.roles import BELEID
from indicaties.models import Aanbieder
from notifications.models import Soort
from notifications.services import Melding, notificeer_bulk

from .models import DeclaratieTotaal, Streefwaarde

NUL = Decimal("0")
VOL = Decimal("1")
SIGNAAL_STANDAARD = Decimal("0.80")


def toegekend_per_jaar(aanbieder_ids: Iterable | None, jaar: int) -> dict[uuid.UUID, Decimal]:
    """What was approved for care in `jaar` per aanbieder (all aanbieders when `aanbieder_ids` is
    None), in one query over the totals: the periods of the year summed per aanbieder, a period
    that runs over the turn of the year counted for its days in the year."""
    begin, eind = datetime.date(jaar, 1, 1), datetime.date(jaar, 12, 31)
    rijen = DeclaratieTotaal.objects.filter(begindatum__lte=eind, einddatum__gte=begin)
    if aanbieder_ids is not None:
        rijen = rijen.filter(aanbieder_id__in=list(aanbieder_ids))
    uit: dict[uuid.UUID, Decimal] = defaultdict(lambda: NUL)
    for aanbieder_id, van, tot, bedrag in (
        rijen.values_list("aanbieder_id", "begindatum", "einddatum").annotate(s=Sum("bedrag")).order_by()
    ):
        if van < begin or tot > eind:
            dagen = (tot - van).days + 1
            binnen = (min(tot, eind) - max(van, begin)).days + 1
            bedrag = bedrag * binnen / dagen
        uit[aanbieder_id] += bedrag
    return dict(uit)


def verloop(van: datetime.date, tot: datetime.date) -> dict[str, Decimal]:
    """The approved declaraties of the aanbieders with a ceiling per month ("2026-03") from the first
    of the year of `van` to `tot`: one query over the totals, a period over more than one month
    counted for its days in each."""
    begin = datetime.date(van.year, 1, 1)
    uit: dict[str, Decimal] = defaultdict(lambda: NUL)
    rijen = DeclaratieTotaal.objects.filter(
        aanbieder__budgetplafond__gt=0, begindatum__lte=tot, einddatum__gte=begin
    ).values_list("begindatum", "einddatum")
    for periode_van, periode_tot, bedrag in rijen.annotate(s=Sum("bedrag")).order_by():
        dagen = (periode_tot - periode_van).days + 1
        dag = max(periode_van, begin)
        while dag <= min(periode_tot, tot):
            einde = min(periode_tot, tot, dag + relativedelta(day=31))
            uit[f"{dag:%Y-%m}"] += bedrag * ((einde - dag).days + 1) / dagen
            dag = einde + datetime.timedelta(days=1)
    return dict(uit)


def signaalgrens() -> Decimal:
    """The share from which a ceiling warns: the target beheer set, else 80 %."""
    waarde = Streefwaarde.objects.filter(kpi="budgetplafond_signaal").values_list("waarde", flat=True).first()
    return waarde if waarde is not None else SIGNAAL_STANDAARD


def _procent(deel: Decimal) -> str:
    """0.8 → "80 %", 0.825 → "82,5 %"."""
    tekst = f"{(deel * 100).quantize(Decimal('0.1')).normalize():f}".replace(".", ",")
    return f"{tekst} %"


def signaleer(aanbieder_ids: Iterable | None, jaren: Iterable[int]) -> int:
    """Notify every active beleid user once per aanbieder, year and threshold that was reached;
    returns the number of notifications created now. Call it inside the transaction that changed
    the declaraties: the mails go out after commit (notifications.services)."""
    jaren = sorted(set(jaren))
    ids = None if aanbieder_ids is None else set(aanbieder_ids)
    if not jaren or ids == set():
        return 0
    plafonds = Aanbieder.objects.filter(budgetplafond__gt=0)
    if ids is not None:
        plafonds = plafonds.filter(pk__in=ids)
    plafonds = {a.pk: a for a in plafonds.only("id", "naam", "budgetplafond")}
    if not plafonds:
        return 0
    grenzen = sorted({signaalgrens(), VOL})
    bereikt = []
    for jaar in jaren:
        for aanbieder_id, toegekend in toegekend_per_jaar(plafonds.keys(), jaar).items():
            aanbieder = plafonds[aanbieder_id]
            for grens in grenzen:
                if toegekend >= aanbieder.budgetplafond * grens:
                    bereikt.append((aanbieder, jaar, grens, toegekend))
    if not bereikt:
        return 0
    ontvangers = list(get_user_model().objects.filter(groups__name=BELEID, is_active=True).distinct())
    with transaction.atomic():
        nieuw = notificeer_bulk(
            Melding(
                ontvanger,
                Soort.BUDGETPLAFOND,
                f"{aanbieder.pk}:{jaar}:{_procent(grens).removesuffix(' %')}",
                f"Budgetplafond {jaar} van {aanbieder.naam}: {_procent(grens)} bereikt "
                f"({euro(toegekend.quantize(Decimal('0.01')))} toegekend van {euro(aanbieder.budgetplafond)})",
                aanbieder.pk,
            )
            for aanbieder, jaar, grens, toegekend in bereikt
            for ontvanger in ontvangers
        )
    return len(nieuw)


def dagelijks(vandaag: datetime.date | None = None) -> int:
    """Every morning: this year and last year (declarations of December arrive in January) for every
    aanbieder with a ceiling, so a threshold reached while a notification could not be made, or a
    ceiling lowered by beheer, is still reported, once."""
    vandaag = vandaag or clock.today()
    return signaleer(None, [vandaag.year - 1, vandaag.year])


def jaren_van(perioden: Iterable[tuple[datetime.date, datetime.date]]) -> set[int]:
    """The calendar years the periods touch."""
    return {jaar for van, tot in perioden for jaar in range(van.year, tot.year + 1)}
