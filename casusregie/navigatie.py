"""The menu of the web UI per active role, with its badges, and the context processor that puts it
on every page. The Werkvoorraad badge is the start page's sum of its sections; on any other page
it loads after the page (`werkvoorraad.teller`), so no page waits for every queue to be counted.
It lives in the shell because it counts the work of every app, each through that app's own
selectors."""

from django.urls import reverse

from basis.roles import ALLE_ROLLEN, BACKOFFICE, BEHEER, BELEID, CONSULENT, SCHAKELTEAM, rollen_van
from basis.web import ROL_NAMEN, actieve_rol
from casusregie.werkvoorraad import werk_telling
from notifications import selectors as notificaties


def menu(request, rol) -> list[dict]:
    pad = request.path
    # On the start page the badge is the sum of its sections; elsewhere it loads after the page.
    if hasattr(request, "werkvoorraad_totalen"):
        werk = {"teller": werk_telling(request, rol)}
    elif rol in (CONSULENT, SCHAKELTEAM, BACKOFFICE):
        werk = {"teller": None, "laden": reverse("werkvoorraad_teller")}
    else:
        werk = {"teller": None}
    items = [{"label": "Werkvoorraad", "url": reverse("start"), **werk}]
    if rol in (CONSULENT, SCHAKELTEAM, BACKOFFICE):
        items.append({"label": "Inwoners", "url": reverse("web:inwoners"), "teller": None})
    if rol == CONSULENT:
        items.append({"label": "Mijn caseload", "url": reverse("web:mijn_caseload"), "teller": None})
        items.append({"label": "Feedback toetsing", "url": reverse("web:toetsing_feedback"), "teller": None})
    if rol == BACKOFFICE:
        items.append({"label": "Toetsing", "url": reverse("web:toetsing"), "teller": None})
        items.append({"label": "Toegang buiten caseload", "url": reverse("web:toegangen"), "teller": None})
    if rol in (BACKOFFICE, BEHEER):
        items.append({"label": "Berichtenverkeer", "url": reverse("web:berichtenverkeer"), "teller": None})
        items.append({"label": "Declaraties", "url": reverse("web:declaraties"), "teller": None})
    if rol in (BACKOFFICE, BELEID, BEHEER):
        items.append({"label": "Stuurinformatie", "url": reverse("web:stuurinformatie"), "teller": None})
    if rol == BEHEER:
        items.append({"label": "Beheer", "url": reverse("admin:index"), "teller": None})
    ongelezen = getattr(request, "werkvoorraad_totalen", {}).get("notificaties")
    if ongelezen is None:
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
