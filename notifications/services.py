"""Notifications: in-app inbox plus e-mail, exactly once per event per recipient.

The unique constraint on (ontvanger, soort, sleutel) makes a second attempt a no-op. E-mail is
sent by a task after commit; the daily run also sends what is still unsent, so a lost task
(flushed broker, killed worker) delays a mail but never loses it.
"""

import logging
import uuid
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction

from casusregie import clock

from .models import Notificatie

logger = logging.getLogger(__name__)


def notificeer(
    ontvangers: Iterable[AbstractBaseUser],
    *,
    soort: str,
    sleutel: str,
    onderwerp: str,
    object_id: uuid.UUID | None = None,
) -> list[Notificatie]:
    """Create one notification per recipient for this event; existing ones are left alone."""
    nieuw = []
    for ontvanger in {o.pk: o for o in ontvangers if o is not None}.values():
        notificatie, aangemaakt = Notificatie.objects.get_or_create(
            ontvanger=ontvanger,
            soort=soort,
            sleutel=sleutel,
            defaults={"onderwerp": onderwerp[:200], "object_id": object_id},
        )
        if aangemaakt:
            nieuw.append(notificatie)
    if nieuw:
        from .tasks import verstuur_email

        ids = [str(n.pk) for n in nieuw]
        transaction.on_commit(lambda: [verstuur_email.delay(i) for i in ids])
    return nieuw


def verstuur_email(notificatie_id: uuid.UUID | str) -> bool:
    """Send the e-mail of one notification once. Safe to run twice or concurrently."""
    with transaction.atomic():
        notificatie = (
            Notificatie.objects.select_for_update().select_related("ontvanger").filter(pk=notificatie_id).first()
        )
        if notificatie is None or notificatie.email_verzonden_op is not None:
            return False
        adres = notificatie.ontvanger.email
        if adres:
            # Subject and body carry no BSN: only the event and a pointer into the application.
            send_mail(
                subject=f"Casusregie: {notificatie.onderwerp}",
                message=(
                    f"{notificatie.get_soort_display().capitalize()}.\n\n{notificatie.onderwerp}\n\n"
                    "Open Casusregie om dit te bekijken."
                ),
                from_email=None,
                recipient_list=[adres],
            )
        notificatie.email_verzonden_op = clock.now()
        notificatie.save(update_fields=["email_verzonden_op"])
        logger.info("E-mail van notificatie %s verwerkt", notificatie.pk)
        return True


def verstuur_openstaande_emails(limiet: int = 1000) -> int:
    ids = list(Notificatie.objects.filter(email_verzonden_op__isnull=True).values_list("pk", flat=True)[:limiet])
    return sum(1 for i in ids if verstuur_email(i))


@transaction.atomic
def markeer_gelezen(*, gebruiker: AbstractBaseUser, notificatie: Notificatie, gelezen: bool = True) -> Notificatie:
    notificatie = Notificatie.objects.select_for_update().get(pk=notificatie.pk, ontvanger=gebruiker)
    notificatie.gelezen = gelezen
    notificatie.save(update_fields=["gelezen"])
    return notificatie
