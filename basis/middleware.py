"""What every answer under /api/ carries, whichever view, handler or setting produced it."""

from django.conf import settings

from basis.api.fouten import als_probleem

API_PREFIX = "/api/"


class ApiAntwoorden:
    """`API-Version` with the full version on every API response (NL API Design Rules,
    /core/version-header), errors included.

    And every error under /api/ is a problem+json in every configuration (basis.api.fouten.
    als_probleem): with DEBUG on, Django answers a URL that does not resolve, a body that is too
    large or a request it cannot read with its technical HTML page before any handler is asked,
    and that page is what a client of the API would otherwise get."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        response = als_probleem(request, response)
        response["API-Version"] = settings.API_VERSIE
        return response
