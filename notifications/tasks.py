from celery import shared_task

from basis.verwerking import GEEN

from . import email


# Reads no inwoner: it sends a notification that the work which caused it composed (and logged),
# in that work's trace (`traceparent`).
@shared_task(acks_late=True, ignore_result=True, verwerking=GEEN)
def verstuur_email(notificatie_id: str) -> None:
    email.verstuur_email(notificatie_id)
