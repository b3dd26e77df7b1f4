"""The e-mail of a notification, sent exactly once: by the task queued after commit
(notifications/tasks.py), or by the daily run for what is still unsent.

Exactly once by "marked before sent": a mail is marked (`verzending_gestart`) in its own committed
statement before it is handed to the mail server, and marked sent (`email_verzonden_op`) right
after. A crash between the two loses at most that one mail, which stays visible as interrupted
(`onderbroken_emails`); no retry sends a mail that was handed over before (docs/operations.md)."""

import datetime
import logging
import uuid

from django.core.mail import EmailMessage, get_connection

from basis import clock, trace

from .models import Notificatie

logger = logging.getLogger(__name__)


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


def _claim(notificatie_id) -> bool:
    """Mark one mail as being sent, before it is handed to the mail server, in a statement of its
    own that commits at once (autocommit). Only one process wins the mark; a process that dies
    after it leaves the mail marked, so it is never sent twice (docs/operations.md)."""
    vrij = Notificatie.objects.filter(
        pk=notificatie_id, email_verzonden_op__isnull=True, verzending_gestart__isnull=True
    )
    return vrij.update(verzending_gestart=clock.now()) == 1


def _verstuur_geclaimd(notificatie: Notificatie, verbinding=None) -> None:
    try:
        _mail(notificatie, verbinding)
    except Exception:
        # The mail server refused it: not sent, so free for the next attempt.
        Notificatie.objects.filter(pk=notificatie.pk).update(verzending_gestart=None)
        raise
    Notificatie.objects.filter(pk=notificatie.pk).update(email_verzonden_op=clock.now())


def verstuur_email(notificatie_id: uuid.UUID | str) -> bool:
    """Send the e-mail of one notification at most once, marked before it is sent. Safe to run
    twice or concurrently; call it outside a transaction, so the mark is committed first."""
    if not _claim(notificatie_id):
        return False
    notificatie = Notificatie.objects.select_related("ontvanger").filter(pk=notificatie_id).first()
    if notificatie is None:
        return False
    _verstuur_geclaimd(notificatie)
    logger.info("E-mail van notificatie %s verwerkt", notificatie.pk)
    return True


def verstuur_openstaande_emails(limiet: int = 1000, batch: int = 200) -> int:
    """Send what is still unsent, at most `limiet`, each at most once like `verstuur_email`.

    A batch at a time over one mail connection; each mail is marked (committed) before it is handed
    over and marked sent right after, so a process killed halfway leaves at most the one mail it had
    in hand without knowing whether it went out (`onderbroken_emails`), never the whole batch to send
    again. If a send fails, that mail is freed for the next run and the error is raised as before.
    """
    verstuurd = 0
    while verstuurd < limiet:
        openstaand = list(
            Notificatie.objects.select_related("ontvanger").filter(
                email_verzonden_op__isnull=True, verzending_gestart__isnull=True
            )[: min(batch, limiet - verstuurd)]
        )
        if not openstaand:
            break
        gelukt = 0
        verbinding = get_connection()
        try:
            verbinding.open()
            for notificatie in openstaand:
                if _claim(notificatie.pk):
                    _verstuur_geclaimd(notificatie, verbinding)
                    gelukt += 1
        finally:
            try:
                verbinding.close()
            except Exception:
                logger.warning("Mailverbinding niet netjes gesloten", exc_info=True)
            if gelukt:
                logger.info("E-mail van %d %s verwerkt", gelukt, "notificatie" if gelukt == 1 else "notificaties")
            verstuurd += gelukt
    if aantal := onderbroken_emails().count():
        logger.warning(
            "%d e-mail(s) onderbroken tijdens het versturen: niet zeker of ze zijn verzonden. "
            "Zie Notificaties in het beheerscherm.",
            aantal,
        )
    return verstuurd


# A mail is handed over in well under a second; one marked longer ago than this was interrupted.
ONDERBROKEN_NA = datetime.timedelta(minutes=15)


def onderbroken_emails():
    """The mails whose sending began but never ended: the process died with the mail in hand.
    Whether the mail server got them is unknown; beheer decides (admin: *Opnieuw versturen*)."""
    return Notificatie.objects.filter(
        email_verzonden_op__isnull=True, verzending_gestart__lt=clock.now() - ONDERBROKEN_NA
    )
