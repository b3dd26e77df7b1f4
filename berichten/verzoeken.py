"""Requests of aanbieders (315 VOT, 317 VOW) in the werkvoorraad, and their answers: an indicatie
written with `verzoek` (its 301 carries the ReferentieAanbieder) or a refusal (319)."""

import datetime

from django.db import transaction
from django.db.models import Q

from basis import clock
from basis.codes import Code, Violation
from basis.exceptions import InvalidTransition, RuleViolation
from indicaties.models import Contract, Indicatie, IndicatieStatus, Product

from . import opbouw, xsd
from .models import Bericht, BerichtStatus, Richting, Verzoek, VerzoekSoort, VerzoekStatus

TERMIJN_WERKDAGEN = 5  # OP274, OP346
REFERENTIE_NIET_UNIEK = "9347"
VERZOEK_ONDERHANDEN = "9374"
ONGEWIJZIGD_ONBEKEND = "9350"
TE_WIJZIGEN_ONBEKEND = "9351"


def na_werkdagen(dag: datetime.date, aantal: int) -> datetime.date:
    """`aantal` working days (Monday to Friday) after `dag`."""
    while aantal:
        dag += datetime.timedelta(days=1)
        if dag.weekday() < 5:
            aantal -= 1
    return dag


def product_bij(aanbieder, categorie: str | None, code: str | None, wet: str) -> Product | None:
    """The catalogue product the standard's product names: through the aanbieder's contract, else by code."""
    if not code:
        return None
    contract = (
        Contract.objects.filter(aanbieder=aanbieder, productcode=code, product__wet=wet)
        .filter(Q(productcategorie=categorie) if categorie else Q())
        .select_related("product")
        .first()
    )
    return contract.product if contract else Product.objects.filter(code=code, wet=wet).first()


def _omvang(gelezen, element) -> dict:
    if gelezen.vind(element, "Omvang") is None:
        return {}
    return {
        "volume": gelezen.tekst(element, "Omvang/*Volume"),
        "eenheid": gelezen.tekst(element, "Omvang/*Eenheid"),
        "frequentie": gelezen.tekst(element, "Omvang/*Frequentie"),
    }


def lees_verzoek(gelezen, bericht: Bericht, aanbieder, *, nieuwe_inwoner) -> None:
    """The requests of a 315 (one per AangevraagdProduct) or a 317 (one for the whole VOW), kept
    only when the message is accepted whole."""
    wet = xsd.wet_van(gelezen.soort)
    inwoner = bericht.inwoner
    uiterste = na_werkdagen(clock.today(), TERMIJN_WERKDAGEN)
    open_verzoeken = (
        Verzoek.objects.filter(inwoner=inwoner, aanbieder=aanbieder, status=VerzoekStatus.OPEN) if inwoner else None
    )
    nieuw = []
    if gelezen.soort.endswith("315"):
        for product in gelezen.alle(gelezen.client, "AangevraagdeProducten/AangevraagdProduct"):
            referentie = gelezen.tekst(product, "ReferentieAanbieder")
            catalogus = product_bij(
                aanbieder, gelezen.tekst(product, "Product/*Categorie"), gelezen.tekst(product, "Product/*Code"), wet
            )
            if Verzoek.objects.filter(aanbieder=aanbieder, referentie_aanbieder=referentie).exists() or any(
                v["referentie_aanbieder"] == referentie for v in nieuw
            ):
                gelezen.weiger(product, REFERENTIE_NIET_UNIEK)
                continue
            if open_verzoeken is not None and open_verzoeken.filter(product=catalogus).exists():
                gelezen.weiger(product, VERZOEK_ONDERHANDEN)
                continue
            nieuw.append(
                {
                    "soort": VerzoekSoort.TOEWIJZING,
                    "product": catalogus,
                    "referentie_aanbieder": referentie,
                    "gegevens": {
                        "categorie": gelezen.tekst(product, "Product/*Categorie"),
                        "code": gelezen.tekst(product, "Product/*Code"),
                        "ingangsdatum": gelezen.tekst(product, "ToewijzingIngangsdatum"),
                        "einddatum": gelezen.tekst(product, "ToewijzingEinddatum"),
                        **_omvang(gelezen, product),
                        "commentaar": gelezen.tekst(product, "Commentaar"),
                    },
                }
            )
    else:
        verzoek = gelezen.vind(gelezen.client, "Verzoek")
        referentie = gelezen.tekst(verzoek, "ReferentieAanbieder")
        actueel = set(
            Indicatie.objects.filter(
                inwoner=inwoner, aanbieder=aanbieder, status=IndicatieStatus.TOEGEWEZEN, product__wet=wet
            ).values_list("toewijzingnummer", flat=True)
        )
        for pad, code in (
            ("OngewijzigdeProducten/OngewijzigdProduct", ONGEWIJZIGD_ONBEKEND),
            ("TeWijzigenProducten/TeWijzigenProduct", TE_WIJZIGEN_ONBEKEND),
        ):
            for product in gelezen.alle(verzoek, pad):
                if int(gelezen.tekst(product, "ToewijzingNummer")) not in actueel:
                    gelezen.weiger(product, code)
        if Verzoek.objects.filter(aanbieder=aanbieder, referentie_aanbieder=referentie).exists():
            gelezen.weiger(verzoek, REFERENTIE_NIET_UNIEK)
        elif open_verzoeken is not None and open_verzoeken.exists():
            gelezen.weiger(verzoek, VERZOEK_ONDERHANDEN)
        nieuwe = gelezen.alle(verzoek, "NieuweProducten/NieuwProduct")
        eerste_nieuw = nieuwe[0] if nieuwe else None
        nieuw.append(
            {
                "soort": VerzoekSoort.WIJZIGING,
                "product": product_bij(
                    aanbieder,
                    gelezen.tekst(eerste_nieuw, "Product/*Categorie"),
                    gelezen.tekst(eerste_nieuw, "Product/*Code"),
                    wet,
                )
                if eerste_nieuw is not None
                else None,
                "referentie_aanbieder": referentie,
                "gegevens": {
                    "reden": gelezen.tekst(verzoek, "RedenVerzoek"),
                    "ongewijzigd": [
                        gelezen.tekst(p, "ToewijzingNummer")
                        for p in gelezen.alle(verzoek, "OngewijzigdeProducten/OngewijzigdProduct")
                    ],
                    "te_wijzigen": [
                        {
                            "toewijzingnummer": gelezen.tekst(p, "ToewijzingNummer"),
                            "ingangsdatum": gelezen.tekst(p, "GewensteIngangsdatum"),
                            "einddatum": gelezen.tekst(p, "Einddatum"),
                            **_omvang(gelezen, p),
                        }
                        for p in gelezen.alle(verzoek, "TeWijzigenProducten/TeWijzigenProduct")
                    ],
                    "nieuw": [
                        {
                            "categorie": gelezen.tekst(p, "Product/*Categorie"),
                            "code": gelezen.tekst(p, "Product/*Code"),
                            "ingangsdatum": gelezen.tekst(p, "GewensteIngangsdatum"),
                            "einddatum": gelezen.tekst(p, "Einddatum"),
                            **_omvang(gelezen, p),
                        }
                        for p in nieuwe
                    ],
                },
            }
        )
    if gelezen.codes:
        return
    if inwoner is None:
        inwoner = bericht.inwoner = nieuwe_inwoner()
    for velden in nieuw:
        Verzoek.objects.create(inwoner=inwoner, aanbieder=aanbieder, bericht=bericht, uiterste_datum=uiterste, **velden)


def verzoek_afgehandeld() -> InvalidTransition:
    return InvalidTransition("Dit verzoek is al beantwoord.", code=Code.VERZOEK_AFGEHANDELD)


@transaction.atomic
def wijs_af(*, gebruiker, verzoek: Verzoek, reden: str, toelichting: str) -> Verzoek:
    """Refuse a request: a 319 with VerzoekAntwoord 1 and the RedenAfwijzingVerzoek (CD085)."""
    verzoek = Verzoek.objects.select_for_update(of=("self",)).select_related("aanbieder", "bericht").get(pk=verzoek.pk)
    if verzoek.status != VerzoekStatus.OPEN:
        raise verzoek_afgehandeld()
    if not toelichting.strip():
        raise RuleViolation(
            [Violation(Code.TOELICHTING_VERPLICHT, "toelichting", "Schrijf op waarom het verzoek wordt afgewezen.")]
        )
    soort = verzoek.bericht.soort[:-3] + "319"
    try:
        doc = opbouw.Opbouw(soort)
    except xsd.XsdOntbreekt as exc:
        raise RuleViolation([Violation(Code.XSD_ONTBREEKT, "non_field_errors", exc.bericht)]) from None
    identificatie = opbouw.volgende_identificatie(soort)
    vandaag = clock.today()
    doc.header(
        afzender=opbouw.gemeentecode(),
        ontvanger=verzoek.aanbieder.agb_code,
        identificatie=identificatie,
        dagtekening=vandaag,
    )
    antwoord = doc.el(doc.wortel, "Antwoord")
    doc.el(antwoord, "ReferentieAanbieder", verzoek.referentie_aanbieder)
    doc.el(antwoord, "VerzoekAntwoord", "1")
    doc.el(antwoord, "RedenAfwijzingVerzoek", reden)
    bericht = Bericht.objects.create(
        soort=soort,
        richting=Richting.UIT,
        status=BerichtStatus.KLAAR,
        aanbieder=verzoek.aanbieder,
        inwoner_id=verzoek.inwoner_id,
        afzender=opbouw.gemeentecode(),
        ontvanger=verzoek.aanbieder.agb_code,
        bericht_identificatie=identificatie,
        dagtekening=vandaag,
        xml=doc.klaar(),
        antwoord_op=verzoek.bericht,
    )
    verzoek.status = VerzoekStatus.AFGEWEZEN
    verzoek.reden_afwijzing = reden
    verzoek.toelichting = toelichting.strip()
    verzoek.antwoord = bericht
    verzoek.save()
    return verzoek


def beantwoord(verzoek_id, indicatie: Indicatie) -> None:
    """An indicatie registered with `verzoek`: the request is answered by it (in its transaction)."""
    verzoek = Verzoek.objects.select_for_update().filter(pk=verzoek_id).first()
    if verzoek is None or verzoek.inwoner_id != indicatie.inwoner_id or verzoek.aanbieder_id != indicatie.aanbieder_id:
        raise RuleViolation(
            [Violation(Code.INVALID, "verzoek", "Dit verzoek bestaat niet, of is niet van deze inwoner en aanbieder.")]
        )
    if verzoek.status != VerzoekStatus.OPEN:
        raise verzoek_afgehandeld()
    verzoek.status = VerzoekStatus.TOEGEWEZEN
    verzoek.indicatie = indicatie
    verzoek.save(update_fields=["status", "indicatie"])


def te_laat(vandaag: datetime.date | None = None):
    """Requests still open after their uiterste_datum: on that day itself they are on time."""
    return Verzoek.objects.filter(status=VerzoekStatus.OPEN, uiterste_datum__lt=vandaag or clock.today())


@transaction.atomic
def meld_verlopen_termijnen(datum: datetime.date | None = None) -> int:
    """Requests still open after their uiterste_datum: the regisseur hears of it, once (the daily beat)."""
    from . import meldingen

    datum = datum or clock.today()
    verzoeken = list(
        # Only the requests' own rows are locked: PostgreSQL locks no row on the nullable side of
        # the outer join to the regisseur.
        te_laat(datum)
        .select_for_update(of=("self",))
        .filter(termijn_gemeld=False)
        .select_related("inwoner__regisseur", "aanbieder")
    )
    meldingen.verzoeken_over_termijn(verzoeken)
    Verzoek.objects.filter(pk__in=[v.pk for v in verzoeken]).update(termijn_gemeld=True)
    return len(verzoeken)
