from celery import shared_task

from . import email


@shared_task(acks_late=True, ignore_result=True)
def verstuur_email(notificatie_id: str) -> None:
    email.verstuur_email(notificatie_id)
