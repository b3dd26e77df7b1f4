"""Dutch notation of the template filters."""

import datetime

import pytest

from casusregie.templatetags.opmaak import duur


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
