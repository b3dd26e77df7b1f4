from celery import shared_task

from privacy.register import DAGELIJKSE_RUN

from . import services


@shared_task(acks_late=True, ignore_result=True, verwerking=DAGELIJKSE_RUN)
def dagelijkse_taken() -> None:
    """Beat, every morning: idempotent, so a redelivered or duplicated task changes nothing."""
    services.voer_dagelijkse_taken_uit()
