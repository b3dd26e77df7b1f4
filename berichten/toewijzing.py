"""The 301 (JW301/WMO301): every toewijzing, change, ending and withdrawal reaches the aanbieder
the moment it is decided, in the same transaction as the decision.

One message per client and aanbieder (OP087): every current toewijzing of that pair, plus every
toewijzing changed since the last 301 that left (sent, and not refused: OP286). What changed
carries a RedenWijziging (IV099); the ToewijzingNummer stays (IV066). A 301 not sent yet is
rewritten in place by the next decision, so a service that saves an indicatie twice writes one.
"""

import logging

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from basis import clock
from indicaties.models import Contract, Indicatie, IndicatieStatus

from . import opbouw, xsd
from .models import Bericht, BerichtStatus, Richting

logger = logging.getLogger(__name__)

# Statuses in which a toewijzing has been given (an indicatie waiting for the schakelteam has not).
GEMELD = (IndicatieStatus.TOEGEWEZEN, IndicatieStatus.BEEINDIGD, IndicatieStatus.INGETROKKEN, IndicatieStatus.VERLOPEN)
# RedenWijziging (JZ002/WMO002).
VERLENGING, VERKORTING, VERWIJDERD, CORRECTIE = "04", "05", "13", "14"
# The fields a start (305) or stop (307) sets on an indicatie: saved alone, they are no decision.
LEVERING = ("zorg_gestart_op", "zorg_gestopt_op", "gewijzigd")


def contract_van(indicatie: Indicatie) -> Contract | None:
    contracten = Contract.objects.filter(aanbieder_id=indicatie.aanbieder_id, product_id=indicatie.product_id)
    op_ingang = contracten.filter(geldig_van__lte=indicatie.ingangsdatum).order_by("-geldig_van").first()
    return op_ingang or contracten.order_by("geldig_van").first()


def stand(indicatie: Indicatie) -> dict:
    """What a 301 says of this toewijzing, as plain values."""
    contract = contract_van(indicatie)
    volume, eenheid, frequentie = opbouw.omvang(
        indicatie.volume, indicatie.eenheid, indicatie.frequentie, contract.uitvoeringsvariant if contract else ""
    )
    ingetrokken = indicatie.status == IndicatieStatus.INGETROKKEN
    return {
        "categorie": contract.productcategorie if contract else "",
        "code": (contract.productcode if contract else indicatie.product.code[:5]) or "",
        "ingangsdatum": indicatie.ingangsdatum.isoformat(),
        # A withdrawal is a deletion: Einddatum = Ingangsdatum with RedenWijziging 13 (CS335).
        "einddatum": (indicatie.ingangsdatum if ingetrokken else indicatie.einddatum).isoformat()
        if (ingetrokken or indicatie.einddatum)
        else None,
        "volume": volume,
        "eenheid": eenheid,
        "frequentie": frequentie,
        "verwijderd": ingetrokken,
    }


def reden_wijziging(vorig: dict, nu: dict) -> str:
    if nu["verwijderd"]:
        return VERWIJDERD
    vorig_eind = vorig["einddatum"] or "9999-12-31"
    nu_eind = nu["einddatum"] or "9999-12-31"
    if nu_eind > vorig_eind:
        return VERLENGING
    if nu_eind < vorig_eind:
        return VERKORTING
    return CORRECTIE


def _vergelijkbaar(s: dict) -> dict:
    return {k: v for k, v in s.items() if k not in ("toewijzingsdatum", "toewijzingstijd", "reden", "referentie")}


def schrijf_301(*, inwoner_id, aanbieder_id, wet: str) -> Bericht | None:
    """The 301 for one client and aanbieder under one law, if anything changed since the last one
    that left; None when there is nothing new to say. A toewijzing that answers a request carries
    its ReferentieAanbieder in the first 301 (TR379, IV097)."""
    from .models import Verzoek

    soort = xsd.soort_voor(wet, "301")
    if not xsd.beschikbaar(soort):
        return None
    berichten = Bericht.objects.select_for_update().filter(
        richting=Richting.UIT, soort=soort, inwoner_id=inwoner_id, aanbieder_id=aanbieder_id
    )
    vorige = berichten.filter(status__in=(BerichtStatus.VERZONDEN, BerichtStatus.GEACCEPTEERD)).first()
    basis = vorige.inhoud.get("toewijzingen", {}) if vorige else {}
    onverzonden = berichten.filter(status=BerichtStatus.KLAAR).first()
    onverzonden_inhoud = onverzonden.inhoud.get("toewijzingen", {}) if onverzonden else {}

    vandaag = clock.today()
    indicaties = (
        Indicatie.objects.filter(inwoner_id=inwoner_id, aanbieder_id=aanbieder_id, product__wet=wet, status__in=GEMELD)
        .select_related("inwoner", "aanbieder", "product")
        .order_by("ingangsdatum", "toewijzingnummer")
    )
    toewijzingen: dict[str, dict] = {}
    gewijzigd = False
    moment = timezone.localtime(clock.now())
    for indicatie in indicaties:
        if indicatie.toewijzingnummer is None:
            continue
        nummer = str(indicatie.toewijzingnummer)
        huidig = stand(indicatie)
        eerder = basis.get(nummer)
        actueel = indicatie.status == IndicatieStatus.TOEGEWEZEN and (
            huidig["einddatum"] is None or huidig["einddatum"] >= vandaag.isoformat()
        )
        anders = eerder is not None and _vergelijkbaar(eerder) != _vergelijkbaar(huidig)
        if eerder is None and not actueel:
            continue  # never sent: nothing to change or withdraw
        if eerder is not None and not (actueel or anders):
            continue  # ran out as it was assigned: nothing to say
        if eerder is not None and not anders:
            huidig |= {k: eerder[k] for k in ("toewijzingsdatum", "toewijzingstijd")}
        else:
            gewijzigd = True
            al_klaar = onverzonden_inhoud.get(nummer)
            if al_klaar is not None and _vergelijkbaar(al_klaar) == _vergelijkbaar(huidig):
                huidig |= {k: al_klaar[k] for k in ("toewijzingsdatum", "toewijzingstijd")}
            else:
                # IV013: the moment of the decision.
                huidig["toewijzingsdatum"] = moment.date().isoformat()
                huidig["toewijzingstijd"] = moment.strftime("%H:%M:%S")
            if anders:
                huidig["reden"] = reden_wijziging(eerder, huidig)
            elif referentie := (
                Verzoek.objects.filter(indicatie=indicatie).values_list("referentie_aanbieder", flat=True).first()
            ):
                huidig["referentie"] = referentie
        toewijzingen[nummer] = huidig
    if not gewijzigd:
        if onverzonden is not None:
            onverzonden.delete()  # the decision that called for it was undone before it left
        return None

    eerste = indicaties.first()
    inwoner, aanbieder = eerste.inwoner, eerste.aanbieder
    bericht = onverzonden or Bericht(
        soort=soort,
        richting=Richting.UIT,
        status=BerichtStatus.KLAAR,
        inwoner=inwoner,
        aanbieder=aanbieder,
        afzender=opbouw.gemeentecode(),
        ontvanger=aanbieder.agb_code,
        bericht_identificatie=opbouw.volgende_identificatie(soort),
    )
    bericht.dagtekening = vandaag
    bericht.xml = bouw_301(soort, bericht, inwoner, toewijzingen)
    bericht.inhoud = {"toewijzingen": toewijzingen}
    bericht.save()
    return bericht


def bouw_301(soort: str, bericht: Bericht, inwoner, toewijzingen: dict[str, dict]) -> str:
    doc = opbouw.Opbouw(soort)
    doc.header(
        afzender=bericht.afzender,
        ontvanger=bericht.ontvanger,
        identificatie=bericht.bericht_identificatie,
        dagtekening=bericht.dagtekening,
    )
    client = doc.el(doc.wortel, "Client")
    client_gegevens(doc, client, inwoner, verkort=False)
    contactgegevens = doc.el(client, "Contactgegevens")
    contact = doc.el(contactgegevens, "Contact")
    doc.el(contact, "Soort", "01")  # BRP-adres
    if inwoner.huisnummer or inwoner.postcode or inwoner.straat or inwoner.woonplaats:
        adres = doc.el(contact, "Adres")
        if inwoner.huisnummer:
            huis = doc.basis(adres, "Huis")
            doc.basis(huis, "Huisnummer", inwoner.huisnummer)
        if inwoner.postcode:
            doc.basis(adres, "Postcode", inwoner.postcode)
        if inwoner.straat:
            doc.basis(adres, "Straatnaam", inwoner.straat[:24])
        if inwoner.woonplaats:
            doc.basis(adres, "Plaatsnaam", inwoner.woonplaats[:80])
    producten = doc.el(client, "ToegewezenProducten")
    for nummer, t in toewijzingen.items():
        tp = doc.el(producten, "ToegewezenProduct")
        doc.el(tp, "ToewijzingNummer", nummer)
        if t.get("referentie"):
            doc.el(tp, "ReferentieAanbieder", t["referentie"])
        if t["categorie"]:
            product = doc.el(tp, "Product")
            doc.basis(product, "Categorie", t["categorie"])
            if t["code"]:
                doc.basis(product, "Code", t["code"])
        doc.el(tp, "Toewijzingsdatum", t["toewijzingsdatum"])
        doc.el(tp, "Toewijzingstijd", t["toewijzingstijd"])
        doc.el(tp, "Ingangsdatum", t["ingangsdatum"])
        if t["einddatum"]:
            doc.el(tp, "Einddatum", t["einddatum"])
        if t.get("reden"):
            doc.el(tp, "RedenWijziging", t["reden"])
        if t["code"]:
            omvang = doc.el(tp, "Omvang")
            doc.basis(omvang, "Volume", t["volume"])
            doc.basis(omvang, "Eenheid", t["eenheid"])
            doc.basis(omvang, "Frequentie", t["frequentie"])
    return doc.klaar()


def client_gegevens(doc: opbouw.Opbouw, client, inwoner, *, verkort: bool) -> None:
    """Bsn, Geboortedatum, Geslacht and Naam of the client (CDT_VolledigeNaam, or the short form)."""
    doc.el(client, "Bsn", inwoner.bsn)
    geboren = doc.el(client, "Geboortedatum")
    doc.basis(geboren, "Datum", inwoner.geboortedatum.isoformat())
    doc.el(client, "Geslacht", opbouw.GESLACHT.get(inwoner.geslacht, "0"))
    naam = doc.el(client, "Naam")
    geslachtsnaam = doc.basis(naam, "Geslachtsnaam")
    doc.basis(geslachtsnaam, "Achternaam", inwoner.achternaam[:200])
    if inwoner.voornaam:
        doc.basis(naam, "Voornamen", inwoner.voornaam[:200])
    if not verkort:
        doc.basis(naam, "NaamGebruik", "1")  # eigen naam, without partnernaam (CS050)


@receiver(post_save, sender=Indicatie, dispatch_uid="berichten-301-na-besluit")
def na_besluit(sender, instance: Indicatie, raw: bool = False, created: bool = False, **kwargs) -> None:
    """Every save of an indicatie is a decision that may change what the aanbieder was told."""
    if raw:
        return
    if created and (verzoek_id := getattr(instance, "beantwoordt_verzoek", None)) is not None:
        from .verzoeken import beantwoord

        beantwoord(verzoek_id, instance)
    if instance.status not in GEMELD or instance.toewijzingnummer is None:
        return
    if (velden := kwargs.get("update_fields")) is not None and set(velden) <= set(LEVERING):
        return  # a start or stop the aanbieder reported changes nothing a 301 says (`stand`)
    wet = instance.product.wet
    if xsd.beschikbaar(xsd.soort_voor(wet, "301")):
        schrijf_301(inwoner_id=instance.inwoner_id, aanbieder_id=instance.aanbieder_id, wet=wet)
