"""Reading the audit trail (django-simple-history) as api.md's `historie` shape."""

import datetime
import uuid
from decimal import Decimal


def _json(waarde):
    if isinstance(waarde, datetime.date | datetime.datetime | uuid.UUID):
        return waarde.isoformat() if not isinstance(waarde, uuid.UUID) else str(waarde)
    if isinstance(waarde, Decimal):
        return str(waarde)
    return waarde


def historie(obj) -> list[dict]:
    """Versions of `obj`, oldest first, each with what changed compared to the one before."""
    records = list(obj.history.order_by("history_date", "history_id").select_related("history_user"))
    velden = [f for f in obj.history.model._meta.fields if not f.name.startswith("history_") and f.name != "id"]
    rijen = []
    vorige = None
    for record in records:
        wijzigingen = {}
        for veld in velden:
            nieuw = getattr(record, veld.attname)
            oud = getattr(vorige, veld.attname) if vorige is not None else None
            if vorige is None and nieuw in (None, ""):
                continue
            if vorige is None or oud != nieuw:
                naam = veld.name
                wijzigingen[naam] = [_json(oud), _json(nieuw)]
        rijen.append(
            {
                "datum": record.history_date,
                "gebruiker": record.history_user.get_username() if record.history_user else None,
                "type": record.history_type,
                "wijzigingen": wijzigingen,
                "reden": record.history_change_reason,
            }
        )
        vorige = record
    return rijen
