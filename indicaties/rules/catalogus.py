"""Rules on the catalogue beheer maintains: aanbieders, producten and their tariffs."""

import itertools
from collections.abc import Sequence

from basis.codes import Code, Violation
from basis.notatie import datum_tekst

from .. import costs
from .algemeen import datum_buiten_bereik


def aanbieder_fouten(*, agb_code: str, agb_code_al_bekend: bool) -> list[Violation]:
    if not (len(agb_code) == 8 and agb_code.isascii() and agb_code.isdigit()):
        return [Violation(Code.AGB_CODE_ONGELDIG, "agb_code", "Een AGB-code bestaat uit 8 cijfers.")]
    if agb_code_al_bekend:
        return [Violation(Code.UNIQUE, "agb_code", "Er is al een aanbieder met deze AGB-code.")]
    return []


def product_fouten(
    *,
    code_al_bekend: bool,
    is_eigen_lichtere_variant: bool,
    wet: str,
    wet_lichtere_variant: str | None,
    tarieven: Sequence[costs.TariefPeriode] | None,
) -> list[Violation]:
    """`wet_lichtere_variant` is None without a lighter variant; `tarieven` None when unchanged."""
    fouten = []
    if code_al_bekend:
        fouten.append(Violation(Code.UNIQUE, "code", "Er is al een product met deze code."))
    if is_eigen_lichtere_variant:
        fouten.append(
            Violation(
                Code.LICHTERE_VARIANT_ONGELDIG,
                "lichtere_variant",
                "Een product kan niet zijn eigen lichtere variant zijn.",
            )
        )
    elif wet_lichtere_variant is not None and wet_lichtere_variant != wet:
        fouten.append(
            Violation(
                Code.LICHTERE_VARIANT_ONGELDIG,
                "lichtere_variant",
                "De lichtere variant moet onder dezelfde wet vallen.",
            )
        )
    if tarieven is not None:
        fouten += tarieven_overlappen(tarieven)
    return fouten


def tarieven_overlappen(tarieven: Sequence[costs.TariefPeriode]) -> list[Violation]:
    """Tariff periods of one product may not overlap, and each must end after it starts, within the
    dates the register can calculate with."""
    fouten = []
    for t in tarieven:
        fouten += datum_buiten_bereik("tarieven", t.geldig_van) + datum_buiten_bereik("tarieven", t.geldig_tot)
        if t.geldig_tot is not None and t.geldig_tot < t.geldig_van:
            fouten.append(
                Violation(
                    Code.TARIEF_PERIODE_ONGELDIG,
                    "tarieven",
                    f"Het tarief vanaf {datum_tekst(t.geldig_van)} eindigt vóór het begint.",
                )
            )
        if t.bedrag <= 0:
            fouten.append(Violation(Code.TARIEF_BEDRAG_ONGELDIG, "tarieven", "Een tarief moet groter zijn dan € 0,00."))
    gesorteerd = sorted(tarieven, key=lambda t: t.geldig_van)
    for vorige, volgende in itertools.pairwise(gesorteerd):
        if vorige.geldig_tot is None or vorige.geldig_tot >= volgende.geldig_van:
            fouten.append(
                Violation(
                    Code.TARIEF_OVERLAP,
                    "tarieven",
                    f"De tarieven vanaf {datum_tekst(vorige.geldig_van)} en vanaf {datum_tekst(volgende.geldig_van)} overlappen.",
                )
            )
    return fouten


# The productcategorieën of the iStandaarden: JZ020 (iJw) and WMO020 (iWmo).
CATEGORIEEN = {
    "jeugdwet": frozenset({str(n) for n in range(31, 39)} | {str(n) for n in range(40, 56)}),
    "wmo": frozenset(f"{n:02d}" for n in range(1, 19)),
}


def contract_fouten(
    *,
    wet: str,
    productcategorie: str,
    productcode: str,
    uitvoeringsvariant: str,
    tarief,
    geldig_van,
    geldig_tot,
    overlapt: bool,
) -> list[Violation]:
    """A contract names the product as the iStandaard of its law does (categorie, code of at most 5
    characters), has a period in order, and a tarief only where the variant pays per unit."""
    fouten = []
    if productcategorie not in CATEGORIEEN.get(wet, ()):
        fouten.append(
            Violation(
                Code.CONTRACT_ONGELDIG,
                "productcategorie",
                f"Categorie {productcategorie} bestaat niet in de productcategorieën van de "
                f"{'Jeugdwet (JZ020)' if wet == 'jeugdwet' else 'Wmo (WMO020)'}.",
            )
        )
    if productcode and not (len(productcode) <= 5 and productcode.isascii() and productcode.isalnum()):
        fouten.append(
            Violation(Code.CONTRACT_ONGELDIG, "productcode", "Een productcode heeft 1 tot 5 letters of cijfers.")
        )
    if uitvoeringsvariant == "taakgericht" and tarief is not None:
        fouten.append(
            Violation(Code.CONTRACT_ONGELDIG, "tarief", "Een taakgericht contract heeft geen tarief per eenheid.")
        )
    if tarief is not None and tarief <= 0:
        fouten.append(Violation(Code.TARIEF_BEDRAG_ONGELDIG, "tarief", "Een tarief moet groter zijn dan € 0,00."))
    if geldig_tot is not None and geldig_tot < geldig_van:
        fouten.append(Violation(Code.TARIEF_PERIODE_ONGELDIG, "geldig_tot", "Het contract eindigt vóór het begint."))
    elif overlapt:
        fouten.append(
            Violation(
                Code.CONTRACT_ONGELDIG,
                "geldig_van",
                "Deze aanbieder heeft in deze periode al een contract voor dit product.",
            )
        )
    return fouten
