"""Beheer: the teams (who shares a caseload), and the accesses outside the caseload and the
processing log to look at, never to change. `LogtInzage` logs what the admin screens of other
apps show of an inwoner."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from basis.admin import AlleenLezen

from . import logboek, register
from .models import Correctie, Handeling, Team, ToegangBuitenCaseload, Verwerking


class LogtInzage:
    """For a ModelAdmin of data about an inwoner: every change page, list page and history page
    it shows is in the processing log. `inwoner_pad` leads from the model to its inwoner."""

    inwoner_pad = "inwoner"
    verwerking = register.BEHEERSCHERM

    def get_queryset(self, request):
        # The inwoner comes along with each row (select_related), not as an annotation: the counts
        # of a list page then need no join.
        qs = super().get_queryset(request)
        if not self.inwoner_pad:
            return qs
        # Django's change list adds `list_select_related` only to a query without select_related.
        mee = self.list_select_related
        if isinstance(mee, list | tuple):
            return qs.select_related(self.inwoner_pad, *mee)
        return qs.select_related()  # every required foreign key, the way to the inwoner among them

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            self.verwerkt(obj)
        return obj

    def log_addition(self, request, obj, message):
        self.verwerkt(obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self.verwerkt(obj)
        return super().log_change(request, obj, message)

    def verwerkt(self, *objecten) -> None:
        """Their inwoners' BSNs along `inwoner_pad`, from the objects in hand (read with their
        inwoner, `get_queryset`), not a query."""
        logboek.verwerkt([self._bsn(obj) for obj in objecten])

    def _bsn(self, obj) -> str | None:
        """None for an object about no inwoner (a declaration's messages name many, in their rows)."""
        for deel in self.inwoner_pad.split("__") if self.inwoner_pad else ():
            obj = getattr(obj, deel)
            if obj is None:
                return None
        return obj.bsn

    def get_changelist_instance(self, request):
        lijst = super().get_changelist_instance(request)
        self.verwerkt(*lijst.result_list)
        return lijst

    def has_view_history_or_change_history_permission(self, request, obj=None):
        # The history page of simple_history asks this with the object it is about to show: the
        # one place it hands that object out, so its reading is logged here.
        if obj is not None:
            self.verwerkt(obj)
        return super().has_view_history_or_change_history_permission(request, obj)


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "aantal_leden"]
    search_fields = ["naam", "leden__username", "leden__last_name"]
    filter_horizontal = ["leden"]

    @admin.display(description="leden")
    def aantal_leden(self, obj):
        return obj.leden.count()

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("leden")


@admin.register(ToegangBuitenCaseload)
class ToegangBuitenCaseloadAdmin(LogtInzage, AlleenLezen, admin.ModelAdmin):
    list_display = ["geopend_op", "gebruiker", "inwoner", "regisseur", "reden"]
    list_select_related = ["gebruiker", "inwoner", "regisseur"]
    date_hierarchy = "geopend_op"


@admin.register(Verwerking)
class VerwerkingAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["volgnummer", "start", "activiteit", "status", "trace_id"]
    list_filter = ["verwerkingsactiviteit", "status"]
    search_fields = ["=trace_id", "=betrokkene"]
    date_hierarchy = "start"

    @admin.display(description="verwerkingsactiviteit")
    def activiteit(self, obj):
        return register.naam_van(obj.verwerkingsactiviteit)


@admin.register(Handeling)
class HandelingAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["volgnummer", "tijdstip", "gebruikersnaam", "rollen", "actie", "betrokkenen", "status"]
    list_filter = ["verwerkingsactiviteit", "status"]
    search_fields = ["=trace_id", "gebruikersnaam"]
    date_hierarchy = "tijdstip"


@admin.register(Correctie)
class CorrectieAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["keten", "volgnummer", "veld", "was", "wordt", "vastgelegd_op"]
    list_filter = ["keten", "wordt"]
    search_fields = ["=volgnummer"]
