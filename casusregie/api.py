"""Shared API plumbing: problem+json errors, role permissions, pagination, query-parameter
filters and the shape of a `historie` answer, for the viewsets of every app (whose base class is
in casusregie.viewsets, to say why there).

Views never build error bodies themselves: they raise, and `problem_exception_handler` maps
domain errors and DRF errors to RFC 9457 problem details with `invalid_params`.
"""

import logging
import re
import uuid

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator as DjangoPaginator
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.urls import re_path
from django.utils.functional import cached_property
from django.views import defaults
from rest_framework import exceptions, serializers
from rest_framework.negotiation import DefaultContentNegotiation
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


# Paths have no trailing slash (NL API Design Rules, /core/no-trailing-slash); the paths of contract
# v1.0, with one, answer exactly the same. Not a redirect: a client that follows a 301 after a POST
# would send a GET without its body. The group is non-capturing, so the document and `reverse()`
# show the path without the slash.
OPTIONELE_SLASH = "(?:/)?"


def api_pad(pad: str, view, name: str):
    """A URL pattern for one path of the API outside the router, with the same optional slash."""
    return re_path(rf"^{pad}{OPTIONELE_SLASH}$", view, name=name)


def query_param(request, naam: str, *oude_namen: str) -> tuple[str, str | None]:
    """A query parameter by its documented lowerCamelCase name (`vanWeek`) or by the name contract
    v1.0 gave it (`van_week`), which old clients keep sending and which is no longer documented.
    Returns the name the client used, for the error message, and the value (None when absent)."""
    for sleutel in (naam, *oude_namen):
        if sleutel in request.query_params:
            return sleutel, request.query_params[sleutel]
    return naam, None


def positief_geheel_getal(naam: str, waarde: str, maximum: int | None = None) -> int:
    """A query parameter that must be a whole number from 1 (to `maximum`), as documented: anything
    else is a 400 naming the parameter, never silently another page or page size."""
    if not (waarde.isascii() and waarde.isdigit()) or int(waarde) < 1:
        tot = f" tot en met {maximum}" if maximum else ""
        raise exceptions.ValidationError(
            {naam: [exceptions.ErrorDetail(f"Geef een geheel getal vanaf 1{tot}.", code="invalid")]}
        )
    if maximum is not None and int(waarde) > maximum:
        raise exceptions.ValidationError(
            {naam: [exceptions.ErrorDetail(f"Geef een getal van hoogstens {maximum}.", code="max_value")]}
        )
    return int(waarde)


# Up to this many rows a list with a `telling` reads its page among their ids (docs/performance.md).
KLEINE_LIJST = 5000


class _Paginator(DjangoPaginator):
    """Django's paginator, counting `telling` when given instead of the page's own query.

    The page's own query walks the list in its order and stops after a page of rows the user may
    see: quick while they are many. When they are few (a schakelteam with a handful of requests
    in a register of a million) that walk reads the whole register to find them; then their ids
    come first, from `telling`, and the page is read among those. The page's query keeps every
    condition of its own, so the ids can only narrow it."""

    def __init__(self, object_list, per_page, *, telling=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.telling = telling

    @cached_property
    def count(self) -> int:
        if self.telling is not None:
            return self.telling.count()
        return super().count

    def page(self, number):
        if self.telling is not None and 0 < self.count <= KLEINE_LIJST:
            ids = list(self.telling.order_by().values_list("pk", flat=True))
            self.object_list = self.object_list.filter(pk__een_van=ids)
        return super().page(number)


class Paginering(PageNumberPagination):
    """`?page=` and `?pageSize=` (50 by default, at most 500), validated as the document says.

    `?page_size=` is how contract v1.0 spelled the page size. It still works exactly as it did
    (a value that is not a positive number means the default, more than 500 means 500), but it is
    no longer documented."""

    page_size_query_param = "pageSize"
    page_size_query_description = "Aantal resultaten per pagina (standaard 50)."
    page_query_description = "Het nummer van de pagina, vanaf 1."
    oude_page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        # A view may count its rows with a query of its own (`telling`): the same rows, in the
        # form the database counts fastest (privacy.caseload, `voor_telling`).
        telling = getattr(view, "telling", None)
        self._telling = telling() if telling is not None else None
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page, **kwargs):
        return _Paginator(object_list, per_page, telling=getattr(self, "_telling", None), **kwargs)

    def get_page_size(self, request):
        waarde = request.query_params.get(self.page_size_query_param)
        if waarde is not None:
            return positief_geheel_getal(self.page_size_query_param, waarde, self.max_page_size)
        if self.oude_page_size_query_param in request.query_params:
            try:
                oud = int(request.query_params[self.oude_page_size_query_param])
            except ValueError:
                return self.page_size
            return min(oud, self.max_page_size) if oud > 0 else self.page_size
        return self.page_size

    def get_page_number(self, request, paginator):
        waarde = request.query_params.get(self.page_query_param)
        if waarde in (None, *self.last_page_strings):
            return super().get_page_number(request, paginator)
        # A number past the last page stays a 404 (docs/api.md); a page that is no number is a 400.
        return positief_geheel_getal(self.page_query_param, waarde)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["schema"]["default"] = self.page_size
        return parameters


class Onderhandeling(DefaultContentNegotiation):
    """`?format=` with a format the endpoint does not have is invalid input, a 400 naming the
    parameter (NL API Design Rules, /core/error-handling/invalid-input); DRF answers a 404 as if the
    path did not exist. A `.xyz` suffix on the path stays a 404: that path does not exist."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            if format_suffix:
                raise
            naam = self.settings.URL_FORMAT_OVERRIDE
            keuzes = ", ".join(sorted({r.format for r in renderers}))
            bericht = f"Onbekend formaat. Kies uit: {keuzes}."
            raise exceptions.ValidationError({naam: [exceptions.ErrorDetail(bericht, code="invalid_choice")]}) from None


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
        antwoord = problem(409, exc.bericht)
        antwoord.data["code"] = str(exc.code)  # which conflict (e.g. bericht_dubbel), as a client can test it
        return antwoord
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
        # Why a token was refused (unknown, expired, inactive user) helps the client; no token at all
        # gets the general request to log in.
        detail = str(exc.detail) if isinstance(exc, exceptions.AuthenticationFailed) else ""
        return problem(401, detail or "Log in om deze functie te gebruiken.", headers=headers or None)
    if isinstance(exc, exceptions.PermissionDenied):
        return problem(403, "U heeft geen toegang tot deze functie.")
    if isinstance(exc, exceptions.NotFound):
        return problem(404, NIET_GEVONDEN)
    if isinstance(exc, exceptions.ParseError):
        return problem(
            400,
            "De inhoud van het verzoek is geen geldige JSON.",
            [{"name": "non_field_errors", "code": "parse_error", "reason": _reden_parsefout(str(exc.detail))}],
        )
    if isinstance(exc, exceptions.APIException):
        return problem(exc.status_code, str(exc.detail))
    return None


def _reden_parsefout(detail: str) -> str:
    """DRF passes on the parser's own English ("JSON parse error - Expecting value: line 1 column 1");
    a client gets Dutch, with the place of the error when the parser named it."""
    reden = "De inhoud kan niet worden gelezen als JSON. Controleer aanhalingstekens, komma's en haakjes."
    if plek := re.search(r"line (\d+) column (\d+)", detail):
        reden += f" De fout staat op regel {plek[1]}, teken {plek[2]}."
    return reden


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


# An id as every answer writes it (and as `format: uuid` means): 8-4-4-4-12 hexadecimal digits.
UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def uuid_filter(request, naam: str) -> uuid.UUID | None:
    waarde = request.query_params.get(naam)
    if waarde in (None, ""):
        return None
    if not re.fullmatch(UUID, waarde):
        raise exceptions.ValidationError({naam: ["Dit is geen geldig id (UUID)."]}, code="invalid")
    return uuid.UUID(waarde)


def keuze_filter(request, naam: str, keuzes) -> str | None:
    waarde = request.query_params.get(naam)
    if waarde in (None, ""):
        return None
    if waarde not in keuzes:
        raise exceptions.ValidationError({naam: [f"Onbekende waarde '{waarde}'."]}, code="invalid_choice")
    return waarde


# One version from `casusregie.historie.historie`, as every `historie` endpoint answers it. A
# comment, not a docstring: drf-spectacular would publish a docstring in the OpenAPI document.
# `datum` is the day of the change (Europe/Amsterdam), `tijdstip` the moment itself.
class HistorieSerializer(serializers.Serializer):
    datum = serializers.DateField()
    tijdstip = serializers.DateTimeField()
    gebruiker = serializers.CharField(allow_null=True)
    type = serializers.ChoiceField(choices=["+", "~", "-"])
    wijzigingen = serializers.DictField(child=serializers.ListField())
    reden = serializers.CharField(allow_null=True)
