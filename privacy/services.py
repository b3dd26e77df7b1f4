"""What changes state in the privacy machinery: opening a dossier outside the caseload, handing
the regie to another consulent, the teams as the identity provider says, and purging the log
after its retention period.

The inwoner is the register's (indicaties.Inwoner), passed in by the caller; this app does not
import the register (docs/architecture.md).
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from basis import clock
from basis.exceptions import RuleViolation
from basis.historie import bewaar, met_reden
from basis.roles import is_actieve_consulent
from notifications.models import Soort
from notifications.services import notificeer

from . import keten, logboek, rules
from .models import Correctie, Handeling, KetenAnker, KetenKop, Team, ToegangBuitenCaseload, Verwerking

logger = logging.getLogger(__name__)

TOEGANG = "toegang-buiten-caseload-v1"
OVERDRACHT = "overdragen-regie-v1"


def korte_naam(inwoner) -> str:
    """How notifications name an inwoner: initial and surname, never a BSN."""
    return f"{inwoner.voornaam[:1]}. {inwoner.achternaam}"


def gebruikersnaam(gebruiker) -> str:
    return gebruiker.get_full_name() or gebruiker.get_username()


@transaction.atomic
def open_buiten_caseload(*, gebruiker: AbstractBaseUser, inwoner, reden: str) -> ToegangBuitenCaseload:
    """'Break the glass': `gebruiker` may see and act on `inwoner` for the rest of today. Recorded
    with the reason, in the processing log, and the regisseur is told (inbox and e-mail)."""
    if fouten := rules.toegang_fouten(reden=reden):
        raise RuleViolation(fouten)
    reden = reden.strip()
    toegang = ToegangBuitenCaseload.objects.create(
        gebruiker=gebruiker,
        inwoner=inwoner,
        reden=reden,
        datum=clock.today(),
        geopend_op=clock.now(),
        regisseur_id=inwoner.regisseur_id,
    )
    logboek.verwerkt([inwoner.bsn], TOEGANG)
    logboek.met_reden(reden)
    if inwoner.regisseur_id is not None and inwoner.regisseur_id != gebruiker.pk:
        notificeer(
            [inwoner.regisseur],
            soort=Soort.TOEGANG_BUITEN_CASELOAD,
            sleutel=str(toegang.pk),
            onderwerp=f"{gebruikersnaam(gebruiker)} opende het dossier van {korte_naam(inwoner)} buiten de caseload",
            object_id=inwoner.pk,
        )
    return toegang


def open_tot(toegang: ToegangBuitenCaseload) -> datetime.datetime:
    """Midnight after the day it was opened, Europe/Amsterdam: the end of the access."""
    return datetime.datetime.combine(
        toegang.datum + datetime.timedelta(days=1), datetime.time(), tzinfo=timezone.get_default_timezone()
    )


@transaction.atomic
def draag_regie_over(*, gebruiker: AbstractBaseUser, inwoner, regisseur: AbstractBaseUser | None, reden: str):
    """Make `regisseur` the inwoner's regisseur, with a reason in the inwoner's history."""
    inwoner = type(inwoner).objects.select_for_update().get(pk=inwoner.pk)
    fouten = rules.overdracht_fouten(
        reden=reden,
        is_actieve_consulent=is_actieve_consulent(regisseur),
        is_al_regisseur=regisseur is not None and regisseur.pk == inwoner.regisseur_id,
    )
    if fouten:
        raise RuleViolation(fouten)
    inwoner.regisseur = regisseur
    bewaar(inwoner, gebruiker, f"Regie overgedragen aan {gebruikersnaam(regisseur)}: {reden.strip()}")
    logboek.verwerkt([inwoner.bsn], OVERDRACHT)
    return inwoner


TEAM_VOLGENS_IDP = "Team volgens het gemeente-account bij inloggen"


@transaction.atomic
def zet_teams_volgens_gemeenteaccount(*, gebruiker: AbstractBaseUser, teams: list[str]) -> None:
    """With a team claim configured (OIDC_CLAIM_TEAM), the identity provider is the source of the
    teams: `gebruiker` is a member of exactly the teams it names, by name, and a team it names that
    is not yet known is made. Without one, beheer keeps the teams by hand and nothing changes."""
    if not settings.OIDC_CLAIM_TEAM:
        return
    lengte = Team._meta.get_field("naam").max_length
    gewenst = {naam for naam in teams if naam.strip() and len(naam) <= lengte}
    if len(gewenst) < len(set(teams)):
        logger.warning(
            "Teamclaim van gebruiker %s: lege of te lange teamnamen (> %s tekens) genegeerd", gebruiker.pk, lengte
        )
    bekend = {t.naam: t for t in Team.objects.filter(naam__in=gewenst)}
    for naam in sorted(gewenst - set(bekend)):
        bekend[naam] = met_reden(Team(naam=naam), None, TEAM_VOLGENS_IDP)
        bekend[naam].save()
    huidige = {t.naam: t for t in Team.objects.filter(leden=gebruiker)}
    for naam in sorted(set(huidige) - gewenst):
        met_reden(huidige[naam], None, TEAM_VOLGENS_IDP).leden.remove(gebruiker)
    for naam in sorted(gewenst - set(huidige)):
        met_reden(bekend[naam], None, TEAM_VOLGENS_IDP).leden.add(gebruiker)


def bij_inloggen_met_gemeenteaccount(sender, *, user, teams: list[str], **kwargs) -> None:
    zet_teams_volgens_gemeenteaccount(gebruiker=user, teams=teams)


def opschonen(*, ouder_dan: datetime.datetime) -> dict[str, int]:
    """Remove the log rows from before `ouder_dan`, oldest first and without a gap, and anchor
    each chain at the last removed row, so what stays is still verifiable from there. Refuses
    (ValueError) when the chain is not intact: an anchor must not seal a changed row."""
    verwijderd = {}
    for naam, model, tijd in (("verwerking", Verwerking, "start"), ("handeling", Handeling, "tijdstip")):
        with transaction.atomic():
            # The head's lock keeps appends out while the prefix is cut off and anchored.
            list(KetenKop.objects.select_for_update().filter(keten=naam))
            uitkomst = controleer_keten(naam)
            if not uitkomst.in_orde:
                raise ValueError(f"De keten '{naam}' is niet in orde; eerst onderzoeken: {uitkomst.fouten[0]}")
            jonger = model.objects.filter(**{f"{tijd}__gte": ouder_dan}).order_by("volgnummer").first()
            tot = (jonger.volgnummer - 1) if jonger else uitkomst.laatste
            anker = laatste_anker(naam)
            if tot is None or tot <= (anker.volgnummer if anker else 0):
                verwijderd[naam] = 0
                continue
            laatste = model.objects.get(volgnummer=tot)
            keten.onderhoud()
            aantal, _ = model.objects.filter(volgnummer__lte=tot).delete()
            Correctie.objects.filter(keten=naam, volgnummer__lte=tot).delete()
            KetenAnker.objects.create(
                keten=naam,
                volgnummer=tot,
                hash=laatste.keten_hash,
                opgeschoond_op=clock.now(),
                verwijderd=aantal,
                ouder_dan=ouder_dan,
            )
            verwijderd[naam] = aantal
    return verwijderd


def laatste_anker(naam: str) -> KetenAnker | None:
    return KetenAnker.objects.filter(keten=naam).order_by("-volgnummer").first()


def kop(naam: str) -> tuple[int, str] | None:
    """The number and hash of the chain's last row, as the database keeps them."""
    return KetenKop.objects.filter(keten=naam).values_list("volgnummer", "hash").first()


def controleer_keten(naam: str) -> keten.Uitkomst:
    model = {"verwerking": Verwerking, "handeling": Handeling}[naam]
    anker = laatste_anker(naam)
    kop_ = kop(naam)
    rijen = (
        model.objects.filter(volgnummer__gt=anker.volgnummer if anker else 0)
        .order_by("volgnummer")
        .values("id", "volgnummer", "inhoud_hash", "keten_hash", *keten.VELDEN[naam])
    )
    zonder_nummer = model.objects.filter(volgnummer__isnull=True).values(
        "id", "volgnummer", "inhoud_hash", "keten_hash", *keten.VELDEN[naam]
    )
    return keten.controleer(
        naam,
        _achter_elkaar(zonder_nummer.iterator(), rijen.iterator(chunk_size=5000)),
        (anker.volgnummer, anker.hash) if anker else None,
        kop_,
    )


def _achter_elkaar(*reeksen):
    for reeks in reeksen:
        yield from reeks
