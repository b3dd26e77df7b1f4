"""The rulebook of the register: every check that refuses or signals, as pure functions.

A rule takes plain facts (dates, amounts, flags, the inwoner's other indicaties) and returns
violations; it never queries, saves or asks the clock. Blocking rules and signals are the same
kind of object (`Violation`) with a different severity; codes and their Dutch labels are one
enumeration (`basis.codes.Code`). Services gather the facts (`indicaties.feiten`), call the
rules and raise `RuleViolation` on a blocking one; the web UI calls the same functions while the
consulent types. The modules are by subject:

- `algemeen`     dates the register can calculate with
- `inwoner`      BSN (elfproef), date of birth
- `catalogus`    aanbieders, producten and their tariffs
- `indicatie`    the facts of one indicatie and the rules on it alone
- `traject`      rules over the inwoner's other indicaties (threshold, zorgstapeling, Wlz)
- `beoordeling`  every indicatie rule combined into one assessment
- `bijstelling`  afschalen, beëindigen and anders inzetten
- `workflow`     completing evaluations and checks, schakelteam, intrekken, four-eyes, follow-ups
- `beleid`       the policy numbers beheer sets from a date
- `invoer`       the format of imported rows
"""

from basis.codes import NON_FIELD, SIGNALEN, Code, Violation

from . import algemeen, beleid, beoordeling, bijstelling, catalogus, indicatie, invoer, inwoner, traject, workflow
from .algemeen import DATUM_NA_BEREIK, DATUM_VOOR_BEREIK, EERSTE_DATUM, LAATSTE_DATUM, datum_buiten_bereik
from .beoordeling import Beoordeling, beoordeel_indicatie
from .bijstelling import bijstelling_fouten
from .catalogus import aanbieder_fouten, contract_fouten, product_fouten, tarieven_overlappen
from .indicatie import (
    VIJF_UUR,
    AndereIndicatie,
    IndicatieFeiten,
    Regelinstellingen,
    VoorgangerFeiten,
    evaluatiedatum,
    maximale_einddatum,
)
from .inwoner import ELFPROEF_GEWICHTEN, bsn_is_geldig, bsn_ongeldig, inwoner_fouten

__all__ = [
    "DATUM_NA_BEREIK",
    "DATUM_VOOR_BEREIK",
    "EERSTE_DATUM",
    "ELFPROEF_GEWICHTEN",
    "LAATSTE_DATUM",
    "NON_FIELD",
    "SIGNALEN",
    "VIJF_UUR",
    "AndereIndicatie",
    "Beoordeling",
    "Code",
    "IndicatieFeiten",
    "Regelinstellingen",
    "Violation",
    "VoorgangerFeiten",
    "aanbieder_fouten",
    "algemeen",
    "beleid",
    "beoordeel_indicatie",
    "beoordeling",
    "bijstelling",
    "bijstelling_fouten",
    "bsn_is_geldig",
    "bsn_ongeldig",
    "catalogus",
    "contract_fouten",
    "datum_buiten_bereik",
    "evaluatiedatum",
    "indicatie",
    "invoer",
    "inwoner",
    "inwoner_fouten",
    "maximale_einddatum",
    "product_fouten",
    "tarieven_overlappen",
    "traject",
    "workflow",
]
