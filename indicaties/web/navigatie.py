"""The menu of the web UI per active role, with counts (a fixed number of count queries)."""

from django.urls import reverse

from casusregie import clock
from casusregie.roles import BACKOFFICE, BEHEER, BELEID, CONSULENT, SCHAKELTEAM
from notifications.models import Notificatie
from toetsing import selectors as toetsing_selectors
from toetsing.models import Toetsing, ToetsingStatus

from .. import selectors


def _werk_telling(request, rol) -> int:
    user = request.user
    if rol == CONSULENT:
        return (
            selectors.open_evaluaties_van(user).count()
            + selectors.open_halfjaarchecks_van(user).count()
            + selectors.wachtend_op_schakelteam(consulent=user).count()
            + selectors.aflopend_binnenkort(user, clock.today()).count()
            + toetsing_selectors.open_opvolgingen(consulent=user).count()
        )
    if rol == SCHAKELTEAM:
        return (
            selectors.wachtend_op_schakelteam(behalve=user).count() + selectors.open_adviesvragen(behalve=user).count()
        )
    if rol == BACKOFFICE:
        return Toetsing.objects.filter(status=ToetsingStatus.OPEN).count()
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
    if rol in (BACKOFFICE, BELEID, BEHEER):
        items.append({"label": "Stuurinformatie", "url": reverse("web:stuurinformatie"), "teller": None})
    if rol == BEHEER:
        items.append({"label": "Beheer", "url": reverse("admin:index"), "teller": None})
    ongelezen = Notificatie.objects.filter(ontvanger=request.user, gelezen=False).count()
    items.append({"label": "Notificaties", "url": reverse("web:notificaties"), "teller": ongelezen})
    for item in items:
        item["actief"] = pad == item["url"] or (item["url"] != "/" and pad.startswith(item["url"]))
    return items
