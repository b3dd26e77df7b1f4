"""Dates the register can calculate with (8 months on, a year of cost ahead). A year like 9999 is
a typing error and would overflow those calculations instead of giving a clear message."""

import datetime

from basis.codes import Code, Violation
from basis.notatie import datum_tekst

EERSTE_DATUM, LAATSTE_DATUM = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)
DATUM_VOOR_BEREIK = f"Kies een datum vanaf {datum_tekst(EERSTE_DATUM)}."
DATUM_NA_BEREIK = f"Kies een datum tot en met {datum_tekst(LAATSTE_DATUM)}."


def datum_buiten_bereik(veld: str, datum: datetime.date | None) -> list[Violation]:
    if datum is None or EERSTE_DATUM <= datum <= LAATSTE_DATUM:
        return []
    bericht = DATUM_VOOR_BEREIK if datum < EERSTE_DATUM else DATUM_NA_BEREIK
    return [Violation(Code.DATUM_BUITEN_BEREIK, veld, bericht)]


def verplicht(veld: str, bericht: str = "Dit veld is verplicht.") -> Violation:
    return Violation(Code.REQUIRED, veld, bericht)


def tekst_verplicht(tekst: str | None, code: Code, veld: str, bericht: str) -> list[Violation]:
    """A written reason, explanation or response: blank is not enough."""
    return [] if (tekst or "").strip() else [Violation(code, veld, bericht)]
