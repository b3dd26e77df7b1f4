"""The 325 (JW325/WMO325): the answer to a declaration, exactly one per 323 (IV087).

Its own header (Afzender = gemeente) that refers to the 323 through DeclaratieIdentificatie
(TR337). Only rejected prestaties are listed, each with its retourcodes (IV088, TR342); when
everything is approved the declaration carries 8001 and TotaalToegekendBedrag equals
TotaalIngediendBedrag; a declaration rejected as a whole is approved for 0. Amounts are eurocent."""

import datetime
from decimal import Decimal

from lxml import etree

from . import opbouw

GEEN_OPMERKING = "0200"
VOLLEDIG_TOEGEKEND = "8001"
TECHNISCH = "0001"


def eurocent(bedrag: Decimal) -> int:
    return int((bedrag * 100).to_integral_value())


def bouw_325(
    soort: str,
    *,
    heen: etree._Element,
    heen_ns: str,
    basis_ns: str,
    gemeente: str,
    agb: str,
    identificatie: str,
    dagtekening: datetime.date,
    declaratienummer: str,
    ingediend: Decimal,
    toegekend: Decimal,
    afgewezen: list,
    codes_declaratie: list[str],
    header_code: str = GEEN_OPMERKING,
) -> str:
    """`afgewezen`: (prestatie element of the 323, bsn, retourcodes) of every rejected prestatie;
    `codes_declaratie`: the codes of the Declaratie berichtklasse (8001, 0200 or why it failed)."""
    doc = opbouw.Opbouw(soort)
    header = doc.header(afzender=gemeente, ontvanger=agb, identificatie=identificatie, dagtekening=dagtekening)
    heen_header = heen.find(f"{{{heen_ns}}}Header")
    heen_ident = heen_header.find(f"{{{heen_ns}}}BerichtIdentificatie")
    ident = doc.el(header, "DeclaratieIdentificatie")
    doc.basis(ident, "Identificatie", heen_ident.findtext(f"{{{basis_ns}}}Identificatie"))
    doc.basis(ident, "Dagtekening", heen_ident.findtext(f"{{{basis_ns}}}Dagtekening"))
    heen_versie = heen_header.find(f"{{{heen_ns}}}XsdVersie")
    versie = doc.el(header, "XsdVersieDeclaratie")
    for naam in ("BasisschemaXsdVersie", "BerichtXsdVersie"):
        doc.basis(versie, naam, heen_versie.findtext(f"{{{basis_ns}}}{naam}"))
    _codes(doc, header, [header_code])

    antwoord = doc.el(doc.wortel, "DeclaratieAntwoord")
    doc.el(antwoord, "DeclaratieNummer", declaratienummer)
    _totaal(doc, doc.el(antwoord, "TotaalIngediendBedrag"), ingediend)
    _totaal(doc, doc.el(antwoord, "TotaalToegekendBedrag"), toegekend)
    if afgewezen:
        clienten = doc.el(antwoord, "Clienten")
        per_bsn: dict[str, list] = {}
        for element, bsn, codes in afgewezen:
            per_bsn.setdefault(bsn, []).append((element, codes))
        for bsn, prestaties in per_bsn.items():
            client = doc.el(clienten, "Client")
            doc.el(client, "Bsn", bsn)
            lijst = doc.el(client, "Prestaties")
            for element, codes in prestaties:
                kopie = doc.kopie(element, heen_ns)
                _codes(doc, kopie, codes)
                lijst.append(kopie)
            _codes(doc, client, [GEEN_OPMERKING])
    _codes(doc, antwoord, codes_declaratie)
    return doc.klaar()


def _totaal(doc: opbouw.Opbouw, ouder, bedrag: Decimal) -> None:
    doc.basis(ouder, "TotaalBedrag", abs(eurocent(bedrag)))
    doc.basis(ouder, "DebetCredit", "C" if bedrag < 0 else "D")


def _codes(doc: opbouw.Opbouw, ouder, codes) -> None:
    retourcodes = doc.el(ouder, "RetourCodes")
    for code in codes:
        doc.el(retourcodes, "RetourCode", code)
