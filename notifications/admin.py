from django.contrib import admin, messages
from django.utils import timezone

from basis import clock
from basis.admin import AlleenLezen

from .email import ONDERBROKEN_NA
from .models import Notificatie


class EmailStatus(admin.SimpleListFilter):
    title = "e-mail"
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [
            ("verzonden", "verzonden"),
            ("wacht", "wacht op verzending"),
            ("onderbroken", "onderbroken: niet zeker of verzonden"),
        ]

    def queryset(self, request, queryset):
        grens = clock.now() - ONDERBROKEN_NA
        if self.value() == "verzonden":
            return queryset.filter(email_verzonden_op__isnull=False)
        if self.value() == "wacht":
            return queryset.filter(email_verzonden_op__isnull=True).exclude(verzending_gestart__lt=grens)
        if self.value() == "onderbroken":
            return queryset.filter(email_verzonden_op__isnull=True, verzending_gestart__lt=grens)
        return queryset


@admin.register(Notificatie)
class NotificatieAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["ontvanger", "soort", "onderwerp", "gelezen", "aangemaakt", "email"]
    list_filter = ["soort", "gelezen", EmailStatus]
    actions = ["email_opnieuw_versturen"]

    @admin.display(description="e-mail")
    def email(self, obj: Notificatie) -> str:
        if obj.email_verzonden_op is not None:
            return f"verzonden {timezone.localtime(obj.email_verzonden_op):%d-%m-%Y %H:%M}"
        if obj.verzending_gestart is not None and obj.verzending_gestart < clock.now() - ONDERBROKEN_NA:
            return f"onderbroken {timezone.localtime(obj.verzending_gestart):%d-%m-%Y %H:%M}: niet zeker of verzonden"
        return "wacht op verzending"

    @admin.action(description="E-mail opnieuw versturen (alleen onderbroken e-mails)")
    def email_opnieuw_versturen(self, request, queryset):
        """After beheer checked with the mail server that an interrupted mail did not go out: the
        next daily run sends it (at most once, like every mail)."""
        grens = clock.now() - ONDERBROKEN_NA
        aantal = queryset.filter(email_verzonden_op__isnull=True, verzending_gestart__lt=grens).update(
            verzending_gestart=None
        )
        messages.success(request, f"{aantal} e-mail(s) gaan mee met de volgende dagelijkse run.")
