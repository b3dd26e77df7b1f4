"""What the chain adds to the page of an indicatie (indicaties.web.aanvullingen): what the aanbieder
declared on it and was approved, per month, against what was assigned."""

from basis import clock
from indicaties.web.aanvullingen import Sectie

from .. import selectors
from ..toewijzing import GEMELD


def secties(indicatie) -> list[Sectie]:
    if indicatie.toewijzingnummer is None or indicatie.status not in GEMELD:
        return []  # no toewijzing yet: nothing can have been declared on it
    return [Sectie("berichten/_gedeclareerd.html", selectors.gedeclareerd_per_maand(indicatie, clock.today()))]
