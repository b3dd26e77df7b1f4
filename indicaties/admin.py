"""Django admin for beheer. Every save goes through the same services as the API, so the rules
hold here too; a refused change shows the rule's Dutch message on the field it concerns."""

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from basis.admin import AlleenLezen, NederlandseGetallen, NederlandseKeuzes, euro_kolom
from basis.web import fouten_naar_formulier
from privacy.admin import LogtInzage

from . import beleid, costs, rules, services
from .models import (
    Aanbieder,
    Beleidsregels,
    Contract,
    Evaluatie,
    Indicatie,
    IndicatieSignaal,
    Inwoner,
    Product,
    SchakelteamBeoordeling,
    Tarief,
)


@admin.register(Inwoner)
class InwonerAdmin(LogtInzage, AlleenLezen, SimpleHistoryAdmin):
    """Read-only for everybody, superusers included (docs/permissions.md): an inwoner and their
    BSN change through the register's screens and API, the regie through the hand-over."""

    inwoner_pad = ""
    list_display = ["achternaam", "voornaam", "bsn_gemaskeerd", "geboortedatum", "wlz_indicatie"]
    search_fields = ["achternaam", "voornaam", "=bsn"]
    list_select_related = ["regisseur"]


@admin.register(Aanbieder)
class AanbiederAdmin(NederlandseGetallen, SimpleHistoryAdmin):
    list_display = ["naam", "agb_code", euro_kolom("budgetplafond", "budgetplafond")]
    search_fields = ["naam", "agb_code"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            services.wijzig_aanbieder(gebruiker=request.user, aanbieder=obj, wijzigingen=form.cleaned_data)
        else:
            obj.pk = services.registreer_aanbieder(gebruiker=request.user, **form.cleaned_data).pk


class ContractForm(forms.ModelForm):
    class Meta:
        model = Contract
        fields = list(services.CONTRACT_VELDEN)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        product = data["product"]
        eind = data.get("geldig_tot")
        fouten = rules.contract_fouten(
            wet=product.wet,
            productcategorie=data.get("productcategorie", ""),
            productcode=data.get("productcode", ""),
            uitvoeringsvariant=data.get("uitvoeringsvariant", ""),
            tarief=data.get("tarief"),
            geldig_van=data["geldig_van"],
            geldig_tot=eind,
            overlapt=False,  # the service checks the other contracts when it saves
        )
        fouten_naar_formulier(self, fouten)
        return data


@admin.register(Contract)
class ContractAdmin(NederlandseGetallen, SimpleHistoryAdmin):
    form = ContractForm
    list_display = [
        "aanbieder",
        "product",
        "productcategorie",
        "productcode",
        "uitvoeringsvariant",
        "tarief",
        "geldig_van",
        "geldig_tot",
    ]
    list_filter = ["uitvoeringsvariant", "product__wet"]
    search_fields = ["aanbieder__naam", "aanbieder__agb_code", "product__code", "productcode"]
    list_select_related = ["aanbieder", "product"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        velden = {k: form.cleaned_data[k] for k in services.CONTRACT_VELDEN if k in form.cleaned_data}
        if change:
            services.wijzig_contract(gebruiker=request.user, contract=obj, wijzigingen=velden)
        else:
            obj.pk = services.registreer_contract(gebruiker=request.user, **velden).pk
            obj.refresh_from_db()


class TariefFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        perioden = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or data.get("geldig_van") is None or data.get("bedrag") is None:
                continue
            perioden.append(costs.TariefPeriode(data["geldig_van"], data.get("geldig_tot"), data["bedrag"]))
        fouten = rules.tarieven_overlappen(perioden)
        if fouten:
            raise forms.ValidationError([f"{v.bericht} ({v.code})" for v in fouten])


class TariefInline(NederlandseGetallen, admin.TabularInline):
    model = Tarief
    formset = TariefFormSet
    extra = 1
    fields = ["geldig_van", "geldig_tot", "bedrag"]


@admin.register(Product)
class ProductAdmin(NederlandseKeuzes, SimpleHistoryAdmin):
    list_display = ["code", "naam", "wet", "eenheid", "lichtere_variant"]
    list_filter = ["wet"]
    search_fields = ["code", "naam"]
    list_select_related = ["lichtere_variant"]
    inlines = [TariefInline]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        velden = {k: form.cleaned_data[k] for k in services.PRODUCT_VELDEN if k in form.cleaned_data}
        if change:
            services.wijzig_product(gebruiker=request.user, product=obj, wijzigingen=velden)
        else:
            obj.pk = services.registreer_product(gebruiker=request.user, **velden).pk
            obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        if formset.model is not Tarief:
            return super().save_formset(request, form, formset, change)
        perioden = [
            costs.TariefPeriode(
                f.cleaned_data["geldig_van"], f.cleaned_data.get("geldig_tot"), f.cleaned_data["bedrag"]
            )
            for f in formset.forms
            if getattr(f, "cleaned_data", None)
            and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("geldig_van")
        ]
        services.wijzig_product(gebruiker=request.user, product=form.instance, wijzigingen={}, tarieven=perioden)


# What a consulent fills in (services.IndicatieGegevens), as the admin form shows it.
INDICATIE_VELDEN = [
    "inwoner",
    "product",
    "aanbieder",
    "volume",
    "eenheid",
    "frequentie",
    "ingangsdatum",
    "einddatum",
    "motivatie",
    "spoed",
    "spoed_reden",
    "voorganger",
]


class IndicatieForm(forms.ModelForm):
    """Runs every rule through services.beoordeel before the admin saves."""

    doelen = forms.CharField(
        label="Doelen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De resultaten die met de inwoner zijn afgesproken, één per regel. Alleen bij een nieuwe indicatie.",
    )

    class Meta:
        model = Indicatie
        fields = INDICATIE_VELDEN

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        # Not self.Meta.fields: the admin's own form class lists the read-only fields there too.
        velden = {k: data.get(k) for k in INDICATIE_VELDEN}
        velden["motivatie"] = velden["motivatie"] or ""
        velden["spoed_reden"] = velden["spoed_reden"] or ""
        bestaand = None if self.instance._state.adding else self.instance
        if bestaand is None:
            regels = (data.get("doelen") or "").splitlines()
            velden["doelen"] = tuple(services.DoelGegevens(r.strip()) for r in regels if r.strip())
        gegevens = services.IndicatieGegevens(**velden)
        beoordeling = services.beoordeel(gegevens, bestaand=bestaand)
        fouten_naar_formulier(self, beoordeling.overtredingen)
        self.gegevens = gegevens
        return data


@admin.register(Indicatie)
class IndicatieAdmin(NederlandseGetallen, NederlandseKeuzes, LogtInzage, SimpleHistoryAdmin):
    form = IndicatieForm
    list_display = [
        "inwoner",
        "product",
        "aanbieder",
        "ingangsdatum",
        "einddatum",
        "status",
        euro_kolom("geschatte_kosten", "geschatte kosten"),
    ]
    list_filter = ["status", "product__wet"]
    list_select_related = ["inwoner", "product", "aanbieder"]
    search_fields = ["=inwoner__bsn", "inwoner__achternaam", "product__code"]
    raw_id_fields = ["inwoner", "voorganger"]
    readonly_fields = ["status", "uren_per_week", "geschatte_kosten", "consulent", "reden_status"]

    def has_delete_permission(self, request, obj=None):
        return False

    # For whoever may only view (beheer), the admin shows every form field read-only by this name;
    # without it, it would call the indicatie's own `doelen` (a related manager) and fail.
    @admin.display(description="Doelen")
    def doelen(self, obj):
        if obj is None or obj.pk is None:
            return ""
        return format_html_join(
            mark_safe("<br>"), "{}", ((d.omschrijving,) for d in obj.doelen.order_by("volgorde", "id"))
        )

    def save_model(self, request, obj, form, change):
        if change:
            wijzigingen = {k: form.cleaned_data[k] for k in form.changed_data if k in services.WIJZIGBARE_VELDEN}
            services.wijzig_indicatie(gebruiker=request.user, indicatie=obj, wijzigingen=wijzigingen)
        else:
            obj.pk = services.registreer_indicatie(gebruiker=request.user, gegevens=form.gegevens).pk


@admin.register(IndicatieSignaal)
class IndicatieSignaalAdmin(LogtInzage, AlleenLezen, SimpleHistoryAdmin):
    inwoner_pad = "indicatie__inwoner"
    list_display = ["indicatie", "code"]
    list_filter = ["code"]


@admin.register(Evaluatie)
class EvaluatieAdmin(LogtInzage, AlleenLezen, SimpleHistoryAdmin):
    inwoner_pad = "indicatie__inwoner"
    list_display = ["indicatie", "vervaldatum", "status", "uitkomst", "resultaat_behaald"]
    list_filter = ["status", "uitkomst"]


@admin.register(SchakelteamBeoordeling)
class SchakelteamBeoordelingAdmin(LogtInzage, AlleenLezen, SimpleHistoryAdmin):
    inwoner_pad = "indicatie__inwoner"
    list_display = ["indicatie", "besluit", "beoordelaar", "besloten_op"]


class BeleidsregelsForm(forms.ModelForm):
    """A new set through the service: the same checks as the API, numbers left empty keep theirs."""

    class Meta:
        model = Beleidsregels
        fields = ["geldig_van", *beleid.VELDEN]
        help_texts = {"geldig_van": "Vandaag of later; wat u leeg laat, houdt de waarde die op die datum geldt."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Ja / nee / leeg: left empty it keeps the value in force, like the numbers.
        self.fields["budgetplafond_weigeren"] = forms.NullBooleanField(
            required=False, label="budgetplafond weigeren", widget=forms.NullBooleanSelect
        )
        for naam, veld in self.fields.items():
            veld.required = naam == "geldig_van"

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        _, fouten = services.beoordeel_beleidsregels(**{k: v for k, v in data.items() if v is not None})
        fouten_naar_formulier(self, fouten)
        return data

    def validate_unique(self):
        # The rule above says it in Dutch (`unique` on geldig_van).
        pass


@admin.register(Beleidsregels)
class BeleidsregelsAdmin(NederlandseGetallen, SimpleHistoryAdmin):
    form = BeleidsregelsForm
    list_display = ["geldig_van", *beleid.VELDEN, "vastgesteld_door"]
    list_select_related = ["vastgesteld_door"]

    def has_change_permission(self, request, obj=None):
        # A set is never changed: a new one from a later date replaces it.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.pk = services.stel_beleidsregels_vast(gebruiker=request.user, **form.cleaned_data).pk
