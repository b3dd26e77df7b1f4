from celery import shared_task

from privacy.register import TOETSING

from . import services


@shared_task(acks_late=True, ignore_result=True, verwerking=TOETSING)
def wekelijkse_steekproef() -> None:
    """Beat, Monday morning: the previous ISO week's sample. A week already drawn stays as it is,
    so a redelivered or duplicated task changes nothing."""
    services.trek_wekelijkse_steekproeven()
