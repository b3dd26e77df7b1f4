"""Every indicatie rule combined into one assessment: the one place the rules are put together,
for a registration, a change, a verlenging, the import and the live preview alike."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from basis.codes import NON_FIELD, Code, Violation

from .. import costs
from . import indicatie as regels
from . import limieten, traject, workflow
from .algemeen import datum_buiten_bereik
from .indicatie import AndereIndicatie, IndicatieFeiten


@dataclass
class Beoordeling:
    """What the rules say about an indicatie: derived figures, violations and signals."""

    uren_per_week: Decimal | None = None
    geschatte_kosten: Decimal | None = None
    maximale_einddatum: datetime.date | None = None
    evaluatiedatum: datetime.date | None = None
    # What the schakelteam threshold counts: this indicatie, the running ones in the same period
    # and the voorgangers it continues that ended less than 12 months before it starts.
    kosten_met_overlap: Decimal | None = None
    # Only this indicatie and the running ones in the same period: an ended voorganger is no
    # running indicatie, even though the threshold counts it (domain.md, "Traject").
    kosten_lopend: Decimal | None = None
    schakelteam_nodig: bool = False
    # The traject: the hours per week with the inwoner's other indicaties of the same law in the
    # same period, and every other indicatie the threshold counted (running or voorganger).
    uren_traject: Decimal | None = None
    uren_meegeteld: list[AndereIndicatie] = field(default_factory=list)
    kosten_meegeteld: list[AndereIndicatie] = field(default_factory=list)
    keten_meegeteld: list[AndereIndicatie] = field(default_factory=list)
    overtredingen: list[Violation] = field(default_factory=list)
    signalen: list[Violation] = field(default_factory=list)

    @property
    def toegestaan(self) -> bool:
        return not self.overtredingen

    @property
    def signaalcodes(self) -> list[str]:
        return [s.code for s in self.signalen]


def _eigen_signalen(f: IndicatieFeiten) -> list[Violation]:
    signalen = []
    if f.spoed:
        signalen.append(Violation(Code.SPOED, "spoed", "Spoedindicatie.", blokkerend=False))
    if f.product_heeft_lichtere_variant:
        signalen.append(
            Violation(
                Code.MOTIVATIE_ZWAARDERE_VARIANT,
                "product",
                "Zwaardere variant gekozen; er bestaat een lichtere.",
                blokkerend=False,
            )
        )
    if f.voorganger is not None:
        bericht = (
            "Sluit aan op een eerdere indicatie van hetzelfde product: een verlenging."
            if f.voorganger.aansluitend
            else "Verlenging van een eerdere indicatie."
        )
        signalen.append(Violation(Code.VERLENGING, NON_FIELD, bericht, blokkerend=False))
        if f.voorganger.doel_niet_behaald:
            # Extending care whose evaluation found a goal not reached: the motivatie is the reason.
            signalen.append(workflow.voortgezet_zonder_resultaat(f.motivatie))
    return signalen


def _omvang_ongewijzigd(f: IndicatieFeiten, uren: Decimal | None) -> bool:
    """A change that leaves the period and the hours as they were (a motivation, the aanbieder) is
    not held to the maximum duration again: it met the limit when it was registered, and the
    indicaties registered after it were each held to the traject's hours themselves."""
    return f.vorige_ingangsdatum is not None and (f.ingangsdatum, f.einddatum, uren) == (
        f.vorige_ingangsdatum,
        f.vorige_einddatum,
        f.vorige_uren_per_week,
    )


def beoordeel_indicatie(f: IndicatieFeiten) -> Beoordeling:
    """Run every indicatie rule on the facts."""
    b = Beoordeling()
    buiten = datum_buiten_bereik("ingangsdatum", f.ingangsdatum) + datum_buiten_bereik("einddatum", f.einddatum)
    if buiten:
        # Nothing else can be calculated with such a date.
        b.overtredingen = buiten
        return b
    fouten: list[Violation] = []
    fouten += limieten.tekst_te_lang("motivatie", f.motivatie) + limieten.tekst_te_lang("spoed_reden", f.spoed_reden)
    fouten += limieten.te_veel_doelen(f.doelen) + limieten.doel_te_lang(f.langste_doel)
    fouten += regels.doelen_ontbreken(f)
    fouten += regels.einddatum_voor_ingangsdatum(f)
    fouten += regels.einddatum_bij_totaal(f)
    fouten += regels.geen_terugwerkende_kracht(f)
    fouten += regels.spoed_reden_verplicht(f)
    fouten += regels.motivatie_zwaardere_variant(f)
    fouten += regels.wlz_geen_wmo(f)
    fouten += regels.wlz_jeugdwet(f)
    fouten += regels.verlenging_voorwaarden(f)
    fouten += regels.motivatie_voortzetten(f)
    fouten += regels.vervangt_zelfde_inwoner(f)
    fouten += regels.eenheid_past_niet(f)
    fouten += regels.geen_contract(f)

    periode_geldig = f.einddatum is None or f.einddatum >= f.ingangsdatum
    overlappend = traject.overlappende(f) if periode_geldig else []
    if periode_geldig:
        fouten += regels.toewijzing_overlapt(f)
        raming = costs.raming(
            volume=f.volume,
            eenheid=f.eenheid,
            frequentie=f.frequentie,
            ingangsdatum=f.ingangsdatum,
            einddatum=f.einddatum,
            product_eenheid=f.product_eenheid,
            tarieven=f.tarieven,
        )
        b.uren_per_week = raming.uren_per_week
        b.geschatte_kosten = raming.kosten
        b.uren_meegeteld = traject.uren_meegeteld(f, overlappend)
        b.uren_traject = traject.uren_traject(raming.uren_exact, b.uren_meegeteld)
        if not _omvang_ongewijzigd(f, raming.uren_per_week):
            fouten += regels.max_duur_8_maanden(f, b.uren_traject, b.uren_meegeteld)
            fouten += regels.verlengd_zonder_evaluatie(f, b.uren_traject)
        fouten += regels.tarief_ontbreekt(f)
        if b.uren_traject is not None and b.uren_traject >= f.instellingen.uren_grens:
            b.maximale_einddatum = regels.maximale_einddatum(f.ingangsdatum, f.instellingen.max_maanden)
            b.evaluatiedatum = regels.evaluatiedatum(f.ingangsdatum, f.einddatum, f.instellingen.evaluatie_maanden)

    signalen = _eigen_signalen(f)
    if b.geschatte_kosten is not None:
        b.keten_meegeteld = traject.keten(f, overlappend)
        b.kosten_meegeteld = overlappend + b.keten_meegeteld
        b.kosten_lopend = traject.kosten_met_overlap(b.geschatte_kosten, overlappend)
        b.kosten_met_overlap = traject.kosten_met_overlap(b.geschatte_kosten, b.kosten_meegeteld)
        drempel = traject.schakelteam_drempel(f, b.kosten_met_overlap, b.kosten_meegeteld)
        b.schakelteam_nodig = bool(drempel)
        signalen += drempel
    signalen += traject.zorgstapeling(f, overlappend)
    signalen += traject.mogelijk_wlz(f, overlappend)
    if periode_geldig:
        signalen += traject.achttien_jaar(f)

    b.overtredingen = fouten
    b.signalen = signalen
    return b
