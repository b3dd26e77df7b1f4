import datetime
import math
import random
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from basis.codes import SIGNALEN
from toetsing import rules
from toetsing.models import Oordeel, Reden

# --- Weeks -----------------------------------------------------------------------------------


def test_week_wordt_gelezen_als_iso_week_met_maandag_en_volgende_maandag():
    week = rules.IsoWeek.uit_tekst("2027-W05")
    assert (week.jaar, week.week) == (2027, 5)
    assert week.maandag == datetime.date(2027, 2, 1)
    assert week.volgende_maandag == datetime.date(2027, 2, 8)
    assert str(week) == "2027-W05"


@pytest.mark.parametrize(
    "tekst",
    [
        "",
        "2027-5",
        "2027-W5",
        "2027W05",
        "2027-w05",
        " 2027-W05",
        "2027-W05 ",
        "27-W05",
        "0000-W01",
        "2027-W٠٥",
        None,
        5,
    ],
)
def test_een_week_in_een_ander_formaat_is_ongeldig_met_uitleg(tekst):
    fouten = rules.week_ongeldig(tekst)
    assert [f.code for f in fouten] == ["week_ongeldig"]
    assert "2027-W05" in fouten[0].bericht


@pytest.mark.parametrize("tekst", ["2027-W00", "2027-W53", "2027-W99"])
def test_een_week_die_niet_bestaat_is_ongeldig(tekst):
    fouten = rules.week_ongeldig(tekst)
    assert [f.code for f in fouten] == ["week_ongeldig"]
    assert "bestaat niet in 2027" in fouten[0].bericht


def test_week_53_bestaat_alleen_in_een_jaar_met_53_weken():
    assert rules.week_ongeldig("2026-W53") == []
    assert rules.IsoWeek.uit_tekst("2026-W53").volgende() == rules.IsoWeek(2027, 1)
    assert rules.week_ongeldig("2027-W53")


def test_vorige_week_van_een_maandag_is_de_week_ervoor_ook_over_de_jaargrens():
    assert str(rules.vorige_week(datetime.date(2027, 2, 8))) == "2027-W05"
    assert str(rules.vorige_week(datetime.date(2027, 1, 4))) == "2026-W53"


def test_een_week_is_voorbij_vanaf_de_maandag_erna():
    week = rules.IsoWeek(2027, 5)
    assert [f.code for f in rules.week_niet_voorbij(week, datetime.date(2027, 2, 7))] == ["week_niet_voorbij"]
    assert rules.week_niet_voorbij(week, datetime.date(2027, 2, 8)) == []


# --- How many are drawn ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grootte", "verwacht"),
    [(0, 0), (1, 1), (9, 1), (10, 1), (11, 2), (20, 2), (21, 3), (100, 10), (101, 11)],
)
def test_tien_procent_naar_boven_afgerond_en_minstens_een(grootte, verwacht):
    assert rules.aantal_te_trekken(grootte, Decimal("10")) == verwacht


def test_nul_procent_trekt_toch_een_als_er_iets_te_trekken_is():
    assert rules.aantal_te_trekken(5, Decimal("0")) == 1
    assert rules.aantal_te_trekken(0, Decimal("0")) == 0


def test_honderd_procent_trekt_alles_en_nooit_meer():
    assert rules.aantal_te_trekken(7, Decimal("100")) == 7


def test_een_gebroken_percentage_rondt_ook_naar_boven_af():
    assert rules.aantal_te_trekken(200, Decimal("2.5")) == 5
    assert rules.aantal_te_trekken(201, Decimal("2.5")) == 6


@pytest.mark.parametrize("percentage", ["-0.01", "100.01", "NaN", "Infinity", "tien"])
def test_een_percentage_buiten_0_tot_100_is_ongeldig(percentage):
    assert [f.code for f in rules.percentage_ongeldig(percentage)] == ["percentage_ongeldig"]


@pytest.mark.parametrize("percentage", ["0", "10", "100", Decimal("12.5")])
def test_een_percentage_van_0_tot_en_met_100_is_geldig(percentage):
    assert rules.percentage_ongeldig(percentage) == []


# --- The draw --------------------------------------------------------------------------------

POPULATIE = [f"00000000-0000-0000-0000-{n:012d}" for n in range(40)]


def test_dezelfde_seed_geeft_dezelfde_trekking_ongeacht_de_volgorde_van_de_populatie():
    gehusseld = POPULATIE[::-1]
    assert rules.trek(POPULATIE, 12345, Decimal("10")) == rules.trek(gehusseld, 12345, Decimal("10"))


def test_de_trekking_is_na_te_rekenen_met_alleen_random_random():
    verwacht = sorted(random.Random(987654321).sample(sorted(POPULATIE), 4))
    assert rules.trek(POPULATIE, 987654321, Decimal("10")) == verwacht


def test_een_andere_seed_geeft_in_de_regel_een_andere_trekking():
    trekkingen = {tuple(rules.trek(POPULATIE, seed, Decimal("10"))) for seed in range(20)}
    assert len(trekkingen) > 1


def test_een_lege_populatie_geeft_een_lege_trekking():
    assert rules.trek([], 1, Decimal("10")) == []


@given(
    grootte=st.integers(min_value=0, max_value=300),
    seed=st.integers(min_value=0, max_value=2**53 - 1),
    percentage=st.decimals(min_value=0, max_value=100, places=2),
)
def test_de_trekking_is_een_gesorteerde_deelverzameling_van_de_juiste_omvang(grootte, seed, percentage):
    populatie = [f"id-{n:04d}" for n in range(grootte)]
    getrokken = rules.trek(populatie, seed, percentage)
    assert getrokken == sorted(set(getrokken))
    assert set(getrokken) <= set(populatie)
    assert len(getrokken) == rules.aantal_te_trekken(grootte, percentage)
    assert len(getrokken) >= min(1, grootte)
    assert len(getrokken) * 100 >= grootte * percentage
    assert rules.trek(populatie, seed, percentage) == getrokken


# --- Reden -----------------------------------------------------------------------------------


def test_zonder_signaal_is_er_geen_reden():
    assert rules.reden_voor([]) is None
    assert rules.reden_voor(["iets_anders"]) is None


@pytest.mark.parametrize(
    ("signalen", "reden"),
    [
        (["mogelijk_wlz", "spoed"], "spoed"),
        (["zorgstapeling", "motivatie_zwaardere_variant"], "motivatie_zwaardere_variant"),
        (["schakelteam_drempel", "verlenging"], "verlenging"),
        (["mogelijk_wlz", "zorgstapeling", "schakelteam_drempel"], "schakelteam_drempel"),
        (["mogelijk_wlz", "zorgstapeling"], "zorgstapeling"),
        (["mogelijk_wlz"], "mogelijk_wlz"),
    ],
)
def test_bij_meer_signalen_is_de_reden_het_eerste_in_de_vaste_volgorde(signalen, reden):
    assert rules.reden_voor(signalen) == reden


def test_elk_signaal_van_het_register_is_een_reden_van_toetsing():
    assert set(SIGNALEN) <= set(Reden.values)
    assert set(rules.SIGNAAL_VOORRANG) == set(SIGNALEN)
    assert set(Reden.values) == {*SIGNALEN, "steekproef"}


# --- Verdicts --------------------------------------------------------------------------------


def test_de_oordelen_van_de_regels_en_het_model_zijn_dezelfde():
    # One enum, in the Django-free domain module: the rules judge with it, the model takes its choices.
    assert rules.Oordeel is Oordeel


def test_akkoord_mag_zonder_toelichting():
    assert rules.oordeel_fouten("akkoord", "") == []


@pytest.mark.parametrize("oordeel", ["akkoord_met_opmerking", "niet_akkoord"])
@pytest.mark.parametrize("toelichting", ["", "   \n"])
def test_zonder_akkoord_is_een_toelichting_verplicht(oordeel, toelichting):
    assert [f.code for f in rules.oordeel_fouten(oordeel, toelichting)] == ["toelichting_verplicht"]


def test_een_onbekend_oordeel_is_ongeldig():
    assert [f.code for f in rules.oordeel_fouten("prima", "tekst")] == ["oordeel_ongeldig"]


def test_een_lege_reactie_is_ongeldig():
    assert [f.code for f in rules.reactie_fouten("  ")] == ["reactie_verplicht"]
    assert rules.reactie_fouten("Ik pas het aan.") == []


@pytest.mark.parametrize("percentage", [10, 12.5, 33])
def test_de_narekening_uit_docs_toetsing_md_geeft_hetzelfde_aantal(percentage):
    for grootte in range(0, 500):
        gedocumenteerd = 0 if not grootte else min(grootte, max(1, math.ceil(grootte * percentage / 100)))
        assert gedocumenteerd == rules.aantal_te_trekken(grootte, Decimal(str(percentage))), grootte
