"""Every state change of the register. One transaction per service; the rules come from rules.py.

Each service locks what it must, gathers facts through selectors, runs the rules, raises
`RuleViolation` when a blocking rule fails, saves with the acting user and a change reason for
the history, and schedules follow-up work with `transaction.on_commit`.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from casusregie import clock
from casusregie.exceptions import InvalidTransition, RuleViolation, StaleVersion

from .. import costs, rules, selectors
from ..models import (
    Aanbieder,
    Evaluatie,
    EvaluatieStatus,
    Indicatie,
    IndicatieSignaal,
    IndicatieStatus,
    Inwoner,
    Product,
    Tarief,
)
from . import meldingen


def _bewaar(obj, gebruiker: AbstractBaseUser | None, reden: str, **save_kwargs) -> None:
    """Save with the acting user and the reason, so the history says who and why."""
    obj._history_user = gebruiker
    obj._change_reason = reden
    obj.save(**save_kwargs)


# --- Inwoners ------------------------------------------------------------------------------

INWONER_VELDEN = ("bsn", "voornaam", "achternaam", "geboortedatum", "wlz_indicatie", "regisseur")


def _controleer_inwoner(inwoner: Inwoner) -> None:
    fouten = rules.bsn_ongeldig(inwoner.bsn)
    if inwoner.geboortedatum and inwoner.geboortedatum > clock.today():
        fouten.append(
            rules.Violation("geboortedatum_in_toekomst", "geboortedatum", "De geboortedatum ligt in de toekomst.")
        )
    if not fouten and Inwoner.objects.filter(bsn=inwoner.bsn).exclude(pk=inwoner.pk).exists():
        fouten.append(rules.Violation("unique", "bsn", "Er is al een inwoner met dit BSN."))
    if fouten:
        raise RuleViolation(fouten)


@transaction.atomic
def registreer_inwoner(*, gebruiker: AbstractBaseUser, **velden: Any) -> Inwoner:
    if velden.get("regisseur") is None:  # absent or empty: whoever registers becomes the regisseur
        velden["regisseur"] = gebruiker
    inwoner = Inwoner(**{k: v for k, v in velden.items() if k in INWONER_VELDEN})
    _controleer_inwoner(inwoner)
    try:
        with transaction.atomic():
            _bewaar(inwoner, gebruiker, "Inwoner geregistreerd")
    except IntegrityError as exc:
        raise RuleViolation([rules.Violation("unique", "bsn", "Er is al een inwoner met dit BSN.")]) from exc
    return inwoner


@transaction.atomic
def wijzig_inwoner(*, gebruiker: AbstractBaseUser, inwoner: Inwoner, wijzigingen: Mapping[str, Any]) -> Inwoner:
    inwoner = Inwoner.objects.select_for_update().get(pk=inwoner.pk)
    for veld, waarde in wijzigingen.items():
        if veld in INWONER_VELDEN:
            setattr(inwoner, veld, waarde)
    _controleer_inwoner(inwoner)
    try:
        with transaction.atomic():
            _bewaar(inwoner, gebruiker, "Inwonergegevens gewijzigd")
    except IntegrityError as exc:
        raise RuleViolation([rules.Violation("unique", "bsn", "Er is al een inwoner met dit BSN.")]) from exc
    return inwoner


# --- Aanbieders ----------------------------------------------------------------------------

AANBIEDER_VELDEN = ("naam", "agb_code", "budgetplafond")


def _controleer_aanbieder(aanbieder: Aanbieder) -> None:
    fouten = []
    if not (len(aanbieder.agb_code) == 8 and aanbieder.agb_code.isascii() and aanbieder.agb_code.isdigit()):
        fouten.append(rules.Violation("agb_code_ongeldig", "agb_code", "Een AGB-code bestaat uit 8 cijfers."))
    elif Aanbieder.objects.filter(agb_code=aanbieder.agb_code).exclude(pk=aanbieder.pk).exists():
        fouten.append(rules.Violation("unique", "agb_code", "Er is al een aanbieder met deze AGB-code."))
    if fouten:
        raise RuleViolation(fouten)


@transaction.atomic
def registreer_aanbieder(*, gebruiker: AbstractBaseUser, **velden: Any) -> Aanbieder:
    aanbieder = Aanbieder(**{k: v for k, v in velden.items() if k in AANBIEDER_VELDEN})
    _controleer_aanbieder(aanbieder)
    _bewaar(aanbieder, gebruiker, "Aanbieder geregistreerd")
    return aanbieder


@transaction.atomic
def wijzig_aanbieder(*, gebruiker: AbstractBaseUser, aanbieder: Aanbieder, wijzigingen: Mapping[str, Any]) -> Aanbieder:
    aanbieder = Aanbieder.objects.select_for_update().get(pk=aanbieder.pk)
    for veld, waarde in wijzigingen.items():
        if veld in AANBIEDER_VELDEN:
            setattr(aanbieder, veld, waarde)
    _controleer_aanbieder(aanbieder)
    _bewaar(aanbieder, gebruiker, "Aanbieder gewijzigd")
    return aanbieder


# --- Producten en tarieven -----------------------------------------------------------------

PRODUCT_VELDEN = ("code", "naam", "wet", "eenheid", "lichtere_variant")


def _controleer_product(product: Product, tarieven: Iterable[costs.TariefPeriode] | None) -> None:
    fouten = []
    if Product.objects.filter(code=product.code).exclude(pk=product.pk).exists():
        fouten.append(rules.Violation("unique", "code", "Er is al een product met deze code."))
    if product.lichtere_variant is not None:
        if product.lichtere_variant.pk == product.pk:
            fouten.append(
                rules.Violation(
                    "lichtere_variant_ongeldig",
                    "lichtere_variant",
                    "Een product kan niet zijn eigen lichtere variant zijn.",
                )
            )
        elif product.lichtere_variant.wet != product.wet:
            fouten.append(
                rules.Violation(
                    "lichtere_variant_ongeldig",
                    "lichtere_variant",
                    "De lichtere variant moet onder dezelfde wet vallen.",
                )
            )
    if tarieven is not None:
        fouten += rules.tarieven_overlappen(list(tarieven))
    if fouten:
        raise RuleViolation(fouten)


def _vervang_tarieven(product: Product, tarieven: Iterable[costs.TariefPeriode], gebruiker, reden: str) -> None:
    bestaand = {t.geldig_van: t for t in Tarief.objects.filter(product=product)}
    nieuw = {t.geldig_van: t for t in tarieven}
    for van, tarief in bestaand.items():
        if van not in nieuw:
            tarief._history_user = gebruiker
            tarief._change_reason = reden
            tarief.delete()
    for van, periode in sorted(nieuw.items()):
        tarief = bestaand.get(van) or Tarief(product=product, geldig_van=van)
        if tarief.pk and (tarief.geldig_tot, tarief.bedrag) == (periode.geldig_tot, periode.bedrag):
            continue
        tarief.geldig_tot = periode.geldig_tot
        tarief.bedrag = periode.bedrag
        _bewaar(tarief, gebruiker, reden)


@transaction.atomic
def registreer_product(
    *, gebruiker: AbstractBaseUser, tarieven: Iterable[costs.TariefPeriode] = (), **velden: Any
) -> Product:
    product = Product(**{k: v for k, v in velden.items() if k in PRODUCT_VELDEN})
    tarieven = list(tarieven)
    _controleer_product(product, tarieven)
    _bewaar(product, gebruiker, "Product toegevoegd aan de catalogus")
    _vervang_tarieven(product, tarieven, gebruiker, "Tarieven vastgesteld")
    return product


@transaction.atomic
def wijzig_product(
    *,
    gebruiker: AbstractBaseUser,
    product: Product,
    wijzigingen: Mapping[str, Any],
    tarieven: Iterable[costs.TariefPeriode] | None = None,
) -> Product:
    product = Product.objects.select_for_update().get(pk=product.pk)
    for veld, waarde in wijzigingen.items():
        if veld in PRODUCT_VELDEN:
            setattr(product, veld, waarde)
    tarieven = None if tarieven is None else list(tarieven)
    _controleer_product(product, tarieven)
    _bewaar(product, gebruiker, "Product gewijzigd")
    if tarieven is not None:
        _vervang_tarieven(product, tarieven, gebruiker, "Tarieven gewijzigd")
    return product


# --- Indicaties ----------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatieGegevens:
    """What a consulent fills in for an indicatie (api.md, write fields)."""

    inwoner: Inwoner
    product: Product
    aanbieder: Aanbieder
    volume: Decimal
    eenheid: str
    frequentie: str
    ingangsdatum: datetime.date
    einddatum: datetime.date | None = None
    motivatie: str = ""
    spoed: bool = False
    spoed_reden: str = ""
    voorganger: Indicatie | None = None
    vervangt: Indicatie | None = None

    @classmethod
    def van_indicatie(cls, indicatie: Indicatie) -> "IndicatieGegevens":
        return cls(**{f.name: getattr(indicatie, f.name) for f in fields(cls)})


WIJZIGBARE_VELDEN = frozenset(f.name for f in fields(IndicatieGegevens)) - {"inwoner", "voorganger", "vervangt"}


def _feiten(gegevens: IndicatieGegevens, *, bestaand: Indicatie | None = None) -> rules.IndicatieFeiten:
    voorganger = None
    if gegevens.voorganger is not None:
        v = gegevens.voorganger
        evaluatie = Evaluatie.objects.filter(indicatie=v).exclude(status=EvaluatieStatus.GEANNULEERD).first()
        voorganger = rules.VoorgangerFeiten(
            zelfde_inwoner=v.inwoner_id == gegevens.inwoner.pk,
            status=v.status,
            einddatum=v.einddatum,
            evaluatie_status=evaluatie.status if evaluatie else None,
        )
    return rules.IndicatieFeiten(
        vandaag=clock.today(),
        volume=gegevens.volume,
        eenheid=gegevens.eenheid,
        frequentie=gegevens.frequentie,
        ingangsdatum=gegevens.ingangsdatum,
        einddatum=gegevens.einddatum,
        spoed=gegevens.spoed,
        spoed_reden=gegevens.spoed_reden or "",
        motivatie=gegevens.motivatie or "",
        product_code=gegevens.product.code,
        product_wet=gegevens.product.wet,
        product_eenheid=gegevens.product.eenheid,
        product_heeft_lichtere_variant=selectors.heeft_lichtere_variant(gegevens.product),
        inwoner_wlz=gegevens.inwoner.wlz_indicatie,
        tarieven=selectors.tariefperioden(gegevens.product),
        andere_indicaties=selectors.andere_lopende_indicaties(
            gegevens.inwoner, behalve=bestaand.pk if bestaand else None
        ),
        instellingen=rules.Regelinstellingen.uit_settings(),
        voorganger=voorganger,
        vervangt_andere_inwoner=gegevens.vervangt is not None and gegevens.vervangt.inwoner_id != gegevens.inwoner.pk,
        vorige_ingangsdatum=bestaand.ingangsdatum if bestaand else None,
        vorige_einddatum=bestaand.einddatum if bestaand else None,
    )


def beoordeel(gegevens: IndicatieGegevens, *, bestaand: Indicatie | None = None) -> rules.Beoordeling:
    """Run every rule without saving: for the UI while the consulent types, and for the services."""
    return rules.beoordeel_indicatie(_feiten(gegevens, bestaand=bestaand))


def _synchroniseer_signalen(
    indicatie: Indicatie, beoordeling: rules.Beoordeling, gebruiker, reden: str, *, nieuw: bool = False
) -> list[IndicatieSignaal]:
    """Make the indicatie's signals those of the assessment; returns the ones it has now."""
    gewenst = {s.code: s.bericht for s in beoordeling.signalen}
    # A new indicatie has no signals yet; reading them would find nothing.
    huidig = {} if nieuw else {s.code: s for s in indicatie.signaalregels.all()}
    for code, signaal in huidig.items():
        if code not in gewenst:
            signaal._history_user = gebruiker
            signaal._change_reason = reden
            signaal.delete()
    resultaat = [signaal for code, signaal in huidig.items() if code in gewenst]
    for code, toelichting in gewenst.items():
        if code not in huidig:
            signaal = IndicatieSignaal(indicatie=indicatie, code=code, toelichting=toelichting)
            _bewaar(signaal, gebruiker, reden)
            resultaat.append(signaal)
    return resultaat


def _plan_evaluatie(
    indicatie: Indicatie, beoordeling: rules.Beoordeling, gebruiker, reden: str, *, nieuw: bool = False
) -> None:
    """`evaluatie_na_4_maanden`: one evaluation per granted indicatie of 5 hours a week or more."""
    if indicatie.status != IndicatieStatus.TOEGEWEZEN:
        return
    # A new indicatie has no evaluation yet; reading it would find nothing.
    evaluatie = None if nieuw else Evaluatie.objects.filter(indicatie=indicatie).first()
    if beoordeling.evaluatiedatum is None:
        if evaluatie is not None and evaluatie.status in (EvaluatieStatus.GEPLAND, EvaluatieStatus.OPEN):
            evaluatie.status = EvaluatieStatus.GEANNULEERD
            _bewaar(evaluatie, gebruiker, f"{reden}: minder dan 5 uur per week, geen evaluatie meer nodig")
        return
    if evaluatie is None:
        _bewaar(
            Evaluatie(indicatie=indicatie, vervaldatum=beoordeling.evaluatiedatum),
            gebruiker,
            "Evaluatie na 4 maanden ingepland",
        )
    elif evaluatie.status != EvaluatieStatus.AFGEROND and (
        evaluatie.vervaldatum != beoordeling.evaluatiedatum or evaluatie.status == EvaluatieStatus.GEANNULEERD
    ):
        evaluatie.vervaldatum = beoordeling.evaluatiedatum
        if (
            evaluatie.status == EvaluatieStatus.GEANNULEERD
            or evaluatie.vervaldatum > clock.today() + datetime.timedelta(days=_voorloop_dagen())
        ):
            evaluatie.status = EvaluatieStatus.GEPLAND
        evaluatie.te_laat_gemeld = False
        _bewaar(evaluatie, gebruiker, f"{reden}: evaluatiedatum bijgewerkt")


def _voorloop_dagen() -> int:
    from django.conf import settings

    return settings.EVALUATIE_VOORLOOP_DAGEN


def _lock_inwoner(inwoner: Inwoner) -> Inwoner:
    # Serialises every change that counts towards this inwoner's threshold, so two requests
    # that together exceed it cannot both slip under it.
    return Inwoner.objects.select_for_update().get(pk=inwoner.pk)


@transaction.atomic
def registreer_indicatie(
    *, gebruiker: AbstractBaseUser, gegevens: IndicatieGegevens, reden: str | None = None
) -> Indicatie:
    inwoner = _lock_inwoner(gegevens.inwoner)
    gegevens = replace(gegevens, inwoner=inwoner)
    beoordeling = beoordeel(gegevens)
    if beoordeling.overtredingen:
        raise RuleViolation(beoordeling.overtredingen)
    status = IndicatieStatus.WACHT_OP_SCHAKELTEAM if beoordeling.schakelteam_nodig else IndicatieStatus.TOEGEWEZEN
    indicatie = Indicatie(
        **{f.name: getattr(gegevens, f.name) for f in fields(IndicatieGegevens)},
        consulent=gebruiker,
        status=status,
        uren_per_week=beoordeling.uren_per_week,
        geschatte_kosten=beoordeling.geschatte_kosten,
    )
    reden = reden or ("Verlenging geregistreerd" if gegevens.voorganger else "Indicatie geregistreerd")
    if status == IndicatieStatus.WACHT_OP_SCHAKELTEAM:
        reden += "; wacht op het schakelteam (boven de drempel)"
    _bewaar(indicatie, gebruiker, reden)
    signalen = _synchroniseer_signalen(indicatie, beoordeling, gebruiker, reden, nieuw=True)
    _plan_evaluatie(indicatie, beoordeling, gebruiker, reden, nieuw=True)
    _zoals_gelezen(indicatie, signalen)
    if status == IndicatieStatus.WACHT_OP_SCHAKELTEAM:
        meldingen.schakelteam_gevraagd(indicatie)
    return indicatie


def _zoals_gelezen(indicatie: Indicatie, signalen: list[IndicatieSignaal]) -> None:
    """Leave on a new indicatie what `selectors.indicaties_lijst()` would read for it (its signals
    and its evaluation, if one was planned), so showing it needs no second read of what was just
    saved in this transaction."""
    opgeslagen = indicatie.signaalregels.all()
    opgeslagen._result_cache = sorted(signalen, key=lambda s: s.code)
    opgeslagen._prefetch_done = True
    indicatie._prefetched_objects_cache = {"signaalregels": opgeslagen}
    if not Indicatie.evaluatie.is_cached(indicatie):
        Indicatie.evaluatie.related.set_cached_value(indicatie, None)


@transaction.atomic
def wijzig_indicatie(
    *,
    gebruiker: AbstractBaseUser,
    indicatie: Indicatie,
    wijzigingen: Mapping[str, Any],
    verwachte_versie: int | None = None,
    reden: str = "Indicatie gewijzigd",
) -> Indicatie:
    """Change an indicatie; every rule is checked again on the result."""
    _lock_inwoner(indicatie.inwoner)
    indicatie = Indicatie.objects.select_for_update().select_related("inwoner", "product").get(pk=indicatie.pk)
    if verwachte_versie is not None and verwachte_versie != indicatie.versie:
        raise StaleVersion()
    if indicatie.status not in (IndicatieStatus.WACHT_OP_SCHAKELTEAM, IndicatieStatus.TOEGEWEZEN):
        raise InvalidTransition(
            f"Een indicatie met status '{indicatie.get_status_display()}' kan niet meer worden gewijzigd."
        )
    onbekend = set(wijzigingen) - WIJZIGBARE_VELDEN
    if onbekend:
        raise RuleViolation(
            [
                rules.Violation("niet_wijzigbaar", veld, "Dit gegeven kan niet worden gewijzigd.")
                for veld in sorted(onbekend)
            ]
        )
    wijzigingen = {veld: waarde for veld, waarde in wijzigingen.items() if getattr(indicatie, veld) != waarde}
    if not wijzigingen:
        # Nothing differs (an empty PATCH, a form saved unchanged): no new version, no history row.
        return indicatie
    gegevens = replace(IndicatieGegevens.van_indicatie(indicatie), **wijzigingen)
    beoordeling = beoordeel(gegevens, bestaand=indicatie)
    if beoordeling.overtredingen:
        raise RuleViolation(beoordeling.overtredingen)

    for veld, waarde in wijzigingen.items():
        setattr(indicatie, veld, waarde)
    indicatie.uren_per_week = beoordeling.uren_per_week
    indicatie.geschatte_kosten = beoordeling.geschatte_kosten
    indicatie.versie += 1
    vorige_status = indicatie.status
    if beoordeling.schakelteam_nodig:
        goedgekeurd = selectors.goedgekeurd_bedrag(indicatie)
        if goedgekeurd is None or beoordeling.kosten_met_overlap > goedgekeurd:
            indicatie.status = IndicatieStatus.WACHT_OP_SCHAKELTEAM
    elif indicatie.status == IndicatieStatus.WACHT_OP_SCHAKELTEAM:
        indicatie.status = IndicatieStatus.TOEGEWEZEN
    if indicatie.status != vorige_status:
        reden += (
            "; opnieuw naar het schakelteam (boven de drempel)"
            if indicatie.status == IndicatieStatus.WACHT_OP_SCHAKELTEAM
            else "; onder de drempel, toegewezen"
        )
    _bewaar(indicatie, gebruiker, reden)
    _synchroniseer_signalen(indicatie, beoordeling, gebruiker, reden)
    if indicatie.status == IndicatieStatus.WACHT_OP_SCHAKELTEAM:
        _annuleer_gepland_werk(indicatie, gebruiker, f"{reden}: wacht op het schakelteam")
    _plan_evaluatie(indicatie, beoordeling, gebruiker, reden)
    if indicatie.status != vorige_status and indicatie.status == IndicatieStatus.WACHT_OP_SCHAKELTEAM:
        meldingen.schakelteam_gevraagd(indicatie)
    return indicatie


def _annuleer_gepland_werk(indicatie: Indicatie, gebruiker, reden: str, na: datetime.date | None = None) -> None:
    evaluatie = Evaluatie.objects.filter(
        indicatie=indicatie, status__in=(EvaluatieStatus.GEPLAND, EvaluatieStatus.OPEN)
    ).first()
    if evaluatie is not None and (na is None or evaluatie.vervaldatum > na):
        evaluatie.status = EvaluatieStatus.GEANNULEERD
        _bewaar(evaluatie, gebruiker, reden)


@transaction.atomic
def trek_in(*, gebruiker: AbstractBaseUser, indicatie: Indicatie, reden: str) -> Indicatie:
    """Withdraw an indicatie before its ingangsdatum; planned work is cancelled."""
    indicatie = Indicatie.objects.select_for_update().get(pk=indicatie.pk)
    if not (reden or "").strip():
        raise RuleViolation([rules.Violation("reden_verplicht", "reden", "Geef de reden van de intrekking op.")])
    if indicatie.status not in (IndicatieStatus.WACHT_OP_SCHAKELTEAM, IndicatieStatus.TOEGEWEZEN):
        raise InvalidTransition(
            f"Een indicatie met status '{indicatie.get_status_display()}' kan niet worden ingetrokken."
        )
    if indicatie.ingangsdatum <= clock.today():
        raise InvalidTransition(
            "Een indicatie kan alleen worden ingetrokken vóór de ingangsdatum. Beëindig haar via een evaluatie."
        )
    indicatie.status = IndicatieStatus.INGETROKKEN
    indicatie.reden_status = reden.strip()
    indicatie.versie += 1
    _bewaar(indicatie, gebruiker, f"Ingetrokken: {reden.strip()}")
    _annuleer_gepland_werk(indicatie, gebruiker, "Indicatie ingetrokken")
    return indicatie
