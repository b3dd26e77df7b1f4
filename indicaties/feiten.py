"""The facts the rules judge an indicatie on, gathered once, the same way for every entry point.

A registration, a change, a verlenging, the schakelteam's decision and the live preview gather
them for one indicatie (`indicatie_feiten`); the import gathers them for a whole batch of rows
in a handful of queries (`Batch`). Both build the same `rules.IndicatieFeiten` through `bouw`,
so a rule that needs a new fact gets it in one place.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal

from django.conf import settings

from casusregie import clock

from . import costs, rules, selectors
from .models import Aanbieder, Indicatie, Inwoner, Product


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

    @classmethod
    def van_indicatie(cls, indicatie: Indicatie) -> "IndicatieGegevens":
        return cls(**{f.name: getattr(indicatie, f.name) for f in fields(cls)})

    def als_velden(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


WIJZIGBARE_VELDEN = frozenset(f.name for f in fields(IndicatieGegevens)) - {"inwoner", "voorganger", "vervangt"}


def regelinstellingen() -> rules.Regelinstellingen:
    """The municipality's policy numbers and product groups, from the settings."""
    return rules.Regelinstellingen(
        schakelteam_drempel=Decimal(settings.SCHAKELTEAM_DREMPEL),
        spoed_terugwerkend_dagen=settings.SPOED_TERUGWERKEND_DAGEN,
        productgroepen=settings.PRODUCTGROEPEN,
        zorgstapeling_combinaties=settings.ZORGSTAPELING_COMBINATIES,
        wlz_grensgroepen=settings.WLZ_GRENSGROEPEN,
    )


def bouw(
    gegevens: IndicatieGegevens,
    *,
    vandaag: datetime.date,
    instellingen: rules.Regelinstellingen,
    tarieven: tuple[costs.TariefPeriode, ...],
    andere_indicaties: Iterable[rules.AndereIndicatie],
    voorganger: rules.VoorgangerFeiten | None = None,
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
        tarieven=tarieven,
        andere_indicaties=tuple(andere_indicaties),
        instellingen=instellingen,
        voorganger=voorganger,
        vervangt_andere_inwoner=gegevens.vervangt is not None and gegevens.vervangt.inwoner_id != gegevens.inwoner.pk,
        vorige_ingangsdatum=bestaand.ingangsdatum if bestaand else None,
        vorige_einddatum=bestaand.einddatum if bestaand else None,
    )


def voorganger_feiten(voorganger: Indicatie, inwoner: Inwoner) -> rules.VoorgangerFeiten:
    return rules.VoorgangerFeiten(
        zelfde_inwoner=voorganger.inwoner_id == inwoner.pk,
        status=voorganger.status,
        einddatum=voorganger.einddatum,
        evaluatie_status=selectors.evaluatiestatus(voorganger),
    )


def indicatie_feiten(gegevens: IndicatieGegevens, *, bestaand: Indicatie | None = None) -> rules.IndicatieFeiten:
    """The facts of one indicatie, read now (a registration, change or preview)."""
    return bouw(
        gegevens,
        vandaag=clock.today(),
        instellingen=regelinstellingen(),
        tarieven=selectors.tariefperioden(gegevens.product),
        andere_indicaties=selectors.andere_lopende_indicaties(
            gegevens.inwoner, behalve=bestaand.pk if bestaand else None
        ),
        voorganger=voorganger_feiten(gegevens.voorganger, gegevens.inwoner) if gegevens.voorganger else None,
        bestaand=bestaand,
    )


def beoordeel(gegevens: IndicatieGegevens, *, bestaand: Indicatie | None = None) -> rules.Beoordeling:
    """Run every rule without saving: for the UI while the consulent types, and for the services."""
    return rules.beoordeel_indicatie(indicatie_feiten(gegevens, bestaand=bestaand))


class Batch:
    """The facts of many new indicaties at once (the import): what holds for all of them is read
    once, the other indicaties of the batch's inwoners in one query. Each indicatie assessed and
    kept is added with `voeg_toe`, so the next row of the same inwoner counts it."""

    def __init__(self, *, vandaag: datetime.date, instellingen: rules.Regelinstellingen | None = None):
        self.vandaag = vandaag
        self.instellingen = instellingen or regelinstellingen()
        self.producten = selectors.producten_per_code()
        self.tarieven = selectors.tariefperioden_per_product()
        self._andere: dict = defaultdict(list)

    def lees_inwoners(self, inwoners: Iterable[Inwoner]) -> None:
        """The running indicaties of these (locked) inwoners, keyed by inwoner id."""
        for inwoner_id, andere in selectors.andere_lopende_per_inwoner([i.pk for i in inwoners]).items():
            self._andere[inwoner_id] = list(andere)

    def feiten(self, gegevens: IndicatieGegevens, *, vandaag: datetime.date | None = None) -> rules.IndicatieFeiten:
        """`vandaag`: the day of registration, when that is not today (a migration)."""
        return bouw(
            gegevens,
            vandaag=vandaag or self.vandaag,
            instellingen=self.instellingen,
            tarieven=self.tarieven.get(gegevens.product.pk, ()),
            andere_indicaties=self._andere[gegevens.inwoner.pk],
        )

    def voeg_toe(self, gegevens: IndicatieGegevens, geschatte_kosten: Decimal) -> None:
        self._andere[gegevens.inwoner.pk].append(
            rules.AndereIndicatie(
                product_code=gegevens.product.code,
                wet=gegevens.product.wet,
                ingangsdatum=gegevens.ingangsdatum,
                einddatum=gegevens.einddatum,
                geschatte_kosten=geschatte_kosten,
            )
        )
