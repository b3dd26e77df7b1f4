from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("inwoners", views.InwonerViewSet, basename="inwoner")
router.register("aanbieders", views.AanbiederViewSet, basename="aanbieder")
router.register("producten", views.ProductViewSet, basename="product")
router.register("indicaties", views.IndicatieViewSet, basename="indicatie")

urlpatterns = router.urls
