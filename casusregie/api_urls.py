"""The one API router: every app's viewsets under /api/v1/, registered here so that no app has to
import another app's views to publish them; and the API's own description (OpenAPI document, Swagger
UI, Redoc)."""

from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularJSONAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from casusregie.api import OPTIONELE_SLASH, api_pad
from indicaties.api import views as indicaties
from notifications.api.views import NotificatieViewSet
from privacy.api.views import VerwerkingViewSet
from stuurinformatie.api.urls import urlpatterns as stuurinformatie_urls
from stuurinformatie.api.views import StuurinformatieView
from toetsing.api.views import ToetsingViewSet


class Router(DefaultRouter):
    """Every path without a trailing slash, and with one as contract v1.0 had it (casusregie.api)."""

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
router.register("indicaties", indicaties.IndicatieViewSet, basename="indicatie")
router.register("evaluaties", indicaties.EvaluatieViewSet, basename="evaluatie")
router.register("halfjaarchecks", indicaties.HalfjaarcheckViewSet, basename="halfjaarcheck")
router.register("schakelteam-adviezen", indicaties.AdviesViewSet, basename="advies")
router.register("beleidsregels", indicaties.BeleidsregelsViewSet, basename="beleidsregels")
router.register("notificaties", NotificatieViewSet, basename="notificatie")
router.register("verwerkingen", VerwerkingViewSet, basename="verwerking")

urlpatterns = [
    *router.urls,
    *stuurinformatie_urls,
    api_pad("stuurinformatie", StuurinformatieView.as_view(), name="stuurinformatie"),
    # The document at the place the NL API Design Rules name (/core/publish-openapi), always JSON;
    # /schema stays for clients of v1.0 (YAML, or JSON with ?format=json).
    api_pad(r"openapi\.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    api_pad("schema", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI's settings come from a script of their own (?script), not an inline one: our CSP.
    api_pad("docs", SpectacularSwaggerSplitView.as_view(url_name="openapi"), name="swagger-ui"),
    api_pad("redoc", SpectacularRedocView.as_view(url_name="openapi"), name="redoc"),
]
