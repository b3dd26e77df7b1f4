"""Steering figures (docs/api.md, "Stuurinformatie"), computed by aggregate queries in the database.

The number of queries is fixed: it does not grow with the number of indicaties (only the rows of
the small grouped answers do: one per product, aanbieder, consulent). Every figure is defined in
words in docs/stuurinformatie.md; the drill-down (`indicaties_achter`) uses the same conditions
as the figure it opens, so the list always holds exactly the indicaties that were counted.

Filters (wet, product, aanbieder, team) narrow every figure to the indicaties that match. The
figures "per team" are per consulent (the user who registered the indicatie), with the teams
(privacy.Team) that consulent belongs to: a team's figures are not the sum of its members' (an
inwoner can be counted by two of them), so they are not added up here.

The figures per topic: `groepen` (registrations, cost and hours per product, aanbieder and
consulent), `kosten` (product mix, cost per month, vermeden kosten, business case) and `opvolging`
(evaluations, signals and schakelteam, review); `samenstelling` puts them together with the
overview's figures (`stuurinformatie`); `drilldown` lists the indicaties behind a figure;
`sleutels` holds the keys the figures are answered under.
"""

from ..voorwaarden import OORDELEN
from .drilldown import DRILLDOWN, indicaties_achter
from .groepen import teams_van_consulenten
from .samenstelling import stuurinformatie
from .sleutels import EVALUATIE_SOORTEN, RESULTATEN, SIGNAAL_SLEUTELS, UITKOMSTEN

__all__ = [
    "DRILLDOWN",
    "EVALUATIE_SOORTEN",
    "OORDELEN",
    "RESULTATEN",
    "SIGNAAL_SLEUTELS",
    "UITKOMSTEN",
    "indicaties_achter",
    "stuurinformatie",
    "teams_van_consulenten",
]
