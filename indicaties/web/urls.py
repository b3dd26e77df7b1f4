"""Pages of the register, included by casusregie.urls in the web UI's namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("inwoners/", views.inwoners, name="inwoners"),
    path("mijn-caseload/", views.mijn_caseload, name="mijn_caseload"),
    path("inwoners/nieuw/", views.inwoner_nieuw, name="inwoner_nieuw"),
    path("inwoners/<uuid:pk>/", views.inwoner, name="inwoner"),
    path("inwoners/<uuid:inwoner_pk>/indicaties/nieuw/", views.indicatie_nieuw, name="indicatie_nieuw"),
    path("inwoners/<uuid:inwoner_pk>/indicaties/voorbeeld/", views.indicatie_voorbeeld, name="indicatie_voorbeeld"),
    path("indicaties/<uuid:pk>/", views.indicatie, name="indicatie"),
    path("indicaties/<uuid:pk>/wijzigen/", views.indicatie_wijzigen, name="indicatie_wijzigen"),
    path("indicaties/<uuid:pk>/intrekken/", views.indicatie_intrekken, name="indicatie_intrekken"),
    path("indicaties/<uuid:pk>/schakelteam-besluit/", views.schakelteam_besluit, name="schakelteam_besluit"),
    path("indicaties/<uuid:pk>/advies/", views.advies_vragen, name="advies_vragen"),
    path("adviezen/<uuid:pk>/beantwoorden/", views.advies_beantwoorden, name="advies_beantwoorden"),
    path("evaluaties/<uuid:pk>/afronden/", views.evaluatie_afronden, name="evaluatie_afronden"),
    path("halfjaarchecks/<uuid:pk>/afronden/", views.halfjaarcheck_afronden, name="halfjaarcheck_afronden"),
    path("opvolgingen/<uuid:pk>/afhandelen/", views.opvolging_afhandelen, name="opvolging_afhandelen"),
]
