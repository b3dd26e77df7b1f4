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
