"""The checks of the privacy machinery: pure functions on plain values, no Django, no database.
Codes and labels are in basis.codes."""

import datetime
import re

from basis.codes import Code, Violation

TRACE_ID = re.compile(r"^[0-9a-f]{32}$")
ELFPROEF_GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2, -1)
BSN_ONGELDIG = "Dit BSN is ongeldig: het moet 9 cijfers hebben en de elfproef doorstaan."


def bsn_is_geldig(bsn: str) -> bool:
    """The elfproef (docs/domain.md): the register and the processing log check a BSN alike."""
    if len(bsn) != 9 or not bsn.isascii() or not bsn.isdigit() or bsn == "000000000":
        return False
    return sum(int(c) * w for c, w in zip(bsn, ELFPROEF_GEWICHTEN, strict=True)) % 11 == 0


def toegang_fouten(*, reden: str | None) -> list[Violation]:
    """Opening a dossier outside the caseload always says why (NEN 7513: the reason is logged)."""
    if (reden or "").strip():
        return []
    return [
        Violation(
            Code.REDEN_TOEGANG_VERPLICHT,
            "reden",
            "Schrijf op waarom u dit dossier buiten uw caseload opent; de regisseur krijgt bericht.",
        )
    ]


def regisseur_geen_consulent() -> list[Violation]:
    """Only an active consulent can direct an inwoner, whether named at registration, in a change
    or by a hand-over."""
    return [
        Violation(
            Code.REGISSEUR_GEEN_CONSULENT, "regisseur", "Kies een consulent met een actief account als regisseur."
        )
    ]


def overdracht_fouten(*, reden: str | None, is_actieve_consulent: bool, is_al_regisseur: bool) -> list[Violation]:
    fouten = []
    if not (reden or "").strip():
        fouten.append(Violation(Code.REDEN_VERPLICHT, "reden", "Schrijf op waarom de regie overgaat."))
    if not is_actieve_consulent:
        fouten += regisseur_geen_consulent()
    elif is_al_regisseur:
        fouten.append(Violation(Code.REGISSEUR_ONGEWIJZIGD, "regisseur", "Deze consulent is al de regisseur."))
    return fouten


def zoekvraag_fouten(
    *,
    trace_id: str | None,
    bsn: str | None,
    van: datetime.datetime | None,
    tot: datetime.datetime | None,
) -> list[Violation]:
    """A question to the processing log names a trace, a person or a period (LDV, extension
    'lezen': never the whole log at once), each well-formed."""
    if not (trace_id or bsn or van or tot):
        return [
            Violation(
                Code.ZOEKVRAAG_ONTBREEKT,
                "non_field_errors",
                "Geef een traceId, een bsn of een periode (van en/of tot).",
            )
        ]
    fouten = []
    if trace_id and not TRACE_ID.match(trace_id):
        fouten.append(Violation(Code.INVALID, "traceId", "Een traceId is 32 tekens 0-9 en a-f."))
    if bsn and not bsn_is_geldig(bsn):
        # An inzageverzoek for a number that cannot be a BSN answers nothing and records nothing.
        fouten.append(Violation(Code.BSN_ONGELDIG, "bsn", BSN_ONGELDIG))
    if van and tot and tot < van:
        fouten.append(Violation(Code.PERIODE_ONGELDIG, "tot", "De periode eindigt vóór ze begint."))
    return fouten
