"""Reading a message an aanbieder sent: control level 1 (the XSD) before anything else, then the
content rules of the standard answered with retourcodes (levels 3 and 4), in one transaction per
message: a message is processed whole or not at all."""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from lxml import etree

from basis import clock
from basis.codes import NON_FIELD, Code, Violation
from basis.exceptions import InvalidTransition, RuleViolation
from basis.historie import bewaar, verwijder
from indicaties.models import Aanbieder, Indicatie, IndicatieStatus, Inwoner

from . import declaraties, meldingen, opbouw, retour, verzoeken, xsd
from .models import Bericht, BerichtStatus, Richting
from .toewijzing import LEVERING

logger = logging.getLogger(__name__)

# What a gemeente receives; the rest it sends.
ONTVANGEN = {"302", "305", "307", "315", "317", "320", "323"}
ZIP_BEGIN = b"PK\x03\x04"
# Retourcodes (WJ001/WMO001) this service answers with.
NIET_GEKOPPELD = "9019"
EERDER_ONTVANGEN = "9074"
START_NIET_GESTOPT = "9326"
GEEN_START = "9069"
AL_BEEINDIGD = "9071"
GEEN_EERDER_BERICHT = "9063"
TECHNISCH = "0001"
DAGTEKENING_TOEKOMST = "8848"


class BerichtTeGroot(Exception):
    """More than BERICHT_MAX_BYTES (HTTP 413)."""

    def __init__(self):
        self.bericht = (
            f"Een bericht is hoogstens {settings.BERICHT_MAX_BYTES // (1024 * 1024)} MB (OP179). Dit bericht is groter."
        )
        super().__init__(self.bericht)


def ongeldig(reden: str) -> RuleViolation:
    return RuleViolation([Violation(Code.BERICHT_ONGELDIG, NON_FIELD, reden)])


@dataclass
class Gelezen:
    soort: str
    boom: etree._Element
    ns: str
    basis_ns: str
    afzender: str
    ontvanger: str
    identificatie: str
    dagtekening: datetime.date
    codes: dict = field(default_factory=dict)

    def vind(self, ouder, pad: str):
        """`pad` of local names below `ouder`, '/'-separated; a name with '*' is in the basisschema."""
        element = ouder
        for deel in pad.split("/"):
            ns = self.basis_ns if deel.startswith("*") else self.ns
            element = element.find(f"{{{ns}}}{deel.lstrip('*')}") if element is not None else None
        return element

    def tekst(self, ouder, pad: str) -> str | None:
        element = self.vind(ouder, pad)
        return element.text if element is not None else None

    def datum(self, ouder, pad: str) -> datetime.date | None:
        waarde = self.tekst(ouder, pad)
        return datetime.date.fromisoformat(waarde) if waarde else None

    def alle(self, ouder, pad: str) -> list:
        *voor, laatste = pad.split("/")
        element = self.vind(ouder, "/".join(voor)) if voor else ouder
        return [] if element is None else element.findall(f"{{{self.ns}}}{laatste}")

    def weiger(self, element, code: str) -> None:
        self.codes.setdefault(element, []).append(code)

    @property
    def client(self):
        return self.vind(self.boom, "Client")


def lees(data: bytes) -> Gelezen:
    """Control level 1: a well-formed iJw/iWmo message the gemeente receives, valid against its
    XSD, or `RuleViolation` (bericht_ongeldig) with the validator's reason; nothing is stored."""
    if len(data) > settings.BERICHT_MAX_BYTES:
        raise BerichtTeGroot()
    if data[:4] == ZIP_BEGIN:
        raise ongeldig("Een ZIP-bestand wordt niet aangenomen: lever één bericht als XML aan.")
    try:
        boom = xsd.lees_xml(data)
    except xsd.XmlOnleesbaar as exc:
        raise ongeldig(exc.bericht) from None
    soort = xsd.soort_van(boom)
    if soort is None:
        raise ongeldig("Dit is geen bericht van iJw 3.2 of iWmo 3.2.")
    if soort[-3:] not in ONTVANGEN:
        raise ongeldig(f"Een {soort} wordt door de gemeente verstuurd, niet ontvangen.")
    try:
        schema = xsd.schema(soort)
    except xsd.XsdOntbreekt as exc:
        raise RuleViolation([Violation(Code.XSD_ONTBREEKT, NON_FIELD, exc.bericht)]) from None
    if fouten := schema.fouten(boom):
        raise ongeldig(f"Het bericht voldoet niet aan {soort}.xsd: " + "; ".join(fouten))
    ns, basis = schema.namespace, schema.basis_namespace
    header = boom.find(f"{{{ns}}}Header")
    veld = lambda naam: header.findtext(f"{{{ns}}}{naam}")  # noqa: E731
    ident = header.find(f"{{{ns}}}BerichtIdentificatie")
    gelezen = Gelezen(
        soort=soort,
        boom=boom,
        ns=ns,
        basis_ns=basis,
        afzender=veld("Afzender"),
        ontvanger=veld("Ontvanger"),
        identificatie=ident.findtext(f"{{{basis}}}Identificatie"),
        dagtekening=datetime.date.fromisoformat(ident.findtext(f"{{{basis}}}Dagtekening")),
    )
    if soort[-3:] in ("302", "320"):
        # A retour copies the header of our message (IV028): its own identification is added.
        gelezen.afzender, gelezen.ontvanger = gelezen.ontvanger, gelezen.afzender
        gelezen.identificatie = veld("IdentificatieRetour")
        gelezen.dagtekening = datetime.date.fromisoformat(veld("DagtekeningRetour"))
    gemeente = opbouw.gemeentecode()
    if gelezen.ontvanger != gemeente:
        raise ongeldig(f"Dit bericht is voor gemeente {gelezen.ontvanger}, niet voor deze gemeente ({gemeente}).")
    return gelezen


@transaction.atomic
def ontvang(data: bytes, *, gebruiker=None) -> Bericht:
    """One message in, whole or not at all: stored, processed, and answered with its retour."""
    gelezen = lees(data)
    aanbieder = Aanbieder.objects.filter(agb_code=gelezen.afzender).first()
    if aanbieder is None:
        raise ongeldig(f"De afzender (AGB-code {gelezen.afzender}) is geen bekende aanbieder.")
    if Bericht.objects.filter(
        richting=Richting.IN,
        soort=gelezen.soort,
        afzender=gelezen.afzender,
        bericht_identificatie=gelezen.identificatie,
    ).exists():
        raise dubbel(gelezen)
    bericht = Bericht(
        soort=gelezen.soort,
        richting=Richting.IN,
        status=BerichtStatus.VERWERKT,
        aanbieder=aanbieder,
        afzender=gelezen.afzender,
        ontvanger=gelezen.ontvanger,
        bericht_identificatie=gelezen.identificatie,
        dagtekening=gelezen.dagtekening,
        xml=data.decode("utf-8"),
    )
    try:
        with transaction.atomic():
            bericht.save()
    except IntegrityError:  # the same message at the same moment through another way in
        raise dubbel(gelezen) from None
    nummer = gelezen.soort[-3:]
    if nummer == "323":
        # A declaration holds many clients and is answered by a 325 of its own (IV087).
        declaraties.verwerk(gelezen, bericht, aanbieder)
        return bericht
    if nummer in ("302", "320"):
        verwerk_antwoord(gelezen, bericht, aanbieder)
        return bericht
    bericht.inwoner = Inwoner.objects.filter(bsn=gelezen.tekst(gelezen.client, "Bsn")).first()
    if gelezen.dagtekening > clock.today():
        gelezen.weiger(gelezen.client, DAGTEKENING_TOEKOMST)
    elif bericht.inwoner is None and nummer != "315":
        gelezen.weiger(gelezen.client, NIET_GEKOPPELD)
    else:
        VERWERKING[nummer](gelezen, bericht, aanbieder, gebruiker)
    if gelezen.codes:
        # Levels 3 and 4: the whole message is rejected; what was done for it is undone.
        bericht.status = BerichtStatus.AFGEKEURD
        bericht.retourcodes = sorted({c for codes in gelezen.codes.values() for c in codes})
    bericht.save()
    schrijf_retour(gelezen, bericht)
    return bericht


def dubbel(gelezen: Gelezen) -> InvalidTransition:
    return InvalidTransition(
        f"Bericht {gelezen.identificatie} ({gelezen.soort}) van {gelezen.afzender} is al ontvangen (TR056).",
        code=Code.BERICHT_DUBBEL,
    )


def schrijf_retour(gelezen: Gelezen, heen: Bericht) -> Bericht:
    soort = gelezen.soort[:-3] + retour.RETOUR_VAN[gelezen.soort[-3:]]
    identificatie = opbouw.volgende_identificatie(soort)
    vandaag = clock.today()
    xml = retour.bouw_retour(
        gelezen.boom, gelezen.soort, identificatie=identificatie, dagtekening=vandaag, codes=gelezen.codes
    )
    return Bericht.objects.create(
        soort=soort,
        richting=Richting.UIT,
        status=BerichtStatus.KLAAR,
        aanbieder=heen.aanbieder,
        inwoner=heen.inwoner,
        # The header of the message it answers, copied (IV028).
        afzender=gelezen.afzender,
        ontvanger=gelezen.ontvanger,
        bericht_identificatie=identificatie,
        dagtekening=vandaag,
        xml=xml,
        antwoord_op=heen,
        retourcodes=heen.retourcodes,
    )


def nieuwe_inwoner(gelezen: Gelezen, gebruiker) -> Inwoner:
    """A request for someone not yet known: the inwoner comes from the message (api.md, "Flows")."""
    from indicaties import services

    bsn = gelezen.tekst(gelezen.client, "Bsn")
    geslacht = {"1": "man", "2": "vrouw"}.get(gelezen.tekst(gelezen.client, "Geslacht"), "onbekend")
    return services.registreer_inwoner(
        gebruiker=gebruiker,
        bsn=bsn,
        voornaam=gelezen.tekst(gelezen.client, "Naam/*Voornamen")
        or gelezen.tekst(gelezen.client, "Naam/*Voorletters")
        or "",
        achternaam=gelezen.tekst(gelezen.client, "Naam/*Geslachtsnaam/*Achternaam"),
        geboortedatum=gelezen.datum(gelezen.client, "Geboortedatum/*Datum"),
        geslacht=geslacht,
    )


def toewijzing(gelezen: Gelezen, product, aanbieder, inwoner) -> Indicatie | None:
    """The indicatie a start or stop names (TR019): this aanbieder's, of this client, under this law."""
    nummer = gelezen.tekst(product, "ToewijzingNummer")
    if not nummer:
        return None
    return (
        Indicatie.objects.select_for_update()
        .filter(
            toewijzingnummer=int(nummer),
            aanbieder=aanbieder,
            inwoner=inwoner,
            product__wet=xsd.wet_van(gelezen.soort),
        )
        .exclude(status__in=(IndicatieStatus.WACHT_OP_SCHAKELTEAM, IndicatieStatus.AFGEWEZEN))
        .first()
    )


def binnen_periode(indicatie: Indicatie, datum: datetime.date) -> bool:
    return indicatie.ingangsdatum <= datum and (indicatie.einddatum is None or datum <= indicatie.einddatum)


def verwerk_start(gelezen: Gelezen, bericht: Bericht, aanbieder, gebruiker) -> None:
    wijzigingen = []
    for product in gelezen.alle(gelezen.client, "StartProducten/StartProduct"):
        indicatie = toewijzing(gelezen, product, aanbieder, bericht.inwoner)
        begin = gelezen.datum(product, "Begindatum")
        status = gelezen.tekst(product, "StatusAanlevering")
        if indicatie is None or not binnen_periode(indicatie, begin):
            gelezen.weiger(product, NIET_GEKOPPELD)
        elif status == "1":
            if indicatie.zorg_gestart_op == begin:
                gelezen.weiger(product, EERDER_ONTVANGEN)
            elif indicatie.zorg_gestart_op is not None and indicatie.zorg_gestopt_op is None:
                gelezen.weiger(product, START_NIET_GESTOPT)
            else:
                wijzigingen.append((indicatie, begin, None))
        elif status == "3":
            if indicatie.zorg_gestart_op != begin:
                gelezen.weiger(product, GEEN_EERDER_BERICHT)
            elif indicatie.zorg_gestopt_op is not None:
                gelezen.weiger(product, AL_BEEINDIGD)
            else:
                wijzigingen.append((indicatie, None, None))
        else:
            gelezen.weiger(product, TECHNISCH)  # a changed start is sent as delete + new (OP033x2)
    if not gelezen.codes:
        for indicatie, begin, eind in wijzigingen:
            zet_levering(indicatie, gebruiker, gestart=begin, gestopt=eind, bericht=bericht)


def verwerk_stop(gelezen: Gelezen, bericht: Bericht, aanbieder, gebruiker) -> None:
    wijzigingen = []
    for product in gelezen.alle(gelezen.client, "StopProducten/StopProduct"):
        indicatie = toewijzing(gelezen, product, aanbieder, bericht.inwoner)
        eind = gelezen.datum(product, "Einddatum")
        begin = gelezen.datum(product, "Begindatum")
        status = gelezen.tekst(product, "StatusAanlevering")
        if indicatie is None or eind < indicatie.ingangsdatum:
            gelezen.weiger(product, NIET_GEKOPPELD)
        elif indicatie.zorg_gestart_op is None or indicatie.zorg_gestart_op != begin:
            gelezen.weiger(product, GEEN_START)
        elif status == "1":
            if indicatie.zorg_gestopt_op == eind:
                gelezen.weiger(product, EERDER_ONTVANGEN)
            else:
                wijzigingen.append((indicatie, indicatie.zorg_gestart_op, eind))
        elif status == "3":
            if indicatie.zorg_gestopt_op is None:
                gelezen.weiger(product, GEEN_START)
            else:
                wijzigingen.append((indicatie, indicatie.zorg_gestart_op, None))
        else:
            gelezen.weiger(product, TECHNISCH)
    if not gelezen.codes:
        for indicatie, begin, eind in wijzigingen:
            zet_levering(indicatie, gebruiker, gestart=begin, gestopt=eind, bericht=bericht)


def zet_levering(indicatie: Indicatie, gebruiker, *, gestart, gestopt, bericht: Bericht) -> None:
    reden = f"{bericht.soort} {bericht.bericht_identificatie} van {bericht.afzender} verwerkt"
    indicatie.zorg_gestart_op = gestart
    indicatie.zorg_gestopt_op = gestopt
    # Only what the aanbieder reported: no decision, so no 301 to compare (toewijzing.na_besluit).
    bewaar(indicatie, gebruiker, reden, update_fields=LEVERING)
    if gestart is not None:
        # The care started after all: the signal of the daily run no longer holds.
        for signaal in indicatie.signaalregels.filter(code=Code.ZORG_NIET_GESTART):
            verwijder(signaal, gebruiker, reden)


def verwerk_antwoord(gelezen: Gelezen, bericht: Bericht, aanbieder) -> None:
    """302 on our 301, 320 on our 319: accepted without retourcodes, refused with them (OP286)."""
    heen_soort = gelezen.soort[:-3] + ("301" if gelezen.soort.endswith("302") else "319")
    header = gelezen.vind(gelezen.boom, "Header")
    heen_ident = gelezen.tekst(header, "BerichtIdentificatie/*Identificatie")
    heen = (
        Bericht.objects.select_for_update()
        .filter(richting=Richting.UIT, soort=heen_soort, aanbieder=aanbieder, bericht_identificatie=heen_ident)
        .first()
    )
    if heen is None:
        raise ongeldig(
            f"Dit antwoord hoort bij {heen_soort} {heen_ident}, maar die is niet aan deze aanbieder verstuurd."
        )
    codes = sorted({e.text for e in gelezen.boom.iter(f"{{{gelezen.ns}}}RetourCode")} - {"0200"})
    bericht.antwoord_op = heen
    bericht.inwoner = heen.inwoner
    bericht.retourcodes = codes
    bericht.save()
    heen.status = BerichtStatus.AFGEKEURD if codes else BerichtStatus.GEACCEPTEERD
    heen.retourcodes = codes
    heen.save(update_fields=["status", "retourcodes"])
    if codes:
        meldingen.bericht_afgekeurd(heen)


def verwerk_verzoek(gelezen: Gelezen, bericht: Bericht, aanbieder, gebruiker) -> None:
    verzoeken.lees_verzoek(gelezen, bericht, aanbieder, nieuwe_inwoner=lambda: nieuwe_inwoner(gelezen, gebruiker))


VERWERKING = {
    "305": verwerk_start,
    "307": verwerk_stop,
    "315": verwerk_verzoek,
    "317": verwerk_verzoek,
}
