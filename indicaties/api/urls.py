from django.urls import path
from rest_framework.routers import DefaultRouter

from notifications.api.views import NotificatieViewSet
from stuurinformatie.api.views import StuurinformatieView

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("inwoners", views.InwonerViewSet, basename="inwoner")
router.register("aanbieders", views.AanbiederViewSet, basename="aanbieder")
router.register("producten", views.ProductViewSet, basename="product")
router.register("indicaties", views.IndicatieViewSet, basename="indicatie")
router.register("evaluaties", views.EvaluatieViewSet, basename="evaluatie")
router.register("halfjaarchecks", views.HalfjaarcheckViewSet, basename="halfjaarcheck")
router.register("schakelteam-adviezen", views.AdviesViewSet, basename="advies")
router.register("notificaties", NotificatieViewSet, basename="notificatie")

urlpatterns = [
    *router.urls,
    path("stuurinformatie/", StuurinformatieView.as_view(), name="stuurinformatie"),
]
