"""Dutch notation in templates: dates as d-m-jjjj, money as € 11.972,57."""

import datetime
from decimal import Decimal

from django import template

from indicaties.rules import euro as _euro

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
        return waarde.strftime("%d-%m-%Y %H:%M")
    return waarde.strftime("%d-%m-%Y")


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
