from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from basis.admin import AlleenLezen, NederlandseGetallen, NederlandseKeuzes, euro_kolom

from .models import BusinesscaseDoel, Declaratie, Declaratiebestand, Maandrapport, ProductmixBasis, Streefwaarde
from .tegels import TEGELNAMEN


@admin.register(ProductmixBasis)
class ProductmixBasisAdmin(NederlandseGetallen, NederlandseKeuzes, SimpleHistoryAdmin):
    list_display = ["product_code", "basis_aandeel_licht", "toelichting"]


@admin.register(BusinesscaseDoel)
class BusinesscaseDoelAdmin(NederlandseGetallen, NederlandseKeuzes, SimpleHistoryAdmin):
    list_display = ["jaar", "wet", euro_kolom("besparing", "besparing")]
    list_filter = ["wet"]


@admin.register(Streefwaarde)
class StreefwaardeAdmin(NederlandseGetallen, NederlandseKeuzes, SimpleHistoryAdmin):
    """The targets of the overview's tiles; the set of tiles is fixed, their values are beheer's."""

    list_display = ["tegel", "waarde", "bron"]
    readonly_fields = ["tegel"]
    exclude = ["kpi"]

    @admin.display(description="tegel", ordering="kpi")
    def tegel(self, obj):
        # The tile's name, not its key (`budgetplafond_signaal`).
        return TEGELNAMEN.get(obj.kpi, obj.kpi)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Declaratiebestand)
class DeclaratiebestandAdmin(AlleenLezen, admin.ModelAdmin):
    """Files come in through the import (command or upload page), whole or not at all."""

    list_display = ["naam", "ingelezen_op", "ingelezen_door", "regels", euro_kolom("totaal", "totaal")]
    date_hierarchy = "ingelezen_op"


@admin.register(Declaratie)
class DeclaratieAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = [
        "indicatie",
        "begindatum",
        "einddatum",
        "volume",
        "eenheid",
        euro_kolom("bedrag", "bedrag"),
        "bestand",
        "prestatie",
    ]
    list_select_related = ["indicatie__product", "indicatie__inwoner", "bestand", "prestatie"]
    raw_id_fields = ["indicatie", "product", "aanbieder", "bestand", "prestatie"]
    date_hierarchy = "begindatum"
    show_full_result_count = False


@admin.register(Maandrapport)
class MaandrapportAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["maand", "verstuurd_op", "ontvangers"]
