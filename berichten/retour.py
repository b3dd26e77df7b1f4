"""Retourberichten (306, 308, 316, 318) built from the message they answer (IV028): the header is
copied with its own identification added; a message without errors is answered with the header
alone, one with errors with its client and every berichtklasse carrying its retourcodes (OP065,
control levels 3 and 4: the whole message is rejected)."""

import datetime

from lxml import etree

from . import opbouw, xsd

# The berichtklassen of the messages a gemeente receives: they carry RetourCodes in the retour.
KLASSEN = frozenset(
    {
        "Client",
        "StartProduct",
        "StopProduct",
        "AangevraagdProduct",
        "Verzoek",
        "OngewijzigdProduct",
        "TeWijzigenProduct",
        "NieuwProduct",
    }
)
GEEN_OPMERKING = "0200"
RETOUR_VAN = {"305": "306", "307": "308", "315": "316", "317": "318"}


def bouw_retour(
    heen: etree._Element, heen_soort: str, *, identificatie: str, dagtekening: datetime.date, codes: dict
) -> str:
    """`codes`: retourcodes per element of `heen` (a berichtklasse); empty when nothing was wrong."""
    soort = heen_soort[:-3] + RETOUR_VAN[heen_soort[-3:]]
    doc = opbouw.Opbouw(soort)
    heen_ns = etree.QName(heen).namespace
    header = doc.el(doc.wortel, "Header")
    for kind in heen.find(f"{{{heen_ns}}}Header"):
        naam = etree.QName(kind).localname
        kopie = doc.el(header, naam, xsd.berichtcode(soort) if naam == "BerichtCode" else kind.text)
        for kleinkind in kind:
            kopie.append(doc.kopie(kleinkind, heen_ns))
    doc.el(header, "IdentificatieRetour", identificatie)
    doc.el(header, "DagtekeningRetour", dagtekening.isoformat())
    doc.xsd_versie(header, "XsdVersieRetour")
    if codes:
        doc.wortel.append(_met_codes(heen.find(f"{{{heen_ns}}}Client"), heen_ns, doc, codes))
    return doc.klaar()


def _met_codes(element, heen_ns: str, doc: opbouw.Opbouw, codes: dict):
    qname = etree.QName(element)
    ns = doc.ns if qname.namespace == heen_ns else qname.namespace
    kopie = etree.Element(f"{{{ns}}}{qname.localname}")
    kopie.text = element.text
    for kind in element:
        kopie.append(_met_codes(kind, heen_ns, doc, codes))
    if qname.namespace == heen_ns and qname.localname in KLASSEN:
        retourcodes = etree.SubElement(kopie, f"{{{doc.ns}}}RetourCodes")
        for code in codes.get(element, [GEEN_OPMERKING]):
            etree.SubElement(retourcodes, f"{{{doc.ns}}}RetourCode").text = code
    return kopie
