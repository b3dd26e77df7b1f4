"""What the page "Berichtenverkeer" lists: the messages and requests that need someone's attention,
each section as one queryset (the page counts it and shows its first rows: two queries, whatever
the number of rows)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Q, QuerySet

from indicaties.models import Indicatie, Inwoner

from . import services, verzoeken
from .models import (
    NAMEN,
    Bericht,
    BerichtStatus,
    DebetCredit,
    Declaratie,
    Prestatie,
    PrestatieStatus,
    Richting,
    Verzoek,
    VerzoekSoort,
)

# The kinds a person can filter on, by the number both standards share: "Toewijzing (301)".
SOORTEN = [(nummer, f"{naam} ({nummer})") for nummer, naam in NAMEN.items()]
VERZOEK_VAN = {"315": VerzoekSoort.TOEWIJZING, "317": VerzoekSoort.WIJZIGING}


def _berichten(qs: QuerySet, aanbieder=None, soort: str | None = None) -> QuerySet:
    if aanbieder is not None:
        qs = qs.filter(aanbieder=aanbieder)
    if soort:
        qs = qs.filter(soort__endswith=soort)
    return qs.select_related("aanbieder", "inwoner")


def klaar(aanbieder=None, soort: str | None = None) -> QuerySet[Bericht]:
    """Outgoing messages waiting for transport, the longest waiting first."""
    qs = Bericht.objects.filter(richting=Richting.UIT, status=BerichtStatus.KLAAR)
    return _berichten(qs, aanbieder, soort).order_by("aangemaakt", "id")


def _niet_opnieuw(richting: str) -> Exists:
    """A later message of the same kind between the same inwoner and aanbieder that was not refused:
    the refusal was put right (our corrected 301, or the aanbieder's corrected start)."""
    return Exists(
        Bericht.objects.filter(
            richting=richting,
            soort=OuterRef("soort"),
            inwoner=OuterRef("inwoner"),
            aanbieder=OuterRef("aanbieder"),
            aangemaakt__gt=OuterRef("aangemaakt"),
        ).exclude(status=BerichtStatus.AFGEKEURD)
    )


def afgekeurd_uit(aanbieder=None, soort: str | None = None) -> QuerySet[Bericht]:
    """Our 301s and 319s the aanbieder refused with retourcodes (they count as not sent, OP286) and
    that no later message for the same inwoner and aanbieder put right; the newest first."""
    qs = Bericht.objects.filter(richting=Richting.UIT, status=BerichtStatus.AFGEKEURD).exclude(
        _niet_opnieuw(Richting.UIT)
    )
    return _berichten(qs, aanbieder, soort).order_by("-aangemaakt", "id")


def afgekeurd_in(aanbieder=None, soort: str | None = None) -> QuerySet[Bericht]:
    """Messages of aanbieders this service refused (its retour carried the retourcodes) and that the
    aanbieder has not sent again in a form that was accepted; the newest first."""
    qs = Bericht.objects.filter(richting=Richting.IN, status=BerichtStatus.AFGEKEURD).exclude(
        _niet_opnieuw(Richting.IN)
    )
    return _berichten(qs, aanbieder, soort).order_by("-aangemaakt", "id")


def zonder_antwoord(vandaag: datetime.date, aanbieder=None, soort: str | None = None) -> QuerySet[Bericht]:
    """Our messages whose answer is overdue (services.antwoord_te_laat), the longest overdue first."""
    return _berichten(services.zonder_antwoord_te_laat(vandaag), aanbieder, soort).order_by("verzonden_op", "id")


def verzoeken_te_laat(vandaag: datetime.date, aanbieder=None, soort: str | None = None) -> QuerySet[Verzoek]:
    """Requests still open after their uiterste_datum, the oldest deadline first."""
    qs = verzoeken.te_laat(vandaag)
    if aanbieder is not None:
        qs = qs.filter(aanbieder=aanbieder)
    if soort:
        qs = qs.filter(soort=VERZOEK_VAN[soort]) if soort in VERZOEK_VAN else qs.none()
    return qs.select_related("aanbieder", "inwoner", "product").order_by("uiterste_datum", "id")


def indicaties_van(berichten) -> dict:
    """Per message, the indicaties whose toewijzing it carried (a 301 keeps their ToewijzingNummers
    in `inhoud`), in one query for all of them."""
    nummers = {b.pk: [int(n) for n in (b.inhoud or {}).get("toewijzingen", {})] for b in berichten}
    alle = {n for lijst in nummers.values() for n in lijst}
    if not alle:
        return {}
    per_nummer = {
        i.toewijzingnummer: i
        for i in Indicatie.objects.filter(toewijzingnummer__in=alle)
        .select_related("product")
        .only("pk", "toewijzingnummer", "product__code", "product__naam")
    }
    return {pk: [per_nummer[n] for n in lijst if n in per_nummer] for pk, lijst in nummers.items()}


def bsn_van(inwoner_id) -> list[str]:
    return list(Inwoner.objects.filter(pk=inwoner_id).values_list("bsn", flat=True))


def declaraties(aanbieder=None, status: str | None = None, inwoner=None) -> QuerySet[Declaratie]:
    """Received declarations, the newest first; `inwoner`: those with a prestatie for that inwoner
    (linked to one of their toewijzingen, or declared on their BSN)."""
    qs = Declaratie.objects.order_by("-ontvangen", "id")
    if aanbieder is not None:
        qs = qs.filter(aanbieder=aanbieder)
    if status:
        qs = qs.filter(status=status)
    if inwoner is not None:
        voor_inwoner = Prestatie.objects.filter(declaratie=OuterRef("pk")).filter(
            Q(indicatie__inwoner=inwoner) | Q(bsn__in=Inwoner.objects.filter(pk=inwoner).values("bsn"))
        )
        qs = qs.filter(Exists(voor_inwoner))
    return qs


# The Eenheid of a declared prestatie (WJ756/WMO756), for people.
EENHEDEN = {
    "01": "minuten",
    "04": "uur",
    "14": "etmalen",
    "16": "dagdelen",
    "82": "stuks (output)",
    "83": "euro",
    "84": "stuks (inspanning)",
}
# Minutes per declared Eenheid and per unit of an indicatie: hours may be declared in minutes (TR341).
MINUTEN_CODE = {"01": 1, "04": 60, "16": 240}
MINUTEN_EENHEID = {"minuut": 1, "uur": 60, "dagdeel": 240}


@dataclass
class Maandregel:
    maand: datetime.date  # the first day
    toegewezen: Decimal | None  # in the indicatie's unit; None for a total over the whole period
    gedeclareerd: Decimal = Decimal(0)  # approved, debet minus credit, in the indicatie's unit
    bedrag: Decimal = Decimal(0)  # approved, debet minus credit


def _dagen(van: datetime.date, tot: datetime.date) -> int:
    return max((tot - van).days + 1, 0)


def toegewezen_in_maand(indicatie: Indicatie, maand: datetime.date) -> Decimal | None:
    """The omvang assigned in a month, in the indicatie's unit: per week its share of the days the
    toewijzing runs in that month, per month the whole volume; None for a total (frequentie
    `totaal`), which belongs to no month."""
    eind_maand = maand + relativedelta(months=1) - datetime.timedelta(days=1)
    van = max(maand, indicatie.ingangsdatum)
    tot = min(eind_maand, indicatie.einddatum) if indicatie.einddatum else eind_maand
    if indicatie.frequentie == "totaal":
        return None
    if _dagen(van, tot) == 0:
        return Decimal(0)
    if indicatie.frequentie == "per_maand":
        return indicatie.volume
    return (indicatie.volume * _dagen(van, tot) / 7).quantize(Decimal("0.01"))


def _in_eenheid(volume: int, code: str, eenheid: str) -> Decimal:
    if code in MINUTEN_CODE and eenheid in MINUTEN_EENHEID:
        return (Decimal(volume) * MINUTEN_CODE[code] / MINUTEN_EENHEID[eenheid]).quantize(Decimal("0.01"))
    return Decimal(volume)


def gedeclareerd_per_maand(indicatie: Indicatie, vandaag: datetime.date) -> dict:
    """What was approved on an indicatie per month (net: debet minus credit) against what was
    assigned, from its first month to this one or its last, and every month something was declared
    in; one query."""
    prestaties = Prestatie.objects.filter(indicatie=indicatie, status=PrestatieStatus.TOEGEKEND).values_list(
        "begindatum", "debet_credit", "volume", "eenheid", "bedrag"
    )
    eerste = indicatie.ingangsdatum.replace(day=1)
    laatste = min(indicatie.einddatum or vandaag, vandaag).replace(day=1)
    maanden: dict[datetime.date, Maandregel] = {}
    maand = eerste
    while maand <= laatste:
        maanden[maand] = Maandregel(maand, toegewezen_in_maand(indicatie, maand))
        maand += relativedelta(months=1)
    for begin, debet_credit, volume, eenheid, bedrag in prestaties:
        sleutel = begin.replace(day=1)
        regel = maanden.setdefault(sleutel, Maandregel(sleutel, toegewezen_in_maand(indicatie, sleutel)))
        teken = -1 if debet_credit == DebetCredit.CREDIT else 1
        regel.gedeclareerd += teken * _in_eenheid(volume, eenheid, indicatie.eenheid)
        regel.bedrag += teken * bedrag
    regels = [maanden[m] for m in sorted(maanden)]
    if indicatie.frequentie == "totaal":
        toegewezen_totaal = indicatie.volume
    else:
        toegewezen_totaal = sum((r.toegewezen or Decimal(0) for r in regels), Decimal(0))
    return {
        "regels": regels,
        "toegewezen": toegewezen_totaal,
        "gedeclareerd": sum((r.gedeclareerd for r in regels), Decimal(0)),
        "bedrag": sum((r.bedrag for r in regels), Decimal(0)),
        "geschatte_kosten": indicatie.geschatte_kosten,
        "eenheid": indicatie.get_eenheid_display(),
        "frequentie": indicatie.get_frequentie_display(),
        "iets_gedeclareerd": bool(prestaties),
    }
