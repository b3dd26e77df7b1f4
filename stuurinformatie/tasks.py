from celery import shared_task

from . import maanden, services


@shared_task(acks_late=True, ignore_result=True)
def maandrapport() -> None:
    """Beat, every morning: from the first working day of a month, the report of the month before to
    beleid, once (services.verstuur_maandrapport keeps track in the database)."""
    services.verstuur_maandrapport()


@shared_task(acks_late=True, ignore_result=True)
def maandcijfers() -> None:
    """Beat, every morning: keep the month that has just closed, and the closed months of this year and
    last year (the standard views) that are missing or were touched since (maanden.bijwerken)."""
    maanden.bijwerken()
