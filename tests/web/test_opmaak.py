"""Dutch notation of the template filters, and the shared pagination."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string

from basis.templatetags.opmaak import duur


@pytest.mark.parametrize(
    ("wachttijd", "tekst"),
    [
        (datetime.timedelta(hours=1), "1 uur"),
        (datetime.timedelta(hours=24), "24 uur"),
        (datetime.timedelta(minutes=30), "30 minuten"),
        (datetime.timedelta(minutes=1), "1 minuut"),
        (datetime.timedelta(minutes=90), "1 uur en 30 minuten"),
        (datetime.timedelta(hours=2, minutes=1), "2 uur en 1 minuut"),
        (datetime.timedelta(seconds=20), "1 minuut"),
        (None, "–"),
    ],
)
def test_duur_geeft_de_wachttijd_in_uren_en_minuten(wachttijd, tekst):
    assert duur(wachttijd) == tekst


def test_paginering_houdt_de_filters_vast_en_toont_alleen_wat_er_is():
    pagina = Paginator(list(range(120)), 50).page(2)
    html = render_to_string("_paginering.html", {"pagina": pagina, "querystring": "wet=wmo"})
    assert 'href="?wet=wmo&amp;pagina=1"' in html and 'href="?wet=wmo&amp;pagina=3"' in html
    assert "Pagina 2 van 3" in html
    eerste = render_to_string(
        "_paginering.html", {"pagina": Paginator(list(range(120)), 50).page(1), "querystring": ""}
    )
    assert "Vorige pagina" not in eerste and 'href="?pagina=2"' in eerste
    assert render_to_string("_paginering.html", {"pagina": Paginator([1], 50).page(1)}).strip() == ""


def test_datum_en_bedrag_breken_nooit_over_twee_regels():
    from django.template import Context, Template

    from basis.templatetags.opmaak import datum, euro

    assert euro("58.2") == '<span class="nb">€ 58,20</span>'
    assert datum(datetime.date(2026, 12, 7)) == '<span class="nb">7-12-2026</span>'
    assert euro(None) == "–" and datum(None) == "–"
    # In a form field's value the bare date, without markup.
    html = Template('{% load opmaak %}<input value="{{ d|datum_tekst }}">').render(
        Context({"d": datetime.date(2027, 1, 31)})
    )
    assert html == '<input value="31-1-2027">'
