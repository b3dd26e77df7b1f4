"""The header line of a CSV file that people make in a spreadsheet: the one way both imports
(indicaties, declaraties) read it."""

import csv
from collections.abc import Sequence


def lees_kop(kop: str, kolommen: Sequence[str], optioneel: Sequence[str] = ()) -> tuple[str, list[str], str]:
    """(separator, column names, what is wrong with them — empty when nothing is).

    The separator is `;` (as Dutch spreadsheets write it) or `,`, whichever the header uses; names
    are compared without case and surrounding spaces; a byte order mark is ignored."""
    kop = kop.lstrip("\ufeff")
    scheiding = ";" if kop.count(";") >= kop.count(",") else ","
    namen = [n.strip().lower() for n in next(csv.reader([kop], delimiter=scheiding))]
    delen = []
    if ontbrekend := [k for k in kolommen if k not in namen]:
        delen.append(f"ontbrekende kolommen: {', '.join(ontbrekend)}")
    if onbekend := [n for n in namen if n not in (*kolommen, *optioneel)]:
        delen.append(f"onbekende kolommen: {', '.join(onbekend)}")
    if dubbel := sorted({n for n in namen if namen.count(n) > 1}):
        delen.append(f"dubbele kolommen: {', '.join(dubbel)}")
    return scheiding, namen, "; ".join(delen)
