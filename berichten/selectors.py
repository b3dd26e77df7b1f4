"""What the page "Berichtenverkeer" lists: the messages and requests that need someone's attention,
each section as one queryset (the page counts it and shows its first rows: two queries, whatever
the number of rows)."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet

from indicaties.models import Indicatie

from . import services, verzoeken
from .models import NAMEN, Bericht, BerichtStatus, Richting, Verzoek, VerzoekSoort

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
