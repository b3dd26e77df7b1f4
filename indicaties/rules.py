"""Every rule of docs/domain.md, as pure functions on plain facts.

A rule takes facts and returns violations; it never queries or saves. Blocking rules and
signals are the same kind of object with a different severity. The services gather the facts
(selectors), call `beoordeel_indicatie`, and refuse the change when a blocking violation comes
back; the web UI calls the same function while the consulent types, without saving.
"""

import datetime
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from . import costs

NON_FIELD = "non_field_errors"
VIJF_UUR = Decimal(5)

# Signal codes (api.md: `signalen` is a list of these). They force the indicatie into the sample.
SIGNAAL_SPOED = "spoed"
SIGNAAL_ZWAARDERE_VARIANT = "motivatie_zwaardere_variant"
SIGNAAL_VERLENGING = "verlenging"
SIGNAAL_SCHAKELTEAM = "schakelteam_drempel"
SIGNAAL_ZORGSTAPELING = "zorgstapeling"
SIGNAAL_MOGELIJK_WLZ = "mogelijk_wlz"
ALLE_SIGNALEN = (
    SIGNAAL_SPOED,
    SIGNAAL_ZWAARDERE_VARIANT,
    SIGNAAL_VERLENGING,
    SIGNAAL_SCHAKELTEAM,
    SIGNAAL_ZORGSTAPELING,
    SIGNAAL_MOGELIJK_WLZ,
)


@dataclass(frozen=True)
class Violation:
    code: str
    veld: str
    bericht: str
    blokkerend: bool = True


def datum_tekst(d: datetime.date) -> str:
    """Dutch notation d-m-jjjj (3-9-2027), the one date format of messages, pages and exports."""
    return f"{d.day}-{d.month}-{d.year}"


# Dates the register can calculate with (8 months on, a year of cost ahead). A year like 9999 is a
# typing error and would overflow those calculations instead of giving a clear message.
EERSTE_DATUM, LAATSTE_DATUM = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)
DATUM_VOOR_BEREIK = f"Kies een datum vanaf {datum_tekst(EERSTE_DATUM)}."
DATUM_NA_BEREIK = f"Kies een datum tot en met {datum_tekst(LAATSTE_DATUM)}."


def datum_buiten_bereik(veld: str, datum: datetime.date | None) -> list[Violation]:
    if datum is None or EERSTE_DATUM <= datum <= LAATSTE_DATUM:
        return []
    bericht = DATUM_VOOR_BEREIK if datum < EERSTE_DATUM else DATUM_NA_BEREIK
    return [Violation("datum_buiten_bereik", veld, bericht)]


def euro(bedrag: Decimal) -> str:
    """Dutch notation: € 11.972,57."""
    tekst = f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {tekst}"


# --- Inwoner -------------------------------------------------------------------------------

ELFPROEF_GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def bsn_is_geldig(bsn: str) -> bool:
    if len(bsn) != 9 or not bsn.isascii() or not bsn.isdigit() or bsn == "000000000":
        return False
    return sum(int(c) * w for c, w in zip(bsn, ELFPROEF_GEWICHTEN, strict=True)) % 11 == 0


def bsn_ongeldig(bsn: str) -> list[Violation]:
    if bsn_is_geldig(bsn):
        return []
    return [
        Violation("bsn_ongeldig", "bsn", "Dit BSN is ongeldig: het moet 9 cijfers hebben en de elfproef doorstaan.")
    ]


# --- Tariffs -------------------------------------------------------------------------------


def tarieven_overlappen(tarieven: Sequence[costs.TariefPeriode]) -> list[Violation]:
    """Tariff periods of one product may not overlap, and each must end after it starts."""
    fouten = []
    for t in tarieven:
        if t.geldig_tot is not None and t.geldig_tot < t.geldig_van:
            fouten.append(
                Violation(
                    "tarief_periode_ongeldig",
                    "tarieven",
                    f"Het tarief vanaf {datum_tekst(t.geldig_van)} eindigt vóór het begint.",
                )
            )
        if t.bedrag <= 0:
            fouten.append(Violation("tarief_bedrag_ongeldig", "tarieven", "Een tarief moet groter zijn dan € 0,00."))
    gesorteerd = sorted(tarieven, key=lambda t: t.geldig_van)
    for vorige, volgende in itertools.pairwise(gesorteerd):
        if vorige.geldig_tot is None or vorige.geldig_tot >= volgende.geldig_van:
            fouten.append(
                Violation(
                    "tarief_overlap",
                    "tarieven",
                    f"De tarieven vanaf {datum_tekst(vorige.geldig_van)} en vanaf {datum_tekst(volgende.geldig_van)} overlappen.",
                )
            )
    return fouten


# --- Indicatie -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Regelinstellingen:
    schakelteam_drempel: Decimal
    spoed_terugwerkend_dagen: int
    productgroepen: Mapping[str, Sequence[str]]
    zorgstapeling_combinaties: Sequence[tuple[str, str]]
    wlz_grensgroepen: Mapping[str, Sequence[str]]

    @classmethod
    def uit_settings(cls) -> "Regelinstellingen":
        from django.conf import settings

        return cls(
            schakelteam_drempel=Decimal(settings.SCHAKELTEAM_DREMPEL),
            spoed_terugwerkend_dagen=settings.SPOED_TERUGWERKEND_DAGEN,
            productgroepen=settings.PRODUCTGROEPEN,
            zorgstapeling_combinaties=settings.ZORGSTAPELING_COMBINATIES,
            wlz_grensgroepen=settings.WLZ_GRENSGROEPEN,
        )


@dataclass(frozen=True)
class AndereIndicatie:
    """Another running indicatie of the same inwoner (waiting or granted)."""

    product_code: str
    wet: str
    ingangsdatum: datetime.date
    einddatum: datetime.date | None
    geschatte_kosten: Decimal


@dataclass(frozen=True)
class VoorgangerFeiten:
    """The indicatie a verlenging extends."""

    zelfde_inwoner: bool
    status: str
    einddatum: datetime.date | None
    evaluatie_status: str | None


@dataclass(frozen=True)
class IndicatieFeiten:
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


@dataclass
class Beoordeling:
    """What the rules say about an indicatie: derived figures, violations and signals."""

    uren_per_week: Decimal | None = None
    geschatte_kosten: Decimal | None = None
    maximale_einddatum: datetime.date | None = None
    evaluatiedatum: datetime.date | None = None
    kosten_met_overlap: Decimal | None = None
    schakelteam_nodig: bool = False
    overtredingen: list[Violation] = field(default_factory=list)
    signalen: list[Violation] = field(default_factory=list)

    @property
    def toegestaan(self) -> bool:
        return not self.overtredingen

    @property
    def signaalcodes(self) -> list[str]:
        return [s.code for s in self.signalen]


def _overlapt(a_van, a_tot, b_van, b_tot) -> bool:
    return (b_tot is None or a_van <= b_tot) and (a_tot is None or b_van <= a_tot)


def _in_groep(code: str, prefixen: Sequence[str]) -> bool:
    return any(code.startswith(p) for p in prefixen)


def max_duur_8_maanden(f: IndicatieFeiten, uren: Decimal | None) -> list[Violation]:
    if uren is None or uren < VIJF_UUR:
        return []
    grens = maximale_einddatum(f.ingangsdatum)
    if f.einddatum is None:
        return [
            Violation(
                "max_duur_8_maanden",
                "einddatum",
                f"Bij 5 uur of meer per week is een einddatum verplicht (uiterlijk {datum_tekst(grens)}).",
            )
        ]
    if f.einddatum > grens:
        return [
            Violation(
                "max_duur_8_maanden",
                "einddatum",
                f"Bij 5 uur of meer per week loopt een indicatie hooguit 8 maanden: uiterlijk tot en met {datum_tekst(grens)}.",
            )
        ]
    return []


def maximale_einddatum(ingangsdatum: datetime.date) -> datetime.date:
    return ingangsdatum + relativedelta(months=8) - datetime.timedelta(days=1)


def evaluatiedatum(ingangsdatum: datetime.date, einddatum: datetime.date | None) -> datetime.date:
    datum = ingangsdatum + relativedelta(months=4)
    return datum if einddatum is None else min(datum, einddatum)


def geen_terugwerkende_kracht(f: IndicatieFeiten) -> list[Violation]:
    fouten = []
    nieuw = f.vorige_ingangsdatum is None
    if (nieuw or f.ingangsdatum != f.vorige_ingangsdatum) and f.ingangsdatum < f.vandaag:
        dagen_terug = (f.vandaag - f.ingangsdatum).days
        if not f.spoed:
            fouten.append(
                Violation(
                    "geen_terugwerkende_kracht",
                    "ingangsdatum",
                    f"De ingangsdatum mag niet vóór vandaag ({datum_tekst(f.vandaag)}) liggen. Alleen bij spoed mag dat, met een reden.",
                )
            )
        elif dagen_terug > f.instellingen.spoed_terugwerkend_dagen:
            vroegst = f.vandaag - datetime.timedelta(days=f.instellingen.spoed_terugwerkend_dagen)
            fouten.append(
                Violation(
                    "geen_terugwerkende_kracht",
                    "ingangsdatum",
                    f"Ook bij spoed mag de ingangsdatum hooguit {f.instellingen.spoed_terugwerkend_dagen} dagen terug liggen: niet vóór {datum_tekst(vroegst)}.",
                )
            )
    if not nieuw and f.einddatum is not None and f.einddatum != f.vorige_einddatum and f.einddatum < f.vandaag:
        fouten.append(
            Violation(
                "geen_terugwerkende_kracht",
                "einddatum",
                f"De einddatum mag niet naar het verleden worden verplaatst (vóór {datum_tekst(f.vandaag)}).",
            )
        )
    return fouten


def spoed_reden_verplicht(f: IndicatieFeiten) -> list[Violation]:
    if f.spoed and not f.spoed_reden.strip():
        return [Violation("spoed_reden_verplicht", "spoed_reden", "Geef bij spoed de reden op.")]
    return []


def motivatie_zwaardere_variant(f: IndicatieFeiten) -> list[Violation]:
    if f.product_heeft_lichtere_variant and not f.motivatie.strip():
        return [
            Violation(
                "motivatie_zwaardere_variant",
                "motivatie",
                "Dit product heeft een lichtere variant. Motiveer schriftelijk waarom de zwaardere variant nodig is.",
            )
        ]
    return []


def wlz_geen_wmo(f: IndicatieFeiten) -> list[Violation]:
    if f.inwoner_wlz and f.product_wet == "wmo":
        return [
            Violation(
                "wlz_geen_wmo",
                "product",
                "Deze inwoner heeft een Wlz-indicatie. Wmo-ondersteuning is dan niet mogelijk; de zorg valt onder de Wlz.",
            )
        ]
    return []


def einddatum_voor_ingangsdatum(f: IndicatieFeiten) -> list[Violation]:
    if f.einddatum is not None and f.einddatum < f.ingangsdatum:
        return [Violation("einddatum_voor_ingangsdatum", "einddatum", "De einddatum ligt vóór de ingangsdatum.")]
    return []


def einddatum_bij_totaal(f: IndicatieFeiten) -> list[Violation]:
    if f.frequentie == "totaal" and f.einddatum is None:
        return [Violation("required", "einddatum", "Bij frequentie 'totaal' is een einddatum verplicht.")]
    return []


def tarief_ontbreekt(f: IndicatieFeiten) -> list[Violation]:
    eind = costs.kostenperiode_einde(f.ingangsdatum, f.einddatum)
    gaten = costs.tariefdekking_ontbreekt(f.tarieven, f.ingangsdatum, eind)
    if not gaten:
        return []
    van, tot = gaten[0]
    return [
        Violation(
            "tarief_ontbreekt",
            "product",
            f"Voor product {f.product_code} is geen tarief vastgesteld van {datum_tekst(van)} tot en met {datum_tekst(tot)}; de kosten zijn niet te schatten.",
        )
    ]


def vervangt_zelfde_inwoner(f: IndicatieFeiten) -> list[Violation]:
    if f.vervangt_andere_inwoner:
        return [
            Violation("vervangt_ongeldig", "vervangt", "De indicatie die deze vervangt hoort bij een andere inwoner.")
        ]
    return []


def verlenging_voorwaarden(f: IndicatieFeiten) -> list[Violation]:
    v = f.voorganger
    if v is None:
        return []
    if not v.zelfde_inwoner:
        return [
            Violation("verlenging_ongeldig", "voorganger", "De indicatie die u verlengt hoort bij een andere inwoner.")
        ]
    if v.status not in ("toegewezen", "verlopen"):
        return [
            Violation(
                "verlenging_ongeldig", "voorganger", "Alleen een toegewezen of verlopen indicatie kan worden verlengd."
            )
        ]
    if v.einddatum is None:
        return [
            Violation("verlenging_ongeldig", "voorganger", "Een indicatie zonder einddatum kan niet worden verlengd.")
        ]
    fouten = []
    aansluitend = v.einddatum + datetime.timedelta(days=1)
    if f.ingangsdatum != aansluitend:
        fouten.append(
            Violation(
                "verlenging_aansluitend",
                "ingangsdatum",
                f"Een verlenging begint op de dag na de einddatum van de vorige indicatie: {datum_tekst(aansluitend)}.",
            )
        )
    if v.evaluatie_status in ("gepland", "open"):
        fouten.append(
            Violation(
                "verlenging_evaluatie_open",
                "voorganger",
                "Rond eerst de evaluatie van de vorige indicatie af; pas daarna kan zij worden verlengd.",
            )
        )
    return fouten


def _overlappende(f: IndicatieFeiten) -> list[AndereIndicatie]:
    return [a for a in f.andere_indicaties if _overlapt(f.ingangsdatum, f.einddatum, a.ingangsdatum, a.einddatum)]


def zorgstapeling(f: IndicatieFeiten, overlappende: Sequence[AndereIndicatie]) -> list[Violation]:
    groepen = f.instellingen.productgroepen
    for groep_a, groep_b in f.instellingen.zorgstapeling_combinaties:
        for eigen, ander in ((groep_a, groep_b), (groep_b, groep_a)):
            if not _in_groep(f.product_code, groepen.get(eigen, ())):
                continue
            for a in overlappende:
                if _in_groep(a.product_code, groepen.get(ander, ())):
                    return [
                        Violation(
                            "zorgstapeling",
                            "product",
                            f"Zorgstapeling: deze inwoner heeft in dezelfde periode al {a.product_code} "
                            f"({ander.replace('_', ' ')}). Bekijk of het anders kan.",
                            blokkerend=False,
                        )
                    ]
    return []


def mogelijk_wlz(f: IndicatieFeiten, overlappende: Sequence[AndereIndicatie]) -> list[Violation]:
    if f.product_wet != "jeugdwet":
        return []
    codes = [f.product_code] + [a.product_code for a in overlappende if a.wet == "jeugdwet"]
    groepen = {
        naam for naam, groep in f.instellingen.wlz_grensgroepen.items() if any(_in_groep(c, groep) for c in codes)
    }
    if len(groepen) >= 3:
        return [
            Violation(
                "mogelijk_wlz",
                NON_FIELD,
                "Deze jeugdige heeft zorg uit drie of meer Wlz-grensgroepen. Help het gezin met een aanvraag voor een Wlz-indicatie.",
                blokkerend=False,
            )
        ]
    return []


def beoordeel_indicatie(f: IndicatieFeiten) -> Beoordeling:
    """Run every indicatie rule on the facts; the one place the rules are combined."""
    b = Beoordeling()
    buiten = datum_buiten_bereik("ingangsdatum", f.ingangsdatum) + datum_buiten_bereik("einddatum", f.einddatum)
    if buiten:
        # Nothing else can be calculated with such a date.
        b.overtredingen = buiten
        return b
    fouten: list[Violation] = []
    fouten += einddatum_voor_ingangsdatum(f)
    fouten += einddatum_bij_totaal(f)
    fouten += geen_terugwerkende_kracht(f)
    fouten += spoed_reden_verplicht(f)
    fouten += motivatie_zwaardere_variant(f)
    fouten += wlz_geen_wmo(f)
    fouten += verlenging_voorwaarden(f)
    fouten += vervangt_zelfde_inwoner(f)

    volume_product = costs.eenheden_omrekenen(f.volume, f.eenheid, f.product_eenheid)
    if volume_product is None:
        fouten.append(
            Violation(
                "eenheid_past_niet",
                "eenheid",
                f"De eenheid '{f.eenheid}' past niet bij het product (eenheid '{f.product_eenheid}').",
            )
        )
    periode_geldig = f.einddatum is None or f.einddatum >= f.ingangsdatum
    if periode_geldig:
        uren = costs.uren_per_week_exact(f.volume, f.eenheid, f.frequentie, f.ingangsdatum, f.einddatum)
        b.uren_per_week = costs.afgerond_uren(uren)
        fouten += max_duur_8_maanden(f, uren)
        if uren is not None and uren >= VIJF_UUR:
            b.maximale_einddatum = maximale_einddatum(f.ingangsdatum)
            b.evaluatiedatum = evaluatiedatum(f.ingangsdatum, f.einddatum)
        tariefgaten = tarief_ontbreekt(f)
        fouten += tariefgaten
        if volume_product is not None and not tariefgaten and not (f.frequentie == "totaal" and f.einddatum is None):
            b.geschatte_kosten = costs.geschatte_kosten(
                volume=volume_product,
                frequentie=f.frequentie,
                ingangsdatum=f.ingangsdatum,
                einddatum=f.einddatum,
                tarieven=f.tarieven,
            )

    overlappende = _overlappende(f) if periode_geldig else []
    signalen: list[Violation] = []
    if f.spoed:
        signalen.append(Violation(SIGNAAL_SPOED, "spoed", "Spoedindicatie.", blokkerend=False))
    if f.product_heeft_lichtere_variant:
        signalen.append(
            Violation(
                SIGNAAL_ZWAARDERE_VARIANT,
                "product",
                "Zwaardere variant gekozen; er bestaat een lichtere.",
                blokkerend=False,
            )
        )
    if f.voorganger is not None:
        signalen.append(
            Violation(SIGNAAL_VERLENGING, NON_FIELD, "Verlenging van een eerdere indicatie.", blokkerend=False)
        )
    if b.geschatte_kosten is not None:
        b.kosten_met_overlap = b.geschatte_kosten + sum((a.geschatte_kosten for a in overlappende), Decimal(0))
        if b.kosten_met_overlap > f.instellingen.schakelteam_drempel:
            b.schakelteam_nodig = True
            signalen.append(
                Violation(
                    SIGNAAL_SCHAKELTEAM,
                    NON_FIELD,
                    f"De geschatte kosten (samen met lopende indicaties in dezelfde periode {euro(b.kosten_met_overlap)}) "
                    f"liggen boven de drempel van {euro(f.instellingen.schakelteam_drempel)}: het schakelteam beoordeelt deze indicatie.",
                    blokkerend=False,
                )
            )
    signalen += zorgstapeling(f, overlappende)
    signalen += mogelijk_wlz(f, overlappende)

    b.overtredingen = fouten
    b.signalen = signalen
    return b
