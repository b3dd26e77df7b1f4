"""The figures of the overview that came with the declaraties (docs/stuurinformatie.md, "Overzicht"):
distinct clients and hours per client, half-year checks, follow-ups, declared cost, replacement
care after a bijstelling, the median lead time of the schakelteam, and the monthly series behind
every tile.

Like `selectors`, every function is a fixed number of aggregate queries, whatever the number of
rows; only the small grouped answers (one per month, product or aanbieder) come to Python.

Per topic: `reeks` (the months of a period and the monthly series), `clienten` (distinct clients
and client-days), `kosten` (estimated cost per day, replacement care, vermeden kosten per month),
`declaraties` (declared cost, budget ceilings) and `opvolging` (half-year checks, follow-ups,
evaluations, schakelteam and review per month).
"""

from .clienten import clientdagen, clienten, clienten_per_groep, vorig_jaar
from .declaraties import declaraties, plafonds
from .kosten import dagreeksen, lopend, vermeden_per_maand, vervangende_zorg
from .opvolging import evaluaties_per_maand, halfjaarchecks, opvolgingen, schakelteam_doorlooptijden, toetsing_per_maand
from .reeks import MAX_MAANDEN, maand_sleutel, reeks_maanden, som_per_maand

__all__ = [
    "MAX_MAANDEN",
    "clientdagen",
    "clienten",
    "clienten_per_groep",
    "dagreeksen",
    "declaraties",
    "evaluaties_per_maand",
    "halfjaarchecks",
    "lopend",
    "maand_sleutel",
    "opvolgingen",
    "plafonds",
    "reeks_maanden",
    "schakelteam_doorlooptijden",
    "som_per_maand",
    "toetsing_per_maand",
    "vermeden_per_maand",
    "vervangende_zorg",
    "vorig_jaar",
]
