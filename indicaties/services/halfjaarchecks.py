"""Half-year checks: every six months, per inwoner with granted care (seed 002, option 4)."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Exists, Max, Min, OuterRef
from simple_history.utils import bulk_create_with_history

from basis import clock
from basis.exceptions import InvalidTransition, RuleViolation
from basis.historie import bewaar
from privacy import logboek

from .. import rules
from ..domein import LOPENDE_CHECK
from ..models import CheckStatus, Halfjaarcheck, Indicatie, IndicatieStatus, Inwoner
from . import meldingen, opvolging
from .bulk import BATCH, vergrendel, werk_bij

ZES_MAANDEN = relativedelta(months=6)


# "Has no ..." is NOT EXISTS, never NOT IN (subquery): PostgreSQL turns NOT EXISTS into an
# anti-join that stays linear, while NOT IN is a subplan that is only hashed while the whole
# subquery fits in work_mem; beyond that (a million indicaties) it scans the subquery once for
# every row, and the daily run did not finish.
def _heeft_zorg():
    return Exists(Indicatie.objects.filter(status=IndicatieStatus.TOEGEWEZEN, inwoner_id=OuterRef("inwoner_id")))


def _heeft_lopende_check():
    return Exists(Halfjaarcheck.objects.filter(status__in=LOPENDE_CHECK, inwoner_id=OuterRef("inwoner_id")))


def plan_halfjaarchecks(datum: datetime.date) -> dict[str, int]:
    """Plan, open and cancel checks for `datum`. Runs inside the daily run's transaction."""
    lopend = Halfjaarcheck.objects.filter(status__in=LOPENDE_CHECK)

    # Care ended: a check still in progress has nothing left to check.
    vervallen = list(lopend.select_for_update(of=("self",)).filter(~_heeft_zorg()))
    werk_bij(vervallen, Halfjaarcheck, "Geen toegewezen zorg meer", status=CheckStatus.GEANNULEERD)

    # Every inwoner with granted care has exactly one check in progress (a partial unique index
    # guards it): 6 months after the last completed check, or after the earliest current start.
    zonder_check = list(
        Indicatie.objects.filter(~_heeft_lopende_check(), status=IndicatieStatus.TOEGEWEZEN)
        .values("inwoner_id")
        .annotate(eerste=Min("ingangsdatum"))
        .order_by("inwoner_id")
    )
    # By id, not as a subquery: PostgreSQL expects the anti-join above to find tens of thousands
    # of inwoners and then reads every completed check of ten years; it finds a few hundred.
    laatste_afgerond = {}
    for begin in range(0, len(zonder_check), BATCH):
        laatste_afgerond.update(
            Halfjaarcheck.objects.filter(
                status=CheckStatus.AFGEROND,
                inwoner_id__in=[rij["inwoner_id"] for rij in zonder_check[begin : begin + BATCH]],
            )
            .values("inwoner_id")
            .annotate(laatste=Max("afgerond_op"))
            .values_list("inwoner_id", "laatste")
        )
    nieuw = []
    for rij in zonder_check:
        basis = laatste_afgerond.get(rij["inwoner_id"]) or rij["eerste"]
        nieuw.append(Halfjaarcheck(inwoner_id=rij["inwoner_id"], vervaldatum=basis + ZES_MAANDEN))
    if nieuw:
        bulk_create_with_history(
            nieuw, Halfjaarcheck, default_change_reason="Halfjaarcheck ingepland", batch_size=BATCH
        )

    grens = datum + datetime.timedelta(days=settings.EVALUATIE_VOORLOOP_DAGEN)
    te_openen = vergrendel(
        Halfjaarcheck.objects.select_related("inwoner__regisseur"), status=CheckStatus.GEPLAND, vervaldatum__lte=grens
    )
    werk_bij(te_openen, Halfjaarcheck, "Halfjaarcheck geopend", status=CheckStatus.OPEN)
    if te_openen:
        zonder_regisseur = [c.inwoner_id for c in te_openen if c.inwoner.regisseur_id is None]
        meldingen.halfjaarchecks_open(te_openen, _consulent_per_inwoner(zonder_regisseur) if zonder_regisseur else {})
    _in_het_logboek([c.inwoner_id for c in (*vervallen, *nieuw)], [c.inwoner.bsn for c in te_openen])
    return {"checks_ingepland": len(nieuw), "checks_geopend": len(te_openen), "checks_geannuleerd": len(vervallen)}


def _in_het_logboek(inwoner_ids: list, bsns: list[str]) -> None:
    """The inwoners whose check was planned, opened or cancelled, in the processing log."""
    for begin in range(0, len(inwoner_ids), BATCH):
        bsns += Inwoner.objects.filter(pk__in=inwoner_ids[begin : begin + BATCH]).values_list("bsn", flat=True)
    logboek.verwerkt(bsns, "dagelijkse-run-v1")


def _consulent_per_inwoner(inwoner_ids) -> dict:
    """The consulent of the latest granted indicatie, for inwoners without a regisseur."""
    resultaat = {}
    for indicatie in (
        Indicatie.objects.filter(inwoner_id__in=inwoner_ids, status=IndicatieStatus.TOEGEWEZEN)
        .select_related("consulent")
        .order_by("inwoner_id", "-ingangsdatum")
    ):
        resultaat.setdefault(indicatie.inwoner_id, indicatie.consulent)
    return resultaat


@transaction.atomic
def rond_halfjaarcheck_af(
    *,
    gebruiker: AbstractBaseUser,
    check: Halfjaarcheck,
    zorg_passend: bool,
    contact_aanbieder: datetime.date,
    contact_inwoner: datetime.date,
    toelichting: str,
) -> Halfjaarcheck:
    check = Halfjaarcheck.objects.select_for_update().get(pk=check.pk)
    if check.status not in (CheckStatus.GEPLAND, CheckStatus.OPEN):
        raise InvalidTransition(f"Deze halfjaarcheck is al {check.get_status_display()}.")
    vandaag = clock.today()
    fouten = rules.workflow.halfjaarcheck_fouten(
        zorg_passend=zorg_passend,
        contact_aanbieder=contact_aanbieder,
        contact_inwoner=contact_inwoner,
        toelichting=toelichting,
        vandaag=vandaag,
        vroegste_contact=check.vervaldatum - ZES_MAANDEN,
    )
    if fouten:
        raise RuleViolation(fouten)
    check.status = CheckStatus.AFGEROND
    check.zorg_passend = zorg_passend
    check.contact_aanbieder = contact_aanbieder
    check.contact_inwoner = contact_inwoner
    check.toelichting = toelichting.strip()
    check.afgerond_op = vandaag
    check.afgerond_door = gebruiker
    bewaar(check, gebruiker, "Halfjaarcheck afgerond" + ("" if zorg_passend else ": zorg niet meer passend"))
    if not zorg_passend:
        opvolging.open_na_halfjaarcheck(check, gebruiker)
    if Indicatie.objects.filter(inwoner_id=check.inwoner_id, status=IndicatieStatus.TOEGEWEZEN).exists():
        bewaar(
            Halfjaarcheck(inwoner_id=check.inwoner_id, vervaldatum=vandaag + ZES_MAANDEN),
            gebruiker,
            "Volgende halfjaarcheck ingepland",
        )
    return check
