"""Shared plumbing of the web UI: roles per page, the active work queue, form errors."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from basis.exceptions import Domeinfout
from basis.roles import ALLE_ROLLEN, BACKOFFICE, BEHEER, BELEID, CONSULENT, SCHAKELTEAM, rollen_van
from basis.verwerking import GEEN, verwerking

ROL_NAMEN = {
    CONSULENT: "Consulent",
    SCHAKELTEAM: "Schakelteam",
    BACKOFFICE: "Backoffice",
    BELEID: "Beleid",
    BEHEER: "Beheer",
}


def actieve_rol(request) -> str | None:
    rollen = rollen_van(request.user)
    gekozen = request.session.get("rol")
    if gekozen in rollen:
        return gekozen
    return next((r for r in ALLE_ROLLEN if r in rollen), None)


def rol_vereist(*rollen: str):
    """Login required, and one of these roles; anything else is a 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not rollen_van(request.user) & set(rollen):
                raise PermissionDenied("U heeft geen toegang tot deze pagina.")
            # What the user may see of an inwoner here follows from these roles (privacy.caseload).
            request.toegestane_rollen = rollen
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@verwerking(GEEN)
@require_POST
@login_required
def kies_rol(request):
    rol = request.POST.get("rol")
    if rol in rollen_van(request.user):
        request.session["rol"] = rol
    return redirect(reverse("start"))


def fouten_naar_formulier(form, fout) -> None:
    """Show a refusal on the form: a `Domeinfout` (or the violations of one) on the fields it
    concerns, in its Dutch words (never the code); a refusal of the whole request above the form."""
    if isinstance(fout, Domeinfout) and not fout.violations:
        form.add_error(None, fout.bericht)
        return
    for v in fout.violations if isinstance(fout, Domeinfout) else fout:
        veld = v.veld if v.veld in form.fields else None
        form.add_error(veld, v.bericht)
