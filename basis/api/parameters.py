"""Query parameters read and validated one way for every list: a bad value is a 400 naming the
parameter, never silently ignored."""

import re
import uuid

from rest_framework import exceptions


def query_param(request, naam: str, *oude_namen: str) -> tuple[str, str | None]:
    """A query parameter by its documented lowerCamelCase name (`vanWeek`) or by the name contract
    v1.0 gave it (`van_week`), which old clients keep sending and which is no longer documented.
    Returns the name the client used, for the error message, and the value (None when absent)."""
    for sleutel in (naam, *oude_namen):
        if sleutel in request.query_params:
            return sleutel, request.query_params[sleutel]
    return naam, None


def positief_geheel_getal(naam: str, waarde: str, maximum: int | None = None) -> int:
    """A query parameter that must be a whole number from 1 (to `maximum`), as documented: anything
    else is a 400 naming the parameter, never silently another page or page size."""
    if not (waarde.isascii() and waarde.isdigit()) or int(waarde) < 1:
        tot = f" tot en met {maximum}" if maximum else ""
        raise exceptions.ValidationError(
            {naam: [exceptions.ErrorDetail(f"Geef een geheel getal vanaf 1{tot}.", code="invalid")]}
        )
    if maximum is not None and int(waarde) > maximum:
        raise exceptions.ValidationError(
            {naam: [exceptions.ErrorDetail(f"Geef een getal van hoogstens {maximum}.", code="max_value")]}
        )
    return int(waarde)


# An id as every answer writes it (and as `format: uuid` means): 8-4-4-4-12 hexadecimal digits.
UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def uuid_filter(request, naam: str) -> uuid.UUID | None:
    waarde = request.query_params.get(naam)
    if waarde in (None, ""):
        return None
    if not re.fullmatch(UUID, waarde):
        raise exceptions.ValidationError({naam: ["Dit is geen geldig id (UUID)."]}, code="invalid")
    return uuid.UUID(waarde)


def keuze_filter(request, naam: str, keuzes) -> str | None:
    waarde = request.query_params.get(naam)
    if waarde in (None, ""):
        return None
    if waarde not in keuzes:
        raise exceptions.ValidationError({naam: [f"Onbekende waarde '{waarde}'."]}, code="invalid_choice")
    return waarde
