"""The OpenAPI document as the NL API Design Rules ask for it, for the views of every app.

Apps declare what their views do (serializers, `rollen`, `conflicten`, `extend_schema`); this module
adds what every operation has in common, so no view has to repeat it and no new endpoint can forget
it:

- every response carries `API-Version` (/core/version-header);
- every operation documents 400 and each other error status it can answer, as
  `application/problem+json` with `status`, `title`, `detail` and for 400 `invalid_params`
  (/core/error-handling/problem-details, /core/error-handling/invalid-input);
- request bodies are documented as JSON only (the API also still reads a form, as it did, but that
  is not the contract).

`tests/test_openapi.py` asserts these rules on the generated document.
"""

import uritemplate
from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

PROBLEM_JSON = "application/problem+json"
API_VERSION = "API-Version"

# status -> (name of the response component, description)
FOUTEN = {
    400: (
        "OngeldigeInvoer",
        "Ongeldige invoer: een veld, parameter of regel klopt niet. `invalid_params` noemt elk probleem "
        "met zijn veld, code en Nederlandse uitleg.",
    ),
    401: ("NietIngelogd", "Niet ingelogd: geen (geldig) token en geen sessie."),
    403: ("GeenToegang", "Geen toegang: de rol mag dit niet, of vier ogen (niet over het eigen werk)."),
    404: (
        "NietGevonden",
        "Niet gevonden: het object bestaat niet of is niet zichtbaar, of de pagina ligt na de laatste.",
    ),
    409: ("NietToegestaanInHuidigeStatus", "Niet toegestaan in de huidige status; `detail` zegt waarom."),
    412: ("VerouderdeVersie", "Verouderde versie: `If-Match` is niet de huidige versie; er is niets gewijzigd."),
    413: ("VerzoekTeGroot", "De inhoud van het verzoek is te groot (meer dan 2,5 MB); er is niets gewijzigd."),
    415: ("NietOndersteundMediatype", "Niet-ondersteund mediatype: stuur JSON (`Content-Type: application/json`)."),
    503: (
        "DienstNietBeschikbaar",
        "De database is tijdelijk niet bereikbaar; probeer het na `Retry-After` seconden opnieuw.",
    ),
}
# Given by the web server before the API sees the request, so without problem+json: a request
# line (path and query) longer than the server takes. Any operation can get it.
URI_TE_LANG = (
    "UriTeLang",
    "URI te lang: het pad met de query is langer dan de webserver aanneemt (bij gunicorn 4094 tekens, "
    "bij de ontwikkelserver 65.536). De webserver antwoordt zelf, vóór de API, dus zonder problem+json "
    "en zonder `API-Version`. Stuur minder of kortere filters.",
)
ALTIJD = (400, 401, 403, 414, 503)


class Schema(AutoSchema):
    """drf-spectacular's AutoSchema with what every operation of Casusregie has in common."""

    def map_parsers(self):
        return ["application/json"]

    def _get_response_headers_for_code(self, status_code, direction="response"):
        headers = super()._get_response_headers_for_code(status_code, direction)
        return {API_VERSION: {"$ref": f"#/components/headers/{API_VERSION}"}, **headers}

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in responses.items():
            # An error a view documents itself keeps its description, but its body is the problem
            # every error of the API is (basis.api), whatever serializer the view named.
            if int(code) >= 400 and "$ref" not in response:
                response["content"] = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Probleem"}}}
        for status in sorted(self.foutstatussen()):
            naam = URI_TE_LANG[0] if status == 414 else FOUTEN[status][0]
            responses.setdefault(str(status), {"$ref": f"#/components/responses/{naam}"})
        return responses

    def _get_parameters(self):
        parameters = super()._get_parameters()
        paginering = {p["name"] for p in self._get_pagination_parameters()}
        for parameter in parameters:
            # A filter left empty (`?status=`) filters nothing, as if it were absent; page and page
            # size must be numbers (basis.api.paginering.Paginering).
            if parameter["in"] == "query" and not parameter.get("required") and parameter["name"] not in paginering:
                parameter["allowEmptyValue"] = True
        return parameters

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction == "request" and isinstance(field, serializers.DecimalField) and schema.get("type") == "string":
            # Written as a decimal string ("12.50"), as every answer shows it; a JSON number is read
            # too (basis.api.jsontypen).
            getal = {"type": "number"}
            if field.min_value is not None:
                getal["minimum"] = float(field.min_value)
            if field.max_value is not None:
                getal["maximum"] = float(field.max_value)
            return {"anyOf": [schema, getal]}
        return schema

    def foutstatussen(self) -> set[int]:
        """The error statuses this operation can answer (docs/api.md, "Errors")."""
        statussen = set(ALTIJD)
        # A page past the last is a 404, whether the list is asked with GET or with a POST that
        # keeps its question out of the URL (`/verwerkingen/zoeken`).
        if uritemplate.variables(self.path) or (self._is_list_view() and self._get_paginator()):
            statussen.add(404)
        if self.method in ("POST", "PUT", "PATCH"):
            statussen.update((413, 415))
        actie = getattr(self.view, "action", None) or self.method.lower()
        if actie in getattr(self.view, "conflicten", ()):
            statussen.add(409)
        if ("If-Match", "header") in self._process_override_parameters():
            statussen.add(412)
        return statussen


def _probleem_schema() -> dict:
    return {
        "type": "object",
        "description": "Een fout volgens RFC 9457 (problem details).",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "example": "about:blank"},
            "title": {
                "type": "string",
                "description": "De soort fout, in het Nederlands.",
                "example": "Ongeldige invoer",
            },
            "status": {"type": "integer", "description": "De HTTP-status.", "example": 400},
            "detail": {
                "type": "string",
                "description": "Wat er mis is, in het Nederlands.",
                "example": "De gegevens voldoen niet aan de regels.",
            },
            "invalid_params": {
                "type": "array",
                "description": "Bij 400: elk probleem met de invoer.",
                "items": {"$ref": "#/components/schemas/OngeldigeParameter"},
            },
        },
    }


def _ongeldige_parameter_schema() -> dict:
    return {
        "type": "object",
        "required": ["name", "code", "reason"],
        "properties": {
            "name": {
                "type": "string",
                "description": "Het veld of de parameter, zoals in het verzoek (`tarieven.0.bedrag`), of "
                "`non_field_errors`.",
                "example": "einddatum",
            },
            "code": {
                "type": "string",
                "description": "Een regelcode (docs/domain.md) of invoercode (`required`, `invalid`, …).",
                "example": "max_duur_8_maanden",
            },
            "reason": {"type": "string", "description": "De uitleg in het Nederlands.", "example": "Vul dit veld in."},
        },
    }


def _fout_response(status: int, beschrijving: str) -> dict:
    headers = {API_VERSION: {"$ref": f"#/components/headers/{API_VERSION}"}}
    if status == 401:
        headers["WWW-Authenticate"] = {"description": "Hoe u zich aanmeldt: `Token`.", "schema": {"type": "string"}}
    if status == 503:
        headers["Retry-After"] = {
            "description": "Over hoeveel seconden u het opnieuw kunt proberen.",
            "schema": {"type": "integer"},
        }
    return {
        "description": beschrijving,
        "headers": headers,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Probleem"}}},
    }


def voeg_gedeelde_onderdelen_toe(result, generator, request, public):
    """Postprocessing hook: the components the operations refer to (Schema above)."""
    componenten = result.setdefault("components", {})
    componenten.setdefault("schemas", {}).update(
        Probleem=_probleem_schema(), OngeldigeParameter=_ongeldige_parameter_schema()
    )
    componenten["headers"] = {
        API_VERSION: {
            "description": "De volledige versie van de API (semver); gelijk aan `info.version`.",
            "schema": {"type": "string", "example": settings.API_VERSIE},
        }
    }
    componenten["responses"] = {naam: _fout_response(status, tekst) for status, (naam, tekst) in FOUTEN.items()}
    componenten["responses"][URI_TE_LANG[0]] = {"description": URI_TE_LANG[1]}
    return result
