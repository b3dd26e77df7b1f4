"""Kept months: the client figures of a closed calendar month, computed once and kept
(`Maandcijfers`), so that the overview of a year adds twelve kept months instead of counting the
register again (docs/stuurinformatie.md, "Kept months").

What a month keeps, unfiltered and for every single value of every filter (wet, product,
aanbieder, team): the SET of inwoners with a granted indicatie running in the month, the same for
the products of a heavier/lighter pair, those with two or more such indicaties in the month, the
client-days in the pair products (capped at the month and not), and the hours in those products.
Sets are roaring bitmaps of inwoner numbers, so distinct clients of any run of months are the size
of the union: exact, not an estimate.

A kept month is checked before it is used: an indicatie changed after the month was computed
(its history, indexed on `history_date`, which every service and bulk change leaves behind:
a schakelteam decision, an ending, a bijstelling, an import) whose period in any of its versions
touches the month makes it computed again. The open month and the days of a partial month at
either edge of the period are counted live, by the same code; so is a combination of filters.
Evaluations, half-year checks, declarations and the other figures are not kept: they are counted
live as before.

The package in the order its modules build on each other: `telling` (one computation's memory and
the switch to count everything live), `berekening` (what a month holds, counted live), `bewaren`
(keeping and checking months, the daily run), `indeling` (how a period is split in kept and live
parts, and the account of it) and `cijfers` (the figures from those parts).
"""

from .berekening import ALLE, GROEPEN, SOMMEN, SOORTEN, VER_WEG, Deel, catalogus, sleutel_van, tel
from .bewaren import bereken_maand, bijwerken, gesloten, maand_einde, verouderd
from .cijfers import OP_TOT, clienten, clienten_per_groep, groepscijfers, vorig_jaar
from .indeling import Plan, beschrijving, plan, verantwoording
from .telling import alles_live, per_telling

__all__ = [
    "ALLE",
    "GROEPEN",
    "OP_TOT",
    "SOMMEN",
    "SOORTEN",
    "VER_WEG",
    "Deel",
    "Plan",
    "alles_live",
    "bereken_maand",
    "beschrijving",
    "bijwerken",
    "catalogus",
    "clienten",
    "clienten_per_groep",
    "gesloten",
    "groepscijfers",
    "maand_einde",
    "per_telling",
    "plan",
    "sleutel_van",
    "tel",
    "verantwoording",
    "verouderd",
    "vorig_jaar",
]
