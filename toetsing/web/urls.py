"""Pages of the toetsing, included under /toetsing/ in the web UI's namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.overzicht, name="toetsing"),
    path("trekken/", views.trek, name="toetsing_trek"),
    path("feedback/", views.feedback, name="toetsing_feedback"),
    path("<uuid:pk>/oordeel/", views.oordeel, name="toetsing_oordeel"),
    path("<uuid:pk>/reactie/", views.reageer, name="toetsing_reactie"),
    path("<uuid:pk>/opvolging/", views.opvolging, name="toetsing_opvolging"),
]
