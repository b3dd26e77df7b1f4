"""The one API router: every app's viewsets under /api/v1/, registered here so that no app has to
import another app's views to publish them."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from indicaties.api import views as indicaties
from notifications.api.views import NotificatieViewSet
from privacy.api.views import VerwerkingViewSet
from stuurinformatie.api.urls import urlpatterns as stuurinformatie_urls
from stuurinformatie.api.views import StuurinformatieView
from toetsing.api.views import ToetsingViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
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
    path("stuurinformatie/", StuurinformatieView.as_view(), name="stuurinformatie"),
]
