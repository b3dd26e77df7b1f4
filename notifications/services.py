"""Notifications: in-app inbox plus e-mail, exactly once per event per recipient.

The unique constraint on (ontvanger, soort, sleutel) makes a second attempt a no-op. E-mail is
sent by a task after commit; the daily run also sends what is still unsent, so a lost task
(flushed broker, killed worker) delays a mail but never loses it.
"""

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage, get_connection
from django.db import transaction

from casusregie import clock, trace

from .models import Notificatie

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
    from .tasks import verstuur_email

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


def mailheaders(notificatie: Notificatie) -> dict[str, str]:
    """The trace of the work that caused the notification (W3C `traceparent`), so a mail can be
    traced back in the processing log; a new span for the sending."""
    if not notificatie.trace_id:
        return {}
    return {"traceparent": trace.Trace(notificatie.trace_id, trace.nieuw_span_id()).traceparent}


def _mail(notificatie: Notificatie, verbinding=None) -> None:
    adres = notificatie.ontvanger.email
    if adres:
        # Subject and body carry no BSN: only the event and a pointer into the application.
        EmailMessage(
            subject=f"Casusregie: {notificatie.onderwerp}",
            body=(
                f"{notificatie.get_soort_display().capitalize()}.\n\n{notificatie.onderwerp}\n\n"
                "Open Casusregie om dit te bekijken."
            ),
            to=[adres],
            connection=verbinding,
            headers=mailheaders(notificatie),
        ).send()


def verstuur_email(notificatie_id: uuid.UUID | str) -> bool:
    """Send the e-mail of one notification once. Safe to run twice or concurrently."""
    with transaction.atomic():
        notificatie = (
            Notificatie.objects.select_for_update().select_related("ontvanger").filter(pk=notificatie_id).first()
        )
        if notificatie is None or notificatie.email_verzonden_op is not None:
            return False
        _mail(notificatie)
        notificatie.email_verzonden_op = clock.now()
        notificatie.save(update_fields=["email_verzonden_op"])
        logger.info("E-mail van notificatie %s verwerkt", notificatie.pk)
        return True


def verstuur_openstaande_emails(limiet: int = 1000, batch: int = 200) -> int:
    """Send what is still unsent, at most `limiet`. Exactly once, like `verstuur_email`.

    A batch at a time: lock the unsent rows (skipping any a worker is mailing right now), send
    them over one mail connection, mark the ones sent in one update. If a send fails, the mails
    sent before it are still marked, and the error is raised as before.
    """
    verstuurd = 0
    while verstuurd < limiet:
        fout = None
        with transaction.atomic():
            openstaand = list(
                Notificatie.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("ontvanger")
                .filter(email_verzonden_op__isnull=True)[: min(batch, limiet - verstuurd)]
            )
            if not openstaand:
                break
            gelukt = []
            verbinding = get_connection()
            try:
                verbinding.open()
                for notificatie in openstaand:
                    _mail(notificatie, verbinding)
                    gelukt.append(notificatie.pk)
            except Exception as exc:
                fout = exc
            finally:
                # The mails already handed over are sent: a failing close must not undo their mark.
                try:
                    verbinding.close()
                except Exception:
                    logger.warning("Mailverbinding niet netjes gesloten", exc_info=True)
            if gelukt:
                Notificatie.objects.filter(pk__in=gelukt).update(email_verzonden_op=clock.now())
                logger.info("E-mail van %d notificaties verwerkt", len(gelukt))
        verstuurd += len(gelukt)
        if fout is not None:
            raise fout
    return verstuurd


@transaction.atomic
def markeer_gelezen(*, gebruiker: AbstractBaseUser, notificatie: Notificatie, gelezen: bool = True) -> Notificatie:
    notificatie = Notificatie.objects.select_for_update().get(pk=notificatie.pk, ontvanger=gebruiker)
    notificatie.gelezen = gelezen
    notificatie.save(update_fields=["gelezen"])
    return notificatie
