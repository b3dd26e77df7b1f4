"""Beheer reads the messages and requests; they change only through the services (the API and the
exchange folder), and a message is never edited after it was written or received."""

from django.contrib import admin

from basis.admin import AlleenLezen, euro_kolom
from privacy.admin import LogtInzage

from .models import Bericht, Declaratie, Prestatie, Verzoek


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


@admin.register(Declaratie)
class DeclaratieAdmin(AlleenLezen, admin.ModelAdmin):
    # A declaration as a whole names no inwoner; its prestaties do (below).
    list_display = [
        "ontvangen",
        "declaratienummer",
        "aanbieder",
        "status",
        euro_kolom("ingediend", "ingediend"),
        euro_kolom("toegekend", "toegekend"),
        euro_kolom("afgewezen", "afgewezen"),
    ]
    list_filter = ["status", "wet"]
    search_fields = ["=declaratienummer", "aanbieder__naam", "=aanbieder__agb_code"]
    list_select_related = ["aanbieder"]
    date_hierarchy = "ontvangen"


@admin.register(Prestatie)
class PrestatieAdmin(LogtInzage, AlleenLezen, admin.ModelAdmin):
    inwoner_pad = ""  # a prestatie carries the BSN it was declared for
    list_display = [
        "referentienummer",
        "debet_credit",
        "begindatum",
        "einddatum",
        "volume",
        "eenheid",
        euro_kolom("bedrag", "bedrag"),
        "status",
        "retourcodes",
    ]
    list_filter = ["status", "debet_credit"]
    search_fields = ["=referentienummer", "=declaratie__declaratienummer", "=toewijzingnummer"]
    raw_id_fields = ["declaratie", "indicatie", "gecrediteerd_door"]
