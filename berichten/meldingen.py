"""Who is told what of the messages: a refused 301 reaches the consulent of its toewijzingen, with
the retourcodes in words."""

from indicaties.models import Indicatie
from notifications.models import Soort
from notifications.services import notificeer

from . import xsd
from .models import Bericht

# The texts of the retourcodes this service itself may meet, for when the XSD is not at hand.
OMSCHRIJVINGEN = {
    "0001": "Bericht is afgekeurd om technische redenen.",
    "0200": "Geen opmerking over deze berichtklasse.",
    "0233": "Berichtklasse is niet beoordeeld.",
    "8848": "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen.",
    "9019": "Het regiebericht kan niet gekoppeld worden aan een toewijzing.",
}


def omschrijving(soort: str, code: str) -> str:
    try:
        return xsd.schema(soort).retourcodes.get(code) or OMSCHRIJVINGEN.get(code, "Onbekende retourcode.")
    except xsd.XsdOntbreekt:
        return OMSCHRIJVINGEN.get(code, "Onbekende retourcode.")


def bericht_afgekeurd(bericht: Bericht) -> None:
    nummers = [int(n) for n in bericht.inhoud.get("toewijzingen", {})]
    consulenten = {
        i.consulent for i in Indicatie.objects.filter(toewijzingnummer__in=nummers).select_related("consulent")
    }
    if not consulenten and bericht.inwoner_id and bericht.inwoner.regisseur:
        consulenten = {bericht.inwoner.regisseur}
    redenen = "; ".join(f"{c} {omschrijving(bericht.soort, c)}" for c in bericht.retourcodes)
    notificeer(
        consulenten,
        soort=Soort.BERICHT_AFGEKEURD,
        sleutel=str(bericht.pk),
        onderwerp=f"{bericht.soort} afgekeurd door {bericht.aanbieder}: {redenen}"[:200],
        object_id=bericht.pk,
    )


def verzoeken_over_termijn(verzoeken) -> int:
    """`verzoek_termijn`: a request still open after its uiterste_datum, to the inwoner's regisseur
    (without one, to backoffice), once per request."""
    from django.contrib.auth import get_user_model

    from basis.roles import BACKOFFICE

    backoffice = list(get_user_model().objects.filter(is_active=True, groups__name=BACKOFFICE))
    for verzoek in verzoeken:
        ontvangers = [verzoek.inwoner.regisseur] if verzoek.inwoner.regisseur else backoffice
        notificeer(
            ontvangers,
            soort=Soort.VERZOEK_TERMIJN,
            sleutel=f"verzoek_termijn:{verzoek.pk}",
            onderwerp=f"Verzoek {verzoek.referentie_aanbieder} van {verzoek.aanbieder} is niet beantwoord "
            f"vóór {verzoek.uiterste_datum:%d-%m-%Y}"[:200],
            object_id=verzoek.pk,
        )
    return len(verzoeken)
