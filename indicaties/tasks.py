from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def dagelijkse_taken() -> None:
    """Beat, every morning: idempotent, so a redelivered or duplicated task changes nothing."""
    services.voer_dagelijkse_taken_uit()
