"""Every state change of the register: inwoners, the catalogue and indicaties. One transaction per
service; the rules come from the rulebook (`indicaties.rules`), the facts from `indicaties.feiten`.

Each service locks what it must, gathers the facts, runs the rules, raises `RuleViolation` when a
blocking rule fails, and saves through `vastleggen` with the acting user and a change reason.
"""

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from basis import clock
from basis.exceptions import InvalidTransition, RuleViolation, StaleVersion
from basis.historie import bewaar, verwijder
from basis.roles import is_actieve_consulent

from .. import costs, rules, selectors
from ..domein import LOPENDE_STATUSSEN
from ..feiten import WIJZIGBARE_VELDEN, IndicatieGegevens, beoordeel
from ..models import Aanbieder, Indicatie, IndicatieSignaal, IndicatieStatus, Inwoner, Product, Tarief
from . import meldingen
from .vastleggen import (
    annuleer_gepland_werk,
    leg_beoordeling_vast,
    lock_inwoner,
    nieuwe_doelen,
    nieuwe_indicatie,
    plan_evaluatie,
    regie_bij_zorg,
    status_na_beoordeling,
    synchroniseer_signalen,
)

# --- Inwoners ------------------------------------------------------------------------------

INWONER_VELDEN = (
    "bsn",
    "voornaam",
    "achternaam",
    "geboortedatum",
    "wlz_indicatie",
    "regisseur",
    "geslacht",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
)


def _controleer_inwoner(inwoner: Inwoner, *, nieuwe_regisseur: bool) -> None:
    fouten = rules.inwoner_fouten(
        bsn=inwoner.bsn,
        geboortedatum=inwoner.geboortedatum,
        vandaag=clock.today(),
        bsn_al_bekend=Inwoner.objects.filter(bsn=inwoner.bsn).exclude(pk=inwoner.pk).exists(),
        nieuwe_regisseur_kan_niet=nieuwe_regisseur
        and inwoner.regisseur is not None
        and not is_actieve_consulent(inwoner.regisseur),
    )
    if fouten:
        raise RuleViolation(fouten)


def _bewaar_inwoner(inwoner: Inwoner, gebruiker: AbstractBaseUser, reden: str, *, nieuwe_regisseur: bool) -> None:
    _controleer_inwoner(inwoner, nieuwe_regisseur=nieuwe_regisseur)
    try:
        with transaction.atomic():
            bewaar(inwoner, gebruiker, reden)
    except IntegrityError as exc:  # registered at the same moment by someone else
        raise RuleViolation(rules.inwoner.bsn_bestaat_al()) from exc


@transaction.atomic
def registreer_inwoner(*, gebruiker: AbstractBaseUser, **velden: Any) -> Inwoner:
    if velden.get("regisseur") is None and is_actieve_consulent(gebruiker):
        velden["regisseur"] = gebruiker  # absent or empty: the consulent who registers directs
    inwoner = Inwoner(**{k: v for k, v in velden.items() if k in INWONER_VELDEN})
    _bewaar_inwoner(inwoner, gebruiker, "Inwoner geregistreerd", nieuwe_regisseur=True)
    return inwoner


@transaction.atomic
def wijzig_inwoner(*, gebruiker: AbstractBaseUser, inwoner: Inwoner, wijzigingen: Mapping[str, Any]) -> Inwoner:
    inwoner = Inwoner.objects.select_for_update().get(pk=inwoner.pk)
    if "regisseur" in wijzigingen and getattr(wijzigingen["regisseur"], "pk", None) != inwoner.regisseur_id:
        raise RuleViolation(rules.inwoner.regie_via_overdracht())
    feiten_voor = (inwoner.wlz_indicatie, inwoner.geboortedatum)
    for veld, waarde in wijzigingen.items():
        if veld in INWONER_VELDEN:
            setattr(inwoner, veld, waarde)
    _bewaar_inwoner(inwoner, gebruiker, "Inwonergegevens gewijzigd", nieuwe_regisseur=False)
    if (inwoner.wlz_indicatie, inwoner.geboortedatum) != feiten_voor:
        herbereken_signalen(inwoner=inwoner, gebruiker=gebruiker, reden="Gegevens van de inwoner gewijzigd")
    return inwoner


def herbereken_signalen(*, inwoner: Inwoner, gebruiker: AbstractBaseUser | None, reden: str) -> None:
    """Signals follow the facts: after a change of a fact of the inwoner (the Wlz indication, the
    date of birth) every signal of their running care is computed again, within the caller's
    transaction. Running care that a Wlz indication now forbids keeps running with the signal
    `wlz_geen_wmo` or `wlz_jeugdwet`, which puts it in the regisseur's werkvoorraad; `achttien_jaar`
    follows the date of birth."""
    for indicatie in selectors.lopende_indicaties_van(inwoner):
        indicatie.inwoner = inwoner
        beoordeling = beoordeel(IndicatieGegevens.van_indicatie(indicatie), bestaand=indicatie)
        beoordeling.signalen = beoordeling.signalen + rules.traject.wlz_conflict(beoordeling.overtredingen)
        synchroniseer_signalen(indicatie, beoordeling, gebruiker, f"{reden}: signalen opnieuw bepaald")


# --- Aanbieders ----------------------------------------------------------------------------

AANBIEDER_VELDEN = ("naam", "agb_code", "budgetplafond")


def _controleer_aanbieder(aanbieder: Aanbieder) -> None:
    al_bekend = Aanbieder.objects.filter(agb_code=aanbieder.agb_code).exclude(pk=aanbieder.pk).exists()
    if fouten := rules.aanbieder_fouten(agb_code=aanbieder.agb_code, agb_code_al_bekend=al_bekend):
        raise RuleViolation(fouten)


@transaction.atomic
def registreer_aanbieder(*, gebruiker: AbstractBaseUser, **velden: Any) -> Aanbieder:
    aanbieder = Aanbieder(**{k: v for k, v in velden.items() if k in AANBIEDER_VELDEN})
    _controleer_aanbieder(aanbieder)
    bewaar(aanbieder, gebruiker, "Aanbieder geregistreerd")
    return aanbieder


@transaction.atomic
def wijzig_aanbieder(*, gebruiker: AbstractBaseUser, aanbieder: Aanbieder, wijzigingen: Mapping[str, Any]) -> Aanbieder:
    aanbieder = Aanbieder.objects.select_for_update().get(pk=aanbieder.pk)
    for veld, waarde in wijzigingen.items():
        if veld in AANBIEDER_VELDEN:
            setattr(aanbieder, veld, waarde)
    _controleer_aanbieder(aanbieder)
    bewaar(aanbieder, gebruiker, "Aanbieder gewijzigd")
    return aanbieder


# --- Producten en tarieven -----------------------------------------------------------------

PRODUCT_VELDEN = ("code", "naam", "wet", "eenheid", "lichtere_variant")


def _controleer_product(product: Product, tarieven: list[costs.TariefPeriode] | None) -> None:
    lichter = product.lichtere_variant
    fouten = rules.product_fouten(
        code_al_bekend=Product.objects.filter(code=product.code).exclude(pk=product.pk).exists(),
        is_eigen_lichtere_variant=lichter is not None and lichter.pk == product.pk,
        wet=product.wet,
        wet_lichtere_variant=lichter.wet if lichter is not None else None,
        tarieven=tarieven,
    )
    if fouten:
        raise RuleViolation(fouten)


def _vervang_tarieven(product: Product, tarieven: Iterable[costs.TariefPeriode], gebruiker, reden: str) -> None:
    bestaand = {t.geldig_van: t for t in Tarief.objects.filter(product=product)}
    nieuw = {t.geldig_van: t for t in tarieven}
    for van, tarief in bestaand.items():
        if van not in nieuw:
            verwijder(tarief, gebruiker, reden)
    for van, periode in sorted(nieuw.items()):
        tarief = bestaand.get(van) or Tarief(product=product, geldig_van=van)
        if tarief.pk and (tarief.geldig_tot, tarief.bedrag) == (periode.geldig_tot, periode.bedrag):
            continue
        tarief.geldig_tot = periode.geldig_tot
        tarief.bedrag = periode.bedrag
        bewaar(tarief, gebruiker, reden)


@transaction.atomic
def registreer_product(
    *, gebruiker: AbstractBaseUser, tarieven: Iterable[costs.TariefPeriode] = (), **velden: Any
) -> Product:
    product = Product(**{k: v for k, v in velden.items() if k in PRODUCT_VELDEN})
    tarieven = list(tarieven)
    _controleer_product(product, tarieven)
    bewaar(product, gebruiker, "Product toegevoegd aan de catalogus")
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
    bewaar(product, gebruiker, "Product gewijzigd")
    if tarieven is not None:
        _vervang_tarieven(product, tarieven, gebruiker, "Tarieven gewijzigd")
    return product


# --- Indicaties ----------------------------------------------------------------------------


@transaction.atomic
def registreer_indicatie(
    *, gebruiker: AbstractBaseUser, gegevens: IndicatieGegevens, reden: str | None = None, verzoek=None
) -> Indicatie:
    """`verzoek`: the id of the aanbieder's request this indicatie answers; the layer that keeps the
    requests (berichten) reads it from the indicatie when it is saved, in this transaction."""
    inwoner = lock_inwoner(gegevens.inwoner)
    gegevens = replace(gegevens, inwoner=inwoner)
    beoordeling = beoordeel(gegevens)
    if beoordeling.overtredingen:
        raise RuleViolation(beoordeling.overtredingen)
    status = status_na_beoordeling(beoordeling)
    if status == IndicatieStatus.WACHT_OP_SCHAKELTEAM and gegevens.vervangt is not None:
        # An afschalen successor counts what it replaces: within what the schakelteam approved
        # for that, less care needs no second review.
        goedgekeurd = selectors.goedgekeurd_bedrag(gegevens.vervangt)
        if goedgekeurd is not None and beoordeling.kosten_met_overlap <= goedgekeurd:
            status = IndicatieStatus.TOEGEWEZEN
    indicatie = nieuwe_indicatie(gegevens, beoordeling, consulent=gebruiker, status=status)
    indicatie.beantwoordt_verzoek = verzoek
    reden = reden or ("Verlenging geregistreerd" if gegevens.voorganger else "Indicatie geregistreerd")
    if status == IndicatieStatus.WACHT_OP_SCHAKELTEAM:
        reden += "; wacht op het schakelteam (boven de drempel)"
    bewaar(indicatie, gebruiker, reden)
    regie_bij_zorg([(inwoner, gebruiker)])
    doelen = nieuwe_doelen(indicatie, gegevens, gebruiker, reden)
    for doel in doelen:
        doel.save()
    signalen = synchroniseer_signalen(indicatie, beoordeling, gebruiker, reden, nieuw=True)
    plan_evaluatie(indicatie, beoordeling, gebruiker, reden, nieuw=True)
    _zoals_gelezen(indicatie, signalen, doelen)
    if status == IndicatieStatus.WACHT_OP_SCHAKELTEAM:
        meldingen.schakelteam_gevraagd(indicatie)
    return indicatie


def _zoals_gelezen(indicatie: Indicatie, signalen: list[IndicatieSignaal], doelen: list) -> None:
    """Leave on a new indicatie what `selectors.indicaties_lijst()` would read for it (its signals,
    goals and evaluation, if one was planned), so showing it needs no second read of what was
    just saved in this transaction."""
    indicatie._prefetched_objects_cache = {}
    for relatie, rijen in (("signaalregels", sorted(signalen, key=lambda s: s.code)), ("doelen", doelen)):
        opgeslagen = getattr(indicatie, relatie).all()
        opgeslagen._result_cache = rijen
        opgeslagen._prefetch_done = True
        indicatie._prefetched_objects_cache[relatie] = opgeslagen
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
    lock_inwoner(indicatie.inwoner)
    indicatie = Indicatie.objects.select_for_update().select_related("inwoner", "product").get(pk=indicatie.pk)
    if verwachte_versie is not None and verwachte_versie != indicatie.versie:
        raise StaleVersion()
    if indicatie.status not in LOPENDE_STATUSSEN:
        raise InvalidTransition(
            f"Een indicatie met status '{indicatie.get_status_display()}' kan niet meer worden gewijzigd."
        )
    if fouten := rules.indicatie.niet_wijzigbaar(set(wijzigingen) - WIJZIGBARE_VELDEN):
        raise RuleViolation(fouten)
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
    leg_beoordeling_vast(indicatie, beoordeling)
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
    bewaar(indicatie, gebruiker, reden)
    synchroniseer_signalen(indicatie, beoordeling, gebruiker, reden)
    if indicatie.status == IndicatieStatus.WACHT_OP_SCHAKELTEAM:
        annuleer_gepland_werk(indicatie, gebruiker, f"{reden}: wacht op het schakelteam")
    plan_evaluatie(indicatie, beoordeling, gebruiker, reden)
    if indicatie.status != vorige_status and indicatie.status == IndicatieStatus.WACHT_OP_SCHAKELTEAM:
        meldingen.schakelteam_gevraagd(indicatie)
    return indicatie


@transaction.atomic
def trek_in(*, gebruiker: AbstractBaseUser, indicatie: Indicatie, reden: str) -> Indicatie:
    """Withdraw an indicatie before its ingangsdatum; planned work is cancelled."""
    indicatie = Indicatie.objects.select_for_update().get(pk=indicatie.pk)
    if fouten := rules.workflow.reden_intrekking_ontbreekt(reden):
        raise RuleViolation(fouten)
    if indicatie.status not in LOPENDE_STATUSSEN:
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
    bewaar(indicatie, gebruiker, f"Ingetrokken: {reden.strip()}")
    annuleer_gepland_werk(indicatie, gebruiker, "Indicatie ingetrokken")
    return indicatie
