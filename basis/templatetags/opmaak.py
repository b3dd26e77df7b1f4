"""Dutch notation in templates: dates as d-m-jjjj, money as € 11.972,57."""

import datetime
import math
from decimal import Decimal

from django import template

from basis import codes
from basis.notatie import datum_tekst
from basis.notatie import euro as _euro

register = template.Library()


@register.filter
def euro(bedrag) -> str:
    if bedrag in (None, ""):
        return "–"
    return _euro(Decimal(bedrag))


@register.filter
def datum(waarde) -> str:
    if not waarde:
        return "–"
    if isinstance(waarde, datetime.datetime):
        from django.utils import timezone

        waarde = timezone.localtime(waarde)
        return f"{datum_tekst(waarde)} {waarde:%H:%M}"
    return datum_tekst(waarde)


@register.filter
def duur(waarde: datetime.timedelta | None) -> str:
    """A waiting time in words: "1 uur", "30 minuten", "1 uur en 30 minuten"."""
    if not waarde:
        return "–"
    # Rounded up: "try again in 0 minutes" would be wrong for the last seconds of a wait.
    minuten = math.ceil(waarde.total_seconds() / 60)
    uren_, minuten = divmod(minuten, 60)
    delen = []
    if uren_:
        delen.append(f"{uren_} uur")
    if minuten or not uren_:
        delen.append(f"{minuten} {'minuut' if minuten == 1 else 'minuten'}")
    return " en ".join(delen)


@register.filter
def uren(waarde) -> str:
    if waarde in (None, ""):
        return "–"
    return f"{Decimal(waarde):.2f}".replace(".", ",")


@register.filter
def invoer(veld):
    """Render a form field with its help text and error tied to it (WCAG 3.3.1, 1.3.1)."""
    beschrijving = []
    if veld.help_text:
        beschrijving.append(f"{veld.auto_id}_hulp")
    if veld.errors:
        beschrijving.append(f"{veld.auto_id}_fout")
    attrs = {}
    if beschrijving:
        attrs["aria-describedby"] = " ".join(beschrijving)
    if veld.errors:
        attrs["aria-invalid"] = "true"
    return veld.as_widget(attrs=attrs)


@register.filter
def label(code) -> str:
    """The Dutch label of a rule or signal code (`motivatie_zwaardere_variant` → "Zwaardere variant gekozen")."""
    return codes.label(code) if code else "–"
