"""Bulk changes with history, for work that touches many rows at once (daily run, import)."""

import datetime
import operator

from django.db import connection
from django.db.models import AutoField
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
    of rows where there are a few hundred, and joins every granted indicatie to find them, more of
    them with every year. By id it joins only the rows of the day.
    The conditions are checked again with the lock, so a row changed in between is left out."""
    ids = list(qs.model.objects.filter(**eigen).values_list("pk", flat=True))
    rijen: list = []
    for begin in range(0, len(ids), BATCH):
        rijen += qs.select_for_update(of=("self",)).filter(pk__in=ids[begin : begin + BATCH], **eigen)
    return rijen


def voeg_rijen_toe(model, rijen: list[dict], *, datum: datetime.datetime) -> None:
    """Insert new rows, each given as its fields ({name or attname: value}, a related object or
    its id) plus `history_user` and `history_change_reason`, with a '+' history row each.

    A field not given gets its default, as the model would give it; an auto_now(_add) field not
    given gets the current time, a given one is kept. An id the database assigns (a serial) is
    taken from its sequence beforehand, so the history row has it too.

    On PostgreSQL with COPY, straight from the values: an import writes hundreds of thousands of
    rows, and a model instance per row, or INSERT ... VALUES, costs several times more than the
    row itself (docs/performance.md). Elsewhere (SQLite) as model instances with
    bulk_create_with_history, which always stamps auto_now(_add) fields.
    """
    if not rijen:
        return
    if connection.vendor != "postgresql":
        objs = []
        for rij in rijen:
            velden = {k: v for k, v in rij.items() if k not in ("history_user", "history_change_reason")}
            obj = model(**velden)
            obj._history_user = rij.get("history_user")
            obj._change_reason = rij.get("history_change_reason")
            objs.append(obj)
        bulk_create_with_history(objs, model, batch_size=BATCH, default_date=datum)
        return
    tabel = _Tabel.van(model)
    nu = timezone.now()
    if tabel.reeks is not None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, model._meta.pk.column, len(rijen)],
            )
            for rij, (pk,) in zip(rijen, cursor.fetchall(), strict=True):
                rij[tabel.reeks] = pk
    waarden = [tabel.waarden(rij, nu) for rij in rijen]
    _kopieer(model, tabel.velden, waarden)
    historie = []
    for rij, w in zip(rijen, waarden, strict=True):
        gebruiker = rij.get("history_user")
        extra = (datum, "+", gebruiker.pk if gebruiker is not None else None, rij.get("history_change_reason") or "")
        historie.append(tabel.historierij([*w, *extra]))
    _kopieer(model.history.model, tabel.historievelden, historie)


class _Tabel:
    """How the values of a model's rows are laid out for COPY, worked out once per model."""

    _per_model: dict = {}

    def __init__(self, model):
        self.velden = list(model._meta.concrete_fields)
        self.positie = {}
        for i, f in enumerate(self.velden):
            self.positie[f.attname] = i
            self.positie[f.name] = i  # a related object, given by the field's name
        self.relaties = {f.name for f in self.velden if f.is_relation}
        # A fixed default is worked out once; a callable one (uuid4) per row, as the model does.
        self.sjabloon = []
        self.per_rij = []
        self.automatisch = []
        for i, f in enumerate(self.velden):
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.sjabloon.append(None)
                self.automatisch.append(i)
            elif f.has_default() and callable(f.default):
                self.sjabloon.append(_ONTBREEKT)
                self.per_rij.append((i, f))
            else:
                self.sjabloon.append(f.get_default())
        pk = model._meta.pk
        self.reeks = pk.attname if isinstance(pk, AutoField) else None
        historisch = model.history.model
        gevolgd = {f.attname for f in historisch.tracked_fields}
        self.historievelden = [f for f in historisch._meta.concrete_fields if f.attname != "history_id"]
        # A history row picks its values from the row's values followed by these four.
        extra = ("history_date", "history_type", "history_user_id", "history_change_reason")
        self.historierij = operator.itemgetter(
            *(
                self.positie[f.attname] if f.attname in gevolgd else len(self.velden) + extra.index(f.attname)
                for f in self.historievelden
            )
        )

    @classmethod
    def van(cls, model) -> "_Tabel":
        if model not in cls._per_model:
            cls._per_model[model] = cls(model)
        return cls._per_model[model]

    def waarden(self, rij: dict, nu: datetime.datetime) -> list:
        waarden = self.sjabloon.copy()
        positie, relaties = self.positie, self.relaties
        for naam, waarde in rij.items():
            i = positie.get(naam)
            if i is not None:
                waarden[i] = waarde.pk if naam in relaties and waarde is not None else waarde
        for i, veld in self.per_rij:
            if waarden[i] is _ONTBREEKT:
                waarden[i] = veld.get_default()
        for i in self.automatisch:
            if waarden[i] is None:
                waarden[i] = nu
        return waarden


_ONTBREEKT = object()


def _kopieer(model, velden, rijen) -> None:
    for veld in velden:
        if veld.get_internal_type() == "JSONField":
            raise TypeError(f"{model.__name__}.{veld.name}: JSON wordt niet via COPY geschreven.")
    tabel = model._meta.db_table
    kolommen = ", ".join(connection.ops.quote_name(f.column) for f in velden)
    typen = _kolomtypen(tabel)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {connection.ops.quote_name(tabel)} ({kolommen}) FROM STDIN (FORMAT BINARY)") as copy,
    ):
        # Binary, with the column types given once: no text to format here and to parse there,
        # and no type lookup per value (docs/performance.md, "Import").
        copy.set_types([typen[f.column] for f in velden])
        for rij in rijen:
            copy.write_row(rij)


_TYPEN: dict[str, dict[str, str]] = {}


def _kolomtypen(tabel: str) -> dict[str, str]:
    """The PostgreSQL type of each column of `tabel` ("character varying", "uuid", ...), read
    from the catalogue once per table."""
    if tabel not in _TYPEN:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                [connection.ops.quote_name(tabel)],
            )
            _TYPEN[tabel] = dict(cursor.fetchall())
    return _TYPEN[tabel]
