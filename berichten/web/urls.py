"""Pages of the chain, included by casusregie.urls in the web UI's namespace under /berichten/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.berichtenverkeer, name="berichtenverkeer"),
    path("declaraties/", views.declaraties, name="declaraties"),
    path("declaraties/<uuid:pk>/", views.declaratie, name="declaratie"),
]
