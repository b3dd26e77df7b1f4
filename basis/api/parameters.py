"""Query parameters read and validated one way for every list: a bad value is a 400 naming the
parameter (`OngeldigeInvoer`, answered by basis.api.fouten), never silently ignored — except the
yes/no filters, which docs/api.md says ignore anything but `true` and `false`."""

import re
import uuid

from basis.codes import Code
from basis.exceptions import OngeldigeInvoer


def query_param(request, naam: str, *oude_namen: str) -> tuple[str, str | None]:
    """A query parameter by its documented lowerCamelCase name (`vanWeek`) or by the name contract
    v1.0 gave it (`van_week`), which old clients keep sending and which is no longer documented.
    Returns the name the client used, for the error message, and the value (None when absent)."""
    for sleutel in (naam, *oude_namen):
        if sleutel in request.query_params:
            return sleutel, request.query_params[sleutel]
    return naam, None


def _waarde(request, naam: str) -> str | None:
    """The value of a filter; absent or left empty (`?status=`) filters nothing."""
    waarde = request.query_params.get(naam)
    return None if waarde in (None, "") else waarde


def positief_geheel_getal(naam: str, waarde: str, maximum: int | None = None) -> int:
    """A query parameter that must be a whole number from 1 (to `maximum`), as documented: anything
    else is a 400 naming the parameter, never silently another page or page size."""
    if not (waarde.isascii() and waarde.isdigit()) or int(waarde) < 1:
        tot = f" tot en met {maximum}" if maximum else ""
        raise OngeldigeInvoer(naam, f"Geef een geheel getal vanaf 1{tot}.")
    if maximum is not None and int(waarde) > maximum:
        raise OngeldigeInvoer(naam, f"Geef een getal van hoogstens {maximum}.", Code.MAX_VALUE)
    return int(waarde)


# An id as every answer writes it (and as `format: uuid` means): 8-4-4-4-12 hexadecimal digits.
UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def uuid_filter(request, naam: str) -> uuid.UUID | None:
    waarde = _waarde(request, naam)
    if waarde is None:
        return None
    if not re.fullmatch(UUID, waarde):
        raise OngeldigeInvoer(naam, "Dit is geen geldig id (UUID).")
    return uuid.UUID(waarde)


def keuze_filter(request, naam: str, keuzes) -> str | None:
    waarde = _waarde(request, naam)
    if waarde is None:
        return None
    if waarde not in keuzes:
        raise OngeldigeInvoer(naam, f"Onbekende waarde '{waarde}'.", Code.INVALID_CHOICE)
    return waarde


def gebruiker_filter(request, naam: str) -> int | None:
    """A user id (a whole number, as the database can hold it)."""
    waarde = _waarde(request, naam)
    if waarde is None:
        return None
    if not waarde.isascii() or not waarde.isdigit() or len(waarde) > 18:
        raise OngeldigeInvoer(naam, "Dit is geen geldig gebruikers-id.")
    return int(waarde)


def tekst_filter(request, naam: str, bericht: str) -> str | None:
    """Free text to compare with (a product code, say). PostgreSQL refuses a NUL character in a
    query, so a value with one is refused here with `bericht`."""
    waarde = _waarde(request, naam)
    if waarde is not None and "\x00" in waarde:
        raise OngeldigeInvoer(naam, bericht)
    return waarde


def ja_nee_filter(request, naam: str) -> bool | None:
    """`true` or `false`; anything else filters nothing (docs/api.md)."""
    return {"true": True, "false": False}.get(request.query_params.get(naam))
