"""Errors of the API: every refusal, whatever raised it, answered as an RFC 9457 problem
(application/problem+json) with `invalid_params`. Views never build error bodies themselves:
they raise, and `problem_exception_handler` maps domain errors and DRF errors here."""

import logging
import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from basis.exceptions import Domeinfout

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
    413: "Verzoek te groot",
    415: "Niet-ondersteund mediatype",
    429: "Te veel verzoeken",
    500: "Interne fout",
    503: "Dienst tijdelijk niet beschikbaar",
}


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


# --- Refusals that do not come from a view: the request itself, and any error page ------------


def verzoek_geweigerd(exc: SuspiciousOperation) -> tuple[int, str, list[dict] | None]:
    """A request Django refuses while reading it (too large a body, too many fields, a bad
    header): the client's fault, never a server error."""
    if isinstance(exc, RequestDataTooBig):
        return 413, "De inhoud van het verzoek is te groot.", None
    return 400, "Het verzoek is ongeldig.", _onleesbaar()


def _onleesbaar() -> list[dict]:
    """A 400 always names what is wrong (docs/api.md): here the request as a whole."""
    reden = "Het verzoek kan niet worden gelezen: te veel velden, een ongeldige kop of inhoud."
    return [{"name": "non_field_errors", "code": "invalid", "reason": reden}]


def als_probleem(request, response):
    """Every error answer under /api/ as a problem+json, whoever produced it: Django's own pages
    for a refused request (with DEBUG its technical page, without it handler400), a 404 that
    matched no route, a method or status of a view outside DRF. The status stays as it was."""
    if response.status_code < 400 or response.get("Content-Type", "").startswith(PROBLEM_JSON):
        return response
    status = response.status_code
    if status == 404:
        return niet_gevonden(request)
    if status >= 500:
        return serverfout(request)
    detail = {
        400: "Het verzoek is ongeldig.",
        413: "De inhoud van het verzoek is te groot.",
    }.get(status, TITELS.get(status, "Het verzoek is geweigerd."))
    params = _onleesbaar() if status == 400 else None
    nieuw = JsonResponse(_probleem(status, detail, params), status=status, content_type=PROBLEM_JSON)
    for kop in ("Allow", "Retry-After", "WWW-Authenticate"):
        if kop in response:
            nieuw[kop] = response[kop]
    return nieuw


def ongeldig_verzoek(request, exception=None):
    """handler400: a refused request under /api/ is a problem+json; pages keep Django's."""
    if request.path.startswith("/api/") and isinstance(exception, SuspiciousOperation):
        status, detail, params = verzoek_geweigerd(exception)
        return JsonResponse(_probleem(status, detail, params), status=status, content_type=PROBLEM_JSON)
    if request.path.startswith("/api/"):
        probleem = _probleem(400, "Het verzoek is ongeldig.", _onleesbaar())
        return JsonResponse(probleem, status=400, content_type=PROBLEM_JSON)
    return defaults.bad_request(request, exception)


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
    if isinstance(exc, Domeinfout):
        # Every refusal of the domain: its status, summary and refused fields come with it.
        antwoord = problem(exc.status, exc.detail, exc.invalid_params())
        if exc.status == 409:
            antwoord.data["code"] = str(exc.code)  # which conflict (e.g. bericht_dubbel), as a client can test it
        return antwoord
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
    if isinstance(exc, SuspiciousOperation):
        return problem(*verzoek_geweigerd(exc))
    return None


def _reden_parsefout(detail: str) -> str:
    """DRF passes on the parser's own English ("JSON parse error - Expecting value: line 1 column 1");
    a client gets Dutch, with the place of the error when the parser named it."""
    if "nested too deep" in detail:
        return "De inhoud is te diep genest om te lezen. Stuur de gegevens zoals de API ze beschrijft."
    reden = "De inhoud kan niet worden gelezen als JSON. Controleer aanhalingstekens, komma's en haakjes."
    if plek := re.search(r"line (\d+) column (\d+)", detail):
        reden += f" De fout staat op regel {plek[1]}, teken {plek[2]}."
    return reden
