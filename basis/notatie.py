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
