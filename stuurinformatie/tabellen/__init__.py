"""The tables of the dashboard, built once from the figures: the page shows them (with drill-down
links) and the export writes exactly the same rows as CSV or XLSX.

No table holds data of an inwoner: the rows are laws, products, months, providers and
consulenten, each with the teams they belong to.

What a table is made of is in `tabel`, the Dutch names of the figures' keys in `namen`; the tables
themselves per topic: `kosten` (indicaties and their cost), `opvolging` (evaluations, schakelteam,
review, signals, half-year checks), `groepen` (per aanbieder and consulent), `declaraties`
(declared cost, budget ceilings) and `tegelmaanden` (the tiles per month).
"""

from ..filters import Keuze
from . import declaraties, groepen, kosten, opvolging, tegelmaanden
from .namen import REDENNAMEN, SIGNAALNAMEN, TEAMS_TOELICHTING, UITKOMSTNAMEN, WETNAMEN, consulent_met_team
from .tabel import Cel, Drilldown, Kolom, Tabel, opmaak, typeer

__all__ = [
    "BOUWERS",
    "NAMEN",
    "REDENNAMEN",
    "SIGNAALNAMEN",
    "TEAMS_TOELICHTING",
    "UITKOMSTNAMEN",
    "WETNAMEN",
    "Cel",
    "Drilldown",
    "Kolom",
    "Tabel",
    "consulent_met_team",
    "opmaak",
    "tabellen",
    "typeer",
]

BOUWERS = (
    kosten.indicaties,
    kosten.per_product,
    kosten.productmix,
    kosten.kosten_per_maand,
    opvolging.evaluaties,
    opvolging.uitkomsten,
    kosten.businesscase,
    opvolging.schakelteam,
    opvolging.toetsing,
    opvolging.signalen,
    groepen.per_aanbieder,
    groepen.per_consulent,
    declaraties.verzilvering,
    declaraties.verzilvering_per_product,
    declaraties.budgetplafonds,
    opvolging.halfjaarchecks,
    tegelmaanden.per_maand,
    groepen.vergelijking_team,
    groepen.vergelijking_aanbieder,
)
NAMEN = (
    "indicaties",
    "per_product",
    "productmix",
    "kosten_per_maand",
    "evaluaties",
    "uitkomsten",
    "businesscase",
    "schakelteam",
    "toetsing",
    "signalen",
    "per_aanbieder",
    "per_team",
    "verzilvering",
    "verzilvering_per_product",
    "budgetplafonds",
    "halfjaarchecks",
    "per_maand",
    "vergelijking_team",
    "vergelijking_aanbieder",
)


def tabellen(cijfers: dict, keuze: Keuze, namen: tuple[str, ...] | None = None) -> dict[str, Tabel]:
    """The tables of the figures (only those named, if given)."""
    link = Drilldown(keuze)
    bouwers = [b for n, b in zip(NAMEN, BOUWERS, strict=True) if namen is None or n in namen]
    return {t.naam: t for t in (bouw(cijfers, link) for bouw in bouwers)}
