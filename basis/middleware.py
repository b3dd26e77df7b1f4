"""What every answer under /api/ carries, whichever view, handler or setting produced it; and the
Dutch 404 page for the pages, also in development."""

from django.conf import settings
from django.views.defaults import page_not_found

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


class NederlandsePaginaNietGevonden:
    """A page that does not exist answers with the Dutch 404 page, also with DEBUG on: Django's
    technical 404 page (English, with the list of every URL pattern) is not for the people who
    try the service on a laptop. The API's 404 is ApiAntwoorden's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not request.path.startswith(API_PREFIX)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return page_not_found(request, None)
        return response
