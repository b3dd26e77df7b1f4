"""Pages of the stuurinformatie, included under /stuurinformatie/ in the web UI's namespace."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.overzicht, name="stuurinformatie"),
    path("tabellen/", views.alle_tabellen, name="stuurinformatie_tabellen"),
    path("tegels/", views.tegels_van_dit_jaar, name="stuurinformatie_tegels"),
    path("rapport.pdf", views.rapport, name="stuurinformatie_rapport"),
    path("declaraties/", views.declaraties, name="stuurinformatie_declaraties"),
    path("indicaties/", views.indicaties, name="stuurinformatie_indicaties"),
    re_path(
        r"^indicaties/export\.(?P<formaat>csv|xlsx)$", views.indicaties_export, name="stuurinformatie_indicaties_export"
    ),
    path("export.xlsx", views.export_alles, name="stuurinformatie_export_alles"),
    re_path(r"^export/(?P<tabel>[a-z_]+)\.(?P<formaat>csv|xlsx)$", views.export, name="stuurinformatie_export"),
]
