"""Rules over the inwoner's other running indicaties: the schakelteam threshold, zorgstapeling
and the Wlz border (seed 000, 001 and 002)."""

from collections.abc import Sequence
from decimal import Decimal

from casusregie.codes import NON_FIELD, Code, Violation
from casusregie.notatie import euro

from .indicatie import AndereIndicatie, IndicatieFeiten


def _overlapt(a_van, a_tot, b_van, b_tot) -> bool:
    return (b_tot is None or a_van <= b_tot) and (a_tot is None or b_van <= a_tot)


def _in_groep(code: str, prefixen: Sequence[str]) -> bool:
    return any(code.startswith(p) for p in prefixen)


def overlappende(f: IndicatieFeiten) -> list[AndereIndicatie]:
    return [a for a in f.andere_indicaties if _overlapt(f.ingangsdatum, f.einddatum, a.ingangsdatum, a.einddatum)]


def kosten_met_overlap(kosten: Decimal, overlappend: Sequence[AndereIndicatie]) -> Decimal:
    """This indicatie's cost plus that of the others in the same period: splitting one request
    into small ones must not escape the schakelteam."""
    return kosten + sum((a.geschatte_kosten for a in overlappend), Decimal(0))


def schakelteam_drempel(f: IndicatieFeiten, totaal: Decimal) -> list[Violation]:
    drempel = f.instellingen.schakelteam_drempel
    if totaal <= drempel:
        return []
    return [
        Violation(
            Code.SCHAKELTEAM_DREMPEL,
            NON_FIELD,
            f"De geschatte kosten (samen met lopende indicaties in dezelfde periode {euro(totaal)}) "
            f"liggen boven de drempel van {euro(drempel)}: het schakelteam beoordeelt deze indicatie.",
            blokkerend=False,
        )
    ]


def zorgstapeling(f: IndicatieFeiten, overlappend: Sequence[AndereIndicatie]) -> list[Violation]:
    groepen = f.instellingen.productgroepen
    for groep_a, groep_b in f.instellingen.zorgstapeling_combinaties:
        for eigen, ander in ((groep_a, groep_b), (groep_b, groep_a)):
            if not _in_groep(f.product_code, groepen.get(eigen, ())):
                continue
            for a in overlappend:
                if _in_groep(a.product_code, groepen.get(ander, ())):
                    return [
                        Violation(
                            Code.ZORGSTAPELING,
                            "product",
                            f"Zorgstapeling: deze inwoner heeft in dezelfde periode al {a.product_code} "
                            f"({ander.replace('_', ' ')}). Bekijk of het anders kan.",
                            blokkerend=False,
                        )
                    ]
    return []


def mogelijk_wlz(f: IndicatieFeiten, overlappend: Sequence[AndereIndicatie]) -> list[Violation]:
    if f.product_wet != "jeugdwet":
        return []
    codes = [f.product_code] + [a.product_code for a in overlappend if a.wet == "jeugdwet"]
    groepen = {
        naam for naam, groep in f.instellingen.wlz_grensgroepen.items() if any(_in_groep(c, groep) for c in codes)
    }
    if len(groepen) < 3:
        return []
    return [
        Violation(
            Code.MOGELIJK_WLZ,
            NON_FIELD,
            "Deze jeugdige heeft zorg uit drie of meer Wlz-grensgroepen. Help het gezin met een aanvraag voor een Wlz-indicatie.",
            blokkerend=False,
        )
    ]
