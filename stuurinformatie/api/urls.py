"""The stuurinformatie's API paths outside the router, included by casusregie.api_urls."""

from django.urls import re_path

from .views import RapportView

# Without a trailing slash (NL API Design Rules), and with one as the other paths of contract v1.0.
urlpatterns = [re_path(r"^stuurinformatie/rapport(?:/)?$", RapportView.as_view(), name="stuurinformatie-rapport")]
