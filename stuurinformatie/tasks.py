from celery import shared_task

from privacy.register import GEEN

from . import services


# Figures only: the report counts, it names no inwoner.
@shared_task(acks_late=True, ignore_result=True, verwerking=GEEN)
def maandrapport() -> None:
    """Beat, every morning: from the first working day of a month, the report of the month before to
    beleid, once (services.verstuur_maandrapport keeps track in the database)."""
    services.verstuur_maandrapport()
