"""A JSON body is read with the types the OpenAPI document gives it, and nothing looser.

Django REST framework is lenient on purpose: a boolean field takes `"yes"`, `1` and `"on"`, a text
field takes a number, an integer field takes `"5"`, a date field takes `20270201`, a reference
field takes `""` for null. That suits HTML forms, where everything is text. For a JSON body it means
the API accepts what its own document calls invalid, and a client that sends `"spoed": "nee"` gets
`spoed` true without a word. The NL API Design Rules ask that such input is refused with a 400
(/core/error-handling/invalid-input).

So for a body that came as JSON — the serializer's data is not a form's QueryDict — these fields
first check the JSON type, with a Dutch message and code `invalid`; a form body (the browsable API)
keeps DRF's own leniency. `activeer()` is called once, from basis.apps.
"""

import functools
import re

from django.db import models
from django.http import QueryDict
from rest_framework import fields, relations
from rest_framework.exceptions import ValidationError

DATUM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DECIMAAL = re.compile(r"-?[0-9]*\.?[0-9]*")

BOOLEAN = "Kies true of false."
TEKST = "Geef hier een tekst."
GEHEEL_GETAL = "Geef een geheel getal."
DATUM_FORMAAT = "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2027-02-01."
GETAL = 'Geef een getal met een punt voor de decimalen, bijvoorbeeld "12.50".'
VERWIJZING = "Dit is geen geldige verwijzing."


def uit_json(field) -> bool:
    """Whether the data this field validates came from a JSON body (not a form)."""
    root = field
    while getattr(root, "parent", None) is not None:
        root = root.parent
    data = getattr(root, "initial_data", None)
    return data is not None and not isinstance(data, QueryDict)


def is_geheel_getal(waarde) -> bool:
    if isinstance(waarde, bool):
        return False
    return isinstance(waarde, int) or (isinstance(waarde, float) and waarde.is_integer())


def is_getal(waarde) -> bool:
    if isinstance(waarde, bool):
        return False
    return isinstance(waarde, int | float) or (isinstance(waarde, str) and DECIMAAL.fullmatch(waarde) is not None)


def is_datum(waarde) -> bool:
    return not isinstance(waarde, str) or DATUM.fullmatch(waarde) is not None


def is_primaire_sleutel(field, waarde) -> bool:
    sleutel = field.get_queryset().model._meta.pk
    if isinstance(sleutel, models.IntegerField):
        return is_geheel_getal(waarde)
    return isinstance(waarde, str)


# (class, method, check on the JSON value, message). A check gets the field too where it needs it.
CONTROLES = [
    (fields.BooleanField, "to_internal_value", lambda f, w: isinstance(w, bool), BOOLEAN),
    (fields.CharField, "to_internal_value", lambda f, w: isinstance(w, str), TEKST),
    (fields.IntegerField, "to_internal_value", lambda f, w: is_geheel_getal(w), GEHEEL_GETAL),
    (fields.DecimalField, "to_internal_value", lambda f, w: is_getal(w), GETAL),
    (fields.DateField, "to_internal_value", lambda f, w: is_datum(w), DATUM_FORMAAT),
    (relations.PrimaryKeyRelatedField, "to_internal_value", is_primaire_sleutel, VERWIJZING),
    # DRF turns "" into null for every reference field; in JSON, null is written as null.
    (relations.RelatedField, "run_validation", lambda f, w: w != "", VERWIJZING),
]


def _streng(klasse, methode: str, controle, bericht: str) -> None:
    origineel = getattr(klasse, methode)
    if getattr(origineel, "json_streng", False):
        return

    @functools.wraps(origineel)
    def streng(self, data=fields.empty):
        if getattr(self, "json_type_vrij", False):
            return origineel(self, data)
        if data is not fields.empty and data is not None and uit_json(self) and not controle(self, data):
            raise ValidationError(bericht, code="invalid")
        return origineel(self, data)

    streng.json_streng = True
    setattr(klasse, methode, streng)


class TekstOfGetal(fields.CharField):
    """A text field that reads a JSON number as its text, as DRF does, for a value the service
    checks itself with a message that says what is expected (an ISO week: `week_ongeldig`), which
    helps a client more than "give a text". A number is never valid there, so the document's
    `type: string` stays true."""

    json_type_vrij = True


def activeer() -> None:
    for klasse, methode, controle, bericht in CONTROLES:
        _streng(klasse, methode, controle, bericht)
