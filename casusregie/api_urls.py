"""The one API router: every app's viewsets under /api/v1/, registered here so that no app has to
import another app's views to publish them; and the API's own description (OpenAPI document, Swagger
UI, Redoc)."""

import functools

from csp.constants import NONCE, SELF
from csp.decorators import csp_update
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularJSONAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from basis.api.paden import OPTIONELE_SLASH, api_pad
from basis.verwerking import GEEN, verwerking
from berichten.api.views import BerichtViewSet, DeclaratieViewSet, VerzoekViewSet
from indicaties.api import views as indicaties
from notifications.api.views import NotificatieViewSet
from privacy.api.views import VerwerkingViewSet
from stuurinformatie.api.urls import urlpatterns as stuurinformatie_urls
from stuurinformatie.api.views import StuurinformatieView
from toetsing.api.views import ToetsingViewSet

# Redoc writes its styles at run time with this page's nonce (casusregie/static/casusregie/api/redoc.js),
# except two it writes while its script loads, before it has the nonce: perfect-scrollbar's style
# sheet and an empty one, allowed by their hashes (Redoc 2.3.9 in drf-spectacular-sidecar; when an
# update changes them, tests/web/test_api_documentatie.py fails and Chromium names the new hash).
# Its search runs in a worker it starts from a blob.
REDOC_CSP = {
    "script-src": [NONCE],
    "style-src": [
        NONCE,
        "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    ],
    "worker-src": [SELF, "blob:"],
}


def leesbaar(view):
    """A page of the API's description opened in a browser without a login goes to the login page
    and back, not to the API's 401 as raw JSON. An API client (a token, or no HTML asked for) keeps
    the 401 of every other endpoint."""

    @functools.wraps(view)
    def pagina(request, *args, **kwargs):
        browser = "text/html" in request.headers.get("Accept", "") and "Authorization" not in request.headers
        if browser and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return pagina


class Router(DefaultRouter):
    """Every path without a trailing slash, and with one as contract v1.0 had it (basis.api)."""

    include_root_view = False

    def __init__(self):
        super().__init__()
        self.trailing_slash = OPTIONELE_SLASH


router = Router()
# The detail routes only match a UUID, so `steekproeven/`, `overzicht/` and `opvolgingen/` are never
# taken for an id.
router.register("toetsingen", ToetsingViewSet, basename="toetsing")
router.register("inwoners", indicaties.InwonerViewSet, basename="inwoner")
router.register("aanbieders", indicaties.AanbiederViewSet, basename="aanbieder")
router.register("producten", indicaties.ProductViewSet, basename="product")
router.register("contracten", indicaties.ContractViewSet, basename="contract")
router.register("indicaties", indicaties.IndicatieViewSet, basename="indicatie")
router.register("evaluaties", indicaties.EvaluatieViewSet, basename="evaluatie")
router.register("halfjaarchecks", indicaties.HalfjaarcheckViewSet, basename="halfjaarcheck")
router.register("schakelteam-adviezen", indicaties.AdviesViewSet, basename="advies")
router.register("beleidsregels", indicaties.BeleidsregelsViewSet, basename="beleidsregels")
router.register("notificaties", NotificatieViewSet, basename="notificatie")
router.register("verwerkingen", VerwerkingViewSet, basename="verwerking")
router.register("berichten", BerichtViewSet, basename="bericht")
router.register("declaraties", DeclaratieViewSet, basename="declaratie")
router.register("verzoeken", VerzoekViewSet, basename="verzoek")

urlpatterns = [
    *router.urls,
    *stuurinformatie_urls,
    api_pad("stuurinformatie", StuurinformatieView.as_view(), name="stuurinformatie"),
    # The API's own description: no personal data (basis.verwerking).
    # The document at the place the NL API Design Rules name (/core/publish-openapi), always JSON;
    # /schema stays for clients of v1.0 (YAML, or JSON with ?format=json).
    api_pad(r"openapi\.json", verwerking(GEEN)(SpectacularJSONAPIView.as_view()), name="openapi"),
    api_pad("schema", verwerking(GEEN)(SpectacularAPIView.as_view()), name="schema"),
    # Swagger UI's settings come from a script of their own (?script), not an inline one: our CSP.
    api_pad(
        "docs", verwerking(GEEN)(leesbaar(SpectacularSwaggerSplitView.as_view(url_name="openapi"))), name="swagger-ui"
    ),
    api_pad(
        "redoc",
        verwerking(GEEN)(leesbaar(csp_update(REDOC_CSP)(SpectacularRedocView.as_view(url_name="openapi")))),
        name="redoc",
    ),
]
