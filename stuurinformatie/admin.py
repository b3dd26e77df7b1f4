from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BusinesscaseDoel, ProductmixBasis


@admin.register(ProductmixBasis)
class ProductmixBasisAdmin(SimpleHistoryAdmin):
    list_display = ["product_code", "basis_aandeel_licht", "toelichting"]


@admin.register(BusinesscaseDoel)
class BusinesscaseDoelAdmin(SimpleHistoryAdmin):
    list_display = ["jaar", "wet", "besparing"]
    list_filter = ["wet"]
