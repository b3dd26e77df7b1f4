"""The facts of one indicatie, and the rules that need nothing but this indicatie."""

import datetime
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from basis.codes import Code, Violation
from basis.notatie import datum_tekst

from .. import costs
from ..domein import LOPENDE_EVALUATIE, VERLENGBARE_STATUSSEN, Frequentie, Wet

VIJF_UUR = Decimal(5)


@dataclass(frozen=True)
class Regelinstellingen:
    """The policy numbers in force on the day of registration (Beleidsregels) and the product
    groups of the settings."""

    schakelteam_drempel: Decimal
    spoed_terugwerkend_dagen: int
    productgroepen: Mapping[str, Sequence[str]]
    zorgstapeling_combinaties: Sequence[tuple[str, str]]
    wlz_grensgroepen: Mapping[str, Sequence[str]]
    uren_grens: Decimal = VIJF_UUR
    max_maanden: int = 8
    evaluatie_maanden: int = 4


@dataclass(frozen=True)
class AndereIndicatie:
    """Another indicatie of the same inwoner: a running one (waiting or granted), or one of the
    voorganger chain. `uren_per_week` None: not a unit of time."""

    product_code: str
    wet: str
    ingangsdatum: datetime.date
    einddatum: datetime.date | None
    geschatte_kosten: Decimal
    uren_per_week: Decimal | None = None
    id: object = None
    aanbieder_id: object = None


def omschrijving(a: AndereIndicatie) -> str:
    """How a message names another indicatie: product and period."""
    tot = f" t/m {datum_tekst(a.einddatum)}" if a.einddatum else ""
    return f"{a.product_code} ({datum_tekst(a.ingangsdatum)}{tot})"


def opsomming(andere: Iterable[AndereIndicatie]) -> str:
    """Other indicaties named in a message, in the order they start: the same text whatever
    order the database returned them in."""
    volgorde = sorted(andere, key=lambda a: (a.ingangsdatum, a.einddatum or datetime.date.max, a.product_code))
    return ", ".join(map(omschrijving, volgorde))


@dataclass(frozen=True)
class VoorgangerFeiten:
    """The indicatie a verlenging extends."""

    zelfde_inwoner: bool
    status: str
    einddatum: datetime.date | None
    evaluatie_status: str | None
    # Its evaluation judged a goal `nee`: extending it needs a written reason.
    doel_niet_behaald: bool = False
    # Not named as `voorganger`: care of the same product that ended shortly before this starts.
    aansluitend: bool = False
    product_code: str = ""


@dataclass(frozen=True)
class IndicatieFeiten:
    """Everything the rules look at for one indicatie, gathered once (indicaties.feiten)."""

    vandaag: datetime.date
    volume: Decimal
    eenheid: str
    frequentie: str
    ingangsdatum: datetime.date
    einddatum: datetime.date | None
    spoed: bool
    spoed_reden: str
    motivatie: str
    product_code: str
    product_wet: str
    product_eenheid: str
    product_heeft_lichtere_variant: bool
    inwoner_wlz: bool
    tarieven: tuple[costs.TariefPeriode, ...]
    andere_indicaties: tuple[AndereIndicatie, ...]
    instellingen: Regelinstellingen
    voorganger: VoorgangerFeiten | None = None
    vervangt_andere_inwoner: bool = False
    # For a change of an existing indicatie: its dates before the change.
    vorige_ingangsdatum: datetime.date | None = None
    vorige_einddatum: datetime.date | None = None
    # and its stored hours per week, to tell a change of the care from a change of its paperwork.
    vorige_uren_per_week: Decimal | None = None
    # and whether it was registered as spoed: a start in the past stands only on that.
    vorige_spoed: bool | None = None
    # and whether it was continued (a verlenging) while its own evaluation was not completed.
    verlengd_zonder_evaluatie: bool = False
    inwoner_geboortedatum: datetime.date | None = None
    # The number of goals of a new indicatie; None for a change, whose goals are kept.
    doelen: int | None = None
    # The length of the longest goal's description (rules.limieten).
    langste_doel: int = 0
    # The indicaties this one continues (voorganger, its voorganger, ...), nearest first.
    voorgangers: tuple[AndereIndicatie, ...] = ()
    # The chain (docs/domain.md): the aanbieder, and its contracts for this product (None: not
    # gathered, as in a test of another rule).
    aanbieder_id: object = None
    contracten: tuple[costs.ContractPeriode, ...] | None = None


# Date arithmetic with relativedelta costs more than the rest of a rule; an import asks the same
# few hundred dates over and over (docs/performance.md).
@functools.lru_cache(maxsize=4096)
def maximale_einddatum(ingangsdatum: datetime.date, maanden: int = 8) -> datetime.date:
    return ingangsdatum + relativedelta(months=maanden) - datetime.timedelta(days=1)


@functools.lru_cache(maxsize=4096)
def evaluatiedatum(ingangsdatum: datetime.date, einddatum: datetime.date | None, maanden: int = 4) -> datetime.date:
    datum = ingangsdatum + relativedelta(months=maanden)
    return datum if einddatum is None else min(datum, einddatum)


def uren_tekst(uren: Decimal) -> str:
    return f"{uren:.2f}".replace(".", ",")


def max_duur_8_maanden(
    f: IndicatieFeiten, uren: Decimal | None, meegeteld: Sequence[AndereIndicatie] = ()
) -> list[Violation]:
    """`uren`: the hours per week of this indicatie plus those of `meegeteld`, the inwoner's other
    running indicaties of the same law in the same period (the traject, docs/domain.md)."""
    regels = f.instellingen
    if uren is None or uren < regels.uren_grens:
        return []
    grens = maximale_einddatum(f.ingangsdatum, regels.max_maanden)
    drempel = f"Bij {uren_tekst(regels.uren_grens)} uur of meer per week"
    if meegeteld:
        drempel += f" (samen met {opsomming(meegeteld)}: {uren_tekst(uren)} uur)"
    if f.einddatum is None:
        bericht = f"{drempel} is een einddatum verplicht (uiterlijk {datum_tekst(grens)})."
    elif f.einddatum > grens:
        bericht = f"{drempel} loopt een indicatie hooguit {regels.max_maanden} maanden: uiterlijk tot en met {datum_tekst(grens)}."
    else:
        return []
    return [Violation(Code.MAX_DUUR_8_MAANDEN, "einddatum", bericht)]


def geen_terugwerkende_kracht(f: IndicatieFeiten) -> list[Violation]:
    fouten = []
    nieuw = f.vorige_ingangsdatum is None
    if (nieuw or f.ingangsdatum != f.vorige_ingangsdatum) and f.ingangsdatum < f.vandaag:
        dagen_terug = (f.vandaag - f.ingangsdatum).days
        if not f.spoed:
            fouten.append(
                Violation(
                    Code.GEEN_TERUGWERKENDE_KRACHT,
                    "ingangsdatum",
                    f"De ingangsdatum mag niet vóór vandaag ({datum_tekst(f.vandaag)}) liggen. Alleen bij spoed mag dat, met een reden.",
                )
            )
        elif dagen_terug > f.instellingen.spoed_terugwerkend_dagen:
            vroegst = f.vandaag - datetime.timedelta(days=f.instellingen.spoed_terugwerkend_dagen)
            fouten.append(
                Violation(
                    Code.GEEN_TERUGWERKENDE_KRACHT,
                    "ingangsdatum",
                    f"Ook bij spoed mag de ingangsdatum hooguit {f.instellingen.spoed_terugwerkend_dagen} dagen terug liggen: niet vóór {datum_tekst(vroegst)}.",
                )
            )
    if not nieuw and f.vorige_spoed and not f.spoed and f.ingangsdatum < f.vandaag:
        # Without spoed the start in the past would be retroactive, and the spoed signal (and with
        # it the toetsing) would disappear afterwards.
        fouten.append(
            Violation(
                Code.GEEN_TERUGWERKENDE_KRACHT,
                "spoed",
                f"Deze indicatie is met spoed ingegaan op {datum_tekst(f.ingangsdatum)}. Nu die datum voorbij is, "
                "kan spoed er niet meer af.",
            )
        )
    if not nieuw and f.einddatum is not None and f.einddatum != f.vorige_einddatum and f.einddatum < f.vandaag:
        fouten.append(
            Violation(
                Code.GEEN_TERUGWERKENDE_KRACHT,
                "einddatum",
                f"De einddatum mag niet naar het verleden worden verplaatst (vóór {datum_tekst(f.vandaag)}).",
            )
        )
    return fouten


def spoed_reden_verplicht(f: IndicatieFeiten) -> list[Violation]:
    if f.spoed and not f.spoed_reden.strip():
        return [Violation(Code.SPOED_REDEN_VERPLICHT, "spoed_reden", "Geef bij spoed de reden op.")]
    return []


def motivatie_zwaardere_variant(f: IndicatieFeiten) -> list[Violation]:
    if f.product_heeft_lichtere_variant and not f.motivatie.strip():
        return [
            Violation(
                Code.MOTIVATIE_ZWAARDERE_VARIANT,
                "motivatie",
                "Dit product heeft een lichtere variant. Motiveer schriftelijk waarom de zwaardere variant nodig is.",
            )
        ]
    return []


def wlz_geen_wmo(f: IndicatieFeiten) -> list[Violation]:
    if f.inwoner_wlz and f.product_wet == Wet.WMO:
        return [
            Violation(
                Code.WLZ_GEEN_WMO,
                "product",
                "Deze inwoner heeft een Wlz-indicatie. Wmo-ondersteuning is dan niet mogelijk; de zorg valt onder de Wlz.",
            )
        ]
    return []


def wlz_jeugdwet(f: IndicatieFeiten) -> list[Violation]:
    """Afwenteling voorkomen (seed 002): with a Wlz indication the care belongs under the Wlz."""
    if f.inwoner_wlz and f.product_wet == Wet.JEUGDWET:
        return [
            Violation(
                Code.WLZ_JEUGDWET,
                "product",
                "Deze jeugdige heeft een Wlz-indicatie. Jeugdhulp is dan niet mogelijk; de zorg valt onder de Wlz.",
            )
        ]
    return []


def doelen_ontbreken(f: IndicatieFeiten) -> list[Violation]:
    if f.doelen is None or f.doelen > 0:
        return []
    return [
        Violation(
            Code.DOELEN_ONTBREKEN,
            "doelen",
            "Leg ten minste één doel vast: het resultaat dat u met de inwoner heeft afgesproken.",
        )
    ]


def motivatie_voortzetten(f: IndicatieFeiten) -> list[Violation]:
    """Extending care whose evaluation found a goal not reached needs a written reason (seed 000:
    after 4 months development must be visible)."""
    if f.voorganger is None or not f.voorganger.doel_niet_behaald or f.motivatie.strip():
        return []
    return [
        Violation(
            Code.MOTIVATIE_VOORTZETTEN,
            "motivatie",
            "Bij de evaluatie van de vorige indicatie is een doel niet behaald. Motiveer waarom u de zorg verlengt.",
        )
    ]


def einddatum_voor_ingangsdatum(f: IndicatieFeiten) -> list[Violation]:
    if f.einddatum is not None and f.einddatum < f.ingangsdatum:
        return [Violation(Code.EINDDATUM_VOOR_INGANGSDATUM, "einddatum", "De einddatum ligt vóór de ingangsdatum.")]
    return []


def einddatum_bij_totaal(f: IndicatieFeiten) -> list[Violation]:
    if f.frequentie == Frequentie.TOTAAL and f.einddatum is None:
        return [Violation(Code.REQUIRED, "einddatum", "Bij frequentie 'totaal' is een einddatum verplicht.")]
    return []


def eenheid_past_niet(f: IndicatieFeiten) -> list[Violation]:
    if costs.eenheden_omrekenen(f.volume, f.eenheid, f.product_eenheid) is not None:
        return []
    return [
        Violation(
            Code.EENHEID_PAST_NIET,
            "eenheid",
            f"De eenheid '{f.eenheid}' past niet bij het product (eenheid '{f.product_eenheid}').",
        )
    ]


def tarief_ontbreekt(f: IndicatieFeiten) -> list[Violation]:
    eind = costs.kostenperiode_einde(f.ingangsdatum, f.einddatum)
    gaten = costs.tariefdekking_ontbreekt(f.tarieven, f.ingangsdatum, eind)
    if not gaten:
        return []
    van, tot = gaten[0]
    return [
        Violation(
            Code.TARIEF_ONTBREEKT,
            "product",
            f"Voor product {f.product_code} is geen tarief vastgesteld van {datum_tekst(van)} tot en met {datum_tekst(tot)}; de kosten zijn niet te schatten.",
        )
    ]


def vervangt_zelfde_inwoner(f: IndicatieFeiten) -> list[Violation]:
    if f.vervangt_andere_inwoner:
        return [
            Violation(
                Code.VERVANGT_ONGELDIG, "vervangt", "De indicatie die deze vervangt hoort bij een andere inwoner."
            )
        ]
    return []


def verlenging_voorwaarden(f: IndicatieFeiten) -> list[Violation]:
    v = f.voorganger
    if v is None:
        return []
    if v.aansluitend:
        # Care that continues care is a verlenging, whether or not the link was filled in: its
        # predecessor's evaluation first. It need not start on the day after.
        if v.evaluatie_status not in ("gepland", "open"):
            return []
        return [
            Violation(
                Code.VERLENGING_EVALUATIE_OPEN,
                "ingangsdatum",
                f"Deze indicatie sluit aan op {v.product_code} tot en met {datum_tekst(v.einddatum)}: een verlenging. "
                "Rond eerst de evaluatie van die indicatie af.",
            )
        ]
    if not v.zelfde_inwoner:
        bericht = "De indicatie die u verlengt hoort bij een andere inwoner."
    elif v.status not in VERLENGBARE_STATUSSEN:
        bericht = "Alleen een toegewezen of verlopen indicatie kan worden verlengd."
    elif v.einddatum is None:
        bericht = "Een indicatie zonder einddatum kan niet worden verlengd."
    else:
        bericht = None
    if bericht is not None:
        return [Violation(Code.VERLENGING_ONGELDIG, "voorganger", bericht)]
    fouten = []
    aansluitend = v.einddatum + datetime.timedelta(days=1)
    if f.ingangsdatum != aansluitend:
        fouten.append(
            Violation(
                Code.VERLENGING_AANSLUITEND,
                "ingangsdatum",
                f"Een verlenging begint op de dag na de einddatum van de vorige indicatie: {datum_tekst(aansluitend)}.",
            )
        )
    if v.evaluatie_status in LOPENDE_EVALUATIE:
        fouten.append(
            Violation(
                Code.VERLENGING_EVALUATIE_OPEN,
                "voorganger",
                "Rond eerst de evaluatie van de vorige indicatie af; pas daarna kan zij worden verlengd.",
            )
        )
    return fouten


def verlengd_zonder_evaluatie(f: IndicatieFeiten, uren: Decimal | None) -> list[Violation]:
    """An indicatie that was extended while it needed no evaluation (under the hours limit) does
    not go back over the limit: its evaluation would come back after the verlenging it had to
    precede (lowering to 4,99 hours, extending, raising again)."""
    if not f.verlengd_zonder_evaluatie or uren is None or uren < f.instellingen.uren_grens:
        return []
    return [
        Violation(
            Code.VERLENGING_EVALUATIE_OPEN,
            "volume",
            f"Deze indicatie is al verlengd zonder evaluatie. Met {uren_tekst(f.instellingen.uren_grens)} uur of meer "
            "per week was eerst een evaluatie nodig geweest; verhoog de zorg in de verlenging.",
        )
    ]


def niet_wijzigbaar(velden: Sequence[str]) -> list[Violation]:
    """Fields of an indicatie that a change may not touch (inwoner, status, costs, ...)."""
    return [Violation(Code.NIET_WIJZIGBAAR, veld, "Dit gegeven kan niet worden gewijzigd.") for veld in sorted(velden)]


def geen_contract(f: IndicatieFeiten) -> list[Violation]:
    """Care is only assigned to an aanbieder contracted for the product on the ingangsdatum."""
    if f.contracten is None:
        return []
    for c in f.contracten:
        if c.geldig_van <= f.ingangsdatum and (c.geldig_tot is None or f.ingangsdatum <= c.geldig_tot):
            return []
    return [
        Violation(
            Code.GEEN_CONTRACT,
            "aanbieder",
            f"Deze aanbieder heeft op {datum_tekst(f.ingangsdatum)} geen contract voor product {f.product_code}. "
            "Kies een aanbieder met een contract, of vraag beheer het contract vast te leggen.",
        )
    ]


def toewijzing_overlapt(f: IndicatieFeiten) -> list[Violation]:
    """OP259: no two toewijzingen of the same product for the same inwoner and aanbieder in an
    overlapping period (stacking is not allowed in the iStandaarden)."""
    if f.aanbieder_id is None:
        return []
    eind = f.einddatum or datetime.date.max
    overlap = [
        a
        for a in f.andere_indicaties
        if a.aanbieder_id == f.aanbieder_id
        and a.product_code == f.product_code
        and a.ingangsdatum <= eind
        and f.ingangsdatum <= (a.einddatum or datetime.date.max)
    ]
    if not overlap:
        return []
    return [
        Violation(
            Code.TOEWIJZING_OVERLAPT,
            "ingangsdatum",
            f"Deze aanbieder heeft voor dit product al een toewijzing in dezelfde periode: {opsomming(overlap)}. "
            "Wijzig die toewijzing, of laat deze aansluiten op haar einddatum.",
        )
    ]
