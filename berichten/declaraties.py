"""A declaration in (JW323/WMO323) and its answer out (JW325/WMO325), in the transaction of the
message (ontvangen.ontvang): the declaration, every prestatie with its outcome, the credited debets
and the 325 are stored together, or nothing is.

The XSD was checked before this runs (control level 1). A declaration is then rejected whole when
its number was used before (TR333, 9333: nothing of it is stored but the message and its 325), its
Dagtekening lies in the future (TR135, 8848), its total is not the sum of its prestaties (TR358,
0001) or its period lies in the future (TR319, 9319); otherwise every prestatie is judged on its
own (declaratie_toetsing). Amounts are eurocent in the XML and euros (Decimal) in the database."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from basis import clock

from . import declaratie_antwoord, opbouw, xsd
from .declaratie_toetsing import NIET_BEOORDEELD, Regel, Toetsing
from .models import (
    Bericht,
    BerichtStatus,
    DebetCredit,
    Declaratie,
    DeclaratieStatus,
    Prestatie,
    PrestatieStatus,
    Richting,
)
from .signalen import prestaties_beoordeeld

NUMMER_DUBBEL = "9333"  # TR333
DAGTEKENING_TOEKOMST = "8848"  # TR135
TOTAAL = declaratie_antwoord.TECHNISCH  # TR358: the total is no sum of the prestaties
PERIODE_TOEKOMST = "9319"  # TR319
# Rows per insert or update: a declaration of 10.000 prestaties is stored in a handful of queries.
PER_KEER = 2000


def _euro(cent: str) -> Decimal:
    return Decimal(int(cent)) / 100


class Lezer:
    """The fields of a 323, read with precomputed names (a declaration may hold thousands)."""

    def __init__(self, ns: str, basis: str):
        self.ns, self.basis = ns, basis

    def t(self, element, *pad: str) -> str | None:
        for deel in pad:
            ns = self.basis if deel.startswith("*") else self.ns
            element = element.find(f"{{{ns}}}{deel.lstrip('*')}")
            if element is None:
                return None
        return element.text

    def pad(self, *delen: str) -> str:
        """An ElementPath of local names ('*' for the basisschema's), with their namespaces."""
        return "/".join(f"{{{self.basis if d.startswith('*') else self.ns}}}{d.lstrip('*')}" for d in delen)

    def regels(self, declaratie) -> list[Regel]:
        p = self.pad
        clienten, prestaties, bsn_pad = p("Clienten", "Client"), p("Prestaties", "Prestatie"), p("Bsn")
        referentie, vorig = (
            p("ProductReferentie", "*ReferentieNummer"),
            p("ProductReferentie", "*VorigReferentieNummer"),
        )
        nummer, categorie, code = p("ToewijzingNummer"), p("ProductCategorie"), p("ProductCode")
        begin, eind = p("ProductPeriode", "*Begindatum"), p("ProductPeriode", "*Einddatum")
        volume, eenheid, tarief_pad = p("GeleverdVolume"), p("Eenheid"), p("ProductTarief")
        bedrag, dc = p("IngediendBedrag", "*Bedrag"), p("IngediendBedrag", "*DebetCredit")
        datum = datetime.date.fromisoformat
        regels = []
        for client in declaratie.iterfind(clienten):
            bsn = client.findtext(bsn_pad)
            for e in client.iterfind(prestaties):
                tarief = e.findtext(tarief_pad)
                regels.append(
                    Regel(
                        element=e,
                        bsn=bsn,
                        referentienummer=e.findtext(referentie),
                        vorig=e.findtext(vorig) or "",
                        toewijzingnummer=int(e.findtext(nummer)),
                        categorie=e.findtext(categorie),
                        code=e.findtext(code),
                        begin=datum(e.findtext(begin)),
                        eind=datum(e.findtext(eind)),
                        volume=int(e.findtext(volume)),
                        eenheid=e.findtext(eenheid),
                        tarief=_euro(tarief) if tarief is not None else None,
                        bedrag=_euro(e.findtext(bedrag)),
                        debet_credit=e.findtext(dc),
                    )
                )
        return regels


def verwerk(gelezen, bericht: Bericht, aanbieder) -> Bericht:
    """Judge the 323 of `bericht` and write its 325; returns the 325."""
    lezer = Lezer(gelezen.ns, gelezen.basis_ns)
    element = gelezen.vind(gelezen.boom, "Declaratie")
    nummer = lezer.t(element, "DeclaratieNummer")
    periode = (
        datetime.date.fromisoformat(lezer.t(element, "DeclaratiePeriode", "*Begindatum")),
        datetime.date.fromisoformat(lezer.t(element, "DeclaratiePeriode", "*Einddatum")),
    )
    totaal = _euro(lezer.t(element, "TotaalIngediendBedrag", "*TotaalBedrag"))
    ingediend = -totaal if lezer.t(element, "TotaalIngediendBedrag", "*DebetCredit") == "C" else totaal
    regels = lezer.regels(element)
    vandaag = clock.today()
    wet = xsd.wet_van(gelezen.soort)
    # One declaration of an aanbieder at a time: the uniqueness of numbers, the cumulative volumes
    # and the year's total against the plafond are judged on what is stored, not on a race.
    type(aanbieder).objects.select_for_update().filter(pk=aanbieder.pk).first()

    declaratie = Declaratie(
        bericht=bericht,
        aanbieder=aanbieder,
        wet=wet,
        declaratienummer=nummer,
        periode_begin=min(periode),
        periode_eind=max(periode),
        ontvangen=bericht.aangemaakt or timezone.now(),
        ingediend=ingediend,
        toegekend=Decimal(0),
        afgewezen=ingediend,
        status=DeclaratieStatus.AFGEWEZEN,
    )
    if Declaratie.objects.filter(aanbieder=aanbieder, declaratienummer=nummer).exists():
        return _geheel_afgewezen(gelezen, bericht, aanbieder, nummer, ingediend, regels, NUMMER_DUBBEL, None)
    try:
        with transaction.atomic():
            declaratie.save(force_insert=True)
    except IntegrityError:  # the same number at the same moment through another way in
        return _geheel_afgewezen(gelezen, bericht, aanbieder, nummer, ingediend, regels, NUMMER_DUBBEL, None)

    geheel = None
    if gelezen.dagtekening > vandaag:
        geheel = DAGTEKENING_TOEKOMST
    elif sum((r.teken for r in regels), Decimal(0)) != ingediend:
        geheel = TOTAAL
    elif periode[0] > vandaag or periode[0] > periode[1]:
        geheel = PERIODE_TOEKOMST
    if geheel is not None:
        for regel in regels:
            regel.codes.append(NIET_BEOORDEELD)
        declaratie.retourcodes = [geheel]
        _bewaar_prestaties(declaratie, regels)
        return _geheel_afgewezen(gelezen, bericht, aanbieder, nummer, ingediend, regels, geheel, declaratie)

    Toetsing(regels, aanbieder, wet, periode, vandaag).beoordeel(regels)
    prestaties = _bewaar_prestaties(declaratie, regels)
    toegekend = sum((r.teken for r in regels if not r.codes), Decimal(0))
    afgewezen = [r for r in regels if r.codes]
    declaratie.toegekend = toegekend
    declaratie.afgewezen = ingediend - toegekend
    if not afgewezen:
        declaratie.status = DeclaratieStatus.TOEGEKEND
        codes = [declaratie_antwoord.VOLLEDIG_TOEGEKEND]
    else:
        declaratie.status = (
            DeclaratieStatus.AFGEWEZEN if len(afgewezen) == len(regels) else DeclaratieStatus.GEDEELTELIJK
        )
        codes = [declaratie_antwoord.GEEN_OPMERKING]
    bericht.retourcodes = sorted({c for r in afgewezen for c in r.codes})
    bericht.save(update_fields=["retourcodes"])
    antwoord = _schrijf_325(gelezen, bericht, aanbieder, nummer, ingediend, toegekend, afgewezen, codes)
    declaratie.antwoord = antwoord
    declaratie.save(update_fields=["toegekend", "afgewezen", "status", "antwoord"])
    goedgekeurd = [p for p in prestaties if p.status == PrestatieStatus.TOEGEKEND]
    prestaties_beoordeeld.send(
        sender=Declaratie,
        declaratie=declaratie,
        toegekend=[p for p in goedgekeurd if p.debet_credit == DebetCredit.DEBET],
        gecrediteerd=[r.crediteert for r in regels if r.crediteert is not None and not r.codes],
    )
    return antwoord


def _bewaar_prestaties(declaratie: Declaratie, regels: list[Regel]) -> list[Prestatie]:
    prestaties = [
        Prestatie(
            declaratie=declaratie,
            aanbieder_id=declaratie.aanbieder_id,
            indicatie=r.indicatie,
            bsn=r.bsn,
            toewijzingnummer=r.toewijzingnummer,
            productcategorie=r.categorie,
            productcode=r.code,
            referentienummer=r.referentienummer,
            vorig_referentienummer=r.vorig,
            debet_credit=r.debet_credit,
            begindatum=r.begin,
            einddatum=r.eind,
            volume=r.volume,
            eenheid=r.eenheid,
            tarief=r.tarief,
            bedrag=r.bedrag,
            status=PrestatieStatus.AFGEWEZEN if r.codes else PrestatieStatus.TOEGEKEND,
            retourcodes=r.codes,
        )
        for r in regels
    ]
    Prestatie.objects.bulk_create(prestaties, batch_size=PER_KEER)
    gecrediteerd = []
    for regel, prestatie in zip(regels, prestaties, strict=True):
        if regel.crediteert is not None and not regel.codes:
            regel.crediteert.gecrediteerd_door = prestatie
            gecrediteerd.append(regel.crediteert)
    if gecrediteerd:
        Prestatie.objects.bulk_update(gecrediteerd, ["gecrediteerd_door"], batch_size=PER_KEER)
    return prestaties


def _geheel_afgewezen(gelezen, bericht, aanbieder, nummer, ingediend, regels, code, declaratie) -> Bericht:
    """The whole declaration rejected (IV088): TotaalToegekendBedrag 0, every prestatie listed."""
    bericht.status = BerichtStatus.AFGEKEURD
    bericht.retourcodes = [code]
    bericht.save(update_fields=["status", "retourcodes"])
    for regel in regels:
        if not regel.codes:
            regel.codes.append(NIET_BEOORDEELD)
    header = declaratie_antwoord.TECHNISCH if code == TOTAAL else declaratie_antwoord.GEEN_OPMERKING
    antwoord = _schrijf_325(gelezen, bericht, aanbieder, nummer, ingediend, Decimal(0), regels, [code], header)
    if declaratie is not None:
        declaratie.antwoord = antwoord
        declaratie.save(update_fields=["antwoord", "retourcodes"])
    return antwoord


def _schrijf_325(gelezen, bericht, aanbieder, nummer, ingediend, toegekend, afgewezen, codes, header="0200"):
    soort = xsd.soort_voor(xsd.wet_van(gelezen.soort), "325")
    identificatie = opbouw.volgende_identificatie(soort)
    vandaag = clock.today()
    gemeente = opbouw.gemeentecode()
    xml = declaratie_antwoord.bouw_325(
        soort,
        heen=gelezen.boom,
        heen_ns=gelezen.ns,
        basis_ns=gelezen.basis_ns,
        gemeente=gemeente,
        agb=aanbieder.agb_code,
        identificatie=identificatie,
        dagtekening=vandaag,
        declaratienummer=nummer,
        ingediend=ingediend,
        toegekend=toegekend,
        afgewezen=[(r.element, r.bsn, r.codes) for r in afgewezen],
        codes_declaratie=codes,
        header_code=header,
    )
    return Bericht.objects.create(
        soort=soort,
        richting=Richting.UIT,
        status=BerichtStatus.KLAAR,
        aanbieder=aanbieder,
        afzender=gemeente,
        ontvanger=aanbieder.agb_code,
        bericht_identificatie=identificatie,
        dagtekening=vandaag,
        xml=xml,
        antwoord_op=bericht,
        retourcodes=bericht.retourcodes,
    )
