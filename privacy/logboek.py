"""Writing the processing log: what a piece of work (a request, a task, a command) processed,
collected while it runs and written in one go.

Code that reads or changes an inwoner's data says so with `verwerkt(...)`; that costs nothing
but a set entry. The records are written with two inserts (one for all `Verwerking` rows, one
`Handeling`): just before the transaction commits when the work changes data (privacy.db calls
`voor_commit`), so the log and the change stand or fall together, and otherwise at the end of the
work. A data subject is logged once per activity per piece of work, however often it is read.

The activity of a piece of work is the one its entry point declared (basis.verwerking): the
middleware reads it from the view, `privacy.taken` from the task, `als_commando` from the command.
Processing in a piece of work whose entry point declared none, or declared `GEEN`, is refused
(`ZonderVerwerkingsactiviteit`): the log never files it under another entry point's activity.
"""

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection

from basis import clock, trace, verwerking
from basis.roles import BACKOFFICE, BEHEER, CONSULENT, SCHAKELTEAM, rollen_van

from .keten import inhoud_hash
from .models import Handeling, Status, Verwerking
from .pseudoniem import pseudoniem

logger = logging.getLogger(__name__)


class ZonderVerwerkingsactiviteit(RuntimeError):
    """An entry point processed an inwoner's data without declaring its activity."""


BATCH = 1000
# Why a user may see the data, by the role they acted in (NEN 7513 'purposeOfUse').
GRONDEN = {
    CONSULENT: "consulent: eigen caseload, die van het team of toegang buiten de caseload",
    SCHAKELTEAM: "schakelteam: indicatie ter beoordeling of adviesvraag",
    BACKOFFICE: "backoffice: kwaliteitstoetsing",
    BEHEER: "functioneel beheer",
}


@dataclass
class Werk:
    """One piece of work and what it processed so far."""

    trace: trace.Trace
    actie: str
    # As the entry point declared it; None while it is not known (a request before its view).
    activiteit: str | None
    gebruiker: Callable[[], object] = lambda: None
    # The roles the user acted in (the roles the entry point allows); None: all they have.
    rollen: Callable[[], Iterable[str] | None] = lambda: None
    reden: str = ""
    open: dict[tuple[str, str], datetime] = field(default_factory=dict)
    geschreven: set[tuple[str, str]] = field(default_factory=set)


_werk: ContextVar[Werk | None] = ContextVar("privacy_werk", default=None)


def huidig() -> Werk | None:
    return _werk.get()


def begin(
    *,
    actie: str,
    activiteit: str | None,
    gebruiker: Callable[[], object] | None = None,
    rollen: Callable[[], Iterable[str] | None] | None = None,
    traceparent: str | None = None,
):
    """Start a piece of work in its own trace (the incoming one when `traceparent` is valid)."""
    trace_token = trace.begin(traceparent)
    werk = Werk(trace.huidig(), actie, activiteit)
    if gebruiker is not None:
        werk.gebruiker = gebruiker
    if rollen is not None:
        werk.rollen = rollen
    return trace_token, _werk.set(werk)


def einde(tokens, status: str) -> None:
    """Write what is still open and leave the work. The context is left even when writing fails."""
    trace_token, werk_token = tokens
    try:
        schrijf(status)
    finally:
        _werk.reset(werk_token)
        trace.einde(trace_token)


@contextmanager
def als_taak(*, actie: str, activiteit: str, gebruiker=None) -> Iterator[Werk]:
    """A command or task as one piece of work: OK when it ends normally, ERROR when it raises."""
    tokens = begin(actie=actie, activiteit=activiteit, gebruiker=(lambda: gebruiker))
    try:
        yield _werk.get()
    except BaseException:
        einde(tokens, Status.ERROR)
        raise
    einde(tokens, Status.OK)


@contextmanager
def als_commando(commando, *, gebruiker=None) -> Iterator[Werk]:
    """A management command as one piece of work, under the activity its `Command` declares."""
    naam = type(commando).__module__.rsplit(".", 1)[-1]
    with als_taak(actie=f"manage.py {naam}", activiteit=commando.verwerking, gebruiker=gebruiker) as werk:
        yield werk


def _gedeclareerd(activiteit: str | None, actie: str) -> str:
    if activiteit in (None, verwerking.GEEN):
        raise ZonderVerwerkingsactiviteit(
            f"{actie} verwerkt gegevens van een inwoner, maar noemt daarvoor geen verwerkingsactiviteit "
            "(basis.verwerking)."
        )
    return activiteit


def verwerkt(bsns: Iterable[str], activiteit: str | None = None) -> None:
    """These inwoners' data were processed (by BSN; only the pseudonym is kept), under `activiteit`
    or else the activity the entry point declared. Outside any piece of work (a service called from
    a shell) the records are written at once, under `activiteit`, which the caller then names."""
    werk = _werk.get()
    if werk is None:
        bsns = [b for b in bsns if b]
        if bsns:
            with als_taak(actie="zonder context", activiteit=_gedeclareerd(activiteit, "Code buiten een ingang")):
                verwerkt(bsns, activiteit)
        return
    nu = clock.now()
    soort = activiteit or werk.activiteit
    for bsn in bsns:
        if bsn:
            # Also with an activity of its own: the handeling names the entry point's.
            _gedeclareerd(werk.activiteit, werk.actie)
            sleutel = (soort, pseudoniem(bsn))
            if sleutel not in werk.geschreven:
                werk.open.setdefault(sleutel, nu)


def verwerkt_objecten(objecten: Iterable, activiteit: str | None = None) -> None:
    """Objects read through `privacy.caseload.zichtbaar` carry their inwoner's BSN
    (`betrokkene_bsn`); an inwoner carries its own."""
    verwerkt((getattr(o, "betrokkene_bsn", None) or getattr(o, "bsn", None) for o in objecten), activiteit)


def met_reden(reden: str) -> None:
    """The reason the user gave for this work (break the glass), in its `Handeling`."""
    werk = _werk.get()
    if werk is not None:
        werk.reden = reden


def stel_activiteit_in(activiteit: str | None, actie: str | None = None) -> None:
    werk = _werk.get()
    if werk is not None:
        werk.activiteit = activiteit
        if actie is not None:
            werk.actie = actie


def _wie(werk: Werk) -> tuple[int | None, str, str, str]:
    gebruiker = werk.gebruiker()
    if gebruiker is None or not getattr(gebruiker, "is_authenticated", False):
        return None, "systeem", "", f"systeem: {werk.actie}"
    rollen = sorted(rollen_van(gebruiker))
    gehandeld = werk.rollen()
    if gehandeld is not None:
        rollen = [r for r in rollen if r in set(gehandeld)] or rollen
    grond = "; ".join(GRONDEN[r] for r in rollen if r in GRONDEN) or "geen rol"
    return gebruiker.pk, gebruiker.get_username(), ",".join(rollen), grond[:200]


def schrijf(status: str) -> None:
    """Write the open records of the current work: one insert for the `Verwerking` rows (per
    thousand), one for its `Handeling`. The database chains them (privacy.keten)."""
    werk = _werk.get()
    if werk is None or not werk.open:
        return
    eind = clock.now()
    rijen: list[dict] = []
    for (activiteit, betrokkene), start in werk.open.items():
        waarden = {
            "trace_id": werk.trace.trace_id,
            "span_id": trace.nieuw_span_id(),
            "parent_span_id": werk.trace.span_id,
            "verwerkingsactiviteit": activiteit,
            "betrokkene": betrokkene,
            "status": status,
            "start": start,
            "eind": eind,
        }
        rijen.append(waarden | {"inhoud_hash": inhoud_hash("verwerking", waarden), "keten_hash": ""})
    gebruiker_id, naam, rollen, grond = _wie(werk)
    handeling = {
        "trace_id": werk.trace.trace_id,
        "span_id": werk.trace.span_id,
        "parent_span_id": werk.trace.parent_span_id,
        "gebruiker_id": gebruiker_id,
        "gebruikersnaam": naam,
        "rollen": rollen,
        "grond": grond,
        "reden": werk.reden,
        "verwerkingsactiviteit": werk.activiteit,
        "actie": werk.actie[:200],
        "status": status,
        "betrokkenen": len(rijen),
        "tijdstip": eind,
    }
    # Cleared before the inserts: a failing insert must not make the next attempt write twice.
    werk.geschreven.update(werk.open)
    werk.open.clear()
    voeg_in(Verwerking, rijen)
    voeg_in(Handeling, [handeling | {"inhoud_hash": inhoud_hash("handeling", handeling), "keten_hash": ""}])


def voeg_in(model, rijen: list[dict]) -> None:
    """One INSERT for all rows, however many: the rows travel as one JSON parameter (a page of
    500 or a daily run of thousands costs the same statement, and no parameter limit applies).
    The chain's trigger numbers and links each row (privacy.keten)."""
    if not rijen:
        return
    # Names from the model's own metadata; the values go as a parameter.
    velden = list(rijen[0])
    tabel = connection.ops.quote_name(model._meta.db_table)
    kolommen = ", ".join(connection.ops.quote_name(model._meta.get_field(v).column) for v in velden)
    if connection.vendor == "postgresql":
        typen = ", ".join(f"{v} {model._meta.get_field(v).db_type(connection)}" for v in velden)
        sql = f"INSERT INTO {tabel} ({kolommen}) SELECT {', '.join(velden)} FROM jsonb_to_recordset(%s::jsonb) AS r({typen})"  # noqa: S608
        waarden = [{v: _json(r[v]) for v in velden} for r in rijen]
    elif connection.vendor == "sqlite":
        delen = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(velden)))
        sql = f"INSERT INTO {tabel} ({kolommen}) SELECT {delen} FROM json_each(%s)"  # noqa: S608
        waarden = [[_sqlite(r[v]) for v in velden] for r in rijen]
    else:
        model.objects.bulk_create([model(**r) for r in rijen], batch_size=BATCH)
        return
    with connection.cursor() as cursor:
        cursor.execute(sql, [json.dumps(waarden)])


def _json(waarde):
    return waarde.isoformat() if isinstance(waarde, datetime) else waarde


def _sqlite(waarde):
    # As Django writes a datetime into SQLite, so the row reads back to the same value.
    return connection.ops.adapt_datetimefield_value(waarde) if isinstance(waarde, datetime) else waarde


def voor_commit() -> None:
    """Called by the database connection just before it commits (privacy.db): what this work
    processed so far goes into the same transaction."""
    werk = _werk.get()
    if werk is not None and werk.open:
        schrijf(Status.OK)
