"""Field validators shared by the API serializers and the web forms."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator

from .rules import datum_tekst

# Dates the register calculates with (8 months on, a year of cost ahead). A year like 9999 is a
# typing error, and would overflow those calculations instead of giving a clear error.
EERSTE_DATUM, LAATSTE_DATUM = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)
DATUMBEREIK = [
    MinValueValidator(EERSTE_DATUM, message=f"Kies een datum vanaf {datum_tekst(EERSTE_DATUM)}."),
    MaxValueValidator(LAATSTE_DATUM, message=f"Kies een datum tot en met {datum_tekst(LAATSTE_DATUM)}."),
]
