"""Labels, not codes: weeks, months, counts and amounts as people read them, on the pages and in
the beheer screens."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from basis.notatie import maand_tekst, week_tekst
from basis.templatetags.opmaak import aantal
from indicaties.models import Aanbieder, Tarief
from stuurinformatie.models import Streefwaarde
from tests.factories import AanbiederFactory, ProductFactory, gebruiker
from tests.toetsing.hulp import DINSDAG_W05, MAANDAG_W06, WEEK, gewone, om
from toetsing import services as toetsing

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("week", "tekst"),
    [
        ("2026-W49", "week 49 (30-11 t/m 6-12-2026)"),
        ("2027-W05", "week 5 (1-2 t/m 7-2-2027)"),
        # Over the turn of the year the Monday has its own year.
        ("2026-W01", "week 1 (29-12-2025 t/m 4-1-2026)"),
        ("2026-W53", "week 53 (28-12-2026 t/m 3-1-2027)"),
        ("geen week", "geen week"),
    ],
)
def test_een_iso_week_met_zijn_dagen(week, tekst):
    assert week_tekst(week) == tekst


def test_een_maand_kort_met_jaar():
    assert maand_tekst("2026-01") == "jan 2026"
    assert maand_tekst("2026-12") == "dec 2026"
    assert maand_tekst(datetime.date(2027, 3, 31)) == "mrt 2027"


def test_een_aantal_in_enkelvoud_of_meervoud():
    assert aantal(0, "indicatie,indicaties") == "0 indicaties"
    assert aantal(1, "indicatie,indicaties") == "1 indicatie"
    assert aantal(2, "indicatie,indicaties") == "2 indicaties"


def _tekst(antwoord) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", antwoord.content.decode()))


def test_de_steekproef_noemt_de_week_met_zijn_dagen_en_geen_startwaarde(als):
    with om(DINSDAG_W05):
        gewone()
    with om(MAANDAG_W06):
        toetsing.trek_steekproef(WEEK, percentage=Decimal("100"))
        tekst = _tekst(als("backoffice").get(reverse("web:toetsing"), {"week": WEEK}))
    assert "Steekproef van week 5 (1-2 t/m 7-2-2027) (1 indicatie)" in tekst
    assert "uit 1 indicatie zonder signaal." in tekst
    assert "startwaarde" not in tekst
    assert "Steekproef 2027-W05" not in tekst


def test_de_beheerschermen_tonen_bedragen_in_euro_en_datums_als_d_m_jjjj(als):
    beheer = als("beheer")
    beheer.user.is_staff = True
    beheer.user.save()
    aanbieder = AanbiederFactory(naam="Zorg Om De Hoek")
    Aanbieder.objects.filter(pk=aanbieder.pk).update(budgetplafond=Decimal("1048000"))
    product = ProductFactory(code="02A01", tarief="58.20")
    Tarief.objects.filter(product=product).update(geldig_van=datetime.date(2021, 1, 1))

    lijst = _tekst(beheer.get(reverse("admin:indicaties_aanbieder_changelist")))
    assert "€ 1.048.000,00" in lijst
    product_scherm = beheer.get(reverse("admin:indicaties_product_change", args=[product.pk])).content.decode()
    assert 'value="1-1-2021"' in product_scherm or "1-1-2021" in html.unescape(product_scherm)
    historie = _tekst(beheer.get(reverse("admin:indicaties_aanbieder_history", args=[aanbieder.pk])))
    assert not re.search(
        r"\d+ (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}", historie
    )


def test_de_streefwaarden_heten_naar_hun_tegel_niet_naar_hun_sleutel(als):
    beheer = als("beheer")
    beheer.user.is_staff = True
    beheer.user.save()
    Streefwaarde.objects.get_or_create(kpi="budgetplafond_signaal", defaults={"waarde": Decimal("0.80")})
    tekst = _tekst(beheer.get(reverse("admin:stuurinformatie_streefwaarde_changelist")))
    assert "Waarschuwing budgetplafond" in tekst
    assert "budgetplafond_signaal" not in tekst


def test_de_regisseur_kiezen_begint_met_een_nederlandse_keuze():
    from privacy.web.views import OverdrachtForm

    gebruiker("consulent")
    assert '<option value="" selected>Kies een consulent</option>' in str(OverdrachtForm()["regisseur"])


def test_een_keuzelijst_in_het_beheer_begint_met_een_nederlandse_keuze(als):
    beheer = als("beheer")
    beheer.user.is_staff = True
    beheer.user.save()
    pagina = beheer.get(reverse("admin:indicaties_product_add")).content.decode()
    assert "Kies een lichtere variant" in pagina
    assert "---------</option>" not in pagina.split('name="lichtere_variant"')[1].split("</select>")[0]


def _invulschermen():
    """The add screen of every model beheer may add, and the change screen of every model beheer
    may change (there is one of each in the demo set below)."""
    from django.contrib import admin

    return sorted(
        (model._meta.app_label, model._meta.model_name, modeladmin)
        for model, modeladmin in admin.site._registry.items()
        if not model._meta.proxy
    )


def test_geen_keuzelijst_in_het_beheer_begint_met_streepjes(client):
    from django.contrib.auth import get_user_model

    ProductFactory()
    AanbiederFactory()
    beheerder = get_user_model().objects.create_superuser("hoofdbeheer", "hoofdbeheer@example.org", "x-geheim-1")
    client.force_login(beheerder)
    bekeken = []
    for app, model, _modeladmin in _invulschermen():
        antwoord = client.get(reverse(f"admin:{app}_{model}_add"))
        if antwoord.status_code != 200:
            continue
        pagina = antwoord.content.decode()
        bekeken.append(model)
        assert "---------</option>" not in pagina, f"{app}.{model}: een keuzelijst begint met ---------"
    # The screens where a person chooses from a list are among them.
    assert {"contract", "product", "indicatie", "aanbieder", "team"} <= set(bekeken)
