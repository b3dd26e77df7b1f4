"""Hours per week and estimated cost (indicaties/costs.py) against docs/domain.md.

Pure functions: no database, no clock. Expected amounts are written out as literals, with the
arithmetic of docs/domain.md next to them, so a change in the formula shows up as a failing test.
"""

import datetime
import itertools
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from indicaties import costs
from indicaties.costs import TariefPeriode

D = datetime.date
INGANG = D(2027, 1, 4)
EINDE = D(2027, 8, 31)  # 240 days from INGANG, both inclusive
OPEN_TARIEF = (TariefPeriode(D(2020, 1, 1), None, Decimal("58.20")),)
# 58.20 up to and including 31 March 2027, 60.00 from 1 April: 87 + 153 days of the period.
TARIEFWIJZIGING = (
    TariefPeriode(D(2020, 1, 1), D(2027, 3, 31), Decimal("58.20")),
    TariefPeriode(D(2027, 4, 1), None, Decimal("60.00")),
)


def kosten(volume, frequentie="per_week", ingangsdatum=INGANG, einddatum=EINDE, tarieven=OPEN_TARIEF):
    return costs.geschatte_kosten(
        volume=Decimal(volume),
        frequentie=frequentie,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        tarieven=tarieven,
    )


def uren(volume, eenheid="uur", frequentie="per_week", ingangsdatum=INGANG, einddatum=EINDE):
    return costs.uren_per_week_exact(Decimal(volume), eenheid, frequentie, ingangsdatum, einddatum)


# --- Days -------------------------------------------------------------------------------------


def test_dagen_telt_begin_en_einddatum_allebei_mee():
    assert costs.dagen(INGANG, EINDE) == 240


def test_een_periode_van_een_dag_telt_een_dag():
    assert costs.dagen(INGANG, INGANG) == 1


# --- Hours per week ---------------------------------------------------------------------------


def test_uren_per_week_bij_uur_per_week_is_het_volume():
    assert uren("6") == Decimal("6")


def test_uren_per_week_bij_minuten_per_week_is_volume_gedeeld_door_60():
    assert uren("90", eenheid="minuut") == Decimal("1.5")


def test_minuten_per_week_die_samen_vijf_uur_zijn_tellen_als_vijf_uur():
    assert uren("300", eenheid="minuut") >= Decimal("5")
    assert costs.afgerond_uren(uren("300", eenheid="minuut")) == Decimal("5.00")


def test_uren_per_week_bij_dagdelen_is_vier_uur_per_dagdeel():
    assert uren("2", eenheid="dagdeel") == Decimal("8")


def test_uren_per_week_bij_per_maand_is_volume_maal_12_gedeeld_door_52():
    assert uren("26", frequentie="per_maand") == Decimal("6")


def test_uren_per_week_bij_dagdelen_per_maand_rekent_beide_om():
    assert uren("13", eenheid="dagdeel", frequentie="per_maand") == Decimal("12")


def test_uren_per_week_bij_totaal_is_volume_gedeeld_door_het_aantal_weken():
    # 2027-01-04 .. 2027-02-28 is 56 days = 8 weeks.
    assert uren("40", frequentie="totaal", einddatum=D(2027, 2, 28)) == Decimal("5")


def test_uren_per_week_bij_totaal_telt_een_gebroken_week_naar_rato():
    # 10 days = 10/7 weeks: 10 uur / (10/7) = 7 uur per week.
    assert uren("10", frequentie="totaal", einddatum=D(2027, 1, 13)) == Decimal("7")


def test_uren_per_week_bij_totaal_zonder_einddatum_is_onbekend():
    assert uren("40", frequentie="totaal", einddatum=None) is None


@pytest.mark.parametrize("eenheid", ["etmaal", "stuks"])
@pytest.mark.parametrize("frequentie", ["per_week", "per_maand", "totaal"])
def test_eenheden_die_geen_tijd_zijn_hebben_geen_uren_per_week(eenheid, frequentie):
    assert uren("3", eenheid=eenheid, frequentie=frequentie) is None


def test_onbekende_frequentie_geeft_een_fout():
    with pytest.raises(ValueError, match="Onbekende frequentie"):
        uren("6", frequentie="per_jaar")


def test_opgeslagen_uren_worden_afgekapt_niet_afgerond():
    assert costs.afgerond_uren(Decimal("4.999")) == Decimal("4.99")


def test_opgeslagen_uren_van_precies_vijf_blijven_vijf():
    assert costs.afgerond_uren(Decimal("5")) == Decimal("5.00")


def test_opgeslagen_uren_zonder_uren_blijven_leeg():
    assert costs.afgerond_uren(None) is None


def test_per_maand_net_onder_vijf_uur_wordt_opgeslagen_als_4_99():
    # 21.66 · 12 / 52 = 4.99846…: rounding would store 5.00, which the 5-hour rules would misread.
    assert costs.afgerond_uren(uren("21.66", frequentie="per_maand")) == Decimal("4.99")


@given(volume=st.decimals(min_value="0", max_value="10000", places=4))
def test_afgekapte_uren_liggen_minder_dan_een_honderdste_onder_de_exacte(volume):
    afgerond = costs.afgerond_uren(volume)
    assert afgerond <= volume < afgerond + Decimal("0.01")
    assert afgerond.as_tuple().exponent == -2


# --- Unit conversion --------------------------------------------------------------------------


def test_omrekenen_van_minuten_naar_uren():
    assert costs.eenheden_omrekenen(Decimal("90"), "minuut", "uur") == Decimal("1.5")


def test_omrekenen_van_uren_naar_minuten_geeft_60_minuten_per_uur():
    # Via the Decimal factor 1/60 the result is 89.99…98, not 90 exactly; it only feeds the cost,
    # which is rounded to cents (see the property test on converted units below).
    assert costs.eenheden_omrekenen(Decimal("1.5"), "uur", "minuut").quantize(Decimal("0.01")) == Decimal("90.00")


def test_kosten_van_uren_bij_een_product_per_minuut():
    # 1.5 uur = 90 minuten in one week at 0.97 per minuut.
    volume = costs.eenheden_omrekenen(Decimal("1.5"), "uur", "minuut")
    tarief = (TariefPeriode(INGANG, None, Decimal("0.97")),)
    assert kosten(volume, einddatum=D(2027, 1, 10), tarieven=tarief) == Decimal("87.30")


def test_omrekenen_van_dagdelen_naar_uren():
    assert costs.eenheden_omrekenen(Decimal("2"), "dagdeel", "uur") == Decimal("8")


def test_omrekenen_naar_dezelfde_eenheid_laat_het_volume_gelijk():
    assert costs.eenheden_omrekenen(Decimal("3"), "stuks", "stuks") == Decimal("3")


@pytest.mark.parametrize(("van", "naar"), [("stuks", "uur"), ("uur", "etmaal"), ("etmaal", "stuks")])
def test_omrekenen_tussen_tijd_en_andere_eenheden_kan_niet(van, naar):
    assert costs.eenheden_omrekenen(Decimal("3"), van, naar) is None


# --- Estimated cost ---------------------------------------------------------------------------


def test_rekenvoorbeeld_uit_domain_md():
    # 6/7 · 240 · 58.20 = 11,972.5714…
    assert kosten("6") == Decimal("11972.57")


def test_kosten_zijn_een_decimal_in_centen():
    assert kosten("6").as_tuple().exponent == -2


def test_tariefwijziging_binnen_de_periode_telt_elke_dag_tegen_het_tarief_van_die_dag():
    # 6/7 · (87 · 58.20 + 153 · 60.00) = 12,208.6285…
    assert kosten("6", tarieven=TARIEFWIJZIGING) == Decimal("12208.63")


def test_tarieven_buiten_de_periode_tellen_niet_mee():
    tarieven = (
        TariefPeriode(D(2020, 1, 1), D(2027, 1, 3), Decimal("999.99")),
        TariefPeriode(D(2027, 1, 4), D(2027, 8, 31), Decimal("58.20")),
        TariefPeriode(D(2027, 9, 1), None, Decimal("999.99")),
    )
    assert kosten("6", tarieven=tarieven) == Decimal("11972.57")


def test_volgorde_van_de_tarieven_maakt_niet_uit():
    assert kosten("6", tarieven=tuple(reversed(TARIEFWIJZIGING))) == Decimal("12208.63")


def test_per_maand_rekent_met_12_maanden_over_365_dagen():
    # 26 · 12/365 · 240 · 58.20 = 11,939.7698…; 26 per maand is 6 per week in hours,
    # yet the cost differs from 6 per week (11,972.57): units per day are ·12/365, not /7.
    assert kosten("26", frequentie="per_maand") == Decimal("11939.77")


def test_totaal_wordt_gelijk_over_de_dagen_verdeeld():
    # 100 uur over 240 days at one tariff: 100 · 58.20.
    assert kosten("100", frequentie="totaal") == Decimal("5820.00")


def test_totaal_met_tariefwijziging_verdeelt_het_volume_gelijk_over_de_dagen():
    # 100/240 per day · (87 · 58.20 + 153 · 60.00) = 5,934.75
    assert kosten("100", frequentie="totaal", tarieven=TARIEFWIJZIGING) == Decimal("5934.75")


def test_een_halve_cent_wordt_naar_boven_afgerond():
    # 0.5 uur in one week at 58.25 = 29.125: half-up gives .13 where banker's rounding gives .12.
    assert kosten("0.5", einddatum=D(2027, 1, 10), tarieven=(TariefPeriode(INGANG, None, Decimal("58.25")),)) == (
        Decimal("29.13")
    )


def test_minder_dan_een_halve_cent_wordt_naar_beneden_afgerond():
    # 0.25 uur in one week at 58.21 = 14.5525.
    assert kosten("0.25", einddatum=D(2027, 1, 10), tarieven=(TariefPeriode(INGANG, None, Decimal("58.21")),)) == (
        Decimal("14.55")
    )


def test_kosten_worden_eenmaal_aan_het_eind_afgerond_niet_per_dag():
    # 1/7 · 58.20 = 8.3142… per day; rounded per day that is 8.31 · 240 = 1,994.40.
    assert kosten("1") == Decimal("1995.43")


def test_kosten_worden_eenmaal_afgerond_niet_per_tariefperiode():
    # 1 uur per week, 1 day at 0.05 then 1 day at 0.05: per day 0.00714…, rounded per period
    # 0.01 + 0.01 = 0.02; the sum over both days is 0.0142… → 0.01.
    tarieven = (
        TariefPeriode(INGANG, INGANG, Decimal("0.05")),
        TariefPeriode(D(2027, 1, 5), None, Decimal("0.05")),
    )
    assert kosten("1", einddatum=D(2027, 1, 5), tarieven=tarieven) == Decimal("0.01")


def test_kosten_van_een_dag():
    # 7 uur per week is 1 uur per day.
    assert kosten("7", einddatum=INGANG) == Decimal("58.20")


def test_onbekende_frequentie_bij_kosten_geeft_een_fout():
    with pytest.raises(ValueError, match="Onbekende frequentie"):
        kosten("6", frequentie="per_jaar")


# --- Open-ended: one year ---------------------------------------------------------------------


def test_kostenperiode_met_einddatum_eindigt_op_de_einddatum():
    assert costs.kostenperiode_einde(INGANG, EINDE) == EINDE


def test_kostenperiode_zonder_einddatum_is_het_eerste_jaar():
    assert costs.kostenperiode_einde(INGANG, None) == D(2028, 1, 3)


def test_kosten_zonder_einddatum_zijn_die_van_het_eerste_jaar():
    # 6/7 · 365 · 58.20 = 18,208.2857…
    assert kosten("6", einddatum=None) == Decimal("18208.29")


def test_kosten_zonder_einddatum_over_een_schrikkeljaar_tellen_366_dagen():
    # 2028-01-04 .. 2029-01-03 holds 29 February: 6/7 · 366 · 58.20 = 18,258.1714…
    assert kosten("6", ingangsdatum=D(2028, 1, 4), einddatum=None) == Decimal("18258.17")


def test_kosten_zonder_einddatum_gelijk_aan_kosten_tot_een_jaar_min_een_dag():
    assert kosten("6", einddatum=None, tarieven=TARIEFWIJZIGING) == kosten(
        "6", einddatum=D(2028, 1, 3), tarieven=TARIEFWIJZIGING
    )


# --- Tariff coverage --------------------------------------------------------------------------


def test_tariefdekking_zonder_gaten_bij_een_open_tarief():
    assert costs.tariefdekking_ontbreekt(OPEN_TARIEF, INGANG, EINDE) == []


def test_tariefdekking_zonder_gaten_bij_aansluitende_tarieven():
    assert costs.tariefdekking_ontbreekt(TARIEFWIJZIGING, INGANG, EINDE) == []


def test_tariefdekking_zonder_tarieven_is_de_hele_periode_een_gat():
    assert costs.tariefdekking_ontbreekt((), INGANG, EINDE) == [(INGANG, EINDE)]


def test_tariefdekking_gat_voor_het_eerste_tarief():
    tarieven = (TariefPeriode(D(2027, 2, 1), None, Decimal("58.20")),)
    assert costs.tariefdekking_ontbreekt(tarieven, INGANG, EINDE) == [(INGANG, D(2027, 1, 31))]


def test_tariefdekking_gat_tussen_twee_tarieven():
    tarieven = (
        TariefPeriode(D(2020, 1, 1), D(2027, 3, 31), Decimal("58.20")),
        TariefPeriode(D(2027, 5, 1), None, Decimal("60.00")),
    )
    assert costs.tariefdekking_ontbreekt(tarieven, INGANG, EINDE) == [(D(2027, 4, 1), D(2027, 4, 30))]


def test_tariefdekking_gat_na_het_laatste_tarief():
    tarieven = (TariefPeriode(D(2020, 1, 1), D(2027, 6, 30), Decimal("58.20")),)
    assert costs.tariefdekking_ontbreekt(tarieven, INGANG, EINDE) == [(D(2027, 7, 1), EINDE)]


def test_tariefdekking_gaten_voor_tussen_en_na_de_tarieven():
    tarieven = (
        TariefPeriode(D(2027, 5, 1), D(2027, 5, 31), Decimal("60.00")),
        TariefPeriode(D(2027, 2, 1), D(2027, 3, 31), Decimal("58.20")),
    )
    assert costs.tariefdekking_ontbreekt(tarieven, INGANG, EINDE) == [
        (INGANG, D(2027, 1, 31)),
        (D(2027, 4, 1), D(2027, 4, 30)),
        (D(2027, 6, 1), EINDE),
    ]


def test_tariefdekking_tarieven_geheel_buiten_de_periode_dekken_niets():
    tarieven = (
        TariefPeriode(D(2020, 1, 1), D(2027, 1, 3), Decimal("58.20")),
        TariefPeriode(D(2027, 9, 1), None, Decimal("60.00")),
    )
    assert costs.tariefdekking_ontbreekt(tarieven, INGANG, EINDE) == [(INGANG, EINDE)]


def test_tariefdekking_tarief_tot_en_met_de_einddatum_dekt_de_periode():
    tarieven = (TariefPeriode(D(2020, 1, 1), EINDE, Decimal("58.20")),)
    assert costs.tariefdekking_ontbreekt(tarieven, INGANG, EINDE) == []


def test_tariefdekking_tarief_tot_de_dag_voor_de_einddatum_laat_de_laatste_dag_open():
    tarieven = (TariefPeriode(D(2020, 1, 1), D(2027, 8, 30), Decimal("58.20")),)
    assert costs.tariefdekking_ontbreekt(tarieven, INGANG, EINDE) == [(EINDE, EINDE)]


def test_tariefdekking_tarief_vanaf_de_dag_na_de_ingangsdatum_laat_de_eerste_dag_open():
    tarieven = (TariefPeriode(D(2027, 1, 5), None, Decimal("58.20")),)
    assert costs.tariefdekking_ontbreekt(tarieven, INGANG, EINDE) == [(INGANG, INGANG)]


# --- Properties -------------------------------------------------------------------------------

VOLUMES = st.decimals(min_value="0.01", max_value="100", places=2)
BEDRAGEN = st.decimals(min_value="0.01", max_value="999.99", places=2)
FREQUENTIES = st.sampled_from(["per_week", "per_maand", "totaal"])
BEGINDATA = st.dates(min_value=D(2026, 1, 1), max_value=D(2029, 12, 31))


@st.composite
def periode_met_tarieven(draw, max_dagen=400):
    """A period and consecutive tariffs covering it (the first starts on or before the period)."""
    begin = draw(BEGINDATA)
    lengte = draw(st.integers(min_value=1, max_value=max_dagen))
    eind = begin + datetime.timedelta(days=lengte - 1)
    wissels = draw(st.lists(st.integers(min_value=1, max_value=lengte + 30), max_size=4, unique=True))
    starts = [begin - datetime.timedelta(days=draw(st.integers(0, 30)))]
    starts += sorted(begin + datetime.timedelta(days=w) for w in wissels)
    tarieven = []
    for i, start in enumerate(starts):
        if i + 1 < len(starts):
            tot = starts[i + 1] - datetime.timedelta(days=1)
        else:
            na = draw(st.none() | st.integers(min_value=0, max_value=30))
            tot = None if na is None else max(start, eind) + datetime.timedelta(days=na)
        tarieven.append(TariefPeriode(start, tot, draw(BEDRAGEN)))
    return begin, eind, tuple(tarieven)


def _tarief_op(tarieven, dag):
    for t in tarieven:
        if t.geldig_van <= dag and (t.geldig_tot is None or dag <= t.geldig_tot):
            return t.bedrag
    raise AssertionError(f"geen tarief op {dag}")


def _half_naar_boven(waarde: Fraction) -> Decimal:
    centen = waarde * 100
    geheel = centen.numerator // centen.denominator
    if centen - geheel >= Fraction(1, 2):
        geheel += 1
    return Decimal(geheel) / 100


def _kosten_dag_voor_dag(volume, frequentie, begin, eind, tarieven) -> Decimal:
    """docs/domain.md literally: Σ over the days of (units per day × tariff that day), exact, rounded once."""
    aantal = (eind - begin).days + 1
    per_dag = {
        "per_week": Fraction(volume) / 7,
        "per_maand": Fraction(volume) * 12 / 365,
        "totaal": Fraction(volume) / aantal,
    }[frequentie]
    som = sum(
        (per_dag * Fraction(_tarief_op(tarieven, begin + datetime.timedelta(days=i))) for i in range(aantal)),
        Fraction(0),
    )
    return _half_naar_boven(som)


@given(periode=periode_met_tarieven(), volume=VOLUMES, frequentie=FREQUENTIES)
def test_kosten_gelijk_aan_som_per_dag_eenmaal_afgerond(periode, volume, frequentie):
    begin, eind, tarieven = periode
    assert costs.tariefdekking_ontbreekt(tarieven, begin, eind) == []
    assert kosten(volume, frequentie, begin, eind, tarieven) == _kosten_dag_voor_dag(
        volume, frequentie, begin, eind, tarieven
    )


@given(periode=periode_met_tarieven(), volume=VOLUMES, meer=VOLUMES, frequentie=FREQUENTIES)
def test_kosten_stijgen_met_het_volume(periode, volume, meer, frequentie):
    begin, eind, tarieven = periode
    assert kosten(volume, frequentie, begin, eind, tarieven) <= kosten(volume + meer, frequentie, begin, eind, tarieven)


@given(periode=periode_met_tarieven(), volume=VOLUMES, frequentie=st.sampled_from(["per_week", "per_maand"]))
def test_kosten_van_twee_aansluitende_perioden_samen_binnen_een_cent_per_deel(periode, volume, frequentie):
    # Not for `totaal`: the same total volume spread over a part is a different indicatie.
    begin, eind, tarieven = periode
    assume(eind > begin)
    splits = begin + (eind - begin) // 2
    geheel = kosten(volume, frequentie, begin, eind, tarieven)
    delen = kosten(volume, frequentie, begin, splits, tarieven) + kosten(
        volume, frequentie, splits + datetime.timedelta(days=1), eind, tarieven
    )
    assert abs(geheel - delen) <= Decimal("0.01")


@given(periode=periode_met_tarieven(), volume=VOLUMES)
def test_totaal_met_een_tarief_kost_volume_maal_tarief(periode, volume):
    begin, eind, _ = periode
    tarief = Decimal("58.20")
    eigen = (TariefPeriode(begin, None, tarief),)
    assert kosten(volume, "totaal", begin, eind, eigen) == (volume * tarief).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@given(
    begin=BEGINDATA,
    lengte=st.integers(min_value=1, max_value=400),
    grenzen=st.lists(
        st.tuples(st.integers(min_value=-60, max_value=460), st.integers(min_value=0, max_value=120)),
        max_size=4,
    ),
    open_einde=st.booleans(),
)
def test_tariefgaten_zijn_precies_de_dagen_zonder_tarief(begin, lengte, grenzen, open_einde):
    eind = begin + datetime.timedelta(days=lengte - 1)
    # Non-overlapping tariffs from the drawn (offset, length) pairs; overlapping ones are dropped.
    tarieven = []
    bezet_tot = None
    for offset, duur in sorted(grenzen):
        van = begin + datetime.timedelta(days=offset)
        if bezet_tot is not None and van <= bezet_tot:
            continue
        tot = van + datetime.timedelta(days=duur)
        tarieven.append(TariefPeriode(van, tot, Decimal("1")))
        bezet_tot = tot
    if open_einde and tarieven:
        laatste = tarieven.pop()
        tarieven.append(TariefPeriode(laatste.geldig_van, None, laatste.bedrag))
    gaten = costs.tariefdekking_ontbreekt(tarieven, begin, eind)

    dagen_in_gat = set()
    for van, tot in gaten:
        assert begin <= van <= tot <= eind
        dagen_in_gat |= {van + datetime.timedelta(days=i) for i in range((tot - van).days + 1)}
    zonder_tarief = {
        dag
        for dag in (begin + datetime.timedelta(days=i) for i in range(lengte))
        if not any(t.geldig_van <= dag and (t.geldig_tot is None or dag <= t.geldig_tot) for t in tarieven)
    }
    assert dagen_in_gat == zonder_tarief
    # Gaps are maximal: two never touch.
    for (_, tot), (van, _) in itertools.pairwise(gaten):
        assert van > tot + datetime.timedelta(days=1)


MINUTEN_PER_EENHEID = {"minuut": 1, "uur": 60, "dagdeel": 240}


@given(
    periode=periode_met_tarieven(max_dagen=60),
    volume=VOLUMES,
    frequentie=FREQUENTIES,
    van=st.sampled_from(sorted(MINUTEN_PER_EENHEID)),
    naar=st.sampled_from(sorted(MINUTEN_PER_EENHEID)),
)
def test_kosten_na_omrekenen_van_eenheden_gelijk_aan_exacte_som_eenmaal_afgerond(
    periode, volume, frequentie, van, naar
):
    begin, eind, tarieven = periode
    omgerekend = costs.eenheden_omrekenen(volume, van, naar)
    exact = Fraction(volume) * MINUTEN_PER_EENHEID[van] / MINUTEN_PER_EENHEID[naar]
    assert kosten(omgerekend, frequentie, begin, eind, tarieven) == _kosten_dag_voor_dag(
        exact, frequentie, begin, eind, tarieven
    )
