"""Every state change of the register and its workflow; see the modules for each part.

`IndicatieGegevens` and `beoordeel` come from `indicaties.feiten`: what a consulent fills in, and
the rules run on it without saving (the live preview and the admin use it before a save).
"""

from ..feiten import WIJZIGBARE_VELDEN, DoelGegevens, IndicatieGegevens, beoordeel
from .beleid import beoordeel_beleidsregels, stel_beleidsregels_vast
from .contracten import CONTRACT_VELDEN, registreer_contract, wijzig_contract
from .dagelijks import voer_dagelijkse_taken_uit
from .evaluaties import rond_evaluatie_af, stel_indicatie_bij
from .halfjaarchecks import rond_halfjaarcheck_af
from .opvolging import handel_opvolging_af
from .register import (
    PRODUCT_VELDEN,
    registreer_aanbieder,
    registreer_indicatie,
    registreer_inwoner,
    registreer_product,
    trek_in,
    wijzig_aanbieder,
    wijzig_indicatie,
    wijzig_inwoner,
    wijzig_product,
)
from .schakelteam import geef_advies, neem_schakelteambesluit, vraag_advies

__all__ = [
    "CONTRACT_VELDEN",
    "PRODUCT_VELDEN",
    "WIJZIGBARE_VELDEN",
    "DoelGegevens",
    "IndicatieGegevens",
    "beoordeel",
    "beoordeel_beleidsregels",
    "geef_advies",
    "handel_opvolging_af",
    "neem_schakelteambesluit",
    "registreer_aanbieder",
    "registreer_contract",
    "registreer_indicatie",
    "registreer_inwoner",
    "registreer_product",
    "rond_evaluatie_af",
    "rond_halfjaarcheck_af",
    "stel_beleidsregels_vast",
    "stel_indicatie_bij",
    "trek_in",
    "voer_dagelijkse_taken_uit",
    "vraag_advies",
    "wijzig_aanbieder",
    "wijzig_contract",
    "wijzig_indicatie",
    "wijzig_inwoner",
    "wijzig_product",
]
