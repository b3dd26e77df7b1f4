"""The audit trail (django-simple-history): writing a change with who and why, and reading it
back in the API's `historie` shape (docs/api.md)."""

import datetime
import uuid
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone


def met_reden(obj, gebruiker: AbstractBaseUser | None, reden: str):
    """Mark `obj` with the acting user and the reason, as simple_history reads them on save,
    delete and the bulk inserts. Returns `obj`, for use in a list of new objects."""
    obj._history_user = gebruiker
    obj._change_reason = reden
    return obj


def bewaar(obj, gebruiker: AbstractBaseUser | None, reden: str, **save_kwargs) -> None:
    """Save with the acting user and the reason, so the history says who and why."""
    met_reden(obj, gebruiker, reden).save(**save_kwargs)


def verwijder(obj, gebruiker: AbstractBaseUser | None, reden: str) -> None:
    """Delete with the acting user and the reason; the history keeps the last version."""
    met_reden(obj, gebruiker, reden).delete()


def _json(waarde):
    if isinstance(waarde, datetime.date | datetime.datetime | uuid.UUID):
        return waarde.isoformat() if not isinstance(waarde, uuid.UUID) else str(waarde)
    if isinstance(waarde, Decimal):
        return str(waarde)
    return waarde


def _codes(records, velden) -> dict[str, dict]:
    """A reference to an object the API names by its code (a product) is shown as that code, as
    the API reads and writes it; one query per such field, whatever the number of versions."""
    codes = {}
    for veld in velden:
        doel = getattr(veld, "related_model", None)
        if veld.is_relation and doel is not None and any(f.name == "code" for f in doel._meta.fields):
            ids = {getattr(r, veld.attname) for r in records} - {None}
            codes[veld.name] = dict(doel._base_manager.filter(pk__in=ids).values_list("pk", "code"))
    return codes


def historie(obj) -> list[dict]:
    """Versions of `obj`, oldest first, each with what changed compared to the one before."""
    records = list(obj.history.order_by("history_date", "history_id").select_related("history_user"))
    velden = [f for f in obj.history.model._meta.fields if not f.name.startswith("history_") and f.name != "id"]
    codes = _codes(records, velden)
    rijen = []
    vorige = None
    for record in records:
        wijzigingen = {}
        for veld in velden:
            nieuw = getattr(record, veld.attname)
            oud = getattr(vorige, veld.attname) if vorige is not None else None
            if veld.name in codes:
                nieuw, oud = codes[veld.name].get(nieuw, nieuw), codes[veld.name].get(oud, oud)
            if vorige is None and nieuw in (None, ""):
                continue
            if vorige is None or oud != nieuw:
                naam = veld.name
                wijzigingen[naam] = [_json(oud), _json(nieuw)]
        rijen.append(
            {
                "datum": timezone.localdate(record.history_date),
                "tijdstip": record.history_date,
                "gebruiker": record.history_user.get_username() if record.history_user else None,
                "type": record.history_type,
                "wijzigingen": wijzigingen,
                "reden": record.history_change_reason,
            }
        )
        vorige = record
    return rijen
