"""Forms of the web UI: shape and labels only. Rules come from the services."""

from django import forms

from ..models import Aanbieder, Besluit, Eenheid, Frequentie, Product, ResultaatBehaald, Uitkomst


class Datum(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


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


class IndicatieForm(forms.Form):
    product = forms.ModelChoiceField(
        label="Product", queryset=Product.objects.order_by("code"), to_field_name="code", empty_label="Kies een product"
    )
    aanbieder = forms.ModelChoiceField(
        label="Aanbieder", queryset=Aanbieder.objects.order_by("naam"), empty_label="Kies een aanbieder"
    )
    volume = forms.DecimalField(label="Volume", max_digits=9, decimal_places=2, min_value=0.01)
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
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij een zwaardere variant.",
    )
    spoed = forms.BooleanField(label="Spoed (acute zorg)", required=False)
    spoed_reden = forms.CharField(label="Reden van spoed", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].label_from_instance = lambda p: f"{p.code} – {p.naam}"


class IntrekkenForm(forms.Form):
    reden = forms.CharField(label="Reden van intrekking", widget=forms.Textarea(attrs={"rows": 3}))


class EvaluatieForm(forms.Form):
    uitkomst = forms.ChoiceField(label="Uitkomst", choices=Uitkomst.choices, widget=forms.RadioSelect)
    resultaat_behaald = forms.ChoiceField(
        label="Zijn de resultaten behaald?", choices=ResultaatBehaald.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    nieuw_volume = forms.DecimalField(
        label="Nieuw volume (bij afschalen)", required=False, max_digits=9, decimal_places=2, min_value=0.01
    )
    per_datum = forms.DateField(
        label="Per datum (bij afschalen, beëindigen of anders inzetten)", required=False, widget=Datum()
    )


class HalfjaarcheckForm(forms.Form):
    zorg_passend = forms.TypedChoiceField(
        label="Is de zorg nog passend?",
        choices=[("ja", "Ja"), ("nee", "Nee")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    contact_aanbieder = forms.DateField(label="Datum contact met de aanbieder", widget=Datum())
    contact_inwoner = forms.DateField(label="Datum contact met de inwoner", widget=Datum())
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 4}))


class SchakelteamBesluitForm(forms.Form):
    besluit = forms.ChoiceField(label="Besluit", choices=Besluit.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 4}))


class AdviesVraagForm(forms.Form):
    vraag = forms.CharField(label="Uw vraag aan het schakelteam", widget=forms.Textarea(attrs={"rows": 4}))


class AdviesAntwoordForm(forms.Form):
    antwoord = forms.CharField(label="Advies", widget=forms.Textarea(attrs={"rows": 4}))
