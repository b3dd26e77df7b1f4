"""Shared pieces of the beheer screens (Django admin) for the admin modules of every app, and the
screens of casusregie's own models (API tokens)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.html import format_html
from rest_framework.authtoken.models import Token, TokenProxy

from basis import clock
from basis.formulieren import DecimaalInvoer, DecimaalVeld
from basis.models import ApiToken


def euro_kolom(veld: str, titel: str):
    """A column of an admin list with an amount as everywhere else: € 58,20, not 58,20."""
    from basis.notatie import euro

    @admin.display(description=titel, ordering=veld)
    def kolom(obj):
        waarde = getattr(obj, veld)
        return "–" if waarde is None else euro(waarde)

    kolom.__name__ = f"{veld}_in_euro"
    return kolom


class NederlandseKeuzes:
    """A choice list of the beheer screens starts with a Dutch placeholder ("Kies een product")
    instead of Django's "---------": a list of objects and a list of codes alike. Every beheer
    screen takes it (tests/web/test_notatie.py walks them all)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("empty_label", f"Kies een {db_field.verbose_name}")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        veld = super().formfield_for_choice_field(db_field, request, **kwargs)
        keuzes = list(veld.choices)
        if keuzes and keuzes[0][0] in ("", None):
            veld.choices = [("", f"Kies een {db_field.verbose_name}"), *keuzes[1:]]
        return veld


class AlleenLezen:
    """History and derived records cannot be edited or deleted through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NederlandseGetallen:
    """Decimal numbers typed as people here type them (2,5 and 2.5), shown with a comma
    (basis.formulieren); every admin screen with a decimal field uses it."""

    formfield_overrides = {models.DecimalField: {"form_class": DecimaalVeld, "widget": DecimaalInvoer}}


# --- API tokens (docs/permissions.md, "API-tokens") --------------------------------------------------
# Registered here, in the app that owns them. The key is shown once, when the token is made; the
# addresses of these screens carry the row's id, never the key.


class NieuwApiTokenFormulier(forms.ModelForm):
    gebruiker = forms.ModelChoiceField(
        label="Gebruiker",
        empty_label="Kies een gebruiker",
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        help_text="Het token geeft toegang met de rollen van deze gebruiker.",
    )

    class Meta:
        model = ApiToken
        fields = ["geldig_tot"]

    field_order = ["gebruiker", "geldig_tot"]

    def clean_gebruiker(self):
        gebruiker = self.cleaned_data["gebruiker"]
        if Token.objects.filter(user=gebruiker).exists():
            raise forms.ValidationError(
                "Deze gebruiker heeft al een API-token. Trek dat eerst in; daarna kunt u een nieuw token maken."
            )
        return gebruiker

    def clean_geldig_tot(self):
        geldig_tot = self.cleaned_data["geldig_tot"]
        if geldig_tot is not None and geldig_tot < clock.today():
            raise forms.ValidationError("Kies vandaag of een datum in de toekomst.")
        return geldig_tot


@admin.register(ApiToken)
class ApiTokenAdmin(NederlandseKeuzes, admin.ModelAdmin):
    list_display = ["gebruiker", "sleutel", "aangemaakt", "geldig_tot", "laatst_gebruikt", "status"]
    list_select_related = ["token__user"]
    search_fields = ["token__user__username"]
    ordering = ["token__user__username"]
    readonly_fields = ["gebruiker", "sleutel", "aangemaakt", "laatst_gebruikt", "aangemaakt_door"]
    actions = ["intrekken"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["gebruiker", "geldig_tot"]
        return ["gebruiker", "sleutel", "aangemaakt", "aangemaakt_door", "laatst_gebruikt", "geldig_tot"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = NieuwApiTokenFormulier
        return super().get_form(request, obj, change=change, **kwargs)

    @admin.display(description="gebruiker", ordering="token__user__username")
    def gebruiker(self, obj):
        return obj.token.user

    @admin.display(description="sleutel")
    def sleutel(self, obj):
        return f"{obj.token.key[:6]}…"

    @admin.display(description="aangemaakt", ordering="token__created")
    def aangemaakt(self, obj):
        return obj.token.created

    @admin.display(description="status")
    def status(self, obj):
        if obj.geldig_tot is not None and obj.geldig_tot < clock.today():
            return "verlopen"
        return "actief"

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        # The token's own post_save made its row; this fills in the end date and the maker.
        token = Token.objects.create(user=form.cleaned_data["gebruiker"])
        obj.pk = token.gegevens.pk
        obj.token = token
        obj.aangemaakt_door = request.user
        obj.laatst_gebruikt = None
        obj.save()

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            format_html(
                "Het API-token voor {} is gemaakt. De sleutel, die u alleen nu ziet: <code>{}</code>. "
                "Geef hem veilig door; de gebruiker stuurt hem mee als <code>Authorization: Token {}</code>.",
                obj.token.user,
                obj.token.key,
                obj.token.key,
            ),
            messages.SUCCESS,
        )
        return super().response_add(request, obj, post_url_continue)

    def get_actions(self, request):
        acties = super().get_actions(request)
        acties.pop("delete_selected", None)  # intrekken does the same, in the words of beheer
        return acties

    def delete_model(self, request, obj):
        obj.token.delete()

    def delete_queryset(self, request, queryset):
        Token.objects.filter(gegevens__in=queryset).delete()

    @admin.action(description="Geselecteerde API-tokens intrekken", permissions=["delete"])
    def intrekken(self, request, queryset):
        aantal = queryset.count()
        self.delete_queryset(request, queryset)
        self.message_user(request, f"{aantal} API-token(s) ingetrokken: ze werken niet meer.", messages.SUCCESS)


# DRF's own token screen would show the same tokens again, with their keys.
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


# --- Gebruikers (docs/permissions.md, "Rollen toekennen") --------------------------------------------
# Beheer manages accounts, their roles (groups) and teams; the rights beyond a role are a
# superuser's to grant. Otherwise beheer could tick "superuser" on an account (its own, or one it
# makes) and do everything the roles deny it, the read-only inwoner included.

PRIVILEGES = ("is_superuser", "is_staff", "user_permissions")
ALLEEN_SUPERUSER = "Alleen een superuser kent superuser- of medewerkerstatus en losse rechten toe."


class GebruikerAdmin(NederlandseKeuzes, UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        velden = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            velden += [veld for veld in PRIVILEGES if veld not in velden]
        return velden

    def has_change_permission(self, request, obj=None):
        # A superuser's account (its password, its name) only by a superuser: whoever could set
        # its password could act as it.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and not request.user.is_superuser and any(v in request.POST for v in PRIVILEGES):
            raise PermissionDenied(ALLEEN_SUPERUSER)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            vorige = type(obj).objects.filter(pk=obj.pk).values("is_superuser", "is_staff").first() if change else None
            vorige = vorige or {"is_superuser": False, "is_staff": False}
            if (obj.is_superuser, obj.is_staff) != (vorige["is_superuser"], vorige["is_staff"]):
                raise PermissionDenied(ALLEEN_SUPERUSER)
        super().save_model(request, obj, form, change)


if admin.site.is_registered(get_user_model()):
    admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), GebruikerAdmin)
