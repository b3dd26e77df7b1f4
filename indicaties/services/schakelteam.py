"""Schakelteam: decisions on indicaties above the threshold, and advice on any indicatie."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from casusregie import clock
from casusregie.exceptions import InvalidTransition, NotAllowed, RuleViolation

from .. import rules
from ..models import Besluit, Indicatie, IndicatieStatus, SchakelteamAdvies, SchakelteamBeoordeling
from . import meldingen
from .register import IndicatieGegevens, _bewaar, _lock_inwoner, _plan_evaluatie, beoordeel


def _toelichting_verplicht(tekst: str, veld: str = "toelichting") -> str:
    if not (tekst or "").strip():
        raise RuleViolation(
            [rules.Violation("toelichting_verplicht", veld, "Een schriftelijke toelichting is verplicht.")]
        )
    return tekst.strip()


@transaction.atomic
def neem_schakelteambesluit(
    *, gebruiker: AbstractBaseUser, indicatie: Indicatie, besluit: str, toelichting: str
) -> Indicatie:
    """`akkoord` grants the indicatie, `afgewezen` refuses it; never by its own consulent."""
    _lock_inwoner(indicatie.inwoner)
    indicatie = Indicatie.objects.select_for_update().select_related("inwoner", "product").get(pk=indicatie.pk)
    if indicatie.consulent_id == gebruiker.pk:
        raise NotAllowed("U kunt niet beslissen over een indicatie die u zelf heeft geregistreerd (vier-ogenprincipe).")
    if indicatie.status != IndicatieStatus.WACHT_OP_SCHAKELTEAM:
        raise InvalidTransition(
            f"Deze indicatie wacht niet op het schakelteam (status '{indicatie.get_status_display()}')."
        )
    if besluit not in Besluit.values:
        raise RuleViolation([rules.Violation("invalid_choice", "besluit", "Kies 'akkoord' of 'afgewezen'.")])
    toelichting = _toelichting_verplicht(toelichting)
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
    _bewaar(vastlegging, gebruiker, f"Schakelteambesluit: {besluit}")
    indicatie.status = IndicatieStatus.TOEGEWEZEN if besluit == Besluit.AKKOORD else IndicatieStatus.AFGEWEZEN
    indicatie.versie += 1
    _bewaar(indicatie, gebruiker, f"Schakelteambesluit {besluit}: {toelichting}")
    if indicatie.status == IndicatieStatus.TOEGEWEZEN:
        _plan_evaluatie(indicatie, beoordeling, gebruiker, "Toegewezen na akkoord schakelteam")
    meldingen.schakelteam_besluit(indicatie, vastlegging.pk, vastlegging.get_besluit_display())
    return indicatie


@transaction.atomic
def vraag_advies(*, gebruiker: AbstractBaseUser, indicatie: Indicatie, vraag: str) -> SchakelteamAdvies:
    vraag = _toelichting_verplicht(vraag, "vraag")
    advies = SchakelteamAdvies(indicatie=indicatie, vraag=vraag, gevraagd_door=gebruiker, gevraagd_op=clock.now())
    _bewaar(advies, gebruiker, "Advies gevraagd aan het schakelteam")
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
    if advies.gevraagd_door_id == gebruiker.pk:
        raise NotAllowed("U kunt uw eigen adviesvraag niet beantwoorden.")
    advies.antwoord = _toelichting_verplicht(antwoord, "antwoord")
    advies.beantwoord_door = gebruiker
    advies.beantwoord_op = clock.now()
    _bewaar(advies, gebruiker, "Advies gegeven door het schakelteam")
    meldingen.advies_gegeven(advies.indicatie, advies.pk, advies.gevraagd_door)
    return advies
