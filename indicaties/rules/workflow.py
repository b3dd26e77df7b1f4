"""Rules of the workflow steps: completing an evaluation or a half-year check, the schakelteam's
decision and advice, withdrawing, and the four-eyes principle."""

import datetime
from collections.abc import Collection, Sequence

from basis.codes import Code, Violation
from basis.notatie import datum_tekst

from ..domein import ResultaatBehaald
from .algemeen import datum_buiten_bereik, tekst_verplicht, verplicht

TOELICHTING_VERPLICHT = "Een schriftelijke toelichting is verplicht."


def keuze_ongeldig(waarde: str, keuzes: Collection[str], veld: str, bericht: str) -> list[Violation]:
    return [] if waarde in keuzes else [Violation(Code.INVALID_CHOICE, veld, bericht)]


def toelichting_verplicht(tekst: str | None, veld: str = "toelichting", bericht: str = TOELICHTING_VERPLICHT):
    return tekst_verplicht(tekst, Code.TOELICHTING_VERPLICHT, veld, bericht)


def vier_ogen(*, uitvoerder_id, consulent_id, handeling: str, wijzigers: Collection = ()) -> list[Violation]:
    """Nobody judges their own work: not the consulent who registered the indicatie, nor anyone
    who changed it since its last review (`wijzigers`: their ids, from the history). A change
    that raises the volume of a colleague's indicatie is that person's work as much as the rest.
    `handeling` completes "U kunt niet ... een indicatie die u zelf heeft ..."."""
    if uitvoerder_id is None:
        return []
    if uitvoerder_id == consulent_id:
        wat = "geregistreerd"
    elif uitvoerder_id in wijzigers:
        wat = "gewijzigd sinds de laatste beoordeling"
    else:
        return []
    return [
        Violation(
            Code.VIER_OGEN,
            "non_field_errors",
            f"U kunt niet {handeling} een indicatie die u zelf heeft {wat} (vier-ogenprincipe).",
        )
    ]


def evaluatie_te_vroeg(*, vandaag: datetime.date, vervaldatum: datetime.date, vroegst_dagen: int) -> list[Violation]:
    """An evaluation judges what the care achieved: it is completed from `vroegst_dagen` before it
    is due (a beleidsregel), not on the day of registration with a verlenging right after it."""
    vroegst = vervaldatum - datetime.timedelta(days=vroegst_dagen)
    if vandaag >= vroegst:
        return []
    return [
        Violation(
            Code.EVALUATIE_TE_VROEG,
            "non_field_errors",
            f"Deze evaluatie kan vanaf {datum_tekst(vroegst)} worden afgerond: pas dan is te zien wat de zorg heeft "
            "opgeleverd. Moet de zorg eerder anders? Schaal af of beëindig via de indicatie.",
        )
    ]


def evaluatie_fouten(
    *,
    uitkomst: str,
    uitkomsten: Collection[str],
    resultaat_behaald: str,
    resultaten: Collection[str],
    bijstelling: bool,
    toelichting: str,
) -> list[Violation]:
    fouten = keuze_ongeldig(uitkomst, uitkomsten, "uitkomst", "Kies een geldige uitkomst.")
    fouten += keuze_ongeldig(
        resultaat_behaald, resultaten, "resultaat_behaald", "Geef aan of de resultaten zijn behaald: ja, deels of nee."
    )
    if bijstelling:
        fouten += toelichting_verplicht(toelichting, bericht="Licht toe waarom de zorg wordt bijgesteld.")
    return fouten


def doelresultaat_fouten(
    *, doelen: Collection, resultaten: Sequence[tuple[object, str]], keuzes: Collection[str]
) -> list[Violation]:
    """An evaluation judges every goal of its indicatie once, and no goal of another."""
    fouten = []
    for i, (doel, behaald) in enumerate(resultaten):
        if doel not in doelen:
            fouten.append(Violation(Code.DOEL_ONBEKEND, f"doelen.{i}.doel", "Dit doel hoort niet bij deze indicatie."))
        if behaald not in keuzes:
            fouten.append(Violation(Code.INVALID_CHOICE, f"doelen.{i}.behaald", "Kies ja, deels of nee."))
    beoordeeld = [doel for doel, _ in resultaten]
    ontbrekend = [d for d in doelen if d not in beoordeeld]
    dubbel = {d for d in beoordeeld if beoordeeld.count(d) > 1}
    if ontbrekend or dubbel:
        if ontbrekend:
            bericht = (
                f"Beoordeel elk doel: bij {len(ontbrekend)} van de {len(doelen)} doelen ontbreekt ja, deels of nee."
            )
        else:
            bericht = "Beoordeel elk doel één keer: een doel staat er meer dan eens in."
        fouten.append(Violation(Code.DOELEN_ONVOLLEDIG, "doelen", bericht))
    return fouten


def resultaat_uit_doelen(behaald: Sequence[str]) -> str:
    """`ja` only if every goal is reached, `nee` only if none is (not even partly), else `deels`."""
    if behaald and all(b == ResultaatBehaald.JA for b in behaald):
        return ResultaatBehaald.JA
    if all(b == ResultaatBehaald.NEE for b in behaald):
        return ResultaatBehaald.NEE
    return ResultaatBehaald.DEELS


def motivatie_voortzetten(*, voortzetten: bool, behaald: Sequence[str], toelichting: str) -> list[Violation]:
    """Continuing while a goal is not reached needs a written reason (seed 000: after 4 months
    development must be visible, otherwise "onvoldoende rendement")."""
    if not voortzetten or ResultaatBehaald.NEE not in behaald:
        return []
    return tekst_verplicht(
        toelichting,
        Code.MOTIVATIE_VOORTZETTEN,
        "toelichting",
        "Een doel is niet behaald. Motiveer waarom de zorg toch wordt voortgezet.",
    )


def voortgezet_zonder_resultaat(toelichting: str) -> Violation:
    """The signal of an evaluation that continues care while a goal is not reached: it puts the
    indicatie in the next sample."""
    reden = toelichting.strip()
    return Violation(
        Code.VOORTZETTEN_ZONDER_RESULTAAT,
        "toelichting",
        f"Voortgezet terwijl een doel niet is behaald: {reden}"
        if reden
        else "Voortgezet terwijl een doel niet is behaald.",
        blokkerend=False,
    )


def opvolging_fouten(*, afhandeling: str, keuzes: Collection[str], toelichting: str) -> list[Violation]:
    fouten = keuze_ongeldig(afhandeling, keuzes, "afhandeling", "Kies bijgesteld, beeindigd of gemotiveerd.")
    return fouten + toelichting_verplicht(toelichting, bericht="Licht toe wat u met de opvolging heeft gedaan.")


def bijstellen_fouten(*, uitkomst: str, bijstellingen: Collection[str], reden: str) -> list[Violation]:
    fouten = keuze_ongeldig(uitkomst, bijstellingen, "uitkomst", "Kies afschalen, beeindigen of anders_inzetten.")
    return fouten or toelichting_verplicht(reden, "reden", "Licht toe waarom de zorg wordt bijgesteld.")


def halfjaarcheck_fouten(
    *,
    zorg_passend: bool | None,
    contact_aanbieder: datetime.date | None,
    contact_inwoner: datetime.date | None,
    toelichting: str,
    vandaag: datetime.date,
    vroegste_contact: datetime.date | None = None,
) -> list[Violation]:
    """`vroegste_contact`: the first day of the half year the check covers; a contact before it
    (a typing error like 0001-01-01, or last period's contact) does not count for this check."""
    fouten = []
    for veld, datum in (("contact_aanbieder", contact_aanbieder), ("contact_inwoner", contact_inwoner)):
        if datum is None:
            fouten.append(verplicht(veld, "Vul de datum van het contact in."))
        elif datum > vandaag:
            fouten.append(Violation(Code.DATUM_IN_TOEKOMST, veld, "De datum van het contact ligt in de toekomst."))
        elif vroegste_contact is not None and datum < vroegste_contact:
            bericht = f"Het contact ligt vóór de periode van deze check: kies een datum vanaf {datum_tekst(vroegste_contact)}."
            fouten.append(Violation(Code.DATUM_BUITEN_BEREIK, veld, bericht))
        else:
            fouten += datum_buiten_bereik(veld, datum)
    if zorg_passend is None:
        fouten.append(verplicht("zorg_passend", "Geef aan of de zorg nog passend is."))
    fouten += toelichting_verplicht(toelichting, bericht="Een toelichting is verplicht.")
    return fouten


def reden_intrekking_ontbreekt(reden: str | None) -> list[Violation]:
    return tekst_verplicht(reden, Code.REDEN_VERPLICHT, "reden", "Geef de reden van de intrekking op.")


def eigen_adviesvraag(*, uitvoerder_id, vrager_id) -> list[Violation]:
    if uitvoerder_id != vrager_id:
        return []
    return [Violation(Code.VIER_OGEN, "non_field_errors", "U kunt uw eigen adviesvraag niet beantwoorden.")]
