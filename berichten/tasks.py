from pathlib import Path

from celery import shared_task
from django.conf import settings

from privacy.register import BERICHTENVERKEER


@shared_task(verwerking=BERICHTENVERKEER)
def uitwisselen() -> None:
    """Beat, every five minutes when CASUSREGIE_UITWISSELPUNT is set."""
    from . import services

    if settings.CASUSREGIE_UITWISSELPUNT:
        services.uitwisselen(Path(settings.CASUSREGIE_UITWISSELPUNT))


@shared_task(verwerking=BERICHTENVERKEER)
def verzoektermijnen() -> None:
    """Beat, every morning: requests past their deadline (verzoek_termijn)."""
    from . import verzoeken

    verzoeken.meld_verlopen_termijnen()
