"""Bulk changes with history, for work that touches many rows at once (daily run, import)."""

import datetime

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

BATCH = 1000


def werk_bij(objs: list, model, reden: str, **waarden) -> None:
    """Give the selected rows the same new values: set-based updates of at most BATCH ids, and
    the history rows (with `reden`) in bulk. The caller selected them FOR UPDATE, so the rows
    cannot change in between and the history says exactly what the table holds. For a value
    that is an expression (`F("versie") + 1`) the caller sets the result on the objects."""
    if not objs:
        return
    for obj in objs:
        for veld, waarde in waarden.items():
            if not hasattr(waarde, "resolve_expression"):
                setattr(obj, veld, waarde)
    for begin in range(0, len(objs), BATCH):
        model.objects.filter(pk__in=[o.pk for o in objs[begin : begin + BATCH]]).update(**waarden)
    model.history.bulk_history_create(objs, update=True, default_change_reason=reden, batch_size=BATCH)


def vergrendel(qs, **eigen) -> list:
    """The rows of `qs` that meet `eigen` (conditions on the model's own columns), locked FOR
    UPDATE OF the model's own rows, with the relations `qs` selects, in the model's order.

    First their ids from the model's own table, then the rows by id, BATCH at a time. PostgreSQL
    estimates `status = 'gepland' AND vervaldatum <= today` as if the two were independent, and
    in a register with years of history most dates lie in the past: it expects tens of thousands
    of rows where there are a few hundred, and joins every granted indicatie to find them (0.8 s
    at a million indicaties, more with every year). By id it joins only the rows of the day.
    The conditions are checked again with the lock, so a row changed in between is left out."""
    ids = list(qs.model.objects.filter(**eigen).values_list("pk", flat=True))
    rijen: list = []
    for begin in range(0, len(ids), BATCH):
        rijen += qs.select_for_update(of=("self",)).filter(pk__in=ids[begin : begin + BATCH], **eigen)
    return rijen


def voeg_toe_met_historie(objs: list, model, *, datum: datetime.datetime) -> None:
    """Insert new objects with a '+' history row each (user and reason from `_history_user` and
    `_change_reason` on the object, as simple_history reads them).

    On PostgreSQL with COPY: an import writes hundreds of thousands of rows, and building and
    parsing INSERT ... VALUES costs several times more per row. Values are written as they are
    on the objects; an empty auto_now(_add) field gets the current time, a filled one is kept.
    Elsewhere (SQLite), and for objects whose id the database assigns, bulk_create_with_history,
    which always stamps auto_now(_add) fields.
    """
    if not objs:
        return
    if connection.vendor != "postgresql" or objs[0].pk is None:
        # Elsewhere, or an id the database assigns (the history row needs it): the ORM's insert.
        bulk_create_with_history(objs, model, batch_size=BATCH, default_date=datum)
        return
    nu = timezone.now()
    velden = list(model._meta.concrete_fields)
    automatisch = {f.attname for f in velden if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}

    def rij(obj) -> list:
        waarden = [getattr(obj, f.attname) for f in velden]
        return [nu if w is None and f.attname in automatisch else w for f, w in zip(velden, waarden, strict=True)]

    _kopieer(model, velden, (rij(obj) for obj in objs))
    historisch = model.history.model
    gevolgd = {f.attname for f in historisch.tracked_fields}
    kolommen = [f for f in historisch._meta.concrete_fields if f.attname != "history_id"]

    def historierij(obj) -> list:
        gebruiker = getattr(obj, "_history_user", None)
        extra = {
            "history_date": datum,
            "history_change_reason": getattr(obj, "_change_reason", None) or "",
            "history_type": "+",
            "history_user_id": gebruiker.pk if gebruiker is not None else None,
        }
        return [getattr(obj, f.attname) if f.attname in gevolgd else extra[f.attname] for f in kolommen]

    _kopieer(historisch, kolommen, (historierij(obj) for obj in objs))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def _kopieer(model, velden, rijen) -> None:
    for veld in velden:
        if veld.get_internal_type() == "JSONField":
            raise TypeError(f"{model.__name__}.{veld.name}: JSON wordt niet via COPY geschreven.")
    kolommen = ", ".join(connection.ops.quote_name(f.column) for f in velden)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({kolommen}) FROM STDIN") as copy,
    ):
        for rij in rijen:
            copy.write_row(rij)
