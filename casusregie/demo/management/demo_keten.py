"""Demo: last month declared through the chain. Per aanbieder and law a JW323 or WMO323 for the care
its toewijzingen delivered last month, built with lxml as an aanbieder's system would (valid
against the official XSD), and received through the same service as the folder and the API
(berichten.services.ontvang): judged, answered with a 325, the approved prestaties counted in the
stuurinformatie. Only where the iStandaarden XSDs are installed; the months before go as a file."""

import datetime
from collections import defaultdict
from decimal import ROUND_FLOOR, Decimal

from django.db.models import Min
from django.utils import timezone

from basis.notatie import euro
from berichten import opbouw, services, xsd
from berichten.models import Declaratie as Declaratie323
from indicaties.domein import TOEGEKENDE_STATUSSEN
from indicaties.models import Contract, Indicatie, IndicatieStatus, Tarief, Uitvoeringsvariant

SOORT = {"jeugdwet": "JW323", "wmo": "WMO323"}
MINUTEN = {"04": 60, "16": 240}


def beschikbaar() -> bool:
    return all(xsd.beschikbaar(s) for s in SOORT.values())


def _geldig(rijen, dag: datetime.date):
    for rij in rijen:
        if rij.geldig_van <= dag and (rij.geldig_tot is None or dag <= rij.geldig_tot):
            return rij
    return None


def _deel(waarde: Decimal) -> int:
    return int(waarde.to_integral_value(rounding=ROUND_FLOOR))


def prestaties(maand: datetime.date, levering) -> dict[tuple, list[dict]]:
    """Per (aanbieder, wet): one prestatie per toewijzing that ran in `maand`, from the day it was
    decided on (no care is paid before), `levering(indicatie_id)` of the assigned omvang, at the
    contract's tarief (the catalogue's when the contract names none). A taakgericht contract is paid
    as a whole and declared per client never."""
    eerste = maand.replace(day=1)
    laatste = (eerste + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    indicaties = list(
        Indicatie.objects.filter(
            status__in=TOEGEKENDE_STATUSSEN, toewijzingnummer__isnull=False, ingangsdatum__lte=laatste
        )
        .exclude(einddatum__lt=eerste)
        .select_related("inwoner", "product", "aanbieder")
        .order_by("aanbieder__agb_code", "toewijzingnummer")
    )
    besluit = {
        r["id"]: timezone.localdate(r["eerste"])
        for r in Indicatie.history.filter(id__in=[i.pk for i in indicaties], status=IndicatieStatus.TOEGEWEZEN)
        .values("id")
        .annotate(eerste=Min("history_date"))
    }
    contracten, tarieven = defaultdict(list), defaultdict(list)
    for c in Contract.objects.filter(product_id__in={i.product_id for i in indicaties}).order_by("geldig_van"):
        contracten[(c.aanbieder_id, c.product_id)].append(c)
    for t in Tarief.objects.filter(product_id__in={i.product_id for i in indicaties}).order_by("geldig_van"):
        tarieven[t.product_id].append(t)
    uit = defaultdict(list)
    for i in indicaties:
        begin = max(eerste, i.ingangsdatum, besluit.get(i.pk, timezone.localdate(i.aangemaakt)))
        eind = min(laatste, i.einddatum or laatste)
        rijen = contracten.get((i.aanbieder_id, i.product_id), [])
        op_ingang = [c for c in rijen if c.geldig_van <= i.ingangsdatum]
        contract = op_ingang[-1] if op_ingang else (rijen[0] if rijen else None)
        op_dag = _geldig(rijen, begin) or contract
        if begin > eind or contract is None or op_dag.uitvoeringsvariant == Uitvoeringsvariant.TAAKGERICHT:
            continue
        tarief = op_dag.tarief
        if tarief is None:
            catalogus = _geldig(tarieven.get(i.product_id, []), begin)
            tarief = catalogus.bedrag if catalogus else None
        if tarief is None:
            continue
        volume, eenheid, frequentie = opbouw.omvang(i.volume, i.eenheid, i.frequentie, contract.uitvoeringsvariant)
        dagen = (eind - begin).days + 1
        if frequentie == "2":  # per week: the weeks in the period
            geleverd = Decimal(volume) * dagen / 7
        elif frequentie == "4":  # per month
            geleverd = Decimal(volume)
        else:  # over the whole toewijzing: its share of the days
            looptijd = ((i.einddatum or i.ingangsdatum + datetime.timedelta(days=364)) - i.ingangsdatum).days + 1
            geleverd = Decimal(volume) * dagen / looptijd
        geleverd *= levering(i.pk)
        # Hours in minutes where the tarief per minute is a whole cent (hours may be declared in minutes).
        if eenheid in MINUTEN and (tarief * 100) % MINUTEN[eenheid] == 0:
            volume_nu, eenheid_nu, tarief_nu = _deel(geleverd * MINUTEN[eenheid]), "01", tarief / MINUTEN[eenheid]
        else:
            volume_nu, eenheid_nu, tarief_nu = _deel(geleverd), eenheid, tarief
        if volume_nu <= 0:
            continue
        uit[(i.aanbieder, i.product.wet)].append(
            {
                "bsn": i.inwoner.bsn,
                "referentie": f"DEMO-{i.toewijzingnummer}-{eerste:%Y%m}",
                "nummer": i.toewijzingnummer,
                "categorie": contract.productcategorie,
                "code": contract.productcode or i.product.code[:5],
                "begin": begin,
                "eind": eind,
                "volume": volume_nu,
                "eenheid": eenheid_nu,
                "tarief": tarief_nu,
                "bedrag": volume_nu * tarief_nu,
            }
        )
    return uit


def _cent(bedrag: Decimal) -> int:
    return int((bedrag * 100).to_integral_value())


def declaratiebericht(aanbieder, wet: str, regels: list[dict], nummer: str, maand: datetime.date, dag) -> bytes:
    """The 323 of one aanbieder and law for `maand`, validated against its XSD."""
    eerste = maand.replace(day=1)
    laatste = (eerste + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    doc = opbouw.Opbouw(SOORT[wet])
    doc.header(afzender=aanbieder.agb_code, ontvanger=opbouw.gemeentecode(), identificatie=nummer, dagtekening=dag)
    declaratie = doc.el(doc.wortel, "Declaratie")
    doc.el(declaratie, "DeclaratieNummer", nummer)
    periode = doc.el(declaratie, "DeclaratiePeriode")
    doc.basis(periode, "Begindatum", eerste.isoformat())
    doc.basis(periode, "Einddatum", laatste.isoformat())
    doc.el(declaratie, "DeclaratieDagtekening", dag.isoformat())
    totaal = doc.el(declaratie, "TotaalIngediendBedrag")
    doc.basis(totaal, "TotaalBedrag", sum(_cent(r["bedrag"]) for r in regels))
    doc.basis(totaal, "DebetCredit", "D")
    clienten = doc.el(declaratie, "Clienten")
    per_bsn: dict[str, list] = defaultdict(list)
    for r in regels:
        per_bsn[r["bsn"]].append(r)
    for bsn, lijst in per_bsn.items():
        client = doc.el(clienten, "Client")
        doc.el(client, "Bsn", bsn)
        prestaties_el = doc.el(client, "Prestaties")
        for r in lijst:
            p = doc.el(prestaties_el, "Prestatie")
            referentie = doc.el(p, "ProductReferentie")
            doc.basis(referentie, "ReferentieNummer", r["referentie"])
            doc.el(p, "ToewijzingNummer", r["nummer"])
            doc.el(p, "ProductCategorie", r["categorie"])
            doc.el(p, "ProductCode", r["code"])
            pp = doc.el(p, "ProductPeriode")
            doc.basis(pp, "Begindatum", r["begin"].isoformat())
            doc.basis(pp, "Einddatum", r["eind"].isoformat())
            doc.el(p, "GeleverdVolume", r["volume"])
            doc.el(p, "Eenheid", r["eenheid"])
            doc.el(p, "ProductTarief", _cent(r["tarief"]))
            bedrag = doc.el(p, "IngediendBedrag")
            doc.basis(bedrag, "Bedrag", _cent(r["bedrag"]))
            doc.basis(bedrag, "DebetCredit", "D")
    return doc.klaar().encode("utf-8")


def declareer(maand: datetime.date, vandaag: datetime.date, levering) -> list[str]:
    """Send and receive the 323s of `maand` not received before (a second run adds nothing); a line
    per declaration with its verdict."""
    uit = []
    for (aanbieder, wet), regels in prestaties(maand, levering).items():
        nummer = f"DEMO{maand:%Y%m}{wet[0].upper()}"
        if Declaratie323.objects.filter(aanbieder=aanbieder, declaratienummer=nummer).exists():
            continue
        bericht = services.ontvang(declaratiebericht(aanbieder, wet, regels, nummer, maand, vandaag))
        d = Declaratie323.objects.get(bericht=bericht)
        uit.append(
            f"{bericht.soort} {nummer} van {aanbieder.naam}: {len(regels)} prestaties, "
            f"{d.get_status_display()} ({euro(d.toegekend)} van {euro(d.ingediend)}); antwoord {d.antwoord.soort}."
        )
    return uit
