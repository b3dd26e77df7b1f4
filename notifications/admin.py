from django.contrib import admin

from basis.admin import AlleenLezen

from .models import Notificatie


@admin.register(Notificatie)
class NotificatieAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["ontvanger", "soort", "onderwerp", "gelezen", "aangemaakt", "email_verzonden_op"]
    list_filter = ["soort", "gelezen"]
