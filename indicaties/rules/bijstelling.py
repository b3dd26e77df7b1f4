"""Afschalen, beëindigen and anders inzetten: after an evaluation or a half-year check the care is
adjusted from a date that has not passed, inside the indicatie's period."""

import datetime
from decimal import Decimal

from basis.codes import Code, Violation

from ..domein import Uitkomst
from .algemeen import datum_buiten_bereik, verplicht


def bijstelling_fouten(
    *,
    uitkomst: str,
    volume: Decimal,
    ingangsdatum: datetime.date,
    einddatum: datetime.date | None,
    nieuw_volume: Decimal | None,
    per_datum: datetime.date | None,
    vandaag: datetime.date,
) -> list[Violation]:
    """The conditions of an adjustment of the indicatie `volume` from `ingangsdatum` to
    `einddatum`, checked before anything changes."""
    if per_datum is None:
        return [verplicht("per_datum", "Geef de datum op waarop de wijziging ingaat.")]
    if buiten := datum_buiten_bereik("per_datum", per_datum):
        return buiten
    fouten = []
    if per_datum < vandaag:
        fouten.append(
            Violation(
                Code.GEEN_TERUGWERKENDE_KRACHT, "per_datum", "De wijziging kan niet met terugwerkende kracht ingaan."
            )
        )
    if per_datum < ingangsdatum or (einddatum is not None and per_datum > einddatum):
        fouten.append(
            Violation(Code.PER_DATUM_BUITEN_PERIODE, "per_datum", "Deze datum ligt buiten de periode van de indicatie.")
        )
    if uitkomst == Uitkomst.AFSCHALEN:
        if nieuw_volume is None:
            fouten.append(verplicht("nieuw_volume", "Geef het nieuwe (lagere) volume op."))
        elif nieuw_volume <= 0 or nieuw_volume >= volume:
            fouten.append(
                Violation(
                    Code.AFSCHALEN_VOLUME,
                    "nieuw_volume",
                    f"Bij afschalen is het nieuwe volume lager dan {volume} en hoger dan 0.",
                )
            )
        if per_datum == ingangsdatum:
            fouten.append(
                Violation(
                    Code.PER_DATUM_BUITEN_PERIODE,
                    "per_datum",
                    "Afschalen kan op zijn vroegst de dag na de ingangsdatum.",
                )
            )
    return fouten
