"""Bulk changes with history, for work that touches many rows at once (the daily run)."""

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
