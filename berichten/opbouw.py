"""Building messages with lxml: never as strings. A message is validated against its XSD before it
is stored as `klaar`; what does not validate is a defect, refused before anything is saved."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from lxml import etree

from indicaties.models import volgende_nummers

from . import xsd

IDENTIFICATIE_REEKS = "berichten_identificatie_seq"


class Opbouw:
    """One document of a message kind: elements in the message's namespace (`el`) and, inside the
    standard's composite types, in the basisschema's (`basis`)."""

    def __init__(self, soort: str):
        self.schema = xsd.schema(soort)
        self.soort = soort
        self.ns = self.schema.namespace
        self.basis_ns = self.schema.basis_namespace
        prefix = soort.lower()
        self.wortel = etree.Element(
            f"{{{self.ns}}}Bericht", nsmap={prefix: self.ns, xsd.standaard(soort): self.basis_ns}
        )

    def el(self, ouder, naam: str, tekst=None):
        element = etree.SubElement(ouder, f"{{{self.ns}}}{naam}")
        if tekst is not None:
            element.text = str(tekst)
        return element

    def basis(self, ouder, naam: str, tekst=None):
        element = etree.SubElement(ouder, f"{{{self.basis_ns}}}{naam}")
        if tekst is not None:
            element.text = str(tekst)
        return element

    def kopie(self, element, heen_ns: str):
        """A copy of `element` from the message answered, its namespace changed to this one's (the
        basisschema's elements keep theirs)."""
        qname = etree.QName(element)
        ns = self.ns if qname.namespace == heen_ns else qname.namespace
        kopie = etree.Element(f"{{{ns}}}{qname.localname}")
        kopie.text = element.text
        for kind in element:
            kopie.append(self.kopie(kind, heen_ns))
        return kopie

    def xsd_versie(self, ouder, naam: str = "XsdVersie"):
        versie = self.el(ouder, naam)
        self.basis(versie, "BasisschemaXsdVersie", self.schema.basisschema_xsd_versie)
        self.basis(versie, "BerichtXsdVersie", self.schema.bericht_xsd_versie)
        return versie

    def header(self, *, afzender: str, ontvanger: str, identificatie: str, dagtekening: datetime.date):
        header = self.el(self.wortel, "Header")
        self.el(header, "BerichtCode", xsd.berichtcode(self.soort))
        self.el(header, "BerichtVersie", "3")
        self.el(header, "BerichtSubversie", "2")
        self.el(header, "Afzender", afzender)
        self.el(header, "Ontvanger", ontvanger)
        ident = self.el(header, "BerichtIdentificatie")
        self.basis(ident, "Identificatie", identificatie)
        self.basis(ident, "Dagtekening", dagtekening.isoformat())
        self.xsd_versie(header)
        return header

    def klaar(self) -> str:
        """The document as text, after validation against its XSD (AssertionError otherwise: a
        message this service writes that the standard refuses is a defect, never sent)."""
        fouten = self.schema.fouten(self.wortel)
        if fouten:
            raise OngeldigOpgebouwd(self.soort, fouten)
        return etree.tostring(self.wortel, xml_declaration=True, encoding="UTF-8").decode("utf-8")


class OngeldigOpgebouwd(Exception):
    def __init__(self, soort: str, fouten: list[str]):
        self.fouten = fouten
        super().__init__(f"{soort} voldoet niet aan het XSD: {'; '.join(fouten)}")


def gemeentecode() -> str:
    return settings.CASUSREGIE_GEMEENTECODE


# --- The register's values as the standard wants them ---------------------------------------------

GESLACHT = {"onbekend": "0", "man": "1", "vrouw": "2"}
FREQUENTIE = {"per_week": "2", "per_maand": "4", "totaal": "6"}
EENHEID = {"minuut": "01", "uur": "04", "dagdeel": "16", "etmaal": "14"}
MINUTEN = {"minuut": 1, "uur": 60, "dagdeel": 240}


def omvang(volume: Decimal, eenheid: str, frequentie: str, uitvoeringsvariant: str = "") -> tuple[int, str, str]:
    """(Volume, Eenheid, Frequentie) of a toewijzing. The standard's volume is a whole number: a
    volume in hours or dagdelen that is not whole is sent in minutes (2,5 uur per week → 150 minuten
    per week), rounded half up to the minute. Stuks are output (82) under an outputgericht contract,
    inspanning (84, OP305) otherwise; a part of a stuk is rounded up: never less than decided."""
    freq = FREQUENTIE[frequentie]
    if eenheid == "stuks":
        code = "82" if uitvoeringsvariant == "outputgericht" else "84"
        return int(volume.to_integral_value(rounding="ROUND_CEILING")), code, freq
    if volume == volume.to_integral_value():
        return int(volume), EENHEID[eenheid], freq
    if eenheid in MINUTEN:
        minuten = (volume * MINUTEN[eenheid]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return int(minuten), EENHEID["minuut"], freq
    return int(volume.to_integral_value(rounding="ROUND_CEILING")), EENHEID[eenheid], freq


def volgende_identificatie(soort: str) -> str:
    """A BerichtIdentificatie unique per message kind for this sender (TR056): at most 12 characters."""
    # One series for every kind: unique per kind because unique over all (indicaties.models.volgende_nummers).
    return f"CR{volgende_nummers(f'bericht-{soort}', IDENTIFICATIE_REEKS, 1)[0]:010d}"
