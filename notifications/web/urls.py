"""Pages of the inbox, included under /notificaties/ in the web UI's namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.inbox, name="notificaties"),
    path("<uuid:pk>/gelezen/", views.markeer_gelezen, name="notificatie_gelezen"),
    path("alles-gelezen/", views.markeer_alles_gelezen, name="notificaties_alles_gelezen"),
]
