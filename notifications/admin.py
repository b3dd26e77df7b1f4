from django.contrib import admin

from .models import Notificatie


@admin.register(Notificatie)
class NotificatieAdmin(admin.ModelAdmin):
    list_display = ["ontvanger", "soort", "onderwerp", "gelezen", "aangemaakt", "email_verzonden_op"]
    list_filter = ["soort", "gelezen"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
