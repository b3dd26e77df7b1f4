"""The menu of the web UI per active role, with counts (a fixed number of count queries), and the
context processor that puts it on every page. It lives in the shell because it counts the work
of every app, each through that app's own selectors."""

from django.urls import reverse

from casusregie import clock
from casusregie.roles import ALLE_ROLLEN, BACKOFFICE, BEHEER, BELEID, CONSULENT, SCHAKELTEAM, rollen_van
from casusregie.web import ROL_NAMEN, actieve_rol
from indicaties import selectors
from notifications import selectors as notificaties
from privacy import caseload
from toetsing import selectors as toetsing


def _werk_telling(request, rol) -> int:
    user = request.user

    def tel(qs) -> int:
        # What the werkvoorraad of this role shows: only inwoners it may see (need to know).
        return caseload.zichtbaar(qs, user, None, (rol,)).count()

    if rol == CONSULENT:
        return (
            tel(selectors.open_evaluaties_van(user))
            + tel(selectors.open_halfjaarchecks_van(user))
            + tel(selectors.wachtend_op_schakelteam(consulent=user))
            + tel(selectors.aflopend_binnenkort(user, clock.today()))
            + tel(selectors.open_opvolgingen_van(user))
            + tel(selectors.wordt_achttien_van(user, clock.today()))
            + tel(toetsing.open_opvolgingen(consulent=user))
        )
    if rol == SCHAKELTEAM:
        return tel(selectors.wachtend_op_schakelteam(behalve=user)) + tel(selectors.open_adviesvragen(behalve=user))
    if rol == BACKOFFICE:
        return tel(toetsing.open_toetsingen())
    return 0


def menu(request, rol) -> list[dict]:
    pad = request.path
    items = [{"label": "Werkvoorraad", "url": reverse("start"), "teller": _werk_telling(request, rol)}]
    if rol in (CONSULENT, SCHAKELTEAM, BACKOFFICE):
        items.append({"label": "Inwoners", "url": reverse("web:inwoners"), "teller": None})
    if rol == CONSULENT:
        items.append({"label": "Feedback toetsing", "url": reverse("web:toetsing_feedback"), "teller": None})
    if rol == BACKOFFICE:
        items.append({"label": "Toetsing", "url": reverse("web:toetsing"), "teller": None})
        items.append({"label": "Toegang buiten caseload", "url": reverse("web:toegangen"), "teller": None})
    if rol in (BACKOFFICE, BELEID, BEHEER):
        items.append({"label": "Stuurinformatie", "url": reverse("web:stuurinformatie"), "teller": None})
    if rol == BEHEER:
        items.append({"label": "Beheer", "url": reverse("admin:index"), "teller": None})
    ongelezen = notificaties.ongelezen(request.user).count()
    items.append({"label": "Notificaties", "url": reverse("web:notificaties"), "teller": ongelezen})
    for item in items:
        item["actief"] = pad == item["url"] or (item["url"] != "/" and pad.startswith(item["url"]))
    return items


def navigatie(request) -> dict:
    """Context processor: the user's roles, the active one, and the menu with counts."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    rol = actieve_rol(request)
    return {
        "rollen": [(r, ROL_NAMEN[r]) for r in ALLE_ROLLEN if r in rollen_van(request.user)],
        "actieve_rol": rol,
        "actieve_rol_naam": ROL_NAMEN.get(rol, ""),
        "menu": menu(request, rol),
    }
