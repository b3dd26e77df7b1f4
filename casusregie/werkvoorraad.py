"""The start page: the work of the active role, gathered from each app's selectors. It lives in
the shell because it shows the register, the toetsing and the inbox side by side."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Window
from django.http import HttpResponse
from django.shortcuts import render
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


def wachtrijen(user, rol) -> dict:
    """The work of a role that its start page lists and the menu's Werkvoorraad badge adds up, by
    the name of the page's section."""
    if rol == CONSULENT:
        return {
            "evaluaties": selectors.open_evaluaties_van(user),
            "checks": selectors.open_halfjaarchecks_van(user),
            "wachtend": selectors.wachtend_op_schakelteam(consulent=user),
            "aflopend": selectors.aflopend_binnenkort(user, clock.today()),
            "opvolging_nodig": selectors.open_opvolgingen_van(user),
            "achttien": selectors.wordt_achttien_van(user, clock.today()),
            "wlz_conflicten": selectors.wlz_conflicten_van(user),
            "opvolgingen": toetsing.opvolgingen_werkvoorraad(user),
        }
    if rol == SCHAKELTEAM:
        return {
            "wachtend": selectors.wachtend_op_schakelteam(behalve=user),
            "adviezen": selectors.open_adviesvragen(behalve=user),
        }
    if rol == BACKOFFICE:
        return {"open_toetsingen": toetsing.open_toetsingen()}
    return {}


# Any logged-in user: one without a role sees how to get one, instead of a 403 whose
# "back to your werkvoorraad" link leads to the same 403.
@verwerking(RAADPLEGEN)
@login_required
def werkvoorraad(request):
    rol = actieve_rol(request)
    user = request.user
    # The work of the active role, with what that role may see of the inwoners in it.
    request.toegestane_rollen = (rol,) if rol else ()
    context = {"rol": rol, "vandaag": clock.today(), "limiet": WACHTRIJ_LIMIET}
    context.update({naam: _wachtrij(request, qs) for naam, qs in wachtrijen(user, rol).items()})
    # Shown on the page, not counted in the badge: the inbox has a badge of its own, and the
    # backoffice's follow-ups wait on consulenten.
    if rol == CONSULENT:
        context["notificaties"] = _wachtrij(request, notificaties.ongelezen(user))
        for n in context["notificaties"].rijen:
            n.pagina = pagina_van(n)
    elif rol == BACKOFFICE:
        context.update(
            steekproef=toetsing.stand_van_steekproef(toetsing.laatste_steekproef()),
            planning=toetsing.planning_steekproef(clock.today()),
            opvolgingen=_wachtrij(request, toetsing.opvolgingen_backoffice()),
        )
    # The menu's badges take these totals instead of counting the same queues again.
    request.werkvoorraad_totalen = {naam: w.totaal for naam, w in context.items() if isinstance(w, Wachtrij)}
    return render(request, "werkvoorraad.html", context)


def werk_telling(request, rol) -> int:
    """The menu's Werkvoorraad badge: every queue of the role counted, only what the role may see
    (need to know). On the start page the sections counted them already and are taken instead."""
    getoond = getattr(request, "werkvoorraad_totalen", {})
    return sum(
        getoond[naam] if naam in getoond else caseload.zichtbaar(qs, request.user, None, (rol,)).count()
        for naam, qs in wachtrijen(request.user, rol).items()
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
