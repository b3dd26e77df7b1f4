"""Rules on an inwoner: a valid BSN (elfproef), a date of birth that has been, one inwoner per BSN,
and a regisseur who can direct (an active consulent)."""

import datetime

from basis.codes import Code, Violation
from privacy.rules import regisseur_geen_consulent

ELFPROEF_GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2, -1)
BSN_BESTAAT_AL = "Er is al een inwoner met dit BSN."


def bsn_is_geldig(bsn: str) -> bool:
    if len(bsn) != 9 or not bsn.isascii() or not bsn.isdigit() or bsn == "000000000":
        return False
    return sum(int(c) * w for c, w in zip(bsn, ELFPROEF_GEWICHTEN, strict=True)) % 11 == 0


def bsn_ongeldig(bsn: str) -> list[Violation]:
    if bsn_is_geldig(bsn):
        return []
    return [
        Violation(Code.BSN_ONGELDIG, "bsn", "Dit BSN is ongeldig: het moet 9 cijfers hebben en de elfproef doorstaan.")
    ]


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
    if not fouten and bsn_al_bekend:
        fouten += bsn_bestaat_al()
    if nieuwe_regisseur_kan_niet:
        fouten += regisseur_geen_consulent()
    return fouten
