"""Beheer reads the messages and requests; they change only through the services (the API and the
exchange folder), and a message is never edited after it was written or received."""

from django.contrib import admin

from basis.admin import AlleenLezen
from privacy.admin import LogtInzage

from .models import Bericht, Verzoek


@admin.register(Bericht)
class BerichtAdmin(LogtInzage, AlleenLezen, admin.ModelAdmin):
    list_display = ["aangemaakt", "soort", "richting", "status", "bericht_identificatie", "aanbieder"]
    list_filter = ["richting", "status", "soort"]
    search_fields = ["=bericht_identificatie", "aanbieder__naam", "=aanbieder__agb_code"]
    list_select_related = ["aanbieder"]
    date_hierarchy = "aangemaakt"


@admin.register(Verzoek)
class VerzoekAdmin(LogtInzage, AlleenLezen, admin.ModelAdmin):
    list_display = ["uiterste_datum", "soort", "status", "referentie_aanbieder", "aanbieder"]
    list_filter = ["status", "soort"]
    list_select_related = ["aanbieder"]
