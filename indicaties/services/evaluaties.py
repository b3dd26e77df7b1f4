"""Evaluations after 4 months and the changes their outcome implies (same transaction).

`stel_bij` (afschalen, beëindigen, anders inzetten) is also what a half-year check that finds
the care no longer appropriate leads to, so both paths apply the same rules.
"""

import datetime
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from basis import clock
from basis.exceptions import InvalidTransition, RuleViolation
from basis.historie import bewaar
from basis.notatie import datum_tekst

from .. import beleid, costs, rules, selectors
from ..feiten import DoelGegevens, IndicatieGegevens
from ..models import (
    DoelResultaat,
    Evaluatie,
    EvaluatieStatus,
    Frequentie,
    Indicatie,
    IndicatieStatus,
    OpvolgingAfhandeling,
    ResultaatBehaald,
    Uitkomst,
)
from . import opvolging
from .register import registreer_indicatie
from .vastleggen import annuleer_gepland_werk, lock_inwoner, voeg_signaal_toe

BIJSTELLINGEN = (Uitkomst.AFSCHALEN, Uitkomst.BEEINDIGEN, Uitkomst.ANDERS_INZETTEN)


def _verkort(indicatie: Indicatie, einddatum: datetime.date) -> None:
    """End an indicatie on `einddatum` and estimate the shortened period the one way the rules do.

    For `totaal` the volume was agreed for the whole period, so it shrinks with the period.
    """
    if indicatie.frequentie == Frequentie.TOTAAL and indicatie.einddatum is not None:
        oud = costs.dagen(indicatie.ingangsdatum, indicatie.einddatum)
        nieuw = costs.dagen(indicatie.ingangsdatum, einddatum)
        indicatie.volume = (indicatie.volume * nieuw / oud).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    indicatie.einddatum = einddatum
    raming = costs.raming(
        volume=indicatie.volume,
        eenheid=indicatie.eenheid,
        frequentie=indicatie.frequentie,
        ingangsdatum=indicatie.ingangsdatum,
        einddatum=einddatum,
        product_eenheid=indicatie.product.eenheid,
        tarieven=selectors.tariefperioden(indicatie.product),
    )
    indicatie.geschatte_kosten = raming.kosten
    indicatie.uren_per_week = raming.uren_per_week
    indicatie.versie += 1


def _stel_bij(
    *,
    gebruiker: AbstractBaseUser,
    indicatie: Indicatie,
    uitkomst: str,
    nieuw_volume: Decimal | None,
    per_datum: datetime.date | None,
    reden: str,
) -> Indicatie | None:
    """Apply an outcome to a locked, granted indicatie. Returns the successor for afschalen."""
    vandaag = clock.today()
    if uitkomst == Uitkomst.ANDERS_INZETTEN and per_datum is None:
        per_datum = vandaag
    fouten = rules.bijstelling_fouten(
        uitkomst=uitkomst,
        volume=indicatie.volume,
        ingangsdatum=indicatie.ingangsdatum,
        einddatum=indicatie.einddatum,
        nieuw_volume=nieuw_volume,
        per_datum=per_datum,
        vandaag=vandaag,
    )
    if fouten:
        raise RuleViolation(fouten)
    oude_einddatum = indicatie.einddatum
    kosten_voor = indicatie.geschatte_kosten
    indicatie.bijgesteld_op = vandaag
    if uitkomst == Uitkomst.AFSCHALEN:
        _verkort(indicatie, per_datum - datetime.timedelta(days=1))
        indicatie.status = IndicatieStatus.BEEINDIGD
        indicatie.reden_status = f"Afgeschaald per {datum_tekst(per_datum)}"
        bewaar(indicatie, gebruiker, reden)
        annuleer_gepland_werk(indicatie, gebruiker, reden, na=indicatie.einddatum)
        gegevens = replace(
            IndicatieGegevens.van_indicatie(indicatie),
            volume=nieuw_volume,
            ingangsdatum=per_datum,
            einddatum=oude_einddatum,
            spoed=False,
            spoed_reden="",
            voorganger=None,
            vervangt=indicatie,
            # The same care with less volume: the agreed results stay what they were.
            doelen=tuple(DoelGegevens(d.omschrijving, d.leefgebied) for d in indicatie.doelen.all()),
        )
        opvolger = registreer_indicatie(
            gebruiker=gebruiker, gegevens=gegevens, reden=f"{reden}: vervolg met lager volume"
        )
        indicatie.vermeden_kosten = kosten_voor - indicatie.geschatte_kosten - opvolger.geschatte_kosten
        bewaar(indicatie, gebruiker, f"{reden}: vermeden kosten vastgelegd")
        opvolging.sluit_bij_bijstelling(indicatie, gebruiker, OpvolgingAfhandeling.BIJGESTELD, reden)
        return opvolger
    einddatum = per_datum
    _verkort(indicatie, einddatum)
    indicatie.vermeden_kosten = kosten_voor - indicatie.geschatte_kosten
    indicatie.status = IndicatieStatus.BEEINDIGD
    indicatie.reden_status = (
        f"Beëindigd per {datum_tekst(einddatum)}"
        if uitkomst == Uitkomst.BEEINDIGEN
        else f"Anders ingezet per {datum_tekst(einddatum)}"
    )
    bewaar(indicatie, gebruiker, reden)
    annuleer_gepland_werk(indicatie, gebruiker, reden, na=einddatum)
    opvolging.sluit_bij_bijstelling(indicatie, gebruiker, OpvolgingAfhandeling.BEEINDIGD, reden)
    return None


def _doelresultaten(indicatie: Indicatie, doelen, resultaat_behaald: str | None) -> list[tuple[object, str]]:
    """(goal id, behaald) per judged goal. Without `doelen` (a client of the first version of the
    API) the overall `resultaat_behaald` holds for every goal, which derives the same result."""
    if doelen is not None:
        return [(getattr(r["doel"], "pk", r["doel"]), r["behaald"]) for r in doelen]
    return [(doel.pk, resultaat_behaald or "") for doel in indicatie.doelen.all()]


@transaction.atomic
def rond_evaluatie_af(
    *,
    gebruiker: AbstractBaseUser,
    evaluatie: Evaluatie,
    uitkomst: str,
    resultaat_behaald: str | None = None,
    doelen: list[dict] | None = None,
    toelichting: str = "",
    nieuw_volume: Decimal | None = None,
    per_datum: datetime.date | None = None,
) -> Evaluatie:
    """Complete an evaluation: every goal judged (`doelen`: [{"doel": id, "behaald": ja|deels|nee}]),
    the overall result derived, and the outcome applied in the same transaction."""
    evaluatie = Evaluatie.objects.select_related("indicatie__inwoner").get(pk=evaluatie.pk)
    lock_inwoner(evaluatie.indicatie.inwoner)
    evaluatie = Evaluatie.objects.select_for_update().get(pk=evaluatie.pk)
    indicatie = (
        Indicatie.objects.select_for_update().select_related("inwoner", "product").get(pk=evaluatie.indicatie_id)
    )
    if evaluatie.status not in (EvaluatieStatus.GEPLAND, EvaluatieStatus.OPEN):
        raise InvalidTransition(f"Deze evaluatie is al {evaluatie.get_status_display()}.")
    vandaag = clock.today()
    if fouten := rules.workflow.evaluatie_te_vroeg(
        vandaag=vandaag,
        vervaldatum=evaluatie.vervaldatum,
        vroegst_dagen=beleid.beleid_op(vandaag).evaluatie_vroegst_dagen,
    ):
        raise RuleViolation(fouten)
    doel_ids = list(indicatie.doelen.values_list("pk", flat=True))
    resultaten = _doelresultaten(indicatie, doelen, resultaat_behaald)
    behaald = [b for _, b in resultaten]
    fouten = rules.workflow.evaluatie_fouten(
        uitkomst=uitkomst,
        uitkomsten=Uitkomst.values,
        resultaat_behaald=resultaat_behaald if doelen is None else rules.workflow.resultaat_uit_doelen(behaald),
        resultaten=ResultaatBehaald.values,
        bijstelling=uitkomst in BIJSTELLINGEN,
        toelichting=toelichting,
    )
    if doelen is not None or not fouten:
        fouten += rules.workflow.doelresultaat_fouten(
            doelen=doel_ids, resultaten=resultaten, keuzes=ResultaatBehaald.values
        )
    fouten += rules.workflow.motivatie_voortzetten(
        voortzetten=uitkomst == Uitkomst.VOORTZETTEN, behaald=behaald, toelichting=toelichting
    )
    if fouten:
        raise RuleViolation(fouten)
    if uitkomst in BIJSTELLINGEN and indicatie.status != IndicatieStatus.TOEGEWEZEN:
        raise InvalidTransition(
            f"Een indicatie met status '{indicatie.get_status_display()}' kan niet meer worden bijgesteld."
        )

    evaluatie.status = EvaluatieStatus.AFGEROND
    evaluatie.uitkomst = uitkomst
    evaluatie.resultaat_behaald = rules.workflow.resultaat_uit_doelen(behaald)
    evaluatie.toelichting = (toelichting or "").strip()
    evaluatie.nieuw_volume = nieuw_volume if uitkomst == Uitkomst.AFSCHALEN else None
    evaluatie.per_datum = per_datum if uitkomst in BIJSTELLINGEN else None
    evaluatie.afgerond_op = vandaag
    evaluatie.afgerond_door = gebruiker
    reden = f"Evaluatie {evaluatie.pk} afgerond: {Uitkomst(uitkomst).label}"
    bewaar(evaluatie, gebruiker, reden)
    for doel_id, behaald_doel in resultaten:
        bewaar(DoelResultaat(evaluatie=evaluatie, doel_id=doel_id, behaald=behaald_doel), gebruiker, reden)
    if "nee" in behaald:
        _volg_niet_behaald_doel_op(evaluatie, indicatie, uitkomst, gebruiker, reden)
    if uitkomst in BIJSTELLINGEN:
        _stel_bij(
            gebruiker=gebruiker,
            indicatie=indicatie,
            uitkomst=uitkomst,
            nieuw_volume=nieuw_volume,
            per_datum=per_datum,
            reden=reden,
        )
        if evaluatie.per_datum is None:
            evaluatie.per_datum = indicatie.einddatum
            bewaar(evaluatie, gebruiker, reden)
    return evaluatie


def _volg_niet_behaald_doel_op(evaluatie, indicatie, uitkomst: str, gebruiker, reden: str) -> None:
    """A goal not reached: continuing puts the indicatie in the next sample and leaves the
    regisseur a follow-up; adjusting or ending the care is that follow-up, done at once."""
    if uitkomst == Uitkomst.VOORTZETTEN:
        signaal = rules.workflow.voortgezet_zonder_resultaat(evaluatie.toelichting)
        voeg_signaal_toe(indicatie, signaal, gebruiker, reden)
        opvolging.open_na_evaluatie(evaluatie, indicatie, gebruiker)
    else:
        afhandeling = (
            OpvolgingAfhandeling.BIJGESTELD if uitkomst == Uitkomst.AFSCHALEN else OpvolgingAfhandeling.BEEINDIGD
        )
        opvolging.open_na_evaluatie(evaluatie, indicatie, gebruiker, afhandeling=afhandeling)


@transaction.atomic
def stel_indicatie_bij(
    *,
    gebruiker: AbstractBaseUser,
    indicatie: Indicatie,
    uitkomst: str,
    reden: str,
    nieuw_volume: Decimal | None = None,
    per_datum: datetime.date | None = None,
) -> Indicatie:
    """Afschalen, beëindigen or anders inzetten outside an evaluation (e.g. after a half-year check).

    Returns the successor for afschalen, else the ended indicatie.
    """
    lock_inwoner(indicatie.inwoner)
    indicatie = Indicatie.objects.select_for_update().select_related("inwoner", "product").get(pk=indicatie.pk)
    if fouten := rules.workflow.bijstellen_fouten(uitkomst=uitkomst, bijstellingen=BIJSTELLINGEN, reden=reden):
        raise RuleViolation(fouten)
    if indicatie.status != IndicatieStatus.TOEGEWEZEN:
        raise InvalidTransition(
            f"Een indicatie met status '{indicatie.get_status_display()}' kan niet meer worden bijgesteld."
        )
    opvolger = _stel_bij(
        gebruiker=gebruiker,
        indicatie=indicatie,
        uitkomst=uitkomst,
        nieuw_volume=nieuw_volume,
        per_datum=per_datum,
        reden=f"{Uitkomst(uitkomst).label}: {reden.strip()}",
    )
    return opvolger or indicatie
