from pathlib import Path

from celery import shared_task
from django.conf import settings


@shared_task
def uitwisselen() -> None:
    """Beat, every five minutes when CASUSREGIE_UITWISSELPUNT is set."""
    from . import services

    if settings.CASUSREGIE_UITWISSELPUNT:
        services.uitwisselen(Path(settings.CASUSREGIE_UITWISSELPUNT))


@shared_task
def verzoektermijnen() -> None:
    """Beat, every morning: requests past their deadline (verzoek_termijn)."""
    from . import verzoeken

    verzoeken.meld_verlopen_termijnen()
