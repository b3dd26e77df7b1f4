"""Read-only screens: a sample and its verdicts change only through the services (API), so the
four-eyes check and the recorded draw cannot be bypassed here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from basis.admin import AlleenLezen
from privacy.admin import LogtInzage

from .models import Steekproef, Toetsing


class ToetsingInline(AlleenLezen, admin.TabularInline):
    model = Toetsing
    fields = ["indicatie", "reden", "status", "oordeel", "beoordelaar", "beoordeeld_op"]
    readonly_fields = fields
    show_change_link = True
    extra = 0


@admin.register(Steekproef)
class SteekproefAdmin(AlleenLezen, SimpleHistoryAdmin):
    list_display = ["week", "percentage", "aangemaakt", "aangemaakt_door"]
    readonly_fields = ["week", "seed", "percentage", "populatie", "aangemaakt", "aangemaakt_door"]
    inlines = [ToetsingInline]


@admin.register(Toetsing)
class ToetsingAdmin(LogtInzage, AlleenLezen, SimpleHistoryAdmin):
    inwoner_pad = "indicatie__inwoner"
    list_display = ["steekproef", "indicatie", "reden", "status", "oordeel", "beoordelaar", "opvolging"]
    list_filter = ["reden", "status", "oordeel", "steekproef__week"]
    list_select_related = ["steekproef", "indicatie__product", "indicatie__inwoner", "beoordelaar"]
    readonly_fields = [
        "steekproef",
        "indicatie",
        "reden",
        "signalen",
        "status",
        "oordeel",
        "toelichting",
        "beoordelaar",
        "beoordeeld_op",
        "reactie",
        "gereageerd_op",
        "opvolging_afgehandeld_op",
        "opvolging_toelichting",
    ]
