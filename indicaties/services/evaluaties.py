"""Evaluations after 4 months and the changes their outcome implies (same transaction).

`stel_bij` (afschalen, beëindigen, anders inzetten) is also what a half-year check that finds
the care no longer appropriate leads to, so both paths apply the same rules.
"""

import datetime
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from casusregie import clock
from casusregie.exceptions import InvalidTransition, RuleViolation

from .. import costs, rules, selectors
from ..models import (
    Evaluatie,
    EvaluatieStatus,
    Frequentie,
    Indicatie,
    IndicatieStatus,
    ResultaatBehaald,
    Uitkomst,
)
from .register import IndicatieGegevens, _annuleer_gepland_werk, _bewaar, _lock_inwoner, registreer_indicatie

BIJSTELLINGEN = (Uitkomst.AFSCHALEN, Uitkomst.BEEINDIGEN, Uitkomst.ANDERS_INZETTEN)


def _verkort(indicatie: Indicatie, einddatum: datetime.date) -> None:
    """End an indicatie on `einddatum` and estimate the cost of the shortened period.

    For `totaal` the volume was agreed for the whole period, so it shrinks with the period.
    """
    if indicatie.frequentie == Frequentie.TOTAAL and indicatie.einddatum is not None:
        oud = costs.dagen(indicatie.ingangsdatum, indicatie.einddatum)
        nieuw = costs.dagen(indicatie.ingangsdatum, einddatum)
        indicatie.volume = (indicatie.volume * nieuw / oud).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    indicatie.einddatum = einddatum
    volume_product = costs.eenheden_omrekenen(indicatie.volume, indicatie.eenheid, indicatie.product.eenheid)
    indicatie.geschatte_kosten = costs.geschatte_kosten(
        volume=volume_product,
        frequentie=indicatie.frequentie,
        ingangsdatum=indicatie.ingangsdatum,
        einddatum=einddatum,
        tarieven=selectors.tariefperioden(indicatie.product),
    )
    indicatie.uren_per_week = costs.afgerond_uren(
        costs.uren_per_week_exact(
            indicatie.volume, indicatie.eenheid, indicatie.frequentie, indicatie.ingangsdatum, einddatum
        )
    )
    indicatie.versie += 1


def bijstelling_fouten(
    indicatie: Indicatie,
    uitkomst: str,
    nieuw_volume: Decimal | None,
    per_datum: datetime.date | None,
    vandaag: datetime.date,
) -> list[rules.Violation]:
    """The conditions of afschalen/beëindigen/anders inzetten, checked before anything changes."""
    fouten = []
    if per_datum is None:
        return [rules.Violation("required", "per_datum", "Geef de datum op waarop de wijziging ingaat.")]
    if buiten := rules.datum_buiten_bereik("per_datum", per_datum):
        return buiten
    if per_datum < vandaag:
        fouten.append(
            rules.Violation(
                "geen_terugwerkende_kracht", "per_datum", "De wijziging kan niet met terugwerkende kracht ingaan."
            )
        )
    laatste = indicatie.einddatum
    if per_datum < indicatie.ingangsdatum or (laatste is not None and per_datum > laatste):
        fouten.append(
            rules.Violation(
                "per_datum_buiten_periode", "per_datum", "Deze datum ligt buiten de periode van de indicatie."
            )
        )
    if uitkomst == Uitkomst.AFSCHALEN:
        if nieuw_volume is None:
            fouten.append(rules.Violation("required", "nieuw_volume", "Geef het nieuwe (lagere) volume op."))
        elif nieuw_volume <= 0 or nieuw_volume >= indicatie.volume:
            fouten.append(
                rules.Violation(
                    "afschalen_volume",
                    "nieuw_volume",
                    f"Bij afschalen is het nieuwe volume lager dan {indicatie.volume} en hoger dan 0.",
                )
            )
        if per_datum == indicatie.ingangsdatum:
            fouten.append(
                rules.Violation(
                    "per_datum_buiten_periode", "per_datum", "Afschalen kan op zijn vroegst de dag na de ingangsdatum."
                )
            )
    return fouten


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
    fouten = bijstelling_fouten(indicatie, uitkomst, nieuw_volume, per_datum, vandaag)
    if fouten:
        raise RuleViolation(fouten)
    oude_einddatum = indicatie.einddatum
    kosten_voor = indicatie.geschatte_kosten
    indicatie.bijgesteld_op = vandaag
    if uitkomst == Uitkomst.AFSCHALEN:
        _verkort(indicatie, per_datum - datetime.timedelta(days=1))
        indicatie.status = IndicatieStatus.BEEINDIGD
        indicatie.reden_status = f"Afgeschaald per {rules.datum_tekst(per_datum)}"
        _bewaar(indicatie, gebruiker, reden)
        _annuleer_gepland_werk(indicatie, gebruiker, reden, na=indicatie.einddatum)
        gegevens = replace(
            IndicatieGegevens.van_indicatie(indicatie),
            volume=nieuw_volume,
            ingangsdatum=per_datum,
            einddatum=oude_einddatum,
            spoed=False,
            spoed_reden="",
            voorganger=None,
            vervangt=indicatie,
        )
        opvolger = registreer_indicatie(
            gebruiker=gebruiker, gegevens=gegevens, reden=f"{reden}: vervolg met lager volume"
        )
        indicatie.vermeden_kosten = kosten_voor - indicatie.geschatte_kosten - opvolger.geschatte_kosten
        _bewaar(indicatie, gebruiker, f"{reden}: vermeden kosten vastgelegd")
        return opvolger
    einddatum = per_datum
    _verkort(indicatie, einddatum)
    indicatie.vermeden_kosten = kosten_voor - indicatie.geschatte_kosten
    indicatie.status = IndicatieStatus.BEEINDIGD
    indicatie.reden_status = (
        f"Beëindigd per {rules.datum_tekst(einddatum)}"
        if uitkomst == Uitkomst.BEEINDIGEN
        else f"Anders ingezet per {rules.datum_tekst(einddatum)}"
    )
    _bewaar(indicatie, gebruiker, reden)
    _annuleer_gepland_werk(indicatie, gebruiker, reden, na=einddatum)
    return None


@transaction.atomic
def rond_evaluatie_af(
    *,
    gebruiker: AbstractBaseUser,
    evaluatie: Evaluatie,
    uitkomst: str,
    resultaat_behaald: str,
    toelichting: str = "",
    nieuw_volume: Decimal | None = None,
    per_datum: datetime.date | None = None,
) -> Evaluatie:
    evaluatie = Evaluatie.objects.select_related("indicatie__inwoner").get(pk=evaluatie.pk)
    _lock_inwoner(evaluatie.indicatie.inwoner)
    evaluatie = Evaluatie.objects.select_for_update().get(pk=evaluatie.pk)
    indicatie = (
        Indicatie.objects.select_for_update().select_related("inwoner", "product").get(pk=evaluatie.indicatie_id)
    )
    if evaluatie.status not in (EvaluatieStatus.GEPLAND, EvaluatieStatus.OPEN):
        raise InvalidTransition(f"Deze evaluatie is al {evaluatie.get_status_display()}.")
    fouten = []
    if uitkomst not in Uitkomst.values:
        fouten.append(rules.Violation("invalid_choice", "uitkomst", "Kies een geldige uitkomst."))
    if resultaat_behaald not in ResultaatBehaald.values:
        fouten.append(
            rules.Violation(
                "invalid_choice", "resultaat_behaald", "Geef aan of de resultaten zijn behaald: ja, deels of nee."
            )
        )
    if uitkomst in BIJSTELLINGEN and not (toelichting or "").strip():
        fouten.append(
            rules.Violation("toelichting_verplicht", "toelichting", "Licht toe waarom de zorg wordt bijgesteld.")
        )
    if fouten:
        raise RuleViolation(fouten)
    if uitkomst in BIJSTELLINGEN and indicatie.status != IndicatieStatus.TOEGEWEZEN:
        raise InvalidTransition(
            f"Een indicatie met status '{indicatie.get_status_display()}' kan niet meer worden bijgesteld."
        )

    vandaag = clock.today()
    evaluatie.status = EvaluatieStatus.AFGEROND
    evaluatie.uitkomst = uitkomst
    evaluatie.resultaat_behaald = resultaat_behaald
    evaluatie.toelichting = (toelichting or "").strip()
    evaluatie.nieuw_volume = nieuw_volume if uitkomst == Uitkomst.AFSCHALEN else None
    evaluatie.per_datum = per_datum if uitkomst in BIJSTELLINGEN else None
    evaluatie.afgerond_op = vandaag
    evaluatie.afgerond_door = gebruiker
    reden = f"Evaluatie {evaluatie.pk} afgerond: {Uitkomst(uitkomst).label}"
    _bewaar(evaluatie, gebruiker, reden)
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
            _bewaar(evaluatie, gebruiker, reden)
    return evaluatie


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
    _lock_inwoner(indicatie.inwoner)
    indicatie = Indicatie.objects.select_for_update().select_related("inwoner", "product").get(pk=indicatie.pk)
    if uitkomst not in BIJSTELLINGEN:
        raise RuleViolation(
            [rules.Violation("invalid_choice", "uitkomst", "Kies afschalen, beeindigen of anders_inzetten.")]
        )
    if not (reden or "").strip():
        raise RuleViolation(
            [rules.Violation("toelichting_verplicht", "reden", "Licht toe waarom de zorg wordt bijgesteld.")]
        )
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
