import datetime

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from basis import sso
from basis.oidc import GemeenteaccountInloggen, GemeenteaccountTerug
from basis.verwerking import GEEN, verwerking
from basis.web import kies_rol
from casusregie.gezondheid import gezondheid
from casusregie.werkvoorraad import sectie, teller, werkvoorraad
from privacy.register import BEHEERSCHERM

handler400 = "basis.api.fouten.ongeldig_verzoek"
handler404 = "basis.api.fouten.niet_gevonden"
handler500 = "basis.api.fouten.serverfout"

admin.site.site_header = "Casusregie – beheer"
admin.site.site_title = "Casusregie"
admin.site.index_title = "Beheer"
# The processing activity of the admin's pages (basis.verwerking); a ModelAdmin may declare its own.
admin.site.verwerking = BEHEERSCHERM

# The pages of every app in one namespace, `web`, as templates and redirects name them
# (`web:inwoner`, `web:toetsing`); each app only lists its own pages.
web = [
    path("", include("indicaties.web.urls")),
    path("notificaties/", include("notifications.web.urls")),
    path("stuurinformatie/", include("stuurinformatie.web.urls")),
    path("toetsing/", include("toetsing.web.urls")),
    path("privacy/", include("privacy.web.urls")),
    path("berichten/", include("berichten.web.urls")),
]

urlpatterns = [
    path("", werkvoorraad, name="start"),
    path("werkvoorraad/teller/", teller, name="werkvoorraad_teller"),
    path("werkvoorraad/<slug:naam>/", sectie, name="werkvoorraad_sectie"),
    path(
        "inloggen/",
        verwerking(GEEN)(
            auth_views.LoginView.as_view(
                redirect_authenticated_user=True,
                extra_context={
                    "pogingen": settings.AXES_FAILURE_LIMIT,
                    "blokkeertijd": datetime.timedelta(hours=settings.AXES_COOLOFF_TIME),
                    # Called when the page is drawn: the button shows only when single sign-on is on.
                    "gemeenteaccount": sso.aan,
                },
            )
        ),
        name="login",
    ),
    # Single sign-on (basis.oidc); without OIDC configuration both answer 404. The return
    # address keeps the name mozilla-django-oidc looks it up by.
    path("inloggen/gemeente/", GemeenteaccountInloggen.as_view(), name="gemeenteaccount_inloggen"),
    path("inloggen/gemeente/terug/", GemeenteaccountTerug.as_view(), name="oidc_authentication_callback"),
    path("uitloggen/", verwerking(GEEN)(auth_views.LogoutView.as_view()), name="logout"),
    path("rol/", kies_rol, name="kies_rol"),
    path("gezondheid/", gezondheid, name="gezondheid"),
    path("", include((web, "web"))),
    path("admin/", admin.site.urls),
    path("api/v1/", include("casusregie.api_urls")),
]
