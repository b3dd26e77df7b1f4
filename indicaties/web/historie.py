"""The audit trail of an indicatie as a consulent reads it: Dutch field names and values
(d-m-jjjj, € 11.972,57, labels instead of codes, names instead of ids). The API keeps the raw
shape of basis.historie."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models

from basis.codes import label
from basis.historie import historie
from basis.notatie import datum_tekst, euro
from notifications.models import Notificatie

from ..models import Aanbieder, Evaluatie, Indicatie, IndicatieSignaal, Product
from . import aanvullingen

# Bookkeeping and links that never change or mean nothing to the reader.
VERBORGEN = {"inwoner", "versie", "voorganger", "vervangt"}
BEDRAGEN = {"geschatte_kosten", "vermeden_kosten"}


def _namen(rijen, veld: str, model, weergave, sleutel: str = "pk") -> dict[str, str]:
    """One query for every id (or code) the history mentions in this field."""
    ids = {w for r in rijen for w in r["wijzigingen"].get(veld, ()) if w is not None}
    if not ids:
        return {}
    return {str(getattr(o, sleutel)): weergave(o) for o in model.objects.filter(**{f"{sleutel}__in": ids})}


def _waarde(veld: models.Field, waarde, namen: dict[str, str]):
    if waarde in (None, ""):
        return None
    if veld.name in namen:
        return namen[veld.name].get(str(waarde), str(waarde))
    if veld.choices:
        return dict(veld.flatchoices).get(waarde, waarde)
    if isinstance(veld, models.BooleanField):
        return "ja" if waarde else "nee"
    if isinstance(veld, models.DateField) and not isinstance(veld, models.DateTimeField):
        return datum_tekst(datetime.date.fromisoformat(waarde))
    if isinstance(veld, models.DecimalField):
        bedrag = Decimal(waarde)
        return euro(bedrag) if veld.name in BEDRAGEN else f"{bedrag:.2f}".replace(".", ",")
    return waarde


def _volledige_namen(gebruikersnamen) -> dict[str, str]:
    """The full name of each user the history names by username, in one query."""
    namen = {n for n in gebruikersnamen if n}
    if not namen:
        return {}
    model = get_user_model()
    return {
        u.get_username(): u.get_full_name() or u.get_username()
        for u in model.objects.filter(**{f"{model.USERNAME_FIELD}__in": namen})
    }


def _indicatie_rijen(indicatie: Indicatie) -> list[dict]:
    rijen = historie(indicatie)
    velden = {f.name: f for f in Indicatie._meta.fields}
    namen = {
        "product": _namen(rijen, "product", Product, lambda p: f"{p.code} – {p.naam}", sleutel="code"),
        "aanbieder": _namen(rijen, "aanbieder", Aanbieder, lambda a: a.naam),
        "consulent": _namen(rijen, "consulent", get_user_model(), lambda u: u.get_full_name() or u.get_username()),
    }
    for rij in rijen:
        rij["soort"] = "Indicatie"
        rij["wijzigingen"] = {
            str(velden[naam].verbose_name): [_waarde(velden[naam], w, namen) for w in waarden]
            for naam, waarden in rij["wijzigingen"].items()
            if naam in velden and naam not in VERBORGEN
        }
    return rijen


def _evaluatie_rijen(indicatie: Indicatie) -> list[dict]:
    """Every version of the indicatie's evaluation: planned, opened, completed (with outcome)."""
    velden = {f.name: f for f in Evaluatie._meta.fields}
    rijen = []
    for evaluatie in Evaluatie.objects.filter(indicatie=indicatie):
        for rij in historie(evaluatie):
            rij["soort"] = "Evaluatie"
            rij["wijzigingen"] = {
                str(velden[naam].verbose_name): [_waarde(velden[naam], w, {}) for w in waarden]
                for naam, waarden in rij["wijzigingen"].items()
                if naam in velden and naam not in {"indicatie", "afgerond_door", "te_laat_gemeld"}
            }
            rijen.append(rij)
    return rijen


def _gebeurtenis(tijdstip, wie: str, soort: str, reden: str, tekst: str = "") -> dict:
    return {"tijdstip": tijdstip, "wie": wie, "soort": soort, "reden": reden, "tekst": tekst, "wijzigingen": {}}


def _signaal_rijen(indicatie: Indicatie) -> list[dict]:
    rijen = []
    signalen = IndicatieSignaal.history.filter(indicatie_id=indicatie.pk).select_related("history_user")
    for record in signalen.order_by("history_date"):
        wat = "gegeven" if record.history_type == "+" else "vervallen" if record.history_type == "-" else "gewijzigd"
        rijen.append(
            _gebeurtenis(record.history_date, "", "Signaal", f"{label(record.code)}: {wat}", record.toelichting or "")
            | {"gebruiker": record.history_user.get_username() if record.history_user_id else None}
        )
    return rijen


def _berichten(indicatie: Indicatie, onderwerpen: set) -> list[dict]:
    """The messages sent about the indicatie, its evaluation and what other apps add; one row
    per message however many received it."""
    per_bericht: dict = {}
    berichten = Notificatie.objects.filter(object_id__in=list(onderwerpen)).select_related("ontvanger")
    for n in berichten.order_by("aangemaakt", "id"):
        rij = per_bericht.setdefault(
            (n.soort, n.sleutel), _gebeurtenis(n.aangemaakt, "systeem", "Bericht", n.onderwerp) | {"aan": []}
        )
        rij["aan"].append(n.ontvanger.get_full_name() or n.ontvanger.get_username())
    for rij in per_bericht.values():
        rij["tekst"] = "Aan " + ", ".join(rij.pop("aan"))
    return list(per_bericht.values())


def historie_op_scherm(indicatie: Indicatie) -> list[dict]:
    """Everything that happened to the indicatie, oldest first: its own changes, its evaluation,
    its signals, the schakelteam's decisions and advice, what other apps add (the toetsing) and
    the messages sent about it, each with the full name of who did it."""
    rijen = _indicatie_rijen(indicatie) + _evaluatie_rijen(indicatie) + _signaal_rijen(indicatie)
    for b in indicatie.schakelteambeoordelingen.select_related("beoordelaar"):
        rijen.append(
            _gebeurtenis(
                b.besloten_op, _naam(b.beoordelaar), "Schakelteam", f"Besluit: {b.get_besluit_display()}", b.toelichting
            )
        )
    for a in indicatie.adviezen.select_related("gevraagd_door", "beantwoord_door"):
        rijen.append(_gebeurtenis(a.gevraagd_op, _naam(a.gevraagd_door), "Schakelteam", "Advies gevraagd", a.vraag))
        if a.beantwoord_op:
            rijen.append(
                _gebeurtenis(a.beantwoord_op, _naam(a.beantwoord_door), "Schakelteam", "Advies gegeven", a.antwoord)
            )
    for g in aanvullingen.gebeurtenissen(indicatie):
        rijen.append(_gebeurtenis(g.tijdstip, g.wie, g.soort, g.reden, g.tekst))
    evaluaties = Evaluatie.objects.filter(indicatie=indicatie).values_list("pk", flat=True)
    rijen += _berichten(indicatie, {indicatie.pk, *evaluaties, *aanvullingen.onderwerpen(indicatie)})
    namen = _volledige_namen(r.get("gebruiker") for r in rijen)
    for rij in rijen:
        if not rij.get("wie"):
            rij["wie"] = namen.get(rij.get("gebruiker"), rij.get("gebruiker")) or "systeem"
    return sorted(rijen, key=lambda r: r["tijdstip"])


def _naam(gebruiker) -> str:
    return (gebruiker.get_full_name() or gebruiker.get_username()) if gebruiker else "systeem"
