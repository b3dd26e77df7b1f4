from django.urls import include, path

from notifications.web import views as notificaties
from stuurinformatie.web import urls as stuurinformatie
from toetsing.web import views as toetsing

from . import views

app_name = "web"

urlpatterns = [
    path("inwoners/", views.inwoners, name="inwoners"),
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
    path("notificaties/", notificaties.inbox, name="notificaties"),
    path("notificaties/<uuid:pk>/gelezen/", notificaties.markeer_gelezen, name="notificatie_gelezen"),
    path("stuurinformatie/", include(stuurinformatie)),
    path("toetsing/", toetsing.overzicht, name="toetsing"),
    path("toetsing/trekken/", toetsing.trek, name="toetsing_trek"),
    path("toetsing/feedback/", toetsing.feedback, name="toetsing_feedback"),
    path("toetsing/<uuid:pk>/oordeel/", toetsing.oordeel, name="toetsing_oordeel"),
    path("toetsing/<uuid:pk>/reactie/", toetsing.reageer, name="toetsing_reactie"),
    path("toetsing/<uuid:pk>/opvolging/", toetsing.opvolging, name="toetsing_opvolging"),
]
