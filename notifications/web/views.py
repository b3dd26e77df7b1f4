from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from basis.verwerking import GEEN, verwerking

from .. import services
from ..models import Notificatie, Soort

# The page a notification is about, by its kind: `object_id` is the id of what it names.
PAGINA_PER_SOORT = {
    Soort.SCHAKELTEAM_GEVRAAGD: "web:indicatie",
    Soort.SCHAKELTEAM_BESLUIT: "web:indicatie",
    Soort.INDICATIE_LOOPT_AF: "web:indicatie",
    Soort.EVALUATIE_OPEN: "web:evaluatie_afronden",
    Soort.EVALUATIE_TE_LAAT: "web:evaluatie_afronden",
    Soort.HALFJAARCHECK_OPEN: "web:halfjaarcheck_afronden",
    Soort.OPVOLGING_NODIG: "web:opvolging_afhandelen",
    Soort.TOEGANG_BUITEN_CASELOAD: "web:inwoner",
}


def pagina_van(notificatie: Notificatie) -> str | None:
    """Where the notification leads: the case it is about (a verdict: the feedback page)."""
    if notificatie.soort == Soort.TOETSING_OORDEEL:
        return reverse("web:toetsing_feedback")
    naam = PAGINA_PER_SOORT.get(notificatie.soort)
    return reverse(naam, args=[notificatie.object_id]) if naam and notificatie.object_id else None


@verwerking(GEEN)
@login_required
def inbox(request):
    qs = Notificatie.objects.filter(ontvanger=request.user)
    pagina = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    for n in pagina.object_list:
        n.pagina = pagina_van(n)
    return render(
        request,
        "notifications/inbox.html",
        {"pagina": pagina, "ongelezen": qs.filter(gelezen=False).exists()},
    )


@verwerking(GEEN)
@require_POST
@login_required
def markeer_alles_gelezen(request):
    services.markeer_alles_gelezen(gebruiker=request.user)
    return redirect("web:notificaties")


@verwerking(GEEN)
@require_POST
@login_required
def markeer_gelezen(request, pk):
    # Someone else's notification is a 404: it does not exist for this user.
    notificatie = get_object_or_404(Notificatie, pk=pk, ontvanger=request.user)
    services.markeer_gelezen(gebruiker=request.user, notificatie=notificatie, gelezen=True)
    return redirect("web:notificaties")
