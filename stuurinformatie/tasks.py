from celery import shared_task

from privacy.register import GEEN

from . import maanden, plafonds, rapport_versturen


# Figures only: the report counts, it names no inwoner.
@shared_task(acks_late=True, ignore_result=True, verwerking=GEEN)
def maandrapport() -> None:
    """Beat, every morning: from the first working day of a month, the report of the month before to
    beleid, once (rapport_versturen.verstuur_maandrapport keeps track in the database)."""
    rapport_versturen.verstuur_maandrapport()


# Figures only, as the overview: a kept month holds technical numbers, it names no inwoner.
@shared_task(acks_late=True, ignore_result=True, verwerking=GEEN)
def maandcijfers() -> None:
    """Beat, every morning: keep the month that has just closed, and the closed months of this year and
    last year (the standard views) that are missing or were touched since (maanden.bijwerken)."""
    maanden.bijwerken()


# Figures per aanbieder only: the notification names an aanbieder and an amount, no inwoner.
@shared_task(acks_late=True, ignore_result=True, verwerking=GEEN)
def budgetplafonds() -> None:
    """Beat, every morning: the notification `budgetplafond` for every threshold an aanbieder reached
    this year or last year and that was not reported yet (plafonds.dagelijks; once per threshold)."""
    plafonds.dagelijks()
