"""The trend line of a tile: a monthly series (and its target) laid out as polylines for an inline
SVG, with every point also as text (the SVG's description and the table under it; WCAG 2.1: 1.1.1,
1.4.1). No script, no external library, no database.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from basis.notatie import maand_tekst

from .tabellen import opmaak

BLAUW = "#01689b"
GRIJS = "#595959"

BREEDTE = 320
HOOGTE = 130
LINKS = 8
RECHTS = 8
BOVEN = 14
ONDER = 22


@dataclass
class Punt:
    maand: str
    waarde: Decimal | None
    tekst: str
    streef_tekst: str = ""
    x: float = 0.0
    y: float | None = None


@dataclass
class Lijn:
    id: str
    titel: str
    beschrijving: str
    punten: list[Punt]
    lijnen: list[str] = field(default_factory=list)  # SVG "points" of each unbroken stretch
    streef_lijn: str = ""  # SVG "points" of the target (constant or cumulative)
    breedte: int = BREEDTE
    hoogte: int = HOOGTE
    as_y: float = HOOGTE - ONDER
    label_boven: str = ""
    label_onder: str = ""
    eerste_maand: str = ""
    laatste_maand: str = ""
    laatste_x: float = 0.0
    streef_naam: str = "doel"


maandnaam = maand_tekst


def lijn(
    lijn_id: str,
    titel: str,
    reeks: list[tuple[str, Decimal | None]],
    soort: str,
    streef: Decimal | None = None,
    streef_reeks: list[Decimal | None] | None = None,
    streef_naam: str = "doel",
) -> Lijn | None:
    """Lay out a monthly series (and a constant or monthly target) as SVG polylines."""
    if len(reeks) < 2:
        return None
    doelen = streef_reeks if streef_reeks is not None else [streef] * len(reeks)
    waarden = [w for _, w in reeks if w is not None] + [d for d in doelen if d is not None]
    laag = min([Decimal(0), *waarden])
    hoog = max([*waarden, Decimal(0)])
    if hoog == laag:
        hoog = laag + 1
    stap = Decimal(BREEDTE - LINKS - RECHTS) / (len(reeks) - 1)
    hoogte = Decimal(HOOGTE - BOVEN - ONDER)

    def y(w: Decimal) -> float:
        return float(round(BOVEN + hoogte - (w - laag) / (hoog - laag) * hoogte, 1))

    punten, stukken, stuk, doellijn = [], [], [], []
    for i, ((maand, waarde), doel) in enumerate(zip(reeks, doelen, strict=True)):
        x = float(round(LINKS + stap * i, 1))
        punt = Punt(maand, waarde, opmaak(waarde, soort), opmaak(doel, soort) if doel is not None else "", x)
        if waarde is not None:
            punt.y = y(waarde)
            stuk.append(f"{x},{punt.y}")
        elif stuk:
            stukken.append(" ".join(stuk))
            stuk = []
        if doel is not None:
            doellijn.append(f"{x},{y(doel)}")
        punten.append(punt)
    if stuk:
        stukken.append(" ".join(stuk))
    beschrijving = "; ".join(
        f"{maandnaam(p.maand)}: {p.tekst}" + (f" ({streef_naam} {p.streef_tekst})" if p.streef_tekst else "")
        for p in punten
    )
    return Lijn(
        id=lijn_id,
        titel=titel,
        beschrijving=beschrijving + ".",
        punten=punten,
        lijnen=stukken,
        streef_lijn=" ".join(doellijn),
        label_boven=opmaak(hoog, soort),
        label_onder=opmaak(laag, soort),
        eerste_maand=maandnaam(reeks[0][0]),
        laatste_maand=maandnaam(reeks[-1][0]),
        laatste_x=float(LINKS + stap * (len(reeks) - 1)),
        streef_naam=streef_naam,
    )
