from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def verstuur_email(notificatie_id: str) -> None:
    services.verstuur_email(notificatie_id)
