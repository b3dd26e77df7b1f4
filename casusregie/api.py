"""Shared API plumbing: problem+json errors, role permissions, pagination, query-parameter
filters and the shape of a `historie` answer, for the viewsets of every app (whose base class is
in casusregie.viewsets, to say why there).

Views never build error bodies themselves: they raise, and `problem_exception_handler` maps
domain errors and DRF errors to RFC 9457 problem details with `invalid_params`.
"""

import logging
import uuid

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from casusregie.exceptions import InvalidTransition, NotAllowed, RuleViolation, StaleVersion
from casusregie.roles import rollen_van

logger = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"

TITELS = {
    400: "Ongeldige invoer",
    401: "Niet ingelogd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Niet toegestaan in de huidige status",
    412: "Verouderde versie",
    415: "Niet-ondersteund mediatype",
    429: "Te veel verzoeken",
    500: "Interne fout",
    503: "Dienst tijdelijk niet beschikbaar",
}


class Paginering(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def _invalid_params(detail, prefix: str = "") -> list[dict]:
    params = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            naam = key if not prefix else f"{prefix}.{key}"
            if key == "non_field_errors" and prefix:
                naam = prefix
            params += _invalid_params(value, naam)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                params += _invalid_params(value, f"{prefix}.{index}" if prefix else str(index))
            else:
                params += _invalid_params(value, prefix)
    else:
        params.append(
            {
                "name": prefix or "non_field_errors",
                "code": getattr(detail, "code", None) or "invalid",
                "reason": str(detail),
            }
        )
    return params


def _probleem(status_code: int, detail: str, invalid_params: list[dict] | None = None) -> dict:
    body = {
        "type": "about:blank",
        "title": TITELS.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
    }
    if invalid_params is not None:
        body["invalid_params"] = invalid_params
    return body


def problem(status_code: int, detail: str, invalid_params: list[dict] | None = None, headers=None) -> Response:
    return Response(
        _probleem(status_code, detail, invalid_params), status=status_code, content_type=PROBLEM_JSON, headers=headers
    )


NIET_GEVONDEN = "Dit object bestaat niet of u mag het niet zien."


def niet_gevonden(request, exception=None):
    """handler404: an address under /api/ that matches no route (or an id that is not a UUID)
    is a problem+json like every other API error; pages get the Dutch 404 page."""
    if request.path.startswith("/api/"):
        return JsonResponse(_probleem(404, NIET_GEVONDEN), status=404, content_type=PROBLEM_JSON)
    return defaults.page_not_found(request, exception)


def serverfout(request):
    """handler500: never a stack trace, and for the API a problem+json a client can parse."""
    if request.path.startswith("/api/"):
        detail = "Er ging iets mis bij het verwerken van dit verzoek. De fout is vastgelegd; probeer het later opnieuw."
        return JsonResponse(_probleem(500, detail), status=500, content_type=PROBLEM_JSON)
    return defaults.server_error(request)


def problem_exception_handler(exc, context):
    response = _problem_voor(exc, context)
    request = context.get("request")
    if response is not None and request is not None:
        # The view negotiated its own renderer (YAML for the schema, HTML for the docs pages and
        # the browsable API); a problem is always JSON, or the body contradicts its content type.
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = PROBLEM_JSON
    return response


def _problem_voor(exc, context):
    if isinstance(exc, RuleViolation):
        return problem(
            400,
            "De gegevens voldoen niet aan de regels.",
            [{"name": v.veld, "code": v.code, "reason": v.bericht} for v in exc.violations],
        )
    if isinstance(exc, InvalidTransition):
        return problem(409, exc.bericht)
    if isinstance(exc, StaleVersion):
        return problem(412, exc.bericht)
    if isinstance(exc, NotAllowed):
        return problem(403, exc.bericht)
    if isinstance(exc, Http404):
        return problem(404, NIET_GEVONDEN)
    if isinstance(exc, DjangoPermissionDenied):
        return problem(403, "U heeft geen toegang tot deze functie.")
    if isinstance(exc, DjangoValidationError):
        return problem(
            400,
            "De gegevens zijn ongeldig.",
            _invalid_params(exc.message_dict if hasattr(exc, "error_dict") else exc.messages),
        )
    # Only trouble reaching the database is temporary (503, try again). An integrity, data or
    # programming error is a bug, and a 503 would hide it behind "try again later".
    if isinstance(exc, OperationalError | InterfaceError):
        logger.error("Database niet bereikbaar: %s", type(exc).__name__)
        return problem(
            503, "De database is tijdelijk niet bereikbaar. Probeer het later opnieuw.", headers={"Retry-After": "30"}
        )
    if isinstance(exc, exceptions.ValidationError):
        return problem(400, "De gegevens zijn ongeldig.", _invalid_params(exc.detail))
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        headers = {}
        authenticator = (
            context["request"].authenticators[0]
            if context.get("request") and context["request"].authenticators
            else None
        )
        if authenticator is not None:
            header = authenticator.authenticate_header(context["request"])
            if header:
                headers["WWW-Authenticate"] = header
        return problem(401, "Log in om deze functie te gebruiken.", headers=headers or None)
    if isinstance(exc, exceptions.PermissionDenied):
        return problem(403, "U heeft geen toegang tot deze functie.")
    if isinstance(exc, exceptions.NotFound):
        return problem(404, NIET_GEVONDEN)
    if isinstance(exc, exceptions.ParseError):
        return problem(
            400,
            "De inhoud van het verzoek is geen geldige JSON.",
            [{"name": "non_field_errors", "code": "parse_error", "reason": str(exc.detail)}],
        )
    if isinstance(exc, exceptions.APIException):
        return problem(exc.status_code, str(exc.detail))
    return None


class HeeftRol(BasePermission):
    """Allows an action when the user holds one of the roles the view lists for it.

    Views declare `rollen = {"list": (...), "create": (...), ...}`; an action that is not
    listed is refused, so a new endpoint is closed until someone opens it deliberately.
    """

    message = "U heeft geen toegang tot deze functie."

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if getattr(view, request.method.lower(), None) is None:
            # No handler for this method at all: let the view answer 405, not a 403 that
            # suggests another role could do it.
            return True
        actie = getattr(view, "action", None) or request.method.lower()
        toegestaan = view.rollen.get(actie, ())
        return bool(rollen_van(request.user) & set(toegestaan))


def uuid_filter(request, naam: str) -> uuid.UUID | None:
    waarde = request.query_params.get(naam)
    if waarde in (None, ""):
        return None
    try:
        return uuid.UUID(waarde)
    except ValueError as exc:
        raise exceptions.ValidationError({naam: ["Dit is geen geldig id (UUID)."]}, code="invalid") from exc


def keuze_filter(request, naam: str, keuzes) -> str | None:
    waarde = request.query_params.get(naam)
    if waarde in (None, ""):
        return None
    if waarde not in keuzes:
        raise exceptions.ValidationError({naam: [f"Onbekende waarde '{waarde}'."]}, code="invalid_choice")
    return waarde


# One version from `casusregie.historie.historie`, as every `historie` endpoint answers it. A
# comment, not a docstring: drf-spectacular would publish a docstring in the OpenAPI document.
class HistorieSerializer(serializers.Serializer):
    datum = serializers.DateTimeField()
    gebruiker = serializers.CharField(allow_null=True)
    type = serializers.ChoiceField(choices=["+", "~", "-"])
    wijzigingen = serializers.DictField(child=serializers.ListField())
    reden = serializers.CharField(allow_null=True)
