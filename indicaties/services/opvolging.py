"""Follow-ups that do not get lost (docs/domain.md, "Traject"): a half-year check that finds the
care not fitting, or an evaluation that finds a goal not reached, leaves work for the regisseur
that stays open until the care is adjusted, ended, or its continuation motivated."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from basis import clock
from basis.codes import Code
from basis.exceptions import InvalidTransition, RuleViolation
from basis.historie import bewaar

from .. import rules
from ..models import Evaluatie, Halfjaarcheck, Indicatie, Opvolging, OpvolgingAfhandeling, OpvolgingBron
from . import meldingen

Gebruiker = AbstractBaseUser | None


def open_na_halfjaarcheck(check: Halfjaarcheck, gebruiker: Gebruiker) -> Opvolging:
    opvolging = Opvolging(
        inwoner_id=check.inwoner_id,
        bron=OpvolgingBron.HALFJAARCHECK,
        halfjaarcheck=check,
        aanleiding=f"De zorg is bij de halfjaarcheck niet meer passend bevonden: {check.toelichting}",
        aangemaakt_op=clock.today(),
    )
    bewaar(opvolging, gebruiker, "Opvolging: zorg niet passend bij de halfjaarcheck")
    meldingen.opvolging_nodig(opvolging)
    return opvolging


def open_na_evaluatie(
    evaluatie: Evaluatie, indicatie: Indicatie, gebruiker: Gebruiker, afhandeling: str = ""
) -> Opvolging:
    """A goal `nee`. When the evaluation itself adjusts or ends the care (`afhandeling`), the
    follow-up is recorded as acted on at once, so the figures count it all the same."""
    opvolging = Opvolging(
        inwoner_id=indicatie.inwoner_id,
        bron=OpvolgingBron.EVALUATIE,
        evaluatie=evaluatie,
        aanleiding=f"Bij de evaluatie van {indicatie.product.code} is een doel niet behaald.",
        aangemaakt_op=clock.today(),
    )
    if afhandeling:
        opvolging.afgehandeld_op = clock.today()
        opvolging.afgehandeld_door = gebruiker
        opvolging.afhandeling = afhandeling
        opvolging.toelichting = evaluatie.toelichting
    bewaar(opvolging, gebruiker, "Opvolging: doel niet behaald bij de evaluatie")
    if not afhandeling:
        meldingen.opvolging_nodig(opvolging)
    return opvolging


def sluit_bij_bijstelling(indicatie: Indicatie, gebruiker: Gebruiker, afhandeling: str, toelichting: str) -> None:
    """Care adjusted or ended: the inwoner's open follow-ups of a half-year check, and those of
    this indicatie's evaluation, are acted on."""
    # `of`: the evaluation is an outer join (a check's follow-up has none), which PostgreSQL cannot lock.
    open_ = Opvolging.objects.select_for_update(of=("self",)).filter(
        inwoner_id=indicatie.inwoner_id, afgehandeld_op__isnull=True
    )
    for opvolging in open_.select_related("evaluatie"):
        if opvolging.bron == OpvolgingBron.EVALUATIE and opvolging.evaluatie.indicatie_id != indicatie.pk:
            continue
        _sluit(opvolging, gebruiker, afhandeling, toelichting)


def _sluit(opvolging: Opvolging, gebruiker: Gebruiker, afhandeling: str, toelichting: str) -> None:
    opvolging.afgehandeld_op = clock.today()
    opvolging.afgehandeld_door = gebruiker
    opvolging.afhandeling = afhandeling
    opvolging.toelichting = toelichting.strip()
    bewaar(opvolging, gebruiker, f"Opvolging afgehandeld: {OpvolgingAfhandeling(afhandeling).label}")


@transaction.atomic
def handel_opvolging_af(
    *, gebruiker: AbstractBaseUser, opvolging: Opvolging, afhandeling: str, toelichting: str
) -> Opvolging:
    """The regisseur records what was done: adjusted, ended, or continued with a reason."""
    opvolging = Opvolging.objects.select_for_update().get(pk=opvolging.pk)
    if opvolging.afgehandeld_op is not None:
        raise InvalidTransition("Deze opvolging is al afgehandeld.", code=Code.OPVOLGING_AFGEHANDELD)
    fouten = rules.workflow.opvolging_fouten(
        afhandeling=afhandeling, keuzes=OpvolgingAfhandeling.values, toelichting=toelichting
    )
    if fouten:
        raise RuleViolation(fouten)
    _sluit(opvolging, gebruiker, afhandeling, toelichting)
    return opvolging
