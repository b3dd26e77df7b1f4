"""Dutch notation in templates: dates as d-m-jjjj, money as € 11.972,57.

A date and an amount are each one unit on the page: they come in a span that never breaks
(class "nb"), so a narrow column shows "7-12-2026" and "€ 58,20" whole, not "7-12-/2026" or a
€ at the end of one line and its amount on the next. In an attribute (a form field's value)
take `datum_tekst`, which is the bare text."""

import datetime
import math
from decimal import Decimal

from django import template
from django.utils.html import format_html

from basis import codes
from basis.notatie import aantal as _aantal
from basis.notatie import datum_tekst, maand_tekst, week_tekst
from basis.notatie import euro as _euro

register = template.Library()


@register.filter
def euro(bedrag) -> str:
    if bedrag in (None, ""):
        return "–"
    return _heel(_euro(Decimal(bedrag)))


def _heel(tekst: str) -> str:
    return format_html('<span class="nb">{}</span>', tekst)


@register.filter
def datum(waarde) -> str:
    if not waarde:
        return "–"
    if isinstance(waarde, datetime.datetime):
        from django.utils import timezone

        waarde = timezone.localtime(waarde)
        return format_html('<span class="nb">{}</span> {}', datum_tekst(waarde), f"{waarde:%H:%M}")
    return _heel(datum_tekst(waarde))


@register.filter(name="datum_tekst")
def datum_kaal(waarde) -> str:
    """d-m-jjjj as bare text, for a form field's value."""
    return datum_tekst(waarde) if waarde else ""


@register.filter
def week(waarde) -> str:
    """`2026-W49` → "week 49 (30-11 t/m 6-12-2026)"."""
    return week_tekst(waarde) if waarde else "–"


@register.filter
def maand(waarde) -> str:
    """`2026-01` → "jan 2026"."""
    return maand_tekst(waarde) if waarde else "–"


@register.filter
def aantal(n, woorden: str) -> str:
    """A count with the word in singular or plural: `1|aantal:"indicatie,indicaties"` → "1 indicatie"."""
    return _aantal(n, woorden)


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


def _velden_met_fout(form) -> list[dict]:
    """A bound form's errors: a field's with a link to it, the form's own as text."""
    rijen = [{"melding": str(m)} for m in form.non_field_errors()]
    for veld in form:
        if not veld.errors:
            continue
        # A group of radio buttons is reached through its first button.
        doel = f"{veld.auto_id}_0" if getattr(veld.field.widget, "input_type", "") == "radio" else veld.id_for_label
        for melding in veld.errors:
            rijen.append({"id": doel, "label": veld.label, "melding": str(melding)})
    return rijen


@register.simple_tag(takes_context=True)
def formulierfouten(context) -> list[dict]:
    """Every error of the forms on this page, for the error summary at the top and the "Fout:" in
    the title (WCAG 3.3.1): the bound forms and formsets in the context, and `invoerfouten`, a
    view's own list for a field that is not in a form (the week of the toetsing)."""
    from django.forms import BaseForm, BaseFormSet

    rijen: list[dict] = []
    gezien: set[int] = set()
    for waarde in context.flatten().values():
        if id(waarde) in gezien:
            continue
        gezien.add(id(waarde))
        if isinstance(waarde, BaseForm) and waarde.is_bound and waarde.errors:
            rijen += _velden_met_fout(waarde)
        elif isinstance(waarde, BaseFormSet) and waarde.is_bound and not waarde.is_valid():
            rijen += [{"melding": str(m)} for m in waarde.non_form_errors()]
            for form in waarde.forms:
                rijen += _velden_met_fout(form)
    rijen += list(context.get("invoerfouten") or [])
    return rijen


@register.filter
def velden(form, namen: str) -> list:
    """The form's fields with these names, in this order (a section of a long form); a name the
    form does not have is skipped."""
    return [form[n] for n in namen.split(",") if n in form.fields]


@register.filter
def velden_behalve(form, namen: str) -> list:
    """The form's other fields, in their own order: none is lost when a section lists too few."""
    uit = set(namen.split(","))
    return [veld for veld in form if veld.name not in uit]
