"""The start page: the work of the active role, gathered from each app's selectors. It lives in
the shell because it shows the register, the toetsing and the inbox side by side."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet, Window
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html

from basis import clock
from basis.roles import BACKOFFICE, CONSULENT, SCHAKELTEAM
from basis.verwerking import GEEN, verwerking
from basis.web import actieve_rol
from indicaties import selectors
from notifications import selectors as notificaties
from notifications.web.views import pagina_van
from privacy import caseload
from privacy.register import RAADPLEGEN
from privacy.web.caseload import getoond, zichtbaar
from toetsing import selectors as toetsing

# The rows a section shows at most; the total says how many there are.
WACHTRIJ_LIMIET = 50


@dataclass(frozen=True)
class Wachtrij:
    """One section of the werkvoorraad: the first rows and how many there are in all."""

    rijen: list
    totaal: int

    @property
    def afgekapt(self) -> bool:
        return self.totaal > len(self.rijen)


def _wachtrij(request, qs) -> Wachtrij:
    """The first rows of a section and how many there are in all, in one query: the count is a
    window over the whole selection, taken before the limit (no second query that filters and
    joins the same rows again). No row means no count: then there are none.
    Only what the user may see (need to know), and what is shown is in the processing log."""
    qs = zichtbaar(request, qs, pad=None).annotate(_totaal=Window(Count("pk")))
    rijen = getoond(qs[:WACHTRIJ_LIMIET])
    return Wachtrij(rijen=rijen, totaal=rijen[0]._totaal if rijen else 0)


def wachtrijen(user, rol) -> dict[str, Callable[[], QuerySet]]:
    """The work of a role that its start page lists and the menu's Werkvoorraad badge adds up, by
    the name of the page's section; each selection made only when it is asked for."""
    vandaag = clock.today()
    if rol == CONSULENT:
        return {
            "evaluaties": lambda: selectors.open_evaluaties_van(user),
            "checks": lambda: selectors.open_halfjaarchecks_van(user),
            "wachtend": lambda: selectors.wachtend_op_schakelteam(consulent=user),
            "aflopend": lambda: selectors.aflopend_binnenkort(user, vandaag),
            "opvolging_nodig": lambda: selectors.open_opvolgingen_van(user),
            "achttien": lambda: selectors.wordt_achttien_van(user, vandaag),
            "wlz_conflicten": lambda: selectors.wlz_conflicten_van(user),
            "opvolgingen": lambda: toetsing.opvolgingen_werkvoorraad(user),
        }
    if rol == SCHAKELTEAM:
        return {
            "wachtend": lambda: selectors.wachtend_op_schakelteam(behalve=user),
            "adviezen": lambda: selectors.open_adviesvragen(behalve=user),
        }
    if rol == BACKOFFICE:
        return {"open_toetsingen": toetsing.open_toetsingen}
    return {}


# The sections of each role's start page in their order, with their titles. Besides the queues of
# the badge: the consulent's unread notifications (the inbox has a badge of its own) and the
# backoffice's follow-ups (they wait on consulenten).
SECTIES = {
    CONSULENT: (
        ("evaluaties", "Evaluaties open of te laat"),
        ("checks", "Halfjaarchecks open"),
        ("opvolging_nodig", "Opvolging nodig"),
        ("wachtend", "Wacht op het schakelteam"),
        ("wlz_conflicten", "Zorg die niet meer past bij een Wlz-indicatie"),
        ("aflopend", "Loopt af binnen 6 weken"),
        ("achttien", "18 jaar binnen 6 maanden"),
        ("opvolgingen", "Toetsing: niet akkoord, op te volgen"),
        ("notificaties", "Ongelezen notificaties"),
    ),
    SCHAKELTEAM: (("wachtend", "Te beoordelen"), ("adviezen", "Adviesvragen")),
    BACKOFFICE: (
        ("open_toetsingen", "Oordelen te geven"),
        ("opvolgingen", "Niet akkoord, opvolging door de consulent nog open"),
    ),
}


def _selecties(user, rol) -> dict[str, Callable[[], QuerySet]]:
    selecties = wachtrijen(user, rol)
    if rol == CONSULENT:
        selecties["notificaties"] = lambda: notificaties.ongelezen(user)
    elif rol == BACKOFFICE:
        selecties["opvolgingen"] = toetsing.opvolgingen_backoffice
    return selecties


def _sectie(request, naam: str, selectie: Callable[[], QuerySet]) -> Wachtrij:
    wachtrij = _wachtrij(request, selectie())
    if naam == "notificaties":
        for n in wachtrij.rijen:
            n.pagina = pagina_van(n)
    return wachtrij


def _met_rol(request) -> str | None:
    rol = actieve_rol(request)
    # The work of the active role, with what that role may see of the inwoners in it.
    request.toegestane_rollen = (rol,) if rol else ()
    return rol


# Any logged-in user: one without a role sees how to get one, instead of a 403 whose
# "back to your werkvoorraad" link leads to the same 403.
@verwerking(RAADPLEGEN)
@login_required
def werkvoorraad(request):
    """The page with a place for each section, which loads after it (`sectie`), so the page does not
    wait for the biggest queue. `?volledig=1` (the link for a browser without JavaScript) draws every
    section at once, and the menu's badge then adds up their totals."""
    rol = _met_rol(request)
    volledig = "volledig" in request.GET
    context = {"rol": rol, "vandaag": clock.today(), "limiet": WACHTRIJ_LIMIET, "volledig": volledig}
    context["secties"] = [
        {
            "naam": naam,
            "titel": titel,
            "sjabloon": f"werkvoorraad/{rol}_{naam}.html",
            "url": reverse("werkvoorraad_sectie", args=[naam]),
        }
        for naam, titel in SECTIES.get(rol, ())
    ]
    if volledig:
        selecties = _selecties(request.user, rol)
        context.update({s["naam"]: _sectie(request, s["naam"], selecties[s["naam"]]) for s in context["secties"]})
        # The menu's badges take these totals instead of counting the same queues again.
        request.werkvoorraad_totalen = {s["naam"]: context[s["naam"]].totaal for s in context["secties"]}
    if rol == BACKOFFICE:
        context.update(
            steekproef=toetsing.stand_van_steekproef(toetsing.laatste_steekproef()),
            planning=toetsing.planning_steekproef(clock.today()),
        )
    return render(request, "werkvoorraad.html", context)


@verwerking(RAADPLEGEN)
@login_required
def sectie(request, naam: str):
    """One section of the start page of the active role, as the page loads it."""
    rol = _met_rol(request)
    selecties = _selecties(request.user, rol)
    if naam not in selecties:
        raise Http404("Deze rol heeft geen werkvoorraad met deze naam.")
    context = {"vandaag": clock.today(), "limiet": WACHTRIJ_LIMIET, naam: _sectie(request, naam, selecties[naam])}
    return render(request, f"werkvoorraad/{rol}_{naam}.html", context)


def werk_telling(request, rol) -> int:
    """The menu's Werkvoorraad badge: every queue of the role counted, only what the role may see
    (need to know). On the start page the sections counted them already and are taken instead."""
    getoond = getattr(request, "werkvoorraad_totalen", {})
    return sum(
        getoond[naam] if naam in getoond else caseload.zichtbaar(selectie(), request.user, None, (rol,)).count()
        for naam, selectie in wachtrijen(request.user, rol).items()
    )


def teller_html(aantal: int) -> str:
    if not aantal:
        return ""
    return format_html('<span class="teller">{}<span class="visueel-verborgen"> open</span></span>', aantal)


# Loaded by the menu after every page but the start page (htmx): counting every queue of a big
# caseload would otherwise be part of each page's answer time. Only numbers, no inwoner.
@verwerking(GEEN)
@login_required
def teller(request):
    return HttpResponse(teller_html(werk_telling(request, actieve_rol(request))))
