"""What toetsing shows on the page of an indicatie (indicaties.web.aanvullingen): every verdict,
reaction and follow-up in its history, and a verdict 'niet akkoord' at the top."""

from django.urls import reverse
from django.utils import timezone

from basis.notatie import datum_tekst
from indicaties.web.aanvullingen import Gebeurtenis, Melding

from ..models import Oordeel, Toetsing, ToetsingStatus


def _naam(gebruiker) -> str:
    return (gebruiker.get_full_name() or gebruiker.get_username()) if gebruiker else "systeem"


def _beoordeeld(indicatie):
    return (
        Toetsing.objects.filter(indicatie=indicatie, status=ToetsingStatus.BEOORDEELD)
        .select_related("steekproef", "beoordelaar", "indicatie__consulent")
        .order_by("beoordeeld_op", "id")
    )


def gebeurtenissen(indicatie):
    for t in _beoordeeld(indicatie):
        yield Gebeurtenis(
            t.beoordeeld_op,
            _naam(t.beoordelaar),
            "Toetsing",
            f"Oordeel steekproef {t.steekproef.week}: {t.get_oordeel_display()}",
            t.toelichting,
        )
        if t.gereageerd_op:
            yield Gebeurtenis(
                t.gereageerd_op, _naam(t.indicatie.consulent), "Toetsing", "Reactie van de consulent", t.reactie
            )
        if t.opvolging_afgehandeld_op:
            yield Gebeurtenis(
                t.opvolging_afgehandeld_op,
                _naam(t.indicatie.consulent),
                "Toetsing",
                "Opvolging afgehandeld",
                t.opvolging_toelichting,
            )


def meldingen(indicatie):
    for t in _beoordeeld(indicatie).filter(oordeel=Oordeel.NIET_AKKOORD):
        afgehandeld = (
            f" De opvolging is afgehandeld op {datum_tekst(timezone.localdate(t.opvolging_afgehandeld_op))}."
            if t.opvolging_afgehandeld_op
            else " De opvolging door de consulent staat nog open."
        )
        yield Melding(
            f"Toetsing: niet akkoord (steekproef {t.steekproef.week})",
            f"Beoordeeld door {_naam(t.beoordelaar)} op {datum_tekst(timezone.localdate(t.beoordeeld_op))}: {t.toelichting}"
            + afgehandeld,
            reverse("web:toetsing_feedback"),
            "Naar de feedback van de toetsing",
        )


def onderwerpen(indicatie):
    return Toetsing.objects.filter(indicatie=indicatie).values_list("pk", flat=True)
