"""Rules over the inwoner's whole traject: the hours and the cost of their other indicaties, the
voorganger chain, zorgstapeling, the Wlz border and the 18th birthday (seed 000, 001, 002).

A rule must not be escaped by splitting a request or by chaining extensions (docs/domain.md,
"Traject").
"""

import datetime
import functools
from collections.abc import Sequence
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from basis.codes import NON_FIELD, Code, Violation
from basis.notatie import datum_tekst, euro

from ..domein import Wet
from .indicatie import AndereIndicatie, IndicatieFeiten, opsomming

# A voorganger counts towards the threshold when it ended less than this before the new start.
KETEN_TERMIJN = relativedelta(months=12)

# Care of the same product for the same inwoner that starts at most this many days after another
# ended continues it (a verlenging, whether or not `voorganger` was filled in): evaluation first,
# and the chain counts in the threshold. Four weeks, because a verlenging may not start in the
# past (seed 002, "Geen toewijzingen afgeven met terugwerkende kracht"): one decided late starts
# some days after the end, not on the day after, and it is still the same care continued, which
# the 8 months and the evaluation after 4 are there to stop from running on without effect
# (seed 000, "Dit voorkomt dat we indicaties langdurig verlengen zonder effect"). It is the term
# the aanbieder gets to start care before it counts as not started (`start_termijn_dagen`, 28).
AANSLUIT_DAGEN = 28


def _overlapt(a_van, a_tot, b_van, b_tot) -> bool:
    return (b_tot is None or a_van <= b_tot) and (a_tot is None or b_van <= a_tot)


def _in_groep(code: str, prefixen: Sequence[str]) -> bool:
    return code.startswith(tuple(prefixen))


def overlappende(f: IndicatieFeiten) -> list[AndereIndicatie]:
    return [a for a in f.andere_indicaties if _overlapt(f.ingangsdatum, f.einddatum, a.ingangsdatum, a.einddatum)]


def uren_meegeteld(f: IndicatieFeiten, overlappend: Sequence[AndereIndicatie]) -> list[AndereIndicatie]:
    """The other running indicaties whose hours count with this one's: same law, same period, in
    hours (an etmaal or a piece has no hours per week)."""
    return [a for a in overlappend if a.wet == f.product_wet and a.uren_per_week is not None]


def uren_traject(uren: Decimal | None, meegeteld: Sequence[AndereIndicatie]) -> Decimal | None:
    if uren is None:
        return None
    return uren + sum((a.uren_per_week for a in meegeteld), Decimal(0))


def keten(f: IndicatieFeiten, overlappend: Sequence[AndereIndicatie]) -> list[AndereIndicatie]:
    """The voorgangers that ended less than 12 months before this indicatie starts, nearest first,
    without those already counted as running in the same period. The chain stops at the first
    voorganger that ended longer ago: what came before it ended earlier still."""
    if not f.voorgangers:
        return []
    al_geteld = {a.id for a in overlappend if a.id is not None}
    grens = f.ingangsdatum - KETEN_TERMIJN
    geteld = []
    for v in f.voorgangers:
        if v.einddatum is None or v.einddatum <= grens:
            break
        if v.id not in al_geteld:
            geteld.append(v)
    return geteld


def kosten_met_overlap(kosten: Decimal, overlappend: Sequence[AndereIndicatie]) -> Decimal:
    """This indicatie's cost plus that of the others counted with it: splitting one request into
    small ones, or chaining extensions, must not escape the schakelteam."""
    return kosten + sum((a.geschatte_kosten for a in overlappend), Decimal(0))


def schakelteam_drempel(
    f: IndicatieFeiten, totaal: Decimal, meegeteld: Sequence[AndereIndicatie] = ()
) -> list[Violation]:
    drempel = f.instellingen.schakelteam_drempel
    if totaal <= drempel:
        return []
    samen = f"samen met {opsomming(meegeteld)}: " if meegeteld else ""
    return [
        Violation(
            Code.SCHAKELTEAM_DREMPEL,
            NON_FIELD,
            f"De geschatte kosten ({samen}{euro(totaal)}) liggen boven de drempel van {euro(drempel)}: "
            "het schakelteam beoordeelt deze indicatie.",
            blokkerend=False,
        )
    ]


def achttien_jaar(f: IndicatieFeiten) -> list[Violation]:
    """Jeugdhulp that runs on the inwoner's 18th birthday or later: the transition (verlengde
    jeugdhulp, Wmo or Zvw) must be arranged (seed 002)."""
    if f.product_wet != Wet.JEUGDWET or f.inwoner_geboortedatum is None:
        return []
    verjaardag = achttiende_verjaardag(f.inwoner_geboortedatum)
    if f.einddatum is not None and f.einddatum < verjaardag:
        return []
    if verjaardag <= f.ingangsdatum:
        # Already 18 when the care starts (verlengde jeugdhulp): not "turns 18 during it".
        wanneer = f"Deze jongere is op {datum_tekst(verjaardag)} 18 jaar geworden, vóór deze indicatie begint."
    else:
        wanneer = f"Deze jeugdige wordt op {datum_tekst(verjaardag)} 18 jaar, tijdens deze indicatie."
    return [
        Violation(
            Code.ACHTTIEN_JAAR,
            "einddatum",
            f"{wanneer} Regel op tijd de overgang: verlengde jeugdhulp, Wmo of Zvw.",
            blokkerend=False,
        )
    ]


@functools.lru_cache(maxsize=4096)
def achttiende_verjaardag(geboortedatum: datetime.date) -> datetime.date:
    return geboortedatum + relativedelta(years=18)


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
    if f.product_wet != Wet.JEUGDWET:
        return []
    codes = [f.product_code] + [a.product_code for a in overlappend if a.wet == Wet.JEUGDWET]
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


# The blocking rules on Wlz that, for care already running when the inwoner gets a Wlz indication,
# become signals: the care stays until the consulent ends it or sets it up otherwise.
WLZ_CONFLICTEN = (Code.WLZ_GEEN_WMO, Code.WLZ_JEUGDWET)


def wlz_conflict(overtredingen: Sequence[Violation]) -> list[Violation]:
    """The Wlz refusals of an assessment of running care, as signals (docs/domain.md, "Traject",
    signals follow the facts)."""
    return [
        Violation(
            v.code,
            v.veld,
            f"{v.bericht} Deze zorg liep al: beëindig haar of zet haar anders in.",
            blokkerend=False,
        )
        for v in overtredingen
        if v.code in WLZ_CONFLICTEN
    ]
