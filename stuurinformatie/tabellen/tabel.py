"""What a table is made of: columns with the kind of value they hold, cells that write that value
in Dutch notation for the page (`opmaak`) or as a number for an export (`typeer`), and the links
to the indicaties behind a figure (`Drilldown`)."""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from basis.notatie import euro, maand_tekst

from ..filters import Keuze


def _getal(waarde: Decimal, decimalen: int) -> str:
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def opmaak(waarde, soort: str) -> str:
    """Dutch notation for the page: 1.234 · € 1.234,56 · 73,6 % · 1.234,50."""
    if waarde is None or waarde == "":
        return "–"
    if soort == "aantal":
        return _getal(Decimal(waarde), 0)
    if soort == "geld":
        return euro(Decimal(waarde))
    if soort == "aandeel":
        return f"{_getal(Decimal(waarde) * 100, 1)} %"
    if soort in ("uren", "dagen"):
        return _getal(Decimal(waarde), 2 if soort == "uren" else 1)
    if soort == "maand":
        return maand_tekst(waarde)
    return str(waarde)


def typeer(waarde, soort: str):
    """The value for an export: a number where the column holds numbers."""
    if waarde is None or waarde == "":
        return None
    if soort == "aantal":
        return int(waarde)
    if soort in ("geld", "aandeel", "uren", "dagen"):
        return Decimal(waarde)
    if soort == "maand":
        return maand_tekst(waarde)
    return str(waarde)


@dataclass
class Kolom:
    titel: str
    soort: str = "tekst"

    @property
    def is_getal(self) -> bool:
        return self.soort not in ("tekst", "maand")


@dataclass
class Cel:
    waarde: object
    soort: str = "tekst"
    link: str | None = None

    @property
    def tekst(self) -> str:
        return opmaak(self.waarde, self.soort)

    @property
    def is_getal(self) -> bool:
        return self.soort not in ("tekst", "maand")


@dataclass
class Tabel:
    naam: str
    titel: str
    kolommen: list[Kolom]
    rijen: list[list[Cel]] = field(default_factory=list)
    toelichting: str = ""
    # The page shows at most this many rows (a long list of providers would bury the dashboard);
    # the export always holds every row.
    max_op_pagina: int | None = None

    @property
    def rijen_op_pagina(self) -> list[list[Cel]]:
        return self.rijen[: self.max_op_pagina] if self.max_op_pagina else self.rijen

    @property
    def niet_getoond(self) -> int:
        return len(self.rijen) - len(self.rijen_op_pagina)

    def rij(self, *waarden, links: dict[int, str | None] | None = None) -> None:
        links = links or {}
        self.rijen.append(
            [Cel(w, k.soort, links.get(i)) for i, (w, k) in enumerate(zip(waarden, self.kolommen, strict=True))]
        )


class Drilldown:
    """Links to the list of indicaties behind a figure, with the current period and filters."""

    def __init__(self, keuze: Keuze):
        self.keuze = keuze
        self.basis = keuze.query()
        self.pad = reverse("web:stuurinformatie_indicaties")  # once: a page makes hundreds of links

    def __call__(self, soort: str, **anders) -> str:
        query = dict(self.basis)
        query.update({k: str(v) for k, v in anders.items() if v is not None})
        query["soort"] = soort
        return f"{self.pad}?{urlencode(query)}"
