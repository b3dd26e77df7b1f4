"""Form pieces every screen shares: a decimal number as people here type and read it.

A browser's number field drops a decimal comma (`2,5` became 25, in a Dutch and an English
browser alike), so a decimal is a text field with the decimal keyboard (`inputmode="decimal"`),
read here: `2,5` and `2.5` are both two and a half, and what could mean two numbers is refused
with the reason, never guessed — `1.000` (a thousand, or one?), `1.000,5`, `2.5.0`. Shown with a
comma (8,00), as everywhere in the service.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError

# Digits, at most one separator (comma or point) with digits after it, an optional sign.
_GETAL = re.compile(r"(?P<teken>[+-]?)(?P<heel>\d*)(?:(?P<scheiding>[.,])(?P<deel>\d+))?")

ONGELDIG = "Vul een getal in, bijvoorbeeld 2,5."
TWEE_SCHEIDINGEN = "Gebruik één komma voor de decimalen en geen punt of komma voor duizendtallen, bijvoorbeeld 1000,5."


def getal_tekst(waarde: Decimal) -> str:
    """A decimal as it is typed and shown here: 8,00 · 2,5 · 1000 (no thousands separator, so
    what is shown can be sent back unchanged)."""
    return format(waarde, "f").replace(".", ",")


def lees_getal(tekst: str) -> Decimal:
    """`2,5` and `2.5` → Decimal("2.5"). Raises ValidationError for anything that is not one
    unambiguous number."""
    schoon = tekst.strip()
    gevonden = _GETAL.fullmatch(schoon)
    if gevonden is None or not (gevonden["heel"] or gevonden["deel"]):
        if sum(schoon.count(s) for s in ".,") > 1 and re.fullmatch(r"[+-]?[\d.,]+", schoon):
            raise ValidationError(TWEE_SCHEIDINGEN, code="dubbelzinnig")
        raise ValidationError(ONGELDIG, code="invalid")
    heel, deel = gevonden["heel"] or "0", gevonden["deel"]
    if gevonden["scheiding"] == "." and len(deel) == 3:
        # 1.000 is a thousand in Dutch and one in English: ask rather than guess.
        raise ValidationError(
            f"Bedoelt u {int(heel + deel)} of {heel},{deel}? Schrijf duizendtallen zonder punt en "
            "decimalen met een komma.",
            code="dubbelzinnig",
        )
    try:
        return Decimal(f"{gevonden['teken']}{heel}.{deel or '0'}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ValidationError(ONGELDIG, code="invalid") from None


class DecimaalInvoer(forms.TextInput):
    """A decimal number in a text field with the decimal keyboard; a value from the database is
    shown with a comma, what a person typed is shown as typed."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return getal_tekst(Decimal(str(value)))
        return super().format_value(value)


class DecimaalVeld(forms.DecimalField):
    """forms.DecimalField that reads a decimal comma or point (lees_getal) and speaks of its
    limits with a comma."""

    widget = DecimaalInvoer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for validator in self.validators:
            if isinstance(validator, validators.MinValueValidator):
                grens = getal_tekst(Decimal(str(validator.limit_value)))
                validator.message = f"Vul een getal van {grens} of meer in."
            elif isinstance(validator, validators.MaxValueValidator):
                grens = getal_tekst(Decimal(str(validator.limit_value)))
                validator.message = f"Vul een getal van {grens} of minder in."

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        return lees_getal(str(value))
