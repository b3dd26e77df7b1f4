"""The e-mail of a notification, sent exactly once: by the task queued after commit
(notifications/tasks.py), or by the daily run for what is still unsent."""

import logging
import uuid

from django.core.mail import EmailMessage, get_connection
from django.db import transaction

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
                logger.info(
                    "E-mail van %d %s verwerkt", len(gelukt), "notificatie" if len(gelukt) == 1 else "notificaties"
                )
        verstuurd += len(gelukt)
        if fout is not None:
            raise fout
    return verstuurd
