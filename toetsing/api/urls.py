from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
# The detail routes only match a UUID, so `steekproeven/`, `overzicht/` and `opvolgingen/` are never
# taken for an id.
router.register("toetsingen", views.ToetsingViewSet, basename="toetsing")

urlpatterns = router.urls
