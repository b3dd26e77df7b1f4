"""The daily run: all date-driven work for a date, from one function.

Celery beat calls it each morning and `manage.py dagelijkse_run` (or `run_daily_jobs`) calls it by hand. The database
is the source of truth: every step selects what is due *up to* the date, so one run catches up
on all days missed since the last one, and a completed date is recorded so a second run of the
same date changes nothing. Concurrent runs are serialised by a lock; the unique constraints on
notifications and half-year checks make a double effect impossible even without it.
"""

import datetime
import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from basis import clock
from basis.codes import Code
from basis.exceptions import Domeinfout
from basis.historie import met_reden
from notifications.email import verstuur_openstaande_emails
from privacy import logboek

from .. import beleid
from ..domein import STATUSSEN_MET_EVALUATIE
from ..models import DagelijkseRun, Evaluatie, EvaluatieStatus, Indicatie, IndicatieSignaal, IndicatieStatus
from . import meldingen
from .bulk import BATCH, vergrendel, werk_bij
from .halfjaarchecks import plan_halfjaarchecks

logger = logging.getLogger(__name__)
WAARSCHUWING_VOOR_EINDE = datetime.timedelta(weeks=6)
LOCK_SLEUTEL = 7_320_001
# In the register of processing activities (privacy.register).
VERWERKING = "dagelijkse-run-v1"


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_SLEUTEL])
    # SQLite: transactions start IMMEDIATE (settings), which already serialises writers.


def _open_evaluaties(datum: datetime.date) -> int:
    grens = datum + datetime.timedelta(days=settings.EVALUATIE_VOORLOOP_DAGEN)
    evaluaties = vergrendel(
        Evaluatie.objects.filter(indicatie__status__in=STATUSSEN_MET_EVALUATIE).select_related(
            "indicatie__consulent", "indicatie__inwoner", "indicatie__product"
        ),
        status=EvaluatieStatus.GEPLAND,
        vervaldatum__lte=grens,
    )
    werk_bij(evaluaties, Evaluatie, "Evaluatie geopend (binnen de voorlooptijd)", status=EvaluatieStatus.OPEN)
    meldingen.evaluaties_open(evaluaties)
    logboek.verwerkt((e.indicatie.inwoner.bsn for e in evaluaties), VERWERKING)
    return len(evaluaties)


def _escaleer_te_late_evaluaties(datum: datetime.date) -> int:
    evaluaties = vergrendel(
        Evaluatie.objects.select_related("indicatie__consulent", "indicatie__inwoner__regisseur", "indicatie__product"),
        status=EvaluatieStatus.OPEN,
        vervaldatum__lt=datum,
        te_laat_gemeld=False,
    )
    werk_bij(evaluaties, Evaluatie, "Evaluatie te laat: geëscaleerd", te_laat_gemeld=True)
    meldingen.evaluaties_te_laat(evaluaties)
    logboek.verwerkt((e.indicatie.inwoner.bsn for e in evaluaties), VERWERKING)
    return len(evaluaties)


def _laat_verlopen(datum: datetime.date) -> int:
    indicaties = vergrendel(
        Indicatie.objects.select_related("inwoner"), status=IndicatieStatus.TOEGEWEZEN, einddatum__lt=datum
    )
    for indicatie in indicaties:
        indicatie.versie += 1
    werk_bij(
        indicaties,
        Indicatie,
        "Verlopen: einddatum gepasseerd",
        status=IndicatieStatus.VERLOPEN,
        versie=F("versie") + 1,
    )
    logboek.verwerkt((i.inwoner.bsn for i in indicaties), VERWERKING)
    return len(indicaties)


def _waarschuw_einde(datum: datetime.date, vanaf: datetime.date) -> int:
    # From `vanaf`, the first day this run covers: an indicatie that ended during missed days
    # was due its warning on one of them, so it still gets it (before it expires below).
    indicaties = list(
        Indicatie.objects.filter(
            status=IndicatieStatus.TOEGEWEZEN,
            einddatum__gte=vanaf,
            einddatum__lte=datum + WAARSCHUWING_VOOR_EINDE,
        )
        .exclude(einde_gemeld_voor=F("einddatum"))
        .select_related("consulent", "inwoner", "product")
    )
    meldingen.indicaties_lopen_af(indicaties)
    logboek.verwerkt((i.inwoner.bsn for i in indicaties), VERWERKING)
    for begin in range(0, len(indicaties), BATCH):
        Indicatie.objects.filter(pk__in=[i.pk for i in indicaties[begin : begin + BATCH]]).update(
            einde_gemeld_voor=F("einddatum")
        )
    return len(indicaties)


ZORG_NIET_GESTART = "Zorg niet gestart: de aanbieder meldde binnen de termijn geen start (305)"


def _zorg_niet_gestart(datum: datetime.date) -> int:
    """`zorg_niet_gestart`: granted care without a reported start `start_termijn_dagen` after its
    ingangsdatum (beleidsregel in force on the date). A signal, once, and the regisseur is told."""
    grens = datum - datetime.timedelta(days=beleid.beleid_op(datum).start_termijn_dagen)
    indicaties = list(
        Indicatie.objects.filter(
            status=IndicatieStatus.TOEGEWEZEN, zorg_gestart_op__isnull=True, ingangsdatum__lte=grens
        )
        .exclude(signaalregels__code=Code.ZORG_NIET_GESTART)
        .select_related("consulent", "inwoner__regisseur", "product")
    )
    for i in indicaties:
        met_reden(
            IndicatieSignaal(
                indicatie=i,
                code=Code.ZORG_NIET_GESTART,
                toelichting=f"Geen start gemeld sinds {i.ingangsdatum:%d-%m-%Y}.",
            ),
            None,
            ZORG_NIET_GESTART,
        ).save()
    meldingen.zorg_niet_gestart(indicaties)
    logboek.verwerkt((i.inwoner.bsn for i in indicaties), VERWERKING)
    return len(indicaties)


def voer_dagelijkse_taken_uit(datum: datetime.date | None = None) -> DagelijkseRun | None:
    """Do everything due up to `datum` (default today). Returns the run, or None if already done.

    A date after today is refused: it would expire indicaties and escalate evaluations before
    their day, and every run until that date would then find nothing to do.
    """
    vandaag = clock.today()
    datum = datum or vandaag
    if datum > vandaag:
        raise Domeinfout(
            f"De dagelijkse run kan niet vooruitlopen: {datum.day}-{datum.month}-{datum.year} ligt na vandaag.",
            code=Code.DATUM_IN_TOEKOMST,
        )
    with transaction.atomic():
        _lock()
        laatste = DagelijkseRun.objects.order_by("-datum").first()
        if laatste is not None and laatste.datum >= datum:
            logger.info("Dagelijkse run voor %s is al gedaan (laatste: %s).", datum, laatste.datum)
            return None
        gestart = clock.now()
        vanaf = laatste.datum + datetime.timedelta(days=1) if laatste else datum
        samenvatting = {
            "ingehaald_vanaf": str(vanaf),
            "evaluaties_geopend": _open_evaluaties(datum),
            "evaluaties_te_laat": _escaleer_te_late_evaluaties(datum),
            "waarschuwingen_einde": _waarschuw_einde(datum, vanaf),
            "indicaties_verlopen": _laat_verlopen(datum),
            "zorg_niet_gestart": _zorg_niet_gestart(datum),
        }
        samenvatting.update(plan_halfjaarchecks(datum))
        run = DagelijkseRun.objects.create(
            datum=datum, gestart=gestart, voltooid=clock.now(), samenvatting=samenvatting
        )
    logger.info("Dagelijkse run %s voltooid: %s", datum, samenvatting)
    # Mail whatever is still unsent, including mails whose task was lost with the broker.
    verstuur_openstaande_emails()
    return run
