from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

admin.site.site_header = "Casusregie – beheer"
admin.site.site_title = "Casusregie"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("", login_required(TemplateView.as_view(template_name="start.html")), name="start"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("indicaties.api.urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/v1/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]
