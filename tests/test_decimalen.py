"""Decimal numbers as people type them (basis.formulieren): `2,5` and `2.5` are two and a half in
every form, decimals are shown with a comma, and a number that could mean two things is refused
with the reason instead of guessed."""

from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from basis.admin import AlleenLezen
from basis.formulieren import DecimaalInvoer, DecimaalVeld
from indicaties.web.forms import EvaluatieForm, IndicatieForm


def _veld(**kwargs) -> DecimaalVeld:
    return DecimaalVeld(max_digits=9, decimal_places=2, **kwargs)


@pytest.mark.parametrize(
    ("invoer", "waarde"),
    [
        ("2,5", Decimal("2.5")),
        ("2.5", Decimal("2.5")),
        (" 2,50 ", Decimal("2.50")),
        ("8", Decimal("8")),
        ("0,01", Decimal("0.01")),
        (",5", Decimal("0.5")),
        ("1000,5", Decimal("1000.5")),
        ("50000,00", Decimal("50000.00")),
        ("-1,25", Decimal("-1.25")),
        ("12.34", Decimal("12.34")),
    ],
)
def test_een_komma_en_een_punt_zijn_allebei_het_decimaalteken(invoer, waarde):
    assert _veld().clean(invoer) == waarde


@pytest.mark.parametrize(
    ("invoer", "bericht"),
    [
        ("2.5.0", "Gebruik één komma voor de decimalen"),
        ("1.000,5", "Gebruik één komma voor de decimalen"),
        ("1,000.5", "Gebruik één komma voor de decimalen"),
        ("2,5,0", "Gebruik één komma voor de decimalen"),
        ("1.000", "Bedoelt u 1000 of 1,000?"),
        ("25.000", "Bedoelt u 25000 of 25,000?"),
        ("2,5 uur", "Vul een getal in, bijvoorbeeld 2,5."),
        ("2 5", "Vul een getal in, bijvoorbeeld 2,5."),
        ("2,", "Vul een getal in, bijvoorbeeld 2,5."),
        ("abc", "Vul een getal in, bijvoorbeeld 2,5."),
        ("1e3", "Vul een getal in, bijvoorbeeld 2,5."),
        ("NaN", "Vul een getal in, bijvoorbeeld 2,5."),
    ],
)
def test_wat_twee_dingen_kan_betekenen_wordt_geweigerd_met_de_reden(invoer, bericht):
    with pytest.raises(forms.ValidationError) as fout:
        _veld().clean(invoer)
    assert bericht in " ".join(fout.value.messages)


def test_een_komma_met_drie_cijfers_erachter_is_een_decimaal_en_dus_te_veel_decimalen():
    with pytest.raises(forms.ValidationError):
        _veld().clean("1,000")
    assert DecimaalVeld(max_digits=12, decimal_places=4).clean("0,125") == Decimal("0.125")


def test_de_grenzen_staan_in_de_melding_met_een_komma():
    veld = _veld(min_value=Decimal("0.01"), max_value=Decimal("99.5"))
    assert veld.clean("0,01") == Decimal("0.01")
    assert veld.clean("99,50") == Decimal("99.5")
    with pytest.raises(forms.ValidationError) as te_klein:
        veld.clean("0")
    assert te_klein.value.messages == ["Vul een getal van 0,01 of meer in."]
    with pytest.raises(forms.ValidationError) as te_groot:
        veld.clean("99,51")
    assert te_groot.value.messages == ["Vul een getal van 99,5 of minder in."]


def test_leeg_is_geen_getal_en_verplicht_zegt_het():
    assert _veld(required=False).clean("") is None
    with pytest.raises(forms.ValidationError):
        _veld().clean("  ")


def test_het_veld_is_een_tekstveld_met_het_decimale_toetsenbord_en_toont_een_komma():
    html = str(IndicatieForm(initial={"volume": Decimal("8.00")})["volume"])
    assert 'type="text"' in html and 'type="number"' not in html
    assert 'inputmode="decimal"' in html
    assert 'value="8,00"' in html
    # What a person typed is shown back as typed, with the error beside it.
    gebonden = IndicatieForm({"volume": "1.000,5"})
    assert 'value="1.000,5"' in str(gebonden["volume"])
    assert "Gebruik één komma voor de decimalen" in " ".join(gebonden.errors["volume"])


def test_de_formulieren_van_het_register_lezen_een_komma():
    assert isinstance(IndicatieForm.base_fields["volume"], DecimaalVeld)
    assert isinstance(EvaluatieForm.base_fields["nieuw_volume"], DecimaalVeld)
    assert EvaluatieForm({"uitkomst": "afschalen", "nieuw_volume": "2,5"}).is_valid()


@pytest.mark.django_db
def test_elk_beheerscherm_met_een_decimaal_veld_leest_een_komma_en_toont_er_een(admin_user):
    """Every admin screen (and inline) with a decimal field that can be typed in; read-only
    screens show no input."""
    request = RequestFactory().get("/?volledig=1")
    request.user = admin_user
    gezien = []
    for model, model_admin in admin.site._registry.items():
        beheer = [model_admin] + [inline(model, admin.site) for inline in model_admin.inlines]
        for scherm in beheer:
            if isinstance(scherm, AlleenLezen):
                continue
            alleen_lezen = set(scherm.get_readonly_fields(request))
            for veld in scherm.model._meta.fields:
                if not isinstance(veld, models.DecimalField) or not veld.editable or veld.name in alleen_lezen:
                    continue
                formulierveld = scherm.formfield_for_dbfield(veld, request)
                gezien.append(f"{scherm.model.__name__}.{veld.name}")
                assert isinstance(formulierveld, DecimaalVeld), gezien[-1]
                assert isinstance(formulierveld.widget, DecimaalInvoer), gezien[-1]
    assert {"Beleidsregels.schakelteam_drempel", "Tarief.bedrag", "Streefwaarde.waarde", "Indicatie.volume"} <= set(
        gezien
    )
