from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from basis.verwerking import GEEN, verwerking

from .. import services
from ..models import Notificatie


@verwerking(GEEN)
@login_required
def inbox(request):
    pagina = Paginator(Notificatie.objects.filter(ontvanger=request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "notifications/inbox.html", {"pagina": pagina})


@verwerking(GEEN)
@require_POST
@login_required
def markeer_gelezen(request, pk):
    # Someone else's notification is a 404: it does not exist for this user.
    notificatie = get_object_or_404(Notificatie, pk=pk, ontvanger=request.user)
    services.markeer_gelezen(gebruiker=request.user, notificatie=notificatie, gelezen=True)
    return redirect("web:notificaties")
