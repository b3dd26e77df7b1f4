"""Schakelteam: decisions on indicaties above the threshold, and advice on any indicatie."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from basis import clock
from basis.exceptions import InvalidTransition, NotAllowed, RuleViolation
from basis.historie import bewaar

from .. import rules, selectors
from ..feiten import IndicatieGegevens, beoordeel
from ..models import Besluit, Indicatie, IndicatieStatus, SchakelteamAdvies, SchakelteamBeoordeling
from . import meldingen
from .vastleggen import lock_inwoner, plan_evaluatie


def _toelichting(tekst: str, veld: str = "toelichting") -> str:
    """The written explanation, question or answer every schakelteam step requires."""
    if fouten := rules.workflow.toelichting_verplicht(tekst, veld):
        raise RuleViolation(fouten)
    return tekst.strip()


def _vier_ogen(fouten: list[rules.Violation]) -> None:
    if fouten:
        raise NotAllowed(fouten[0].bericht)


# "U kunt niet beslissen over een indicatie die u zelf heeft geregistreerd" (or "gewijzigd sinds de
# laatste beoordeling"): the web page asks the same rule.
BESLISSEN = "beslissen over"


@transaction.atomic
def neem_schakelteambesluit(
    *, gebruiker: AbstractBaseUser, indicatie: Indicatie, besluit: str, toelichting: str
) -> Indicatie:
    """`akkoord` grants the indicatie, `afgewezen` refuses it; never by its own consulent."""
    lock_inwoner(indicatie.inwoner)
    indicatie = Indicatie.objects.select_for_update().select_related("inwoner", "product").get(pk=indicatie.pk)
    _vier_ogen(
        rules.workflow.vier_ogen(
            uitvoerder_id=gebruiker.pk,
            consulent_id=indicatie.consulent_id,
            handeling=BESLISSEN,
            wijzigers=selectors.wijzigers_sinds_besluit(indicatie),
        )
    )
    if indicatie.status != IndicatieStatus.WACHT_OP_SCHAKELTEAM:
        raise InvalidTransition(
            f"Deze indicatie wacht niet op het schakelteam (status '{indicatie.get_status_display()}')."
        )
    if fouten := rules.workflow.keuze_ongeldig(besluit, Besluit.values, "besluit", "Kies 'akkoord' of 'afgewezen'."):
        raise RuleViolation(fouten)
    toelichting = _toelichting(toelichting)
    beoordeling = beoordeel(IndicatieGegevens.van_indicatie(indicatie), bestaand=indicatie)
    nu = clock.now()
    vastlegging = SchakelteamBeoordeling(
        indicatie=indicatie,
        besluit=besluit,
        toelichting=toelichting,
        beoordelaar=gebruiker,
        beoordeeld_bedrag=beoordeling.kosten_met_overlap or indicatie.geschatte_kosten,
        aangevraagd_op=indicatie.gewijzigd,
        besloten_op=nu,
    )
    bewaar(vastlegging, gebruiker, f"Schakelteambesluit: {besluit}")
    indicatie.status = IndicatieStatus.TOEGEWEZEN if besluit == Besluit.AKKOORD else IndicatieStatus.AFGEWEZEN
    indicatie.versie += 1
    bewaar(indicatie, gebruiker, f"{selectors.BESLUIT_REDEN} {besluit}: {toelichting}")
    if indicatie.status == IndicatieStatus.TOEGEWEZEN:
        plan_evaluatie(indicatie, beoordeling, gebruiker, "Toegewezen na akkoord schakelteam")
    meldingen.schakelteam_besluit(indicatie, vastlegging.pk, vastlegging.get_besluit_display())
    return indicatie


@transaction.atomic
def vraag_advies(*, gebruiker: AbstractBaseUser, indicatie: Indicatie, vraag: str) -> SchakelteamAdvies:
    vraag = _toelichting(vraag, "vraag")
    advies = SchakelteamAdvies(indicatie=indicatie, vraag=vraag, gevraagd_door=gebruiker, gevraagd_op=clock.now())
    bewaar(advies, gebruiker, "Advies gevraagd aan het schakelteam")
    meldingen.advies_gevraagd(indicatie, advies.pk, gebruiker)
    return advies


@transaction.atomic
def geef_advies(*, gebruiker: AbstractBaseUser, advies: SchakelteamAdvies, antwoord: str) -> SchakelteamAdvies:
    advies = (
        SchakelteamAdvies.objects.select_for_update()
        .select_related("indicatie__inwoner", "indicatie__product")
        .get(pk=advies.pk)
    )
    if advies.beantwoord_op is not None:
        raise InvalidTransition("Deze adviesvraag is al beantwoord.")
    _vier_ogen(rules.workflow.eigen_adviesvraag(uitvoerder_id=gebruiker.pk, vrager_id=advies.gevraagd_door_id))
    advies.antwoord = _toelichting(antwoord, "antwoord")
    advies.beantwoord_door = gebruiker
    advies.beantwoord_op = clock.now()
    bewaar(advies, gebruiker, "Advies gegeven door het schakelteam")
    meldingen.advies_gegeven(advies.indicatie, advies.pk, advies.gevraagd_door)
    return advies
