"""The audit trail of an indicatie as a consulent reads it: Dutch field names and values
(d-m-jjjj, € 11.972,57, labels instead of codes, names instead of ids). The API keeps the raw
shape of basis.historie."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models

from basis.historie import historie
from basis.notatie import datum_tekst, euro

from ..models import Aanbieder, Indicatie, Product

# Bookkeeping and links that never change or mean nothing to the reader.
VERBORGEN = {"inwoner", "versie", "voorganger", "vervangt"}
BEDRAGEN = {"geschatte_kosten", "vermeden_kosten"}


def _namen(rijen, veld: str, model, weergave, sleutel: str = "pk") -> dict[str, str]:
    """One query for every id (or code) the history mentions in this field."""
    ids = {w for r in rijen for w in r["wijzigingen"].get(veld, ()) if w is not None}
    if not ids:
        return {}
    return {str(getattr(o, sleutel)): weergave(o) for o in model.objects.filter(**{f"{sleutel}__in": ids})}


def _waarde(veld: models.Field, waarde, namen: dict[str, str]):
    if waarde in (None, ""):
        return None
    if veld.name in namen:
        return namen[veld.name].get(str(waarde), str(waarde))
    if veld.choices:
        return dict(veld.flatchoices).get(waarde, waarde)
    if isinstance(veld, models.BooleanField):
        return "ja" if waarde else "nee"
    if isinstance(veld, models.DateField) and not isinstance(veld, models.DateTimeField):
        return datum_tekst(datetime.date.fromisoformat(waarde))
    if isinstance(veld, models.DecimalField):
        bedrag = Decimal(waarde)
        return euro(bedrag) if veld.name in BEDRAGEN else f"{bedrag:.2f}".replace(".", ",")
    return waarde


def historie_op_scherm(indicatie: Indicatie) -> list[dict]:
    rijen = historie(indicatie)
    velden = {f.name: f for f in Indicatie._meta.fields}
    namen = {
        "product": _namen(rijen, "product", Product, lambda p: f"{p.code} – {p.naam}", sleutel="code"),
        "aanbieder": _namen(rijen, "aanbieder", Aanbieder, lambda a: a.naam),
        "consulent": _namen(rijen, "consulent", get_user_model(), lambda u: u.get_full_name() or u.get_username()),
    }
    for rij in rijen:
        rij["wijzigingen"] = {
            str(velden[naam].verbose_name): [_waarde(velden[naam], w, namen) for w in waarden]
            for naam, waarden in rij["wijzigingen"].items()
            if naam in velden and naam not in VERBORGEN
        }
    return rijen
