"""Helpers of the message tests: parse what the service wrote and validate it against the official XSD."""

import itertools

from lxml import etree

from berichten import xsd


def geldig(soort: str, tekst: str | bytes) -> etree._Element:
    """The document, after asserting it validates against the official XSD of `soort`."""
    data = tekst.encode() if isinstance(tekst, str) else tekst
    boom = xsd.lees_xml(data)
    assert xsd.soort_van(boom) == soort
    assert xsd.schema(soort).fouten(boom) == []
    return boom


def waarden(boom: etree._Element, naam: str) -> list[str]:
    return [e.text for e in boom.iter() if etree.QName(e).localname == naam]


# --- Messages an aanbieder sends, built as the standard describes them (with lxml, never as text) ---

import datetime  # noqa: E402

from berichten import opbouw  # noqa: E402

GEMEENTE = "0826"


def _heen(soort: str, agb: str, ident: str, dagtekening: datetime.date, gemeente: str = GEMEENTE):
    doc = opbouw.Opbouw(soort)
    doc.header(afzender=agb, ontvanger=gemeente, identificatie=ident, dagtekening=dagtekening)
    return doc


def _client(doc, inwoner, *, naam: bool = True):
    client = doc.el(doc.wortel, "Client")
    doc.el(client, "Bsn", inwoner.bsn)
    if naam:
        geboren = doc.el(client, "Geboortedatum")
        doc.basis(geboren, "Datum", inwoner.geboortedatum.isoformat())
        doc.el(client, "Geslacht", "0")
        n = doc.el(client, "Naam")
        g = doc.basis(n, "Geslachtsnaam")
        doc.basis(g, "Achternaam", inwoner.achternaam)
    return client


def _bytes(doc) -> bytes:
    return doc.klaar().encode("utf-8")


def startbericht(
    indicatie,
    begindatum,
    *,
    status="1",
    ident="ST0001",
    nummer=None,
    agb=None,
    dagtekening=None,
    soort=None,
    gemeente=GEMEENTE,
) -> bytes:
    soort = soort or ("WMO305" if indicatie.product.wet == "wmo" else "JW305")
    doc = _heen(soort, agb or indicatie.aanbieder.agb_code, ident, dagtekening or begindatum, gemeente)
    client = _client(doc, indicatie.inwoner)
    producten = doc.el(client, "StartProducten")
    p = doc.el(producten, "StartProduct")
    doc.el(p, "ToewijzingNummer", nummer if nummer is not None else indicatie.toewijzingnummer)
    doc.el(p, "Begindatum", begindatum.isoformat())
    doc.el(p, "StatusAanlevering", status)
    return _bytes(doc)


def stopbericht(indicatie, begindatum, einddatum, *, status="1", reden="31", ident="SP0001", dagtekening=None) -> bytes:
    soort = "WMO307" if indicatie.product.wet == "wmo" else "JW307"
    if soort == "WMO307" and reden == "31":
        reden = "19"  # volgens plan (WMO588)
    doc = _heen(soort, indicatie.aanbieder.agb_code, ident, dagtekening or einddatum)
    client = _client(doc, indicatie.inwoner)
    producten = doc.el(client, "StopProducten")
    p = doc.el(producten, "StopProduct")
    doc.el(p, "ToewijzingNummer", indicatie.toewijzingnummer)
    doc.el(p, "Begindatum", begindatum.isoformat())
    doc.el(p, "RedenBeeindiging", reden)
    doc.el(p, "Einddatum", einddatum.isoformat())
    doc.el(p, "StatusAanlevering", status)
    return _bytes(doc)


def verzoek_om_toewijzing(
    inwoner,
    aanbieder,
    *,
    categorie,
    code,
    ingangsdatum,
    referentie="REF-1",
    ident="VT0001",
    dagtekening=None,
    wet="jeugdwet",
) -> bytes:
    soort = "JW315" if wet == "jeugdwet" else "WMO315"
    doc = _heen(soort, aanbieder.agb_code, ident, dagtekening or ingangsdatum)
    client = _client(doc, inwoner)
    producten = doc.el(client, "AangevraagdeProducten")
    p = doc.el(producten, "AangevraagdProduct")
    doc.el(p, "ReferentieAanbieder", referentie)
    product = doc.el(p, "Product")
    doc.basis(product, "Categorie", categorie)
    doc.basis(product, "Code", code)
    doc.el(p, "ToewijzingIngangsdatum", ingangsdatum.isoformat())
    omvang = doc.el(p, "Omvang")
    doc.basis(omvang, "Volume", "4")
    doc.basis(omvang, "Eenheid", "04")
    doc.basis(omvang, "Frequentie", "2")
    verwijzer = doc.el(p, "Verwijzer")
    doc.basis(verwijzer, "Type", "01")
    return _bytes(doc)


def toewijzing_retour(bericht, *, codes=(), ident="RT0001", dagtekening=None) -> bytes:
    """The aanbieder's 302 on our 301: the 301's header copied, with its own identification; a
    refusal carries the retourcodes in the header (a technical refusal of the whole message)."""
    heen = xsd.lees_xml(bericht.xml.encode())
    soort = bericht.soort[:-3] + {"301": "302", "319": "320"}[bericht.soort[-3:]]
    doc = opbouw.Opbouw(soort)
    heen_ns = etree.QName(heen).namespace
    header = doc.el(doc.wortel, "Header")
    for kind in heen.find(f"{{{heen_ns}}}Header"):
        naam = etree.QName(kind).localname
        kopie = doc.el(header, naam, xsd.berichtcode(soort) if naam == "BerichtCode" else kind.text)
        for kleinkind in kind:
            kopie.append(etree.fromstring(etree.tostring(kleinkind)))
    doc.el(header, "IdentificatieRetour", ident)
    doc.el(header, "DagtekeningRetour", (dagtekening or bericht.dagtekening).isoformat())
    doc.xsd_versie(header, "XsdVersieRetour")
    if codes:
        retourcodes = doc.el(header, "RetourCodes")
        for code in codes:
            doc.el(retourcodes, "RetourCode", code)
    return _bytes(doc)


def verzoek_om_wijziging(
    indicatie, *, te_wijzigen=None, ongewijzigd=(), referentie="VOW-1", ident="VW0001", dagtekening=None
) -> bytes:
    """A 317 for the inwoner and aanbieder of `indicatie`: the toewijzingen to change (with a new
    einddatum) and those that stay."""
    soort = "WMO317" if indicatie.product.wet == "wmo" else "JW317"
    dag = dagtekening or indicatie.ingangsdatum
    doc = _heen(soort, indicatie.aanbieder.agb_code, ident, dag)
    client = doc.el(doc.wortel, "Client")
    doc.el(client, "Bsn", indicatie.inwoner.bsn)
    verzoek = doc.el(client, "Verzoek")
    doc.el(verzoek, "ReferentieAanbieder", referentie)
    doc.el(verzoek, "RedenVerzoek", "1")
    if ongewijzigd:
        lijst = doc.el(verzoek, "OngewijzigdeProducten")
        for nummer in ongewijzigd:
            doc.el(doc.el(lijst, "OngewijzigdProduct"), "ToewijzingNummer", nummer)
    if te_wijzigen:
        lijst = doc.el(verzoek, "TeWijzigenProducten")
        for nummer, einddatum in te_wijzigen:
            p = doc.el(lijst, "TeWijzigenProduct")
            doc.el(p, "ToewijzingNummer", nummer)
            doc.el(p, "GewensteIngangsdatum", indicatie.ingangsdatum.isoformat())
            doc.el(p, "Einddatum", einddatum.isoformat())
    return _bytes(doc)


# --- Declarations (323) ---------------------------------------------------------------------------

from decimal import Decimal  # noqa: E402

_referenties = iter(range(1, 10**9))


def prestatie(
    indicatie,
    begin,
    eind,
    volume,
    *,
    eenheid="04",
    tarief="58.20",
    bedrag=None,
    referentie=None,
    vorig=None,
    dc="D",
    categorie=None,
    code=None,
    nummer=None,
    bsn=None,
) -> dict:
    """One prestatie on `indicatie` (its contract's categorie and code unless told); amounts in euros,
    the bedrag volume × tarief unless told."""
    contract = indicatie.aanbieder.contracten.filter(product=indicatie.product).order_by("geldig_van").first()
    tarief = Decimal(tarief) if tarief is not None else None
    return {
        "bsn": bsn or indicatie.inwoner.bsn,
        "referentie": referentie or f"R{next(_referenties):08d}",
        "vorig": vorig,
        "nummer": nummer if nummer is not None else indicatie.toewijzingnummer,
        "categorie": categorie or contract.productcategorie,
        "code": code or contract.productcode,
        "begin": begin,
        "eind": eind,
        "volume": volume,
        "eenheid": eenheid,
        "tarief": tarief,
        "bedrag": Decimal(bedrag) if bedrag is not None else volume * tarief,
        "dc": dc,
    }


def _cent(bedrag: Decimal) -> int:
    return int(bedrag * 100)


def declaratiebericht(
    agb: str,
    prestaties: list[dict],
    *,
    nummer="D0001",
    ident="DC0001",
    periode=None,
    dagtekening=None,
    totaal=None,
    wet="jeugdwet",
    gemeente=GEMEENTE,
) -> bytes:
    """A 323 of `agb` with `prestaties` (dicts of `prestatie`), per BSN in the order given; the
    DeclaratiePeriode is the calendar month of the first prestatie unless told, the total the sum
    (debet − credit) unless told."""
    soort = "JW323" if wet == "jeugdwet" else "WMO323"
    if periode is None:
        eerste = prestaties[0]["begin"].replace(day=1)
        periode = (eerste, (eerste + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1))
    doc = _heen(soort, agb, ident, dagtekening or periode[1], gemeente)
    declaratie = doc.el(doc.wortel, "Declaratie")
    doc.el(declaratie, "DeclaratieNummer", nummer)
    p = doc.el(declaratie, "DeclaratiePeriode")
    doc.basis(p, "Begindatum", periode[0].isoformat())
    doc.basis(p, "Einddatum", periode[1].isoformat())
    doc.el(declaratie, "DeclaratieDagtekening", (dagtekening or periode[1]).isoformat())
    if totaal is None:
        totaal = sum((x["bedrag"] if x["dc"] == "D" else -x["bedrag"] for x in prestaties), Decimal(0))
    t = doc.el(declaratie, "TotaalIngediendBedrag")
    doc.basis(t, "TotaalBedrag", abs(_cent(Decimal(totaal))))
    doc.basis(t, "DebetCredit", "C" if Decimal(totaal) < 0 else "D")
    clienten = doc.el(declaratie, "Clienten")
    per_bsn: dict[str, list] = {}
    for x in prestaties:
        per_bsn.setdefault(x["bsn"], []).append(x)
    for bsn, lijst in per_bsn.items():
        client = doc.el(clienten, "Client")
        doc.el(client, "Bsn", bsn)
        ps = doc.el(client, "Prestaties")
        for x in lijst:
            el = doc.el(ps, "Prestatie")
            ref = doc.el(el, "ProductReferentie")
            doc.basis(ref, "ReferentieNummer", x["referentie"])
            if x["vorig"]:
                doc.basis(ref, "VorigReferentieNummer", x["vorig"])
            doc.el(el, "ToewijzingNummer", x["nummer"])
            doc.el(el, "ProductCategorie", x["categorie"])
            doc.el(el, "ProductCode", x["code"])
            pp = doc.el(el, "ProductPeriode")
            doc.basis(pp, "Begindatum", x["begin"].isoformat())
            doc.basis(pp, "Einddatum", x["eind"].isoformat())
            doc.el(el, "GeleverdVolume", x["volume"])
            doc.el(el, "Eenheid", x["eenheid"])
            if x["tarief"] is not None:
                doc.el(el, "ProductTarief", _cent(x["tarief"]))
            b = doc.el(el, "IngediendBedrag")
            doc.basis(b, "Bedrag", _cent(x["bedrag"]))
            doc.basis(b, "DebetCredit", x["dc"])
    # Built without validation: tests send what the XSD refuses too (the service must answer 400).
    from lxml import etree as _etree

    return _etree.tostring(doc.wortel, xml_declaration=True, encoding="UTF-8")


_NUMMER = itertools.count(1)


def opgeslagen_declaratie(aanbieder=None, *, status="gedeeltelijk", prestaties=(), retourcodes=(), soort="WMO323"):
    """A received declaration as the database keeps it (no XML behind it): for the pages and lists
    that read declarations. `prestaties`: dicts of Prestatie fields, at least `bedrag`."""
    from berichten.models import Bericht, BerichtStatus, Declaratie, Prestatie, Richting
    from tests.factories import AanbiederFactory

    aanbieder = aanbieder or AanbiederFactory()
    n = next(_NUMMER)
    heen = Bericht.objects.create(
        soort=soort,
        richting=Richting.IN,
        status=BerichtStatus.VERWERKT,
        aanbieder=aanbieder,
        afzender=aanbieder.agb_code,
        ontvanger="0826",
        bericht_identificatie=f"DC{n:06d}",
        dagtekening=datetime.date(2027, 1, 4),
        xml="<Bericht/>",
    )
    toegekend = sum((p["bedrag"] for p in prestaties if p.get("status", "toegekend") == "toegekend"), Decimal(0))
    afgewezen = sum((p["bedrag"] for p in prestaties if p.get("status") == "afgewezen"), Decimal(0))
    d = Declaratie.objects.create(
        bericht=heen,
        aanbieder=aanbieder,
        wet="wmo",
        declaratienummer=f"D{n:05d}",
        periode_begin=datetime.date(2027, 1, 1),
        periode_eind=datetime.date(2027, 1, 31),
        ontvangen=datetime.datetime(2027, 2, 3, 9, tzinfo=datetime.UTC) + datetime.timedelta(minutes=n),
        ingediend=toegekend + afgewezen,
        toegekend=toegekend,
        afgewezen=afgewezen,
        status=status,
        retourcodes=list(retourcodes),
    )
    for p in prestaties:
        velden = {
            "bsn": p["indicatie"].inwoner.bsn if p.get("indicatie") else p.get("bsn", "123456782"),
            "toewijzingnummer": p["indicatie"].toewijzingnummer if p.get("indicatie") else 999,
            "productcategorie": "02",
            "productcode": "02A01",
            "referentienummer": f"R{next(_NUMMER)}",
            "debet_credit": "D",
            "begindatum": datetime.date(2027, 1, 4),
            "einddatum": datetime.date(2027, 1, 31),
            "volume": 600,
            "eenheid": "01",
            "status": "toegekend",
        } | {k: v for k, v in p.items() if k not in ("bsn",)}
        Prestatie.objects.create(declaratie=d, aanbieder=aanbieder, **velden)
    return d
