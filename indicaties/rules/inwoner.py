"""Rules on an inwoner: a valid BSN (elfproef), a date of birth that has been, one inwoner per BSN,
and a regisseur who can direct (an active consulent)."""

import datetime

from basis.codes import Code, Violation
from privacy.rules import BSN_ONGELDIG, ELFPROEF_GEWICHTEN, bsn_is_geldig, regisseur_geen_consulent  # noqa: F401

from .algemeen import datum_buiten_bereik

BSN_BESTAAT_AL = "Er is al een inwoner met dit BSN."


def bsn_ongeldig(bsn: str) -> list[Violation]:
    if bsn_is_geldig(bsn):
        return []
    return [Violation(Code.BSN_ONGELDIG, "bsn", BSN_ONGELDIG)]


def geboortedatum_in_toekomst(geboortedatum: datetime.date | None, vandaag: datetime.date) -> list[Violation]:
    if geboortedatum is None or geboortedatum <= vandaag:
        return []
    return [Violation(Code.GEBOORTEDATUM_IN_TOEKOMST, "geboortedatum", "De geboortedatum ligt in de toekomst.")]


def bsn_bestaat_al() -> list[Violation]:
    return [Violation(Code.UNIQUE, "bsn", BSN_BESTAAT_AL)]


def regie_via_overdracht() -> list[Violation]:
    """The regisseur changes only by handing the regie over, with a reason in the history: a
    change of the inwoner's data that names another regisseur would move the dossier silently
    (after opening it outside the caseload, say) and take it from the regisseur's caseload."""
    return [
        Violation(
            Code.REGIE_VIA_OVERDRACHT,
            "regisseur",
            "De regisseur wijzigt alleen via 'Regie overdragen', met een reden die in de historie komt.",
        )
    ]


def inwoner_fouten(
    *,
    bsn: str,
    geboortedatum: datetime.date | None,
    vandaag: datetime.date,
    bsn_al_bekend: bool,
    nieuwe_regisseur_kan_niet: bool = False,
) -> list[Violation]:
    """`nieuwe_regisseur_kan_niet`: a regisseur is named who is not an active consulent."""
    fouten = bsn_ongeldig(bsn) + geboortedatum_in_toekomst(geboortedatum, vandaag)
    fouten += datum_buiten_bereik("geboortedatum", geboortedatum)
    if not fouten and bsn_al_bekend:
        fouten += bsn_bestaat_al()
    if nieuwe_regisseur_kan_niet:
        fouten += regisseur_geen_consulent()
    return fouten
