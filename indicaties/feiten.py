"""The facts the rules judge an indicatie on, gathered once, the same way for every entry point.

A registration, a change, a verlenging, the schakelteam's decision and the live preview gather
them for one indicatie (`indicatie_feiten`); the import gathers them for a whole batch of rows
in a handful of queries (`Batch`). Both build the same `rules.IndicatieFeiten` through `bouw`,
so a rule that needs a new fact gets it in one place.
"""

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal

from django.conf import settings

from basis import clock

from . import beleid, costs, rules, selectors
from .models import Aanbieder, Indicatie, Inwoner, Product


@dataclass(frozen=True)
class DoelGegevens:
    """A result agreed with the inwoner, as the consulent writes it down."""

    omschrijving: str
    leefgebied: str = ""


@dataclass(frozen=True)
class IndicatieGegevens:
    """What a consulent fills in for an indicatie (docs/api.md, write fields)."""

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
    # Only for a new indicatie: the goals of an existing one are kept when it changes.
    doelen: tuple[DoelGegevens, ...] = ()

    @classmethod
    def van_indicatie(cls, indicatie: Indicatie) -> "IndicatieGegevens":
        return cls(**{veld: getattr(indicatie, veld) for veld in INDICATIEVELDEN})

    def als_velden(self) -> dict:
        """The fields of the Indicatie model (the goals are rows of their own)."""
        return {veld: getattr(self, veld) for veld in INDICATIEVELDEN}


INDICATIEVELDEN = tuple(f.name for f in fields(IndicatieGegevens) if f.name != "doelen")
WIJZIGBARE_VELDEN = frozenset(INDICATIEVELDEN) - {"inwoner", "voorganger", "vervangt"}


def regelinstellingen(b: beleid.Beleid) -> rules.Regelinstellingen:
    """The policy numbers of a set and the product groups of the settings."""
    return rules.Regelinstellingen(
        schakelteam_drempel=b.schakelteam_drempel,
        spoed_terugwerkend_dagen=b.spoed_dagen,
        productgroepen=settings.PRODUCTGROEPEN,
        zorgstapeling_combinaties=settings.ZORGSTAPELING_COMBINATIES,
        wlz_grensgroepen=settings.WLZ_GRENSGROEPEN,
        uren_grens=b.uren_grens,
        max_maanden=b.max_maanden,
        evaluatie_maanden=b.evaluatie_maanden,
    )


def bouw(
    gegevens: IndicatieGegevens,
    *,
    vandaag: datetime.date,
    instellingen: rules.Regelinstellingen,
    tarieven: tuple[costs.TariefPeriode, ...],
    andere_indicaties: Iterable[rules.AndereIndicatie],
    contracten: tuple[costs.ContractPeriode, ...] = (),
    voorganger: rules.VoorgangerFeiten | None = None,
    voorgangers: tuple[rules.AndereIndicatie, ...] = (),
    bestaand: Indicatie | None = None,
) -> rules.IndicatieFeiten:
    """The facts of `gegevens`, from what the caller gathered. `bestaand`: the indicatie before a
    change, whose dates the retroactivity rule compares with."""
    return rules.IndicatieFeiten(
        vandaag=vandaag,
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
        tarieven=costs.met_contracttarieven(tarieven, contracten),
        andere_indicaties=tuple(andere_indicaties),
        instellingen=instellingen,
        voorganger=voorganger,
        vervangt_andere_inwoner=gegevens.vervangt is not None and gegevens.vervangt.inwoner_id != gegevens.inwoner.pk,
        vorige_ingangsdatum=bestaand.ingangsdatum if bestaand else None,
        vorige_einddatum=bestaand.einddatum if bestaand else None,
        vorige_uren_per_week=bestaand.uren_per_week if bestaand else None,
        vorige_spoed=bestaand.spoed if bestaand else None,
        inwoner_geboortedatum=gegevens.inwoner.geboortedatum,
        doelen=None if bestaand else len(gegevens.doelen),
        langste_doel=max((len(d.omschrijving or "") for d in gegevens.doelen), default=0),
        voorgangers=voorgangers,
        aanbieder_id=gegevens.aanbieder.pk,
        contracten=contracten,
    )


def voorganger_feiten(voorganger: Indicatie, inwoner: Inwoner, *, aansluitend: bool = False) -> rules.VoorgangerFeiten:
    evaluatie_status, doel_niet_behaald = selectors.evaluatie_van(voorganger)
    return rules.VoorgangerFeiten(
        zelfde_inwoner=voorganger.inwoner_id == inwoner.pk,
        status=voorganger.status,
        einddatum=voorganger.einddatum,
        evaluatie_status=evaluatie_status,
        doel_niet_behaald=doel_niet_behaald,
        aansluitend=aansluitend,
        product_code=voorganger.product.code,
    )


def _verlengd_zonder_evaluatie(bestaand: Indicatie | None) -> bool:
    if bestaand is None or not selectors.heeft_vervolg(bestaand):
        return False
    return selectors.evaluatie_van(bestaand)[0] != "afgerond"


def indicatie_feiten(gegevens: IndicatieGegevens, *, bestaand: Indicatie | None = None) -> rules.IndicatieFeiten:
    """The facts of one indicatie, read now (a registration, change or preview), with the policy
    numbers in force today. Care of the same product that starts soon after other care ended
    continues it, as a verlenging does, whether or not `voorganger` was filled in; an afschalen
    successor continues what it replaces (`vervangt`)."""
    vandaag = clock.today()
    voorganger = gegevens.voorganger
    aansluitend = None
    if voorganger is None and gegevens.vervangt is None:
        aansluitend = selectors.aansluitende_voorganger(
            inwoner=gegevens.inwoner,
            product=gegevens.product,
            ingangsdatum=gegevens.ingangsdatum,
            behalve=bestaand.pk if bestaand else None,
        )
    schakel = voorganger or gegevens.vervangt or aansluitend
    feiten = bouw(
        gegevens,
        vandaag=vandaag,
        instellingen=regelinstellingen(beleid.beleid_op(vandaag)),
        tarieven=selectors.tariefperioden(gegevens.product),
        contracten=selectors.contractperioden(gegevens.aanbieder, gegevens.product),
        andere_indicaties=selectors.andere_lopende_indicaties(
            gegevens.inwoner, behalve=bestaand.pk if bestaand else None
        ),
        voorganger=voorganger_feiten(voorganger or aansluitend, gegevens.inwoner, aansluitend=voorganger is None)
        if voorganger or aansluitend
        else None,
        voorgangers=selectors.voorganger_keten(schakel) if schakel else (),
        bestaand=bestaand,
    )
    if _verlengd_zonder_evaluatie(bestaand):
        feiten = dataclasses.replace(feiten, verlengd_zonder_evaluatie=True)
    return feiten


def beoordeel(gegevens: IndicatieGegevens, *, bestaand: Indicatie | None = None) -> rules.Beoordeling:
    """Run every rule without saving: for the UI while the consulent types, and for the services."""
    return rules.beoordeel_indicatie(indicatie_feiten(gegevens, bestaand=bestaand))


class Batch:
    """The facts of many new indicaties at once (the import): what holds for all of them is read
    once, the other indicaties of the batch's inwoners in one query. Each indicatie assessed and
    kept is added with `voeg_toe`, so the next row of the same inwoner counts it."""

    def __init__(self, *, vandaag: datetime.date):
        self.vandaag = vandaag
        self._beleid = beleid.BeleidPerDag()
        self._instellingen: dict[datetime.date, rules.Regelinstellingen] = {}
        self.producten = selectors.producten_per_code()
        self.tarieven = selectors.tariefperioden_per_product()
        self.contracten = selectors.contractperioden_per_paar()
        self._andere: dict = defaultdict(list)

    def lees_inwoners(self, inwoners: Iterable[Inwoner]) -> None:
        """The running indicaties of these (locked) inwoners, keyed by inwoner id."""
        for inwoner_id, andere in selectors.andere_lopende_per_inwoner([i.pk for i in inwoners]).items():
            self._andere[inwoner_id] = list(andere)

    def feiten(self, gegevens: IndicatieGegevens, *, vandaag: datetime.date | None = None) -> rules.IndicatieFeiten:
        """`vandaag`: the day of registration, when that is not today (a migration): the rules
        apply the policy numbers of that day."""
        vandaag = vandaag or self.vandaag
        if vandaag not in self._instellingen:
            self._instellingen[vandaag] = regelinstellingen(self._beleid.op(vandaag))
        return bouw(
            gegevens,
            vandaag=vandaag,
            instellingen=self._instellingen[vandaag],
            tarieven=self.tarieven.get(gegevens.product.pk, ()),
            contracten=self.contracten.get((gegevens.aanbieder.pk, gegevens.product.pk), ()),
            andere_indicaties=self._andere[gegevens.inwoner.pk],
        )

    def voeg_toe(self, indicatie: Indicatie) -> None:
        self._andere[indicatie.inwoner.pk].append(selectors.als_andere(indicatie))

    def voeg_toe_nieuw(self, gegevens: IndicatieGegevens, beoordeling: rules.Beoordeling, pk) -> None:
        """`voeg_toe` for an indicatie kept as its fields (the import writes no model of it):
        what the rules see of it is what `nieuwe_indicatie` would store."""
        self._andere[gegevens.inwoner.pk].append(
            rules.AndereIndicatie(
                product_code=gegevens.product.code,
                wet=gegevens.product.wet,
                ingangsdatum=gegevens.ingangsdatum,
                einddatum=gegevens.einddatum,
                geschatte_kosten=beoordeling.geschatte_kosten,
                uren_per_week=beoordeling.uren_per_week,
                id=pk,
                aanbieder_id=gegevens.aanbieder.pk,
            )
        )
