"""Notifications: in-app inbox plus e-mail, exactly once per event per recipient (the sending
itself: notifications/email.py, run by notifications/tasks.py).

The unique constraint on (ontvanger, soort, sleutel) makes a second attempt a no-op. E-mail is
sent by a task after commit; the daily run also sends what is still unsent, so a lost task
(flushed broker, killed worker) delays a mail but never loses it.
"""

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from basis import trace

from .models import Notificatie
from .tasks import verstuur_email

logger = logging.getLogger(__name__)


BATCH = 1000
LOSSE_EMAILTAKEN = 20
EMAILS_PER_TAAK = 100


@dataclass(frozen=True)
class Melding:
    """One event for one recipient: what `notificeer_bulk` turns into a notification."""

    ontvanger: AbstractBaseUser | None
    soort: str
    sleutel: str
    onderwerp: str
    object_id: uuid.UUID | None = None


def notificeer(
    ontvangers: Iterable[AbstractBaseUser],
    *,
    soort: str,
    sleutel: str,
    onderwerp: str,
    object_id: uuid.UUID | None = None,
) -> list[Notificatie]:
    """Create one notification per recipient for this event; existing ones are left alone."""
    return notificeer_bulk(Melding(o, soort, sleutel, onderwerp, object_id) for o in ontvangers)


def notificeer_bulk(meldingen: Iterable[Melding]) -> list[Notificatie]:
    """Create the notifications of many events at once, each exactly once; returns the new ones.

    Two statements per batch instead of a get_or_create per recipient: an insert that skips
    rows conflicting with the unique (ontvanger, soort, sleutel), then a read of the ids chosen
    here. A row that already existed keeps its own id, so exactly the rows created now are
    found, and only those get an e-mail task.
    """
    uniek: dict[tuple, Notificatie] = {}
    huidige_trace = trace.huidig()
    trace_id = huidige_trace.trace_id if huidige_trace is not None else ""
    for m in meldingen:
        if m.ontvanger is None:
            continue
        uniek.setdefault(
            (m.ontvanger.pk, m.soort, m.sleutel),
            Notificatie(
                ontvanger=m.ontvanger,
                soort=m.soort,
                sleutel=m.sleutel,
                onderwerp=m.onderwerp[:200],
                object_id=m.object_id,
                trace_id=trace_id,
            ),
        )
    kandidaten = list(uniek.values())
    nieuw = []
    for begin in range(0, len(kandidaten), BATCH):
        batch = kandidaten[begin : begin + BATCH]
        Notificatie.objects.bulk_create(batch, ignore_conflicts=True)
        aangemaakt = set(Notificatie.objects.filter(pk__in=[n.pk for n in batch]).values_list("pk", flat=True))
        nieuw += [n for n in batch if n.pk in aangemaakt]
    if nieuw:
        ids = [str(n.pk) for n in nieuw]
        transaction.on_commit(lambda: _plan_emails(ids))
    return nieuw


def _plan_emails(ids: list[str]) -> None:
    """Queue the e-mails after commit. The decision is already saved: a broker that cannot be
    reached must not turn it into an error for the user. The mails stay unsent in the database
    and the next daily run sends them (verstuur_openstaande_emails)."""
    try:
        if len(ids) <= LOSSE_EMAILTAKEN:
            for i in ids:
                verstuur_email.delay(i)
        else:
            # Bulk work (daily run, import): one message per EMAILS_PER_TAAK mails instead of one
            # per mail, which costs about a millisecond each; every mail is still verstuur_email, once.
            verstuur_email.chunks([(i,) for i in ids], EMAILS_PER_TAAK).apply_async()
    except Exception:
        logger.warning(
            "Broker niet bereikbaar: %d e-mail(s) niet in de wachtrij gezet; de dagelijkse run verstuurt ze.",
            len(ids),
            exc_info=True,
        )


@transaction.atomic
def markeer_gelezen(*, gebruiker: AbstractBaseUser, notificatie: Notificatie, gelezen: bool = True) -> Notificatie:
    notificatie = Notificatie.objects.select_for_update().get(pk=notificatie.pk, ontvanger=gebruiker)
    notificatie.gelezen = gelezen
    notificatie.save(update_fields=["gelezen"])
    return notificatie


def markeer_alles_gelezen(*, gebruiker: AbstractBaseUser) -> int:
    """Every unread notification of this user read at once (the inbox's "Alles gelezen")."""
    return Notificatie.objects.filter(ontvanger=gebruiker, gelezen=False).update(gelezen=True)
