"""The checks of every declared prestatie (iJw/iWmo 3.2, ../istandaarden/README.md §4.4), set-based:
everything a check needs is read in a fixed number of queries for the whole declaration (the
toewijzingen, their decision days, the contracts, the tarieven, the earlier prestaties, the volumes
approved before, the beleidsregels, the budgetplafond), then every prestatie is judged in memory.

Each check names its rule and the retourcode it answers with. Credits are judged before debets, so
a correction in the same declaration sees the credit that made room for it (TR389)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Min, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from indicaties import beleid
from indicaties.models import Contract, Indicatie, IndicatieStatus, Tarief, Uitvoeringsvariant

from . import opbouw, plafond
from .models import DebetCredit, Prestatie, PrestatieStatus

# Retourcodes (WJ001/WMO001).
NIET_GEKOPPELD = "9338"  # TR338
ANDERE_CLIENT = "8187"  # TR304
CATEGORIE = "9339"  # TR339
CODE = "9340"  # TR340
EENHEID = "9341"  # TR341
BEGIN_BUITEN_TOEWIJZING = "9307"  # TR307
EIND_BUITEN_TOEWIJZING = "9308"  # TR308
BUITEN_DECLARATIEPERIODE = "9319"  # TR319 (and CS337)
VOLUME = "9321"  # TR321
VOLUME_OPGETELD = "9322"  # TR322
BEDRAG = "9346"  # TR346
TARIEF = "0611"  # TR418
REFERENTIE_DUBBEL = "8021"  # TR314
GEEN_DEBET = "8017"  # TR323
DEBET_NIET_GECREDITEERD = "9389"  # TR389
AL_GECREDITEERD = "9390"  # TR390
VERWIJDERD = "9384"  # TR384
BUDGET = "9369"  # budgetplafond (docs/berichten.md: the closest code the list has)
NIET_BEOORDEELD = "0233"

# Statuses in which the toewijzing was given to the aanbieder (a withdrawn one was deleted: 9384).
GEGEVEN = (IndicatieStatus.TOEGEWEZEN, IndicatieStatus.BEEINDIGD, IndicatieStatus.VERLOPEN)
# Minutes per unit of time; other units (etmaal, stuks) count as themselves.
MINUTEN_CODE = {"01": 1, "04": 60, "16": 240}
MINUTEN_EENHEID = {"minuut": 1, "uur": 60, "dagdeel": 240}
UUR, MINUUT = "04", "01"


@dataclass
class Regel:
    """One prestatie as declared (amounts in euros) and, once judged, its outcome."""

    element: object
    bsn: str
    referentienummer: str
    vorig: str
    toewijzingnummer: int
    categorie: str
    code: str
    begin: datetime.date
    eind: datetime.date
    volume: int
    eenheid: str
    tarief: Decimal | None
    bedrag: Decimal
    debet_credit: str
    codes: list[str] = field(default_factory=list)
    indicatie: Indicatie | None = None
    crediteert: Prestatie | None = None  # the approved debet an approved credit reverses

    @property
    def teken(self) -> Decimal:
        return self.bedrag if self.debet_credit == DebetCredit.DEBET else -self.bedrag


def _besluitdagen(ids: list) -> dict:
    """The day each toewijzing was decided: the first version in status toegewezen; no care before
    it is paid ("geen toewijzingen met terugwerkende kracht"). One query."""
    eerste = (
        Indicatie.history.filter(id__in=ids, status=IndicatieStatus.TOEGEWEZEN)
        .values("id")
        .annotate(eerste=Min("history_date"))
    )
    return {r["id"]: timezone.localdate(r["eerste"]) for r in eerste}


def _geldig(rijen, dag: datetime.date):
    for rij in rijen:
        if rij.geldig_van <= dag and (rij.geldig_tot is None or dag <= rij.geldig_tot):
            return rij
    return None


class Toetsing:
    """What the checks of one declaration need, read once."""

    def __init__(self, regels: list[Regel], aanbieder, wet: str, periode: tuple, vandaag: datetime.date):
        self.aanbieder, self.wet, self.periode, self.vandaag = aanbieder, wet, periode, vandaag
        nummers = {r.toewijzingnummer for r in regels}
        self.indicaties = {
            i.toewijzingnummer: i
            for i in Indicatie.objects.filter(toewijzingnummer__in=nummers)
            .select_related("inwoner", "product")
            .only(*INDICATIE_VELDEN)
        }
        eigen = [i for i in self.indicaties.values() if i.aanbieder_id == aanbieder.pk]
        self.besluit = _besluitdagen([i.pk for i in eigen]) if eigen else {}
        producten = {i.product_id for i in eigen}
        self.contracten = defaultdict(list)
        self.tarieven = defaultdict(list)
        if producten:
            for c in Contract.objects.filter(aanbieder=aanbieder, product_id__in=producten).order_by("geldig_van"):
                self.contracten[c.product_id].append(c)
            for t in Tarief.objects.filter(product_id__in=producten).order_by("geldig_van"):
                self.tarieven[t.product_id].append(t)
        referenties = {r.referentienummer for r in regels} | {r.vorig for r in regels if r.vorig}
        self.eerder = {
            p.referentienummer: p
            for p in Prestatie.objects.filter(
                aanbieder=aanbieder, status=PrestatieStatus.TOEGEKEND, referentienummer__in=referenties
            )
        }
        # Volumes approved before, net of what was credited, per toewijzing and month (TR322).
        self.gebruikt: dict = defaultdict(int)
        self.omvang = {i.pk: self._omvang(i) for i in eigen}
        if eigen:
            rijen = (
                Prestatie.objects.filter(
                    indicatie_id__in=[i.pk for i in eigen],
                    status=PrestatieStatus.TOEGEKEND,
                    debet_credit=DebetCredit.DEBET,
                    gecrediteerd_door__isnull=True,
                )
                .values("indicatie_id", "eenheid", jaar=ExtractYear("begindatum"), maand=ExtractMonth("begindatum"))
                .annotate(totaal=Sum("volume"))
            )
            for rij in rijen:
                omvang = self.omvang[rij["indicatie_id"]]
                self.gebruikt[self._sleutel(rij["indicatie_id"], rij["jaar"], rij["maand"])] += _basis(
                    rij["totaal"], rij["eenheid"], omvang[1]
                )
        regels_nu = beleid.beleid_op(vandaag)
        self.plafond = aanbieder.budgetplafond if regels_nu.budgetplafond_weigeren else None
        self.stand: dict[int, Decimal] = {}

    def _omvang(self, indicatie: Indicatie) -> tuple[int, str, str]:
        """(Volume, Eenheid, Frequentie) as the 301 told the aanbieder (toewijzing.stand)."""
        contract = self.contract_301(indicatie)
        variant = contract.uitvoeringsvariant if contract else ""
        return opbouw.omvang(indicatie.volume, indicatie.eenheid, indicatie.frequentie, variant)

    def contract_301(self, indicatie: Indicatie) -> Contract | None:
        """The contract the 301 named (toewijzing.contract_van): on the ingangsdatum, else the first."""
        rijen = self.contracten.get(indicatie.product_id, [])
        op_ingang = [c for c in rijen if c.geldig_van <= indicatie.ingangsdatum]
        return op_ingang[-1] if op_ingang else (rijen[0] if rijen else None)

    def _sleutel(self, indicatie_id, jaar: int, maand: int) -> tuple:
        frequentie = self.omvang[indicatie_id][2]
        return (indicatie_id,) if frequentie == "6" else (indicatie_id, jaar, maand)

    def plafondstand(self, jaar: int) -> Decimal:
        if jaar not in self.stand:
            self.stand[jaar] = plafond.plafondstand({self.aanbieder.pk}, jaar)[self.aanbieder.pk]
        return self.stand[jaar]

    # --- Judging -------------------------------------------------------------------------------

    def beoordeel(self, regels: list[Regel]) -> None:
        goedgekeurd = set(self.eerder)  # ReferentieNummers approved before or in this declaration
        gecrediteerd: set[str] = set()
        for regel in [r for r in regels if r.debet_credit == DebetCredit.CREDIT]:
            self._credit(regel, goedgekeurd, gecrediteerd)
        for regel in [r for r in regels if r.debet_credit == DebetCredit.DEBET]:
            self._debet(regel, goedgekeurd, gecrediteerd)

    def _credit(self, regel: Regel, goedgekeurd: set, gecrediteerd: set) -> None:
        debet = self.eerder.get(regel.vorig) if regel.vorig else None
        if regel.referentienummer in goedgekeurd:
            regel.codes.append(REFERENTIE_DUBBEL)  # TR314
        elif debet is None or debet.debet_credit != DebetCredit.DEBET:
            regel.codes.append(GEEN_DEBET)  # TR323: a credit needs an earlier approved debet
        elif debet.gecrediteerd_door_id is not None or debet.referentienummer in gecrediteerd:
            regel.codes.append(AL_GECREDITEERD)  # TR390: a debet is credited once
        elif (debet.toewijzingnummer, debet.begindatum, debet.einddatum, debet.volume, debet.eenheid, debet.bedrag) != (
            regel.toewijzingnummer,
            regel.begin,
            regel.eind,
            regel.volume,
            regel.eenheid,
            regel.bedrag,
        ):
            regel.codes.append(GEEN_DEBET)  # OP366: a credit reverses its debet in full, or is no credit of it
        if regel.codes:
            return
        goedgekeurd.add(regel.referentienummer)
        gecrediteerd.add(debet.referentienummer)
        regel.crediteert = debet
        regel.indicatie = self.indicaties.get(debet.toewijzingnummer)
        if debet.indicatie_id in self.omvang:
            sleutel = self._sleutel(debet.indicatie_id, debet.begindatum.year, debet.begindatum.month)
            self.gebruikt[sleutel] -= _basis(debet.volume, debet.eenheid, self.omvang[debet.indicatie_id][1])
        if self.plafond is not None:
            self.stand[regel.begin.year] = self.plafondstand(regel.begin.year) - regel.bedrag

    def _debet(self, regel: Regel, goedgekeurd: set, gecrediteerd: set) -> None:
        indicatie = self.indicaties.get(regel.toewijzingnummer)
        if (
            indicatie is None
            or indicatie.aanbieder_id != self.aanbieder.pk
            or indicatie.product.wet != self.wet
            or indicatie.status not in (*GEGEVEN, IndicatieStatus.INGETROKKEN)
        ):
            regel.codes.append(NIET_GEKOPPELD)  # TR338: no toewijzing of this aanbieder under this law
            return
        if indicatie.status == IndicatieStatus.INGETROKKEN:
            regel.indicatie = indicatie
            regel.codes.append(VERWIJDERD)  # TR384: the toewijzing was deleted (RedenWijziging 13)
            return
        if indicatie.inwoner.bsn != regel.bsn:
            regel.codes.append(ANDERE_CLIENT)  # TR304
            return
        regel.indicatie = indicatie
        codes = regel.codes
        volume, eenheid, frequentie = self.omvang[indicatie.pk]
        contract = self.contract_301(indicatie)
        # TR339, TR340: the product the 301 named.
        if contract is None or regel.categorie != contract.productcategorie:
            codes.append(CATEGORIE)
        if contract is None or regel.code != (contract.productcode or indicatie.product.code[:5]):
            codes.append(CODE)
        # TR341: the unit of the toewijzing; hours may be declared in minutes.
        if regel.eenheid != eenheid and not (eenheid == UUR and regel.eenheid == MINUUT):
            codes.append(EENHEID)
        # TR307, TR308: within the toewijzing, which is paid from the day it was decided on.
        begin = indicatie.ingangsdatum
        if indicatie.extern_id is None:  # imported from an earlier system: decided there, on its terms
            begin = max(begin, self.besluit.get(indicatie.pk, timezone.localdate(indicatie.aangemaakt)))
        eind = indicatie.einddatum
        if regel.begin < begin or (eind is not None and regel.begin > eind):
            codes.append(BEGIN_BUITEN_TOEWIJZING)
        if regel.eind < begin or (eind is not None and regel.eind > eind):
            codes.append(EIND_BUITEN_TOEWIJZING)
        # TR319: within the declaratieperiode, which is the current one or earlier; CS337: one month.
        if (
            regel.begin < self.periode[0]
            or regel.eind > self.periode[1]
            or regel.begin > self.vandaag
            or (regel.begin.year, regel.begin.month) != (regel.eind.year, regel.eind.month)
        ):
            codes.append(BUITEN_DECLARATIEPERIODE)
        # TR346: IngediendBedrag = GeleverdVolume × ProductTarief (eurocent, the tarief unrounded).
        if regel.tarief is None or regel.bedrag != regel.volume * regel.tarief:
            codes.append(BEDRAG)
        # TR418: the contract's tarief (or the catalogue's); a taakgericht contract has none per
        # prestatie: it is paid as a whole, never declared per client (docs/berichten.md).
        op_dag = _geldig(self.contracten.get(indicatie.product_id, []), regel.begin) or contract
        if regel.tarief is not None and EENHEID not in codes and not self._tarief_klopt(regel, indicatie, op_dag):
            codes.append(TARIEF)
        if regel.referentienummer in goedgekeurd:
            codes.append(REFERENTIE_DUBBEL)  # TR314
        if regel.vorig and regel.vorig in self.eerder and regel.vorig not in gecrediteerd:
            vorig = self.eerder[regel.vorig]
            if vorig.debet_credit == DebetCredit.DEBET and vorig.gecrediteerd_door_id is None:
                codes.append(DEBET_NIET_GECREDITEERD)  # TR389: credit the old one in full first
        if codes:
            return
        # TR321, TR322: the volume fits the omvang of the period, alone and with what came before.
        gevraagd = _basis(regel.volume, regel.eenheid, eenheid)
        toegewezen = _basis(volume, eenheid, eenheid)
        dagen = (regel.eind - regel.begin).days + 1
        if (frequentie == "2" and gevraagd * 7 > toegewezen * dagen) or (frequentie != "2" and gevraagd > toegewezen):
            codes.append(VOLUME)
            return
        sleutel = self._sleutel(indicatie.pk, regel.begin.year, regel.begin.month)
        teller, noemer = self._grens(indicatie, regel.begin, begin, toegewezen, frequentie)
        if (gevraagd + self.gebruikt[sleutel]) * noemer > teller:
            codes.append(VOLUME_OPGETELD)
            return
        # Budgetplafond: with `budgetplafond_weigeren`, nothing beyond the year's plafond is approved.
        jaar = regel.begin.year
        if self.plafond is not None and self.plafondstand(jaar) + regel.bedrag > self.plafond:
            codes.append(BUDGET)
            return
        self.gebruikt[sleutel] += gevraagd
        if self.plafond is not None:
            self.stand[jaar] = self.plafondstand(jaar) + regel.bedrag
        goedgekeurd.add(regel.referentienummer)

    def _grens(self, indicatie, dag: datetime.date, begin, toegewezen: int, frequentie: str) -> tuple[int, int]:
        """The omvang of the month of `dag` (per week: its share of the weeks the toewijzing runs
        in that month), or of the whole toewijzing (Frequentie 6), as a fraction (teller, noemer):
        exact, never rounded."""
        if frequentie != "2":
            return toegewezen, 1
        eerste = dag.replace(day=1)
        laatste = (eerste + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        van = max(eerste, begin)
        tot = min(laatste, indicatie.einddatum or laatste)
        return toegewezen * max((tot - van).days + 1, 0), 7

    def _tarief_klopt(self, regel: Regel, indicatie, contract) -> bool:
        if contract is None or contract.uitvoeringsvariant == Uitvoeringsvariant.TAAKGERICHT:
            return False
        tarief = contract.tarief
        if tarief is None:
            catalogus = _geldig(self.tarieven.get(indicatie.product_id, []), regel.begin)
            tarief = catalogus.bedrag if catalogus else None
        if tarief is None:
            return False
        # The contract's tarief is per unit of the product; the declared one per declared unit.
        per_product = MINUTEN_EENHEID.get(indicatie.product.eenheid, 1)
        per_gedeclareerd = MINUTEN_CODE.get(regel.eenheid, 1)
        return regel.tarief * per_product == tarief * per_gedeclareerd


def _basis(volume: int, eenheid: str, toegewezen_eenheid: str) -> int:
    """A volume in the unit checks count in: minutes when hours were assigned, else the unit itself."""
    if toegewezen_eenheid == UUR:
        return volume * MINUTEN_CODE.get(eenheid, 1)
    return volume


INDICATIE_VELDEN = (
    "id",
    "toewijzingnummer",
    "aanbieder_id",
    "product_id",
    "status",
    "volume",
    "eenheid",
    "frequentie",
    "ingangsdatum",
    "einddatum",
    "aangemaakt",
    "extern_id",
    "inwoner__bsn",
    "product__wet",
    "product__code",
    "product__eenheid",
)
