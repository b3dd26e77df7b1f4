"""Every request is one piece of work for the processing log: its trace (from a valid incoming
`traceparent`, else new), its activity (the one its view declares, basis.verwerking), and at the
end the records of what it processed that were not written before a commit."""

import logging

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse

from basis import verwerking
from basis.api.fouten import PROBLEM_JSON

from . import logboek
from .models import Status

logger = logging.getLogger(__name__)
NIET_VASTGELEGD = (
    "Wat u opvroeg kon niet in het verwerkingenlogboek worden vastgelegd en wordt daarom niet getoond. "
    "Probeer het later opnieuw."
)


def status_van(code: int) -> str:
    """LDV: a server error is ERROR, a refused or invalid request UNSET, the rest OK."""
    if code >= 500:
        return Status.ERROR
    return Status.UNSET if code >= 400 else Status.OK


class Verwerkingslog:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tokens = logboek.begin(
            actie=f"{request.method} {request.path_info[:150]}",
            activiteit=None,
            gebruiker=lambda: getattr(request, "user", None),
            rollen=lambda: getattr(request, "toegestane_rollen", None),
            traceparent=request.headers.get("traceparent"),
        )
        response = None
        try:
            response = self.get_response(request)
        finally:
            try:
                logboek.einde(tokens, status_van(response.status_code) if response is not None else Status.ERROR)
            except DatabaseError:
                # Shown but not logged is not allowed: then it is not shown.
                logger.exception("Verwerkingen niet vastgelegd")
                if response is not None:
                    response = self.niet_vastgelegd(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The view is known now: the activity it declares, and the route name instead of a path with ids.
        naam = request.resolver_match.view_name if request.resolver_match else None
        logboek.stel_activiteit_in(verwerking.van_view(view_func, request.method), f"{request.method} {naam}")

    @staticmethod
    def niet_vastgelegd(request):
        if request.path.startswith("/api/"):
            body = {"type": "about:blank", "title": "Dienst tijdelijk niet beschikbaar", "status": 503}
            return JsonResponse(body | {"detail": NIET_VASTGELEGD}, status=503, content_type=PROBLEM_JSON)
        return HttpResponse(NIET_VASTGELEGD, status=503, content_type="text/plain; charset=utf-8")
