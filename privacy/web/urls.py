"""Pages of the privacy machinery, in the web UI's namespace under /privacy/."""

from django.urls import path

from . import views

urlpatterns = [
    path("toegang/", views.toegang_buiten_caseload, name="toegang_buiten_caseload"),
    path("toegang/overzicht/", views.toegangen, name="toegangen"),
    path("inwoners/<uuid:pk>/regisseur/", views.regisseur_overdragen, name="regisseur_overdragen"),
]
