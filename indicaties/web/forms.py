"""Forms of the web UI: shape and labels only. Rules come from the services."""

import datetime
import re
from decimal import Decimal

from django import forms

from basis.formulieren import DecimaalVeld
from basis.notatie import datum_tekst

from ..models import (
    Aanbieder,
    Besluit,
    Eenheid,
    Frequentie,
    Geslacht,
    Leefgebied,
    OpvolgingAfhandeling,
    Product,
    ResultaatBehaald,
    Uitkomst,
)
from ..rules.limieten import MAX_DOEL_TEKST, MAX_DOELEN, MAX_TEKST


class Datum(forms.DateInput):
    """A date as it is written here, d-m-jjjj, whatever the language of the browser: a text field,
    because a date picker shows the browser's order (MM/DD/YYYY in an English browser). The form
    field reads d-m-jjjj (and JJJJ-MM-DD, as links and tests send it)."""

    input_type = "text"

    def __init__(self, **kwargs):
        attrs = {"inputmode": "numeric", "autocomplete": "off", "placeholder": "d-m-jjjj", **kwargs.pop("attrs", {})}
        super().__init__(attrs=attrs, format="%d-%m-%Y", **kwargs)

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return datum_tekst(value)
        return super().format_value(value)


class InwonerZoekForm(forms.Form):
    naam = forms.CharField(label="Naam", required=False, max_length=100)
    geboortedatum = forms.DateField(label="Geboortedatum", required=False, widget=Datum())
    bsn = forms.CharField(label="BSN (volledig)", required=False, max_length=9, help_text="Alleen exacte treffers.")

    def clean(self):
        data = super().clean()
        if not any(data.get(v) for v in ("naam", "geboortedatum", "bsn")):
            raise forms.ValidationError("Vul een naam, geboortedatum of BSN in.")
        return data


class InwonerForm(forms.Form):
    bsn = forms.CharField(label="BSN", max_length=9, help_text="9 cijfers; wordt gecontroleerd met de elfproef.")
    voornaam = forms.CharField(label="Voornaam", max_length=100)
    achternaam = forms.CharField(label="Achternaam", max_length=150)
    geboortedatum = forms.DateField(label="Geboortedatum", widget=Datum())
    wlz_indicatie = forms.BooleanField(label="Heeft een Wlz-indicatie", required=False)
    # What the messages to the aanbieder carry (Client/Geslacht and the address, JW301/WMO301).
    geslacht = forms.ChoiceField(label="Geslacht", choices=Geslacht.choices, initial=Geslacht.ONBEKEND, required=False)
    straat = forms.CharField(label="Straat", max_length=24, required=False)
    huisnummer = forms.IntegerField(label="Huisnummer", min_value=1, max_value=99999, required=False)
    postcode = forms.CharField(label="Postcode", max_length=7, required=False, help_text="Bijvoorbeeld 4901 AB.")
    woonplaats = forms.CharField(label="Woonplaats", max_length=80, required=False)

    def clean_geslacht(self):
        return self.cleaned_data["geslacht"] or Geslacht.ONBEKEND

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].replace(" ", "").upper()
        if postcode and not re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", postcode):
            raise forms.ValidationError("Een postcode is vier cijfers en twee letters, zoals 4901 AB.")
        return postcode


class IndicatieForm(forms.Form):
    product = forms.ModelChoiceField(
        label="Product", queryset=Product.objects.order_by("code"), to_field_name="code", empty_label="Kies een product"
    )
    aanbieder = forms.ModelChoiceField(
        label="Aanbieder", queryset=Aanbieder.objects.order_by("naam"), empty_label="Kies een aanbieder"
    )
    volume = DecimaalVeld(label="Volume", max_digits=9, decimal_places=2, min_value=Decimal("0.01"))
    eenheid = forms.ChoiceField(label="Eenheid", choices=Eenheid.choices, initial=Eenheid.UUR)
    frequentie = forms.ChoiceField(label="Frequentie", choices=Frequentie.choices, initial=Frequentie.PER_WEEK)
    ingangsdatum = forms.DateField(label="Ingangsdatum", widget=Datum())
    einddatum = forms.DateField(
        label="Einddatum (tot en met)",
        required=False,
        widget=Datum(),
        help_text="Verplicht bij 5 uur of meer per week.",
    )
    motivatie = forms.CharField(
        label="Motivatie",
        required=False,
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij een zwaardere variant.",
    )
    spoed = forms.BooleanField(label="Spoed (acute zorg)", required=False)
    spoed_reden = forms.CharField(
        label="Reden van spoed", required=False, max_length=MAX_TEKST, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].label_from_instance = lambda p: f"{p.code} – {p.naam}"


class IntrekkenForm(forms.Form):
    reden = forms.CharField(
        label="Reden van intrekking", max_length=MAX_TEKST, widget=forms.Textarea(attrs={"rows": 3})
    )
    # Withdrawing cannot be undone: the consulent says so in as many words, not only by a click.
    zeker = forms.BooleanField(
        label="Ik begrijp dat de indicatie hiermee vervalt en dat ik dit niet kan terugdraaien.",
        error_messages={"required": "Vink aan dat u de indicatie echt wilt intrekken."},
    )


class DoelForm(forms.Form):
    """One agreed result; a row left empty is no goal."""

    omschrijving = forms.CharField(
        label="Doel", required=False, max_length=MAX_DOEL_TEKST, widget=forms.Textarea(attrs={"rows": 2})
    )
    leefgebied = forms.ChoiceField(
        label="Leefgebied (niet verplicht)",
        required=False,
        choices=[("", "Geen leefgebied gekozen"), *Leefgebied.choices],
    )

    def __init__(self, *args, nummer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if nummer is not None:
            # Every row's fields say which goal they are, also to a screen reader.
            self.fields["omschrijving"].label = f"Doel {nummer}"
            self.fields["leefgebied"].label = f"Leefgebied van doel {nummer} (niet verplicht)"

    def clean(self):
        data = super().clean()
        data["omschrijving"] = (data.get("omschrijving") or "").strip()
        if data.get("leefgebied") and not data["omschrijving"]:
            self.add_error("omschrijving", "Beschrijf het doel, of kies geen leefgebied.")
        return data


class BaseDoelenFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rule's message about the goals together (doelen_ontbreken), shown above the rows.
        self.fouten: list[str] = []

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "nummer": None if index is None else index + 1}


# A few empty rows to start with; the consulent adds more with a button, without JavaScript.
DoelenFormSet = forms.formset_factory(
    DoelForm, formset=BaseDoelenFormSet, extra=3, max_num=MAX_DOELEN, validate_max=True
)


class EvaluatieForm(forms.Form):
    """The outcome, and per goal of the indicatie whether it was reached (fields `doel_<id>`).

    The goals are not required here: the evaluation rule says which are missing."""

    uitkomst = forms.ChoiceField(label="Uitkomst", choices=Uitkomst.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Verplicht als u de zorg bijstelt, en als u de zorg voortzet terwijl een doel niet is behaald.",
    )
    nieuw_volume = DecimaalVeld(
        label="Nieuw volume (bij afschalen)", required=False, max_digits=9, decimal_places=2, min_value=Decimal("0.01")
    )
    per_datum = forms.DateField(
        label="Per datum (bij afschalen, beëindigen of anders inzetten)", required=False, widget=Datum()
    )

    def __init__(self, *args, doelen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.doelen = list(doelen)
        self.doelfouten: list[str] = []
        for nummer, doel in enumerate(self.doelen, start=1):
            leefgebied = f" ({doel.get_leefgebied_display()})" if doel.leefgebied else ""
            self.fields[self.doelveld(doel)] = forms.ChoiceField(
                label=f"Doel {nummer}: {doel.omschrijving}{leefgebied}",
                choices=ResultaatBehaald.choices,
                required=False,
                widget=forms.RadioSelect,
            )
        # The goals first: what was reached decides the outcome.
        self.order_fields([self.doelveld(d) for d in self.doelen])

    @staticmethod
    def doelveld(doel) -> str:
        return f"doel_{doel.pk}"

    def doelvelden(self):
        return [self[self.doelveld(d)] for d in self.doelen]

    def overige_velden(self):
        namen = {self.doelveld(d) for d in self.doelen}
        return [veld for veld in self if veld.name not in namen]

    def beoordelingen(self) -> list[dict]:
        """The goals judged, as the service takes them; a goal left open is not sent."""
        return [
            {"doel": d.pk, "behaald": self.cleaned_data[self.doelveld(d)]}
            for d in self.doelen
            if self.cleaned_data.get(self.doelveld(d))
        ]


class HalfjaarcheckForm(forms.Form):
    zorg_passend = forms.TypedChoiceField(
        label="Is de zorg nog passend?",
        choices=[("ja", "Ja"), ("nee", "Nee")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    contact_aanbieder = forms.DateField(label="Datum contact met de aanbieder", widget=Datum())
    contact_inwoner = forms.DateField(label="Datum contact met de inwoner", widget=Datum())
    toelichting = forms.CharField(label="Toelichting", max_length=MAX_TEKST, widget=forms.Textarea(attrs={"rows": 4}))


class SchakelteamBesluitForm(forms.Form):
    besluit = forms.ChoiceField(label="Besluit", choices=Besluit.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(label="Toelichting", max_length=MAX_TEKST, widget=forms.Textarea(attrs={"rows": 4}))


class AdviesVraagForm(forms.Form):
    vraag = forms.CharField(
        label="Uw vraag aan het schakelteam", max_length=MAX_TEKST, widget=forms.Textarea(attrs={"rows": 4})
    )


class AdviesAntwoordForm(forms.Form):
    antwoord = forms.CharField(label="Advies", max_length=MAX_TEKST, widget=forms.Textarea(attrs={"rows": 4}))


class OpvolgingForm(forms.Form):
    afhandeling = forms.ChoiceField(
        label="Wat heeft u gedaan?", choices=OpvolgingAfhandeling.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(
        label="Toelichting",
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wat heeft u bijgesteld of beëindigd, of waarom loopt de zorg zo door?",
    )
