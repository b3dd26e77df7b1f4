"""The policy numbers beheer sets from a date: sensible numbers, and never in the past, so what
was registered under a set is judged by that set for good."""

import datetime
from decimal import Decimal

from basis.codes import Code, Violation
from basis.notatie import datum_tekst

from .algemeen import datum_buiten_bereik

MAX_MAANDEN_BOVENGRENS = 60
SPOED_DAGEN_BOVENGRENS = 90
EVALUATIE_VROEGST_BOVENGRENS = 366


def _ongeldig(veld: str, bericht: str) -> Violation:
    return Violation(Code.BELEIDSREGEL_ONGELDIG, veld, bericht)


def beleidsregels_fouten(
    *,
    geldig_van: datetime.date,
    vandaag: datetime.date,
    uren_grens: Decimal,
    max_maanden: int,
    evaluatie_maanden: int,
    schakelteam_drempel: Decimal,
    spoed_dagen: int,
    steekproef_percentage: Decimal,
    datum_al_bezet: bool,
    start_termijn_dagen: int = 28,
    evaluatie_vroegst_dagen: int = 14,
    budgetplafond_weigeren: bool = False,
) -> list[Violation]:
    if buiten := datum_buiten_bereik("geldig_van", geldig_van):
        return buiten
    fouten = []
    if geldig_van < vandaag:
        fouten.append(
            Violation(
                Code.GELDIG_VAN_VERLEDEN,
                "geldig_van",
                f"Beleidsregels gelden vanaf vandaag ({datum_tekst(vandaag)}) of later, nooit met terugwerkende kracht.",
            )
        )
    elif datum_al_bezet:
        fouten.append(Violation(Code.UNIQUE, "geldig_van", "Er zijn al beleidsregels vanaf deze datum."))
    if uren_grens <= 0:
        fouten.append(_ongeldig("uren_grens", "Het aantal uren per week moet groter zijn dan 0."))
    if not 1 <= max_maanden <= MAX_MAANDEN_BOVENGRENS:
        fouten.append(_ongeldig("max_maanden", f"De maximale duur ligt tussen 1 en {MAX_MAANDEN_BOVENGRENS} maanden."))
    if not 1 <= evaluatie_maanden <= max_maanden:
        fouten.append(
            _ongeldig(
                "evaluatie_maanden", f"De evaluatie valt na 1 tot en met {max_maanden} maanden (de maximale duur)."
            )
        )
    if schakelteam_drempel < 0:
        fouten.append(_ongeldig("schakelteam_drempel", "De drempel van het schakelteam kan niet negatief zijn."))
    if not 0 <= spoed_dagen <= SPOED_DAGEN_BOVENGRENS:
        fouten.append(_ongeldig("spoed_dagen", f"Spoed mag 0 tot en met {SPOED_DAGEN_BOVENGRENS} dagen terug."))
    if not 0 <= evaluatie_vroegst_dagen <= EVALUATIE_VROEGST_BOVENGRENS:
        fouten.append(
            _ongeldig(
                "evaluatie_vroegst_dagen",
                f"Een evaluatie kan 0 tot en met {EVALUATIE_VROEGST_BOVENGRENS} dagen voor de vervaldatum worden afgerond.",
            )
        )
    if not 0 <= steekproef_percentage <= 100:
        fouten.append(_ongeldig("steekproef_percentage", "Het percentage van de steekproef ligt tussen 0 en 100."))
    if not 1 <= start_termijn_dagen <= 365:
        fouten.append(
            _ongeldig("start_termijn_dagen", "De termijn voor de start van de zorg ligt tussen 1 en 365 dagen.")
        )
    return fouten
