"""Dutch notation, the one way dates and amounts are written in messages, pages and exports."""

import datetime
from decimal import Decimal


def datum_tekst(d: datetime.date) -> str:
    """d-m-jjjj (3-9-2027)."""
    return f"{d.day}-{d.month}-{d.year}"


def euro(bedrag: Decimal) -> str:
    """€ 11.972,57."""
    tekst = f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {tekst}"


MAANDNAMEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def maand_tekst(maand: str | datetime.date) -> str:
    """A month as people read it: `2026-01` (or a date in it) → "jan 2026"."""
    if isinstance(maand, datetime.date):
        return f"{MAANDNAMEN[maand.month - 1]} {maand.year}"
    jaar, nummer = str(maand).split("-")[:2]
    return f"{MAANDNAMEN[int(nummer) - 1]} {jaar}"


def week_tekst(week: str) -> str:
    """An ISO week as people read it: `2026-W49` → "week 49 (30-11 t/m 6-12-2026)"; the year of the
    Monday too when it differs from the Sunday's ("week 1 (29-12-2025 t/m 4-1-2026)"). Anything
    that is not an ISO week comes back as it was."""
    try:
        jaar, nummer = str(week).split("-W")
        maandag = datetime.date.fromisocalendar(int(jaar), int(nummer), 1)
    except ValueError:
        return str(week)
    zondag = maandag + datetime.timedelta(days=6)
    begin = datum_tekst(maandag) if maandag.year != zondag.year else f"{maandag.day}-{maandag.month}"
    return f"week {int(nummer)} ({begin} t/m {datum_tekst(zondag)})"


def aantal(n: int, woorden: str) -> str:
    """A count with its word in the singular or plural: `aantal(1, "indicatie,indicaties")` →
    "1 indicatie", never "1 indicaties"."""
    enkel, meer = woorden.split(",")
    return f"{n} {enkel if n == 1 else meer}"
