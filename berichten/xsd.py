"""The official XSDs of iJw 3.2 and iWmo 3.2, read from the folder the municipality installed
(setting CASUSREGIE_ISTANDAARDEN), and the one safe way to read XML.

The XSDs are not part of this project: without them nothing is sent (`XsdOntbreekt`). Every message
written is validated before it is `klaar`; every message read is validated before anything is done
with it. XML is parsed with entities, DTDs and network access off, and a document that declares a
DOCTYPE is refused whole (XXE, billion laughs).
"""

import functools
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from lxml import etree

XS = "http://www.w3.org/2001/XMLSchema"

# Per message number: the iJw and iWmo BerichtCode (Vektis COD002), from ../istandaarden/README.md §1.1.
BERICHTCODES = {
    "301": ("436", "414"),
    "302": ("437", "415"),
    "305": ("438", "418"),
    "306": ("439", "419"),
    "307": ("440", "420"),
    "308": ("441", "421"),
    "315": ("446", "444"),
    "316": ("447", "445"),
    "317": ("486", "480"),
    "318": ("487", "481"),
    "319": ("488", "482"),
    "320": ("489", "483"),
    "323": ("490", "484"),
    "325": ("491", "485"),
}
SOORT_BIJ_CODE = {
    code: (prefix + nummer)
    for nummer, codes in BERICHTCODES.items()
    for prefix, code in zip(("JW", "WMO"), codes, strict=True)
}
XSD_ONTBREEKT = (
    "De XSD's van de iStandaarden iJw en iWmo zijn niet geïnstalleerd. Download de officiële set van "
    "release 3.2 van istandaarden.nl en wijs de map aan met CASUSREGIE_ISTANDAARDEN (docs/berichten.md)."
)


class XsdOntbreekt(Exception):
    def __init__(self, bericht: str = XSD_ONTBREEKT):
        self.bericht = bericht
        super().__init__(bericht)


class XmlOnleesbaar(Exception):
    """Not well-formed, or forbidden constructs (DOCTYPE, entities)."""

    def __init__(self, bericht: str):
        self.bericht = bericht
        super().__init__(bericht)


def standaard(soort: str) -> str:
    return "iwmo" if soort.startswith("WMO") else "ijw"


def wet_van(soort: str) -> str:
    return "wmo" if soort.startswith("WMO") else "jeugdwet"


def soort_voor(wet: str, nummer: str) -> str:
    return ("WMO" if wet == "wmo" else "JW") + nummer


def berichtcode(soort: str) -> str:
    nummer = soort[-3:]
    return BERICHTCODES[nummer][1 if soort.startswith("WMO") else 0]


def map_istandaarden() -> Path | None:
    waarde = settings.CASUSREGIE_ISTANDAARDEN
    if not waarde:
        return None
    pad = Path(waarde)
    return pad if pad.is_dir() else None


def pad_van(soort: str) -> Path | None:
    basis = map_istandaarden()
    if basis is None:
        return None
    pad = basis / standaard(soort) / f"{soort}.xsd"
    return pad if pad.is_file() else None


def beschikbaar(soort: str) -> bool:
    return pad_van(soort) is not None


def veilige_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
    )


def lees_xml(data: bytes) -> etree._Element:
    """The root of a document, or `XmlOnleesbaar`. A DOCTYPE (and so any entity) is refused: no
    iJw/iWmo message has one, and it is how XXE and entity expansion attacks come in."""
    try:
        boom = etree.fromstring(data, parser=veilige_parser())
    except etree.XMLSyntaxError as exc:
        raise XmlOnleesbaar(f"Het bericht is geen goed gevormde XML: {exc.msg}") from None
    if boom.getroottree().docinfo.doctype:
        raise XmlOnleesbaar("Het bericht bevat een DOCTYPE. Berichten met een DTD of entiteiten worden geweigerd.")
    return boom


@dataclass(frozen=True)
class Schema:
    soort: str
    namespace: str
    basis_namespace: str
    bericht_xsd_versie: str
    basisschema_xsd_versie: str
    validator: etree.XMLSchema
    retourcodes: dict[str, str]

    def fouten(self, boom: etree._Element) -> list[str]:
        """The validator's reasons, empty when the document is valid."""
        if self.validator.validate(boom):
            return []
        return [f"regel {e.line}: {e.message}" for e in self.validator.error_log][:10]


@functools.lru_cache(maxsize=64)
def _laad(pad: str, soort: str) -> Schema:
    parser = veilige_parser()
    document = etree.parse(pad, parser=parser)
    wortel = document.getroot()
    namespace = wortel.get("targetNamespace")
    basis = next(ns for prefix, ns in wortel.nsmap.items() if prefix in ("ijw", "iwmo"))

    def appinfo(naam: str) -> str:
        return wortel.findtext(f"{{{XS}}}annotation/{{{XS}}}appinfo/{{{basis}}}{naam}") or ""

    basisschema = etree.parse(str(Path(pad).parent / "basisschema.xsd"), parser=parser)
    retourcodes = {}
    for enum in basisschema.getroot().iterfind(
        f".//{{{XS}}}simpleType[@name='LDT_RetourCode']/{{{XS}}}restriction/{{{XS}}}enumeration"
    ):
        retourcodes[enum.get("value")] = (enum.findtext(f".//{{{XS}}}documentation") or "").strip()
    return Schema(
        soort=soort,
        namespace=namespace,
        basis_namespace=basis,
        bericht_xsd_versie=appinfo("BerichtXsdVersie"),
        basisschema_xsd_versie=appinfo("BasisschemaXsdVersie"),
        validator=etree.XMLSchema(document),
        retourcodes=retourcodes,
    )


def schema(soort: str) -> Schema:
    """The XSD of a message kind, loaded once per process; `XsdOntbreekt` without it."""
    pad = pad_van(soort)
    if pad is None:
        raise XsdOntbreekt()
    return _laad(str(pad), soort)


def soort_van(boom: etree._Element) -> str | None:
    """JW305, WMO301, ... from the document's namespace (…/ijw/3_2/jw305/schema), or None."""
    tag = etree.QName(boom)
    delen = (tag.namespace or "").split("/")
    if tag.localname != "Bericht" or len(delen) < 3 or delen[-1] != "schema":
        return None
    soort = delen[-2].upper()
    return soort if soort[-3:] in BERICHTCODES and soort[:-3] in ("JW", "WMO") else None
