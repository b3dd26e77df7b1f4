"""Every rule of docs/domain.md at its boundaries, on plain facts (indicaties/rules.py).

The facts are built directly, without a database or settings: the configuration is an explicit
`Regelinstellingen` with the defaults of casusregie/settings.py, so a changed setting does not
change these tests.
"""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from indicaties import rules
from indicaties.costs import TariefPeriode
from indicaties.rules import AndereIndicatie, IndicatieFeiten, Regelinstellingen, VoorgangerFeiten

D = datetime.date
VANDAAG = D(2027, 1, 4)
INGANG = VANDAAG
EINDE = D(2027, 8, 31)
LAATSTE_TOEGESTANE_DAG = D(2027, 9, 3)  # 2027-01-04 + 8 months − 1 day

INSTELLINGEN = Regelinstellingen(
    schakelteam_drempel=Decimal("50000.00"),
    spoed_terugwerkend_dagen=7,
    productgroepen={
        "ambulante_begeleiding": ["02A", "45C"],
        "dagbesteding": ["03A", "41B"],
        "gezinshuiszorg": ["40G"],
        "begeleiding": ["02A", "45C"],
    },
    zorgstapeling_combinaties=[("ambulante_begeleiding", "dagbesteding"), ("gezinshuiszorg", "begeleiding")],
    wlz_grensgroepen={
        "dagbehandeling": ["41A03"],
        "behandeling_individueel": ["45A65"],
        "individuele_begeleiding": ["45C02", "45C05", "45C09"],
        "kortdurend_verblijf": ["44C01", "44C02", "44C03"],
    },
)


def feiten(**overrides) -> IndicatieFeiten:
    """6 uur per week, 4 January – 31 August 2027, registered on 4 January, € 58,20 per uur."""
    velden = {
        "vandaag": VANDAAG,
        "volume": Decimal("6"),
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": INGANG,
        "einddatum": EINDE,
        "spoed": False,
        "spoed_reden": "",
        "motivatie": "",
        "product_code": "99X01",
        "product_wet": "wmo",
        "product_eenheid": "uur",
        "product_heeft_lichtere_variant": False,
        "inwoner_wlz": False,
        "tarieven": (TariefPeriode(D(2020, 1, 1), None, Decimal("58.20")),),
        "andere_indicaties": (),
        "instellingen": INSTELLINGEN,
    }
    velden.update(overrides)
    if isinstance(velden["volume"], str):
        velden["volume"] = Decimal(velden["volume"])
    return IndicatieFeiten(**velden)


def beoordeel(**overrides) -> rules.Beoordeling:
    return rules.beoordeel_indicatie(feiten(**overrides))


def codes(beoordeling: rules.Beoordeling) -> list[str]:
    return [v.code for v in beoordeling.overtredingen]


def andere(product_code="99X02", wet="wmo", ingangsdatum=INGANG, einddatum=EINDE, kosten="0.00") -> AndereIndicatie:
    return AndereIndicatie(product_code, wet, ingangsdatum, einddatum, Decimal(kosten))


def test_de_standaardfeiten_zijn_toegestaan_zonder_signalen():
    b = beoordeel()
    assert b.toegestaan
    assert b.overtredingen == []
    assert b.signalen == []
    assert b.geschatte_kosten == Decimal("11972.57")
    assert b.uren_per_week == Decimal("6.00")


# --- max_duur_8_maanden -----------------------------------------------------------------------


def test_4_99_uur_per_week_mag_langer_dan_8_maanden():
    b = beoordeel(volume="4.99", einddatum=D(2027, 12, 31))
    assert b.toegestaan
    assert b.uren_per_week == Decimal("4.99")
    assert b.maximale_einddatum is None


def test_5_uur_per_week_mag_niet_langer_dan_8_maanden():
    b = beoordeel(volume="5.00", einddatum=D(2027, 12, 31))
    assert codes(b) == ["max_duur_8_maanden"]
    assert b.overtredingen[0].veld == "einddatum"
    assert b.overtredingen[0].blokkerend
    assert "3-9-2027" in b.overtredingen[0].bericht


def test_einddatum_op_laatste_toegestane_dag_is_toegestaan():
    b = beoordeel(einddatum=LAATSTE_TOEGESTANE_DAG)
    assert b.toegestaan
    assert b.maximale_einddatum == LAATSTE_TOEGESTANE_DAG


def test_einddatum_een_dag_na_laatste_toegestane_dag_is_geweigerd():
    b = beoordeel(einddatum=LAATSTE_TOEGESTANE_DAG + datetime.timedelta(days=1))
    assert codes(b) == ["max_duur_8_maanden"]


def test_start_op_31_januari_mag_tot_en_met_29_september():
    b = beoordeel(vandaag=D(2027, 1, 31), ingangsdatum=D(2027, 1, 31), einddatum=D(2027, 9, 29))
    assert b.toegestaan
    assert b.maximale_einddatum == D(2027, 9, 29)


def test_start_op_31_januari_tot_30_september_is_geweigerd():
    b = beoordeel(vandaag=D(2027, 1, 31), ingangsdatum=D(2027, 1, 31), einddatum=D(2027, 9, 30))
    assert codes(b) == ["max_duur_8_maanden"]


def test_start_op_schrikkeldag_mag_tot_en_met_28_oktober():
    b = beoordeel(vandaag=D(2028, 2, 29), ingangsdatum=D(2028, 2, 29), einddatum=D(2028, 10, 28))
    assert b.toegestaan
    assert b.maximale_einddatum == D(2028, 10, 28)


def test_start_op_schrikkeldag_tot_29_oktober_is_geweigerd():
    b = beoordeel(vandaag=D(2028, 2, 29), ingangsdatum=D(2028, 2, 29), einddatum=D(2028, 10, 29))
    assert codes(b) == ["max_duur_8_maanden"]


def test_zonder_einddatum_is_bij_5_uur_geweigerd():
    b = beoordeel(volume="5", einddatum=None)
    assert codes(b) == ["max_duur_8_maanden"]
    assert "verplicht" in b.overtredingen[0].bericht


def test_zonder_einddatum_mag_bij_4_99_uur():
    b = beoordeel(volume="4.99", einddatum=None)
    assert b.toegestaan


def test_per_maand_net_onder_5_uur_per_week_telt_niet_als_5_uur():
    # 21.66 · 12/52 = 4.998…: stored as 4.99, and the rule compares the exact value.
    b = beoordeel(volume="21.66", frequentie="per_maand", einddatum=D(2027, 12, 31))
    assert b.toegestaan
    assert b.uren_per_week == Decimal("4.99")


def test_per_maand_net_boven_5_uur_per_week_valt_onder_de_regel():
    # 21.67 · 12/52 = 5.0007…
    b = beoordeel(volume="21.67", frequentie="per_maand", einddatum=D(2027, 12, 31))
    assert codes(b) == ["max_duur_8_maanden"]


def test_300_minuten_per_week_is_5_uur_en_valt_onder_de_regel():
    b = beoordeel(volume="300", eenheid="minuut", einddatum=D(2027, 12, 31))
    assert codes(b) == ["max_duur_8_maanden"]
    assert b.uren_per_week == Decimal("5.00")


def test_299_minuten_per_week_valt_niet_onder_de_regel():
    b = beoordeel(volume="299", eenheid="minuut", einddatum=D(2027, 12, 31))
    assert b.toegestaan


def test_een_kwart_dagdeel_boven_een_dagdeel_is_5_uur_en_valt_onder_de_regel():
    b = beoordeel(volume="1.25", eenheid="dagdeel", einddatum=D(2027, 12, 31))
    assert codes(b) == ["max_duur_8_maanden"]


def test_totaal_van_5_uur_per_week_krijgt_een_evaluatie():
    # 25 uur over 35 days = 5 weeks: 5 uur per week, well within 8 months.
    b = beoordeel(volume="25", frequentie="totaal", einddatum=D(2027, 2, 7))
    assert b.toegestaan
    assert b.uren_per_week == Decimal("5.00")
    assert b.evaluatiedatum == D(2027, 2, 7)


@pytest.mark.parametrize("eenheid", ["etmaal", "stuks"])
def test_eenheden_die_geen_tijd_zijn_kennen_geen_maximale_duur(eenheid):
    b = beoordeel(volume="40", eenheid=eenheid, product_eenheid=eenheid, einddatum=D(2028, 12, 31))
    assert b.toegestaan
    assert b.uren_per_week is None
    assert b.evaluatiedatum is None


@given(ingang=st.dates(min_value=D(2020, 1, 1), max_value=D(2040, 12, 31)))
def test_laatste_toegestane_dag_mag_en_de_dag_erna_niet(ingang):
    laatste = rules.maximale_einddatum(ingang)
    ok = beoordeel(vandaag=ingang, ingangsdatum=ingang, einddatum=laatste)
    te_lang = beoordeel(vandaag=ingang, ingangsdatum=ingang, einddatum=laatste + datetime.timedelta(days=1))
    assert ok.toegestaan
    assert codes(te_lang) == ["max_duur_8_maanden"]


# --- evaluatie_na_4_maanden -------------------------------------------------------------------


def test_evaluatie_vier_maanden_na_de_ingangsdatum():
    assert beoordeel().evaluatiedatum == D(2027, 5, 4)


def test_evaluatie_op_de_einddatum_als_die_eerder_valt():
    assert beoordeel(einddatum=D(2027, 3, 31)).evaluatiedatum == D(2027, 3, 31)


def test_evaluatie_op_vier_maanden_als_de_einddatum_daarna_valt():
    assert beoordeel(einddatum=D(2027, 5, 5)).evaluatiedatum == D(2027, 5, 4)


def test_evaluatie_31_januari_plus_vier_maanden_is_31_mei():
    b = beoordeel(vandaag=D(2027, 1, 31), ingangsdatum=D(2027, 1, 31), einddatum=D(2027, 9, 29))
    assert b.evaluatiedatum == D(2027, 5, 31)


def test_evaluatie_31_oktober_plus_vier_maanden_is_schrikkeldag():
    b = beoordeel(vandaag=D(2027, 10, 31), ingangsdatum=D(2027, 10, 31), einddatum=D(2028, 6, 29))
    assert b.evaluatiedatum == D(2028, 2, 29)


def test_evaluatie_30_oktober_plus_vier_maanden_is_ook_schrikkeldag():
    assert rules.evaluatiedatum(D(2027, 10, 30), None) == D(2028, 2, 29)


def test_evaluatie_31_oktober_plus_vier_maanden_is_28_februari_buiten_schrikkeljaar():
    assert rules.evaluatiedatum(D(2026, 10, 31), None) == D(2027, 2, 28)


def test_geen_evaluatie_onder_5_uur():
    assert beoordeel(volume="4.99").evaluatiedatum is None


@given(
    ingang=st.dates(min_value=D(2020, 1, 1), max_value=D(2040, 12, 31)),
    duur=st.integers(min_value=0, max_value=400),
)
def test_evaluatie_valt_nooit_voor_de_ingangsdatum_of_na_de_einddatum(ingang, duur):
    einde = ingang + datetime.timedelta(days=duur)
    datum = rules.evaluatiedatum(ingang, einde)
    assert ingang <= datum <= einde


# --- geen_terugwerkende_kracht ----------------------------------------------------------------


def test_ingangsdatum_vandaag_is_toegestaan():
    assert beoordeel(ingangsdatum=VANDAAG).toegestaan


def test_ingangsdatum_gisteren_zonder_spoed_is_geweigerd():
    b = beoordeel(vandaag=D(2027, 1, 5))
    assert codes(b) == ["geen_terugwerkende_kracht"]
    assert b.overtredingen[0].veld == "ingangsdatum"


def test_spoed_met_reden_zeven_dagen_terug_is_toegestaan():
    b = beoordeel(vandaag=D(2027, 1, 11), spoed=True, spoed_reden="Mantelzorger plots opgenomen")
    assert b.toegestaan
    assert "spoed" in b.signaalcodes


def test_spoed_met_reden_acht_dagen_terug_is_geweigerd():
    b = beoordeel(vandaag=D(2027, 1, 12), spoed=True, spoed_reden="Mantelzorger plots opgenomen")
    assert codes(b) == ["geen_terugwerkende_kracht"]
    assert "4-1-2027" not in b.overtredingen[0].bericht
    assert "5-1-2027" in b.overtredingen[0].bericht


def test_spoed_terugwerkend_volgt_de_instelling():
    instellingen = dataclasses.replace(INSTELLINGEN, spoed_terugwerkend_dagen=3)
    toegestaan = beoordeel(vandaag=D(2027, 1, 7), spoed=True, spoed_reden="Acuut", instellingen=instellingen)
    geweigerd = beoordeel(vandaag=D(2027, 1, 8), spoed=True, spoed_reden="Acuut", instellingen=instellingen)
    assert toegestaan.toegestaan
    assert codes(geweigerd) == ["geen_terugwerkende_kracht"]


def test_wijziging_met_ongewijzigde_ingangsdatum_in_het_verleden_is_toegestaan():
    b = beoordeel(vandaag=D(2027, 3, 1), vorige_ingangsdatum=INGANG, vorige_einddatum=EINDE)
    assert b.toegestaan


def test_wijziging_die_de_ingangsdatum_naar_het_verleden_verplaatst_is_geweigerd():
    b = beoordeel(
        vandaag=D(2027, 1, 10),
        ingangsdatum=D(2027, 1, 9),
        vorige_ingangsdatum=D(2027, 1, 20),
        vorige_einddatum=EINDE,
    )
    assert codes(b) == ["geen_terugwerkende_kracht"]
    assert b.overtredingen[0].veld == "ingangsdatum"


def test_wijziging_die_een_ingangsdatum_in_het_verleden_nog_verder_terug_zet_is_geweigerd():
    b = beoordeel(
        vandaag=D(2027, 3, 1),
        ingangsdatum=D(2027, 1, 3),
        einddatum=D(2027, 8, 31),
        vorige_ingangsdatum=INGANG,
        vorige_einddatum=EINDE,
    )
    assert codes(b) == ["geen_terugwerkende_kracht"]


def test_wijziging_die_de_einddatum_naar_het_verleden_verplaatst_is_geweigerd():
    b = beoordeel(
        vandaag=D(2027, 3, 1),
        einddatum=D(2027, 2, 28),
        vorige_ingangsdatum=INGANG,
        vorige_einddatum=EINDE,
    )
    assert codes(b) == ["geen_terugwerkende_kracht"]
    assert b.overtredingen[0].veld == "einddatum"


def test_wijziging_die_de_einddatum_op_vandaag_zet_is_toegestaan():
    b = beoordeel(
        vandaag=D(2027, 3, 1),
        einddatum=D(2027, 3, 1),
        vorige_ingangsdatum=INGANG,
        vorige_einddatum=EINDE,
    )
    assert b.toegestaan


def test_wijziging_die_een_open_einde_in_het_verleden_laat_eindigen_is_geweigerd():
    b = beoordeel(
        volume="4",
        vandaag=D(2027, 3, 1),
        einddatum=D(2027, 2, 28),
        vorige_ingangsdatum=INGANG,
        vorige_einddatum=None,
    )
    assert codes(b) == ["geen_terugwerkende_kracht"]


def test_wijziging_met_ongewijzigde_einddatum_in_het_verleden_is_toegestaan():
    b = beoordeel(vandaag=D(2027, 9, 10), vorige_ingangsdatum=INGANG, vorige_einddatum=EINDE)
    assert b.toegestaan


# --- spoed_reden_verplicht --------------------------------------------------------------------


def test_spoed_zonder_reden_is_geweigerd():
    b = beoordeel(spoed=True, spoed_reden="")
    assert codes(b) == ["spoed_reden_verplicht"]
    assert b.overtredingen[0].veld == "spoed_reden"


def test_spoed_met_alleen_witruimte_als_reden_is_geweigerd():
    b = beoordeel(spoed=True, spoed_reden="  \n\t ")
    assert codes(b) == ["spoed_reden_verplicht"]


def test_spoed_met_reden_is_toegestaan_en_krijgt_het_signaal_spoed():
    b = beoordeel(spoed=True, spoed_reden="Woning onbewoonbaar na brand")
    assert b.toegestaan
    assert b.signaalcodes == ["spoed"]


def test_zonder_spoed_is_geen_reden_nodig():
    assert beoordeel(spoed=False, spoed_reden="").toegestaan


# --- motivatie_zwaardere_variant --------------------------------------------------------------


def test_zwaardere_variant_zonder_motivatie_is_geweigerd():
    b = beoordeel(product_heeft_lichtere_variant=True, motivatie="")
    assert codes(b) == ["motivatie_zwaardere_variant"]
    assert b.overtredingen[0].veld == "motivatie"


def test_zwaardere_variant_met_alleen_witruimte_als_motivatie_is_geweigerd():
    b = beoordeel(product_heeft_lichtere_variant=True, motivatie="   ")
    assert codes(b) == ["motivatie_zwaardere_variant"]


def test_zwaardere_variant_met_motivatie_is_toegestaan_met_signaal():
    b = beoordeel(product_heeft_lichtere_variant=True, motivatie="Lichtere variant eerder zonder resultaat")
    assert b.toegestaan
    assert b.signaalcodes == ["motivatie_zwaardere_variant"]
    assert not b.signalen[0].blokkerend


def test_zwaardere_variant_zonder_motivatie_krijgt_ook_het_signaal():
    b = beoordeel(product_heeft_lichtere_variant=True, motivatie="")
    assert "motivatie_zwaardere_variant" in b.signaalcodes


def test_product_zonder_lichtere_variant_heeft_geen_motivatie_nodig_en_geen_signaal():
    b = beoordeel(product_heeft_lichtere_variant=False, motivatie="")
    assert b.toegestaan
    assert "motivatie_zwaardere_variant" not in b.signaalcodes


# --- wlz_geen_wmo -----------------------------------------------------------------------------


def test_wmo_voor_inwoner_met_wlz_is_geweigerd():
    b = beoordeel(inwoner_wlz=True, product_wet="wmo")
    assert codes(b) == ["wlz_geen_wmo"]
    assert b.overtredingen[0].veld == "product"


def test_jeugdwet_voor_inwoner_met_wlz_is_geweigerd():
    b = beoordeel(inwoner_wlz=True, product_wet="jeugdwet")
    assert codes(b) == ["wlz_jeugdwet"]
    assert b.overtredingen[0].veld == "product"


def test_jeugdwet_voor_inwoner_zonder_wlz_is_toegestaan():
    assert beoordeel(inwoner_wlz=False, product_wet="jeugdwet").toegestaan


def test_wmo_voor_inwoner_zonder_wlz_is_toegestaan():
    assert beoordeel(inwoner_wlz=False, product_wet="wmo").toegestaan


# --- tarief_ontbreekt -------------------------------------------------------------------------


def test_zonder_tarief_op_de_ingangsdatum_is_geweigerd():
    b = beoordeel(tarieven=(TariefPeriode(D(2027, 1, 5), None, Decimal("58.20")),))
    assert codes(b) == ["tarief_ontbreekt"]
    assert b.geschatte_kosten is None
    assert "4-1-2027 tot en met 4-1-2027" in b.overtredingen[0].bericht


def test_zonder_tarief_tussen_twee_tarieven_is_geweigerd():
    tarieven = (
        TariefPeriode(D(2020, 1, 1), D(2027, 3, 31), Decimal("58.20")),
        TariefPeriode(D(2027, 4, 2), None, Decimal("60.00")),
    )
    b = beoordeel(tarieven=tarieven)
    assert codes(b) == ["tarief_ontbreekt"]
    assert "1-4-2027 tot en met 1-4-2027" in b.overtredingen[0].bericht


def test_zonder_tarief_op_de_einddatum_is_geweigerd():
    b = beoordeel(tarieven=(TariefPeriode(D(2020, 1, 1), D(2027, 8, 30), Decimal("58.20")),))
    assert codes(b) == ["tarief_ontbreekt"]


def test_tarief_tot_en_met_de_einddatum_is_genoeg():
    b = beoordeel(tarieven=(TariefPeriode(D(2020, 1, 1), EINDE, Decimal("58.20")),))
    assert b.toegestaan
    assert b.geschatte_kosten == Decimal("11972.57")


def test_zonder_product_tarieven_is_geweigerd():
    assert codes(beoordeel(tarieven=())) == ["tarief_ontbreekt"]


def test_zonder_einddatum_moet_het_tarief_het_eerste_jaar_dekken():
    # Open-ended: the cost is estimated over 2027-01-04 .. 2028-01-03.
    b = beoordeel(volume="4", einddatum=None, tarieven=(TariefPeriode(D(2020, 1, 1), D(2028, 1, 2), Decimal("58.20")),))
    assert codes(b) == ["tarief_ontbreekt"]


def test_zonder_einddatum_is_een_tarief_tot_het_einde_van_het_eerste_jaar_genoeg():
    b = beoordeel(volume="4", einddatum=None, tarieven=(TariefPeriode(D(2020, 1, 1), D(2028, 1, 3), Decimal("58.20")),))
    assert b.toegestaan
    # 4/7 · 365 · 58.20 = 12,138.857…
    assert b.geschatte_kosten == Decimal("12138.86")


# --- einddatum_voor_ingangsdatum --------------------------------------------------------------


def test_einddatum_voor_ingangsdatum_is_geweigerd():
    b = beoordeel(einddatum=INGANG - datetime.timedelta(days=1))
    assert codes(b) == ["einddatum_voor_ingangsdatum"]
    assert b.geschatte_kosten is None


def test_einddatum_gelijk_aan_ingangsdatum_is_toegestaan():
    b = beoordeel(einddatum=INGANG)
    assert b.toegestaan
    # 6/7 · 58.20 = 49.885…
    assert b.geschatte_kosten == Decimal("49.89")


# --- Units and `totaal` -----------------------------------------------------------------------


def test_eenheid_die_niet_bij_het_product_past_is_geweigerd():
    b = beoordeel(eenheid="stuks", product_eenheid="uur")
    assert "eenheid_past_niet" in codes(b)


def test_kosten_rekenen_dagdelen_om_naar_de_eenheid_van_het_product():
    # 2 dagdelen = 8 uur per week, one week at 58.20 per uur.
    b = beoordeel(volume="2", eenheid="dagdeel", einddatum=D(2027, 1, 10))
    assert b.geschatte_kosten == Decimal("465.60")


def test_totaal_zonder_einddatum_is_geweigerd():
    b = beoordeel(volume="100", frequentie="totaal", einddatum=None)
    assert codes(b) == ["required"]
    assert b.geschatte_kosten is None


# --- schakelteam_drempel ----------------------------------------------------------------------

# 10 uur per week for 25 weeks (175 days, 2027-01-04 .. 2027-06-27) at € 200,00: exactly € 50.000,00.
DREMPEL_EINDE = D(2027, 6, 27)
PRECIES_DREMPEL = {
    "volume": "10",
    "einddatum": DREMPEL_EINDE,
    "tarieven": (TariefPeriode(D(2020, 1, 1), None, Decimal("200.00")),),
}


def test_kosten_van_precies_50000_euro_hoeven_niet_naar_het_schakelteam():
    b = beoordeel(**PRECIES_DREMPEL)
    assert b.geschatte_kosten == Decimal("50000.00")
    assert b.kosten_met_overlap == Decimal("50000.00")
    assert not b.schakelteam_nodig
    assert "schakelteam_drempel" not in b.signaalcodes


def test_kosten_van_50000_euro_en_een_cent_gaan_naar_het_schakelteam():
    # The last day at € 200,01: 10/7 · (174 · 200.00 + 200.01) = 50,000.0142… → 50,000.01.
    tarieven = (
        TariefPeriode(D(2020, 1, 1), D(2027, 6, 26), Decimal("200.00")),
        TariefPeriode(DREMPEL_EINDE, None, Decimal("200.01")),
    )
    b = beoordeel(volume="10", einddatum=DREMPEL_EINDE, tarieven=tarieven)
    assert b.geschatte_kosten == Decimal("50000.01")
    assert b.schakelteam_nodig
    assert b.signaalcodes == ["schakelteam_drempel"]
    assert b.toegestaan
    assert not b.signalen[0].blokkerend


def test_schakelteam_signaal_noemt_het_bedrag_en_de_drempel():
    b = beoordeel(**PRECIES_DREMPEL, andere_indicaties=(andere(kosten="0.01"),))
    assert "€ 50.000,01" in b.signalen[0].bericht
    assert "€ 50.000,00" in b.signalen[0].bericht


def test_overlappende_indicatie_telt_mee_tot_precies_50000():
    # Own: 4/7 · 240 · 58.20 = 7,981.714… → 7,981.71; the other brings the sum to 50,000.00.
    b = beoordeel(volume="4", andere_indicaties=(andere(kosten="42018.29"),))
    assert b.geschatte_kosten == Decimal("7981.71")
    assert b.kosten_met_overlap == Decimal("50000.00")
    assert not b.schakelteam_nodig


def test_overlappende_indicatie_telt_mee_tot_een_cent_boven_50000():
    b = beoordeel(volume="4", andere_indicaties=(andere(kosten="42018.30"),))
    assert b.kosten_met_overlap == Decimal("50000.01")
    assert b.schakelteam_nodig
    assert "schakelteam_drempel" in b.signaalcodes


def test_opsplitsen_in_kleine_indicaties_ontloopt_het_schakelteam_niet():
    kleintjes = tuple(andere(kosten="10000.00") for _ in range(4))
    b = beoordeel(volume="4", andere_indicaties=kleintjes)
    assert b.kosten_met_overlap == Decimal("47981.71")
    assert not b.schakelteam_nodig
    b = beoordeel(volume="4", andere_indicaties=(*kleintjes, andere(kosten="2018.30")))
    assert b.schakelteam_nodig


def test_indicatie_die_op_de_ingangsdatum_eindigt_overlapt_en_telt_mee():
    ander = andere(ingangsdatum=D(2026, 6, 1), einddatum=INGANG, kosten="0.01")
    b = beoordeel(**PRECIES_DREMPEL, andere_indicaties=(ander,))
    assert b.kosten_met_overlap == Decimal("50000.01")
    assert b.schakelteam_nodig


def test_indicatie_die_op_de_einddatum_begint_overlapt_en_telt_mee():
    ander = andere(ingangsdatum=DREMPEL_EINDE, einddatum=D(2027, 12, 31), kosten="0.01")
    b = beoordeel(**PRECIES_DREMPEL, andere_indicaties=(ander,))
    assert b.schakelteam_nodig


def test_indicatie_die_de_dag_voor_de_ingangsdatum_eindigt_telt_niet_mee():
    ander = andere(ingangsdatum=D(2026, 6, 1), einddatum=D(2027, 1, 3), kosten="99999.00")
    b = beoordeel(**PRECIES_DREMPEL, andere_indicaties=(ander,))
    assert b.kosten_met_overlap == Decimal("50000.00")
    assert not b.schakelteam_nodig


def test_indicatie_die_de_dag_na_de_einddatum_begint_telt_niet_mee():
    ander = andere(ingangsdatum=D(2027, 6, 28), einddatum=None, kosten="99999.00")
    b = beoordeel(**PRECIES_DREMPEL, andere_indicaties=(ander,))
    assert not b.schakelteam_nodig


def test_lopende_indicatie_zonder_einddatum_van_voor_de_ingangsdatum_telt_mee():
    ander = andere(ingangsdatum=D(2025, 1, 1), einddatum=None, kosten="0.01")
    b = beoordeel(**PRECIES_DREMPEL, andere_indicaties=(ander,))
    assert b.schakelteam_nodig


def test_drempel_volgt_de_instelling():
    instellingen = dataclasses.replace(INSTELLINGEN, schakelteam_drempel=Decimal("11972.56"))
    assert beoordeel(instellingen=instellingen).schakelteam_nodig
    instellingen = dataclasses.replace(INSTELLINGEN, schakelteam_drempel=Decimal("11972.57"))
    assert not beoordeel(instellingen=instellingen).schakelteam_nodig


def test_zonder_kostenschatting_geen_schakelteam():
    b = beoordeel(tarieven=(), andere_indicaties=(andere(kosten="99999.00"),))
    assert b.geschatte_kosten is None
    assert not b.schakelteam_nodig


# --- zorgstapeling ----------------------------------------------------------------------------


def test_ambulante_begeleiding_naast_dagbesteding_is_zorgstapeling():
    b = beoordeel(product_code="45C02", andere_indicaties=(andere(product_code="03A01"),))
    assert b.signaalcodes == ["zorgstapeling"]
    assert b.toegestaan
    assert not b.signalen[0].blokkerend


def test_dagbesteding_naast_ambulante_begeleiding_is_ook_zorgstapeling():
    b = beoordeel(product_code="41B01", andere_indicaties=(andere(product_code="02A05"),))
    assert b.signaalcodes == ["zorgstapeling"]


def test_gezinshuiszorg_naast_begeleiding_is_zorgstapeling():
    b = beoordeel(product_code="40G01", andere_indicaties=(andere(product_code="45C09"),))
    assert b.signaalcodes == ["zorgstapeling"]


def test_twee_keer_begeleiding_is_geen_zorgstapeling():
    b = beoordeel(product_code="45C02", andere_indicaties=(andere(product_code="02A05"),))
    assert b.signaalcodes == []


def test_dagbesteding_die_niet_overlapt_is_geen_zorgstapeling():
    ander = andere(product_code="03A01", ingangsdatum=D(2027, 9, 1), einddatum=D(2027, 12, 31))
    b = beoordeel(product_code="45C02", andere_indicaties=(ander,))
    assert b.signaalcodes == []


def test_zorgstapeling_volgt_de_ingestelde_combinaties():
    instellingen = dataclasses.replace(INSTELLINGEN, zorgstapeling_combinaties=[])
    b = beoordeel(product_code="45C02", andere_indicaties=(andere(product_code="03A01"),), instellingen=instellingen)
    assert b.signaalcodes == []


# --- mogelijk_wlz -----------------------------------------------------------------------------


def jeugd(code, **kwargs):
    return andere(product_code=code, wet="jeugdwet", **kwargs)


def test_drie_wlz_grensgroepen_geeft_het_signaal_mogelijk_wlz():
    b = beoordeel(product_code="41A03", product_wet="jeugdwet", andere_indicaties=(jeugd("45A65"), jeugd("45C05")))
    assert b.signaalcodes == ["mogelijk_wlz"]
    assert b.toegestaan


def test_vier_wlz_grensgroepen_geeft_het_signaal_eenmaal():
    b = beoordeel(
        product_code="44C02",
        product_wet="jeugdwet",
        andere_indicaties=(jeugd("41A03"), jeugd("45A65"), jeugd("45C05")),
    )
    assert b.signaalcodes == ["mogelijk_wlz"]


def test_twee_wlz_grensgroepen_geeft_geen_signaal():
    b = beoordeel(product_code="41A03", product_wet="jeugdwet", andere_indicaties=(jeugd("45A65"),))
    assert b.signaalcodes == []


def test_drie_producten_uit_twee_wlz_grensgroepen_geeft_geen_signaal():
    b = beoordeel(product_code="45C02", product_wet="jeugdwet", andere_indicaties=(jeugd("45C09"), jeugd("45A65")))
    assert b.signaalcodes == []


def test_wmo_product_geeft_geen_signaal_mogelijk_wlz():
    b = beoordeel(product_code="41A03", product_wet="wmo", andere_indicaties=(jeugd("45A65"), jeugd("45C05")))
    assert "mogelijk_wlz" not in b.signaalcodes


def test_wlz_grensgroep_die_niet_overlapt_telt_niet_mee():
    later = jeugd("45C05", ingangsdatum=D(2027, 9, 1), einddatum=D(2027, 12, 31))
    b = beoordeel(product_code="41A03", product_wet="jeugdwet", andere_indicaties=(jeugd("45A65"), later))
    assert b.signaalcodes == []


# --- verlenging -------------------------------------------------------------------------------


def voorganger(**overrides) -> VoorgangerFeiten:
    velden = {"zelfde_inwoner": True, "status": "toegewezen", "einddatum": D(2027, 1, 3), "evaluatie_status": None}
    velden.update(overrides)
    return VoorgangerFeiten(**velden)


def test_verlenging_die_de_dag_na_de_einddatum_begint_is_toegestaan_met_signaal():
    b = beoordeel(voorganger=voorganger())
    assert b.toegestaan
    assert b.signaalcodes == ["verlenging"]


def test_verlenging_die_twee_dagen_na_de_einddatum_begint_is_geweigerd():
    b = beoordeel(vandaag=D(2027, 1, 5), ingangsdatum=D(2027, 1, 5), voorganger=voorganger())
    assert codes(b) == ["verlenging_aansluitend"]
    assert "4-1-2027" in b.overtredingen[0].bericht


def test_verlenging_die_op_de_einddatum_begint_is_geweigerd():
    b = beoordeel(voorganger=voorganger(einddatum=INGANG))
    assert codes(b) == ["verlenging_aansluitend"]


@pytest.mark.parametrize("evaluatie_status", ["gepland", "open"])
def test_verlenging_met_lopende_evaluatie_is_geweigerd(evaluatie_status):
    b = beoordeel(voorganger=voorganger(evaluatie_status=evaluatie_status))
    assert codes(b) == ["verlenging_evaluatie_open"]
    assert "verlenging" in b.signaalcodes


def test_verlenging_na_afgeronde_evaluatie_is_toegestaan():
    assert beoordeel(voorganger=voorganger(evaluatie_status="afgerond")).toegestaan


def test_verlenging_van_verlopen_indicatie_is_toegestaan():
    assert beoordeel(voorganger=voorganger(status="verlopen")).toegestaan


@pytest.mark.parametrize("status", ["wacht_op_schakelteam", "beeindigd", "afgewezen", "ingetrokken"])
def test_verlenging_van_indicatie_die_niet_toegewezen_of_verlopen_is_is_geweigerd(status):
    assert codes(beoordeel(voorganger=voorganger(status=status))) == ["verlenging_ongeldig"]


def test_verlenging_van_indicatie_van_een_andere_inwoner_is_geweigerd():
    assert codes(beoordeel(voorganger=voorganger(zelfde_inwoner=False))) == ["verlenging_ongeldig"]


def test_verlenging_van_indicatie_zonder_einddatum_is_geweigerd():
    assert codes(beoordeel(voorganger=voorganger(einddatum=None))) == ["verlenging_ongeldig"]


def test_verlenging_doorloopt_alle_regels_opnieuw():
    b = beoordeel(voorganger=voorganger(), einddatum=LAATSTE_TOEGESTANE_DAG + datetime.timedelta(days=1))
    assert codes(b) == ["max_duur_8_maanden"]


# --- bsn --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "012345672"])
def test_bsn_dat_de_elfproef_doorstaat_is_geldig(bsn):
    assert rules.bsn_is_geldig(bsn)
    assert rules.bsn_ongeldig(bsn) == []


def test_bsn_dat_de_elfproef_niet_doorstaat_is_ongeldig():
    # 111222334: the weighted sum is 65, not divisible by 11.
    assert not rules.bsn_is_geldig("111222334")


def test_bsn_van_alleen_nullen_is_ongeldig_hoewel_de_som_deelbaar_is():
    assert not rules.bsn_is_geldig("000000000")


@pytest.mark.parametrize("bsn", ["11122233", "1112223330", "", "1"])
def test_bsn_met_meer_of_minder_dan_negen_cijfers_is_ongeldig(bsn):
    assert not rules.bsn_is_geldig(bsn)


@pytest.mark.parametrize("bsn", ["11122233a", "111 22333", "-11222333", "11122233.", "١١١٢٢٢٣٣٣"])
def test_bsn_met_tekens_die_geen_cijfers_zijn_is_ongeldig(bsn):
    assert not rules.bsn_is_geldig(bsn)


def test_ongeldig_bsn_geeft_de_code_bsn_ongeldig():
    fouten = rules.bsn_ongeldig("111222334")
    assert [f.code for f in fouten] == ["bsn_ongeldig"]
    assert fouten[0].veld == "bsn"


def _met_controlecijfer(cijfers: list[int]) -> str | None:
    # The last weight is −1: the check digit equals the weighted sum of the others modulo 11.
    controle = sum(c * w for c, w in zip(cijfers, rules.ELFPROEF_GEWICHTEN[:8], strict=True)) % 11
    if controle > 9 or (not any(cijfers) and controle == 0):
        return None
    return "".join(map(str, cijfers)) + str(controle)


geldige_bsns = (
    st.lists(st.integers(0, 9), min_size=8, max_size=8).map(_met_controlecijfer).filter(lambda bsn: bsn is not None)
)


@given(bsn=geldige_bsns)
def test_gegenereerd_bsn_volgens_de_elfproef_is_geldig(bsn):
    assert rules.bsn_is_geldig(bsn)


@given(bsn=geldige_bsns, positie=st.integers(0, 8), verschil=st.integers(1, 9))
def test_een_ander_cijfer_op_een_plek_maakt_een_geldig_bsn_ongeldig(bsn, positie, verschil):
    cijfer = (int(bsn[positie]) + verschil) % 10
    anders = bsn[:positie] + str(cijfer) + bsn[positie + 1 :]
    assert not rules.bsn_is_geldig(anders)


# --- Dates the register can calculate with --------------------------------------------------------


@pytest.mark.parametrize(
    ("ingangsdatum", "einddatum", "verwacht"),
    [
        (datetime.date(1900, 1, 1), datetime.date(1900, 6, 30), []),
        (datetime.date(1899, 12, 31), datetime.date(1900, 6, 30), [("ingangsdatum", rules.DATUM_VOOR_BEREIK)]),
        (datetime.date(2199, 12, 1), datetime.date(2199, 12, 31), []),
        (datetime.date(2199, 12, 1), datetime.date(2200, 1, 1), [("einddatum", rules.DATUM_NA_BEREIK)]),
        (datetime.date(9999, 12, 31), None, [("ingangsdatum", rules.DATUM_NA_BEREIK)]),
    ],
)
def test_een_datum_buiten_het_rekenbereik_is_de_enige_overtreding(ingangsdatum, einddatum, verwacht):
    """At the edges of 1-1-1900 and 31-12-2199; beyond them nothing else is calculated (it would overflow)."""
    beoordeling = rules.beoordeel_indicatie(
        feiten(ingangsdatum=ingangsdatum, einddatum=einddatum, vandaag=ingangsdatum)
    )
    buiten = [(v.veld, v.bericht) for v in beoordeling.overtredingen if v.code == "datum_buiten_bereik"]
    assert buiten == verwacht
    if verwacht:
        assert codes(beoordeling) == ["datum_buiten_bereik"]
        assert beoordeling.geschatte_kosten is None


# --- The traject: hours of the same law together (max_duur_8_maanden, evaluation) -------------

NA_8_MAANDEN = D(2027, 12, 31)


def lopend(uren, *, wet="wmo", product_code="99X02", ingangsdatum=INGANG, einddatum=NA_8_MAANDEN, id=None):
    """Another running indicatie of the inwoner with its stored hours per week (None: not time)."""
    return AndereIndicatie(
        product_code, wet, ingangsdatum, einddatum, Decimal("0.00"), None if uren is None else Decimal(uren), id
    )


def test_3_en_2_uur_van_dezelfde_wet_samen_is_5_uur_en_dus_hooguit_8_maanden():
    b = beoordeel(volume="3.00", einddatum=NA_8_MAANDEN, andere_indicaties=(lopend("2.00"),))
    assert codes(b) == ["max_duur_8_maanden"]
    assert b.uren_traject == Decimal("5.00")


def test_3_en_1_99_uur_van_dezelfde_wet_samen_mag_langer_dan_8_maanden():
    b = beoordeel(volume="3.00", einddatum=NA_8_MAANDEN, andere_indicaties=(lopend("1.99"),))
    assert b.toegestaan
    assert b.uren_traject == Decimal("4.99")
    assert b.maximale_einddatum is None
    assert b.evaluatiedatum is None


def test_samen_5_uur_plant_de_evaluatie_terwijl_de_eigen_uren_3_blijven():
    b = beoordeel(volume="3.00", andere_indicaties=(lopend("2.00"),))
    assert b.toegestaan
    assert b.uren_per_week == Decimal("3.00")
    assert (b.maximale_einddatum, b.evaluatiedatum) == (LAATSTE_TOEGESTANE_DAG, D(2027, 5, 4))


def test_samen_5_uur_zonder_einddatum_is_geweigerd():
    b = beoordeel(volume="3.00", einddatum=None, andere_indicaties=(lopend("2.00"),))
    assert codes(b) == ["max_duur_8_maanden"]
    assert "einddatum verplicht" in b.overtredingen[0].bericht


def test_uren_van_een_andere_wet_tellen_niet_mee():
    b = beoordeel(volume="3.00", einddatum=NA_8_MAANDEN, andere_indicaties=(lopend("2.00", wet="jeugdwet"),))
    assert b.toegestaan
    assert b.uren_meegeteld == []


def test_uren_van_een_indicatie_die_de_dag_voor_de_ingangsdatum_eindigt_tellen_niet_mee():
    ervoor = lopend("2.00", ingangsdatum=D(2026, 6, 1), einddatum=D(2027, 1, 3))
    assert beoordeel(volume="3.00", einddatum=NA_8_MAANDEN, andere_indicaties=(ervoor,)).toegestaan


def test_uren_van_een_indicatie_die_op_de_ingangsdatum_eindigt_tellen_mee():
    tot_en_met_ingang = lopend("2.00", ingangsdatum=D(2026, 6, 1), einddatum=INGANG)
    b = beoordeel(volume="3.00", einddatum=NA_8_MAANDEN, andere_indicaties=(tot_en_met_ingang,))
    assert codes(b) == ["max_duur_8_maanden"]


def test_uren_van_een_indicatie_die_de_dag_na_de_einddatum_begint_tellen_niet_mee():
    erna = lopend("2.00", ingangsdatum=D(2028, 1, 1), einddatum=None)
    assert beoordeel(volume="3.00", einddatum=NA_8_MAANDEN, andere_indicaties=(erna,)).toegestaan


def test_een_indicatie_in_etmalen_of_stuks_telt_niet_mee_voor_de_uren():
    b = beoordeel(volume="3.00", einddatum=NA_8_MAANDEN, andere_indicaties=(lopend(None),))
    assert b.toegestaan
    assert b.uren_traject == Decimal("3.00")


def test_een_indicatie_in_etmalen_krijgt_geen_urengrens_door_andere_indicaties():
    b = beoordeel(
        volume="3",
        eenheid="etmaal",
        product_eenheid="etmaal",
        einddatum=NA_8_MAANDEN,
        andere_indicaties=(lopend("6.00"),),
    )
    assert b.toegestaan
    assert b.uren_traject is None


def test_totaal_telt_als_gemiddelde_per_week_mee():
    # 70 uur over 245 days (35 weeks, 4-1 to 5-9-2027) is 2 per week: with 3 others, 5.
    b = beoordeel(volume="70", frequentie="totaal", einddatum=D(2027, 9, 5), andere_indicaties=(lopend("3.00"),))
    assert b.uren_traject == Decimal("5")
    assert codes(b) == ["max_duur_8_maanden"]
    b = beoordeel(volume="69.99", frequentie="totaal", einddatum=D(2027, 9, 5), andere_indicaties=(lopend("3.00"),))
    assert b.uren_traject < Decimal("5")
    assert b.toegestaan


def test_de_melding_noemt_de_meegetelde_indicaties_en_de_uren_samen():
    meegeteld = lopend("2.00", product_code="02A01")
    andere_wet = lopend("4.00", wet="jeugdwet", product_code="45A65")
    b = beoordeel(volume="3.00", einddatum=NA_8_MAANDEN, andere_indicaties=(meegeteld, andere_wet))
    assert b.uren_meegeteld == [meegeteld]
    bericht = b.overtredingen[0].bericht
    assert "samen met 02A01 (4-1-2027 t/m 31-12-2027): 5,00 uur" in bericht
    assert "45A65" not in bericht
    assert "uiterlijk tot en met 3-9-2027" in bericht


CENTEN_UREN = st.integers(min_value=1, max_value=999).map(lambda c: Decimal(c) / 100)


@given(
    eigen=CENTEN_UREN,
    andere_uren=st.lists(st.tuples(CENTEN_UREN, st.sampled_from(["wmo", "jeugdwet"]), st.booleans()), max_size=4),
)
def test_de_urengrens_geldt_precies_wanneer_de_uren_van_dezelfde_wet_in_dezelfde_periode_samen_5_halen(
    eigen, andere_uren
):
    andere_indicaties = tuple(
        lopend(uren, wet=wet, ingangsdatum=INGANG if overlapt else D(2028, 1, 1), einddatum=None)
        for uren, wet, overlapt in andere_uren
    )
    samen = eigen + sum((u for u, wet, overlapt in andere_uren if wet == "wmo" and overlapt), Decimal(0))
    b = beoordeel(volume=eigen, einddatum=NA_8_MAANDEN, andere_indicaties=andere_indicaties)
    assert b.uren_traject == samen
    assert ("max_duur_8_maanden" in codes(b)) == (samen >= 5)


def test_de_melding_noemt_de_meegetelde_indicaties_op_volgorde_van_ingang_hoe_ze_ook_binnenkomen():
    # The database returns them in no particular order; an import in several processes read
    # them in another order than one process, and the report differed in this text only.
    vroeg = lopend("1.00", product_code="02A03", ingangsdatum=D(2026, 12, 1), einddatum=D(2027, 5, 31))
    later = lopend("1.00", product_code="02A01", ingangsdatum=INGANG, einddatum=D(2027, 6, 30))
    zelfde_dag_korter = lopend("1.00", product_code="02A02", ingangsdatum=INGANG, einddatum=D(2027, 3, 31))
    berichten = {
        beoordeel(volume="3.00", einddatum=NA_8_MAANDEN, andere_indicaties=volgorde).overtredingen[0].bericht
        for volgorde in [(vroeg, later, zelfde_dag_korter), (later, zelfde_dag_korter, vroeg)]
    }
    assert len(berichten) == 1
    assert (
        "samen met 02A03 (1-12-2026 t/m 31-5-2027), 02A02 (4-1-2027 t/m 31-3-2027), 02A01 (4-1-2027" in berichten.pop()
    )


def test_zonder_andere_indicaties_noemt_de_melding_niemand():
    b = beoordeel(volume="5.00", einddatum=NA_8_MAANDEN)
    assert "samen met" not in b.overtredingen[0].bericht


# --- The traject: the voorganger chain for the schakelteam threshold --------------------------


def lid(einddatum, kosten="0.01", *, product_code="99X03", id=None) -> AndereIndicatie:
    """A member of the voorganger chain, eight months up to `einddatum`, 6 uur per week."""
    return AndereIndicatie(
        product_code, "wmo", einddatum - relativedelta(months=8), einddatum, Decimal(kosten), Decimal("6"), id
    )


AANSLUITEND_ERVOOR = D(2027, 1, 3)  # the voorganger of a verlenging ends the day before INGANG


def test_voorganger_die_11_maanden_voor_de_start_eindigde_telt_mee():
    b = beoordeel(**PRECIES_DREMPEL, voorgangers=(lid(D(2026, 2, 4)),))
    assert b.kosten_met_overlap == Decimal("50000.01")
    assert b.schakelteam_nodig


def test_voorganger_die_13_maanden_voor_de_start_eindigde_telt_niet_mee():
    b = beoordeel(**PRECIES_DREMPEL, voorgangers=(lid(D(2025, 12, 4)),))
    assert b.kosten_met_overlap == Decimal("50000.00")
    assert not b.schakelteam_nodig


def test_voorganger_die_precies_12_maanden_voor_de_start_eindigde_telt_niet_mee():
    b = beoordeel(**PRECIES_DREMPEL, voorgangers=(lid(D(2026, 1, 4)),))
    assert b.kosten_meegeteld == []
    assert not b.schakelteam_nodig


def test_voorganger_die_een_dag_minder_dan_12_maanden_voor_de_start_eindigde_telt_mee():
    b = beoordeel(**PRECIES_DREMPEL, voorgangers=(lid(D(2026, 1, 5)),))
    assert b.schakelteam_nodig


def test_de_hele_keten_binnen_12_maanden_telt_mee():
    keten = (lid(AANSLUITEND_ERVOOR), lid(D(2026, 5, 3)), lid(D(2026, 2, 4)))
    b = beoordeel(**PRECIES_DREMPEL, voorgangers=keten)
    assert b.kosten_met_overlap == Decimal("50000.03")
    assert b.kosten_meegeteld == list(keten)


def test_de_keten_stopt_bij_het_eerste_lid_dat_te_lang_geleden_eindigde():
    # What comes after an old member in the chain ended earlier still; the third stands for data
    # that says otherwise, and is not followed either.
    recent, oud, achter_het_oude = lid(AANSLUITEND_ERVOOR), lid(D(2025, 12, 4)), lid(D(2026, 6, 1))
    b = beoordeel(**PRECIES_DREMPEL, voorgangers=(recent, oud, achter_het_oude))
    assert b.kosten_meegeteld == [recent]
    assert b.kosten_met_overlap == Decimal("50000.01")


def test_een_voorganger_die_ook_overlappend_loopt_telt_eenmaal():
    zelfde = "3f1c1d0e-0000-4000-8000-000000000001"
    overlappend = AndereIndicatie("99X03", "wmo", D(2026, 6, 1), INGANG, Decimal("0.01"), Decimal("6"), zelfde)
    b = beoordeel(**PRECIES_DREMPEL, andere_indicaties=(overlappend,), voorgangers=(lid(INGANG, id=zelfde),))
    assert b.kosten_met_overlap == Decimal("50000.01")
    assert b.kosten_meegeteld == [overlappend]


def test_keten_en_eigen_kosten_van_precies_50000_euro_hoeven_niet_naar_het_schakelteam():
    # Own: 4 uur per week, € 7.981,71 (as above); the voorganger brings it to € 50.000,00.
    b = beoordeel(volume="4", voorgangers=(lid(AANSLUITEND_ERVOOR, "42018.29"),))
    assert b.kosten_met_overlap == Decimal("50000.00")
    assert not b.schakelteam_nodig


def test_keten_en_eigen_kosten_van_50000_euro_en_een_cent_gaan_naar_het_schakelteam():
    b = beoordeel(volume="4", voorgangers=(lid(AANSLUITEND_ERVOOR, "42018.30"),))
    assert b.kosten_met_overlap == Decimal("50000.01")
    assert b.schakelteam_nodig
    assert "schakelteam_drempel" in b.signaalcodes


def test_het_schakelteamsignaal_noemt_de_meegetelde_voorganger():
    b = beoordeel(volume="4", voorgangers=(lid(AANSLUITEND_ERVOOR, "42018.30", product_code="02A01"),))
    [signaal] = [s for s in b.signalen if s.code == "schakelteam_drempel"]
    assert "samen met 02A01 (3-5-2026 t/m 3-1-2027): € 50.000,01" in signaal.bericht


def test_een_voorganger_telt_niet_mee_voor_de_uren():
    b = beoordeel(volume="3.00", einddatum=NA_8_MAANDEN, voorgangers=(lid(AANSLUITEND_ERVOOR),))
    assert b.toegestaan
    assert b.uren_traject == Decimal("3.00")


# --- achttien_jaar ----------------------------------------------------------------------------


def jeugdhulp(geboortedatum, **overrides) -> rules.Beoordeling:
    return beoordeel(product_wet="jeugdwet", inwoner_geboortedatum=geboortedatum, **overrides)


def test_jeugdhulp_tot_en_met_de_18e_verjaardag_krijgt_het_signaal_achttien_jaar():
    b = jeugdhulp(D(2009, 8, 31), einddatum=D(2027, 8, 31))
    assert b.signaalcodes == ["achttien_jaar"]
    assert b.toegestaan
    assert not b.signalen[0].blokkerend
    assert "31-8-2027" in b.signalen[0].bericht


def test_jeugdhulp_tot_de_dag_voor_de_18e_verjaardag_krijgt_geen_signaal():
    assert jeugdhulp(D(2009, 8, 31), einddatum=D(2027, 8, 30)).signaalcodes == []


def test_wie_op_29_februari_is_geboren_wordt_18_op_28_februari():
    periode = {"vandaag": D(2029, 9, 3), "ingangsdatum": D(2029, 9, 3)}
    op_28_februari = jeugdhulp(D(2012, 2, 29), einddatum=D(2030, 2, 28), **periode)
    assert op_28_februari.signaalcodes == ["achttien_jaar"]
    assert "28-2-2030" in op_28_februari.signalen[0].bericht
    assert jeugdhulp(D(2012, 2, 29), einddatum=D(2030, 2, 27), **periode).signaalcodes == []


def test_jeugdhulp_zonder_einddatum_krijgt_het_signaal_ook_voor_een_jong_kind():
    # Nothing ends it before the 18th birthday (docs/domain.md: "or has no einddatum").
    b = jeugdhulp(D(2020, 1, 1), volume="4", einddatum=None)
    assert b.signaalcodes == ["achttien_jaar"]
    assert "1-1-2038" in b.signalen[0].bericht


def test_wmo_na_de_18e_verjaardag_krijgt_geen_signaal_achttien_jaar():
    b = beoordeel(product_wet="wmo", inwoner_geboortedatum=D(2009, 8, 31), einddatum=D(2027, 8, 31))
    assert b.signaalcodes == []


def test_jeugdhulp_voor_wie_al_18_is_krijgt_het_signaal_zonder_te_zeggen_dat_hij_18_wordt():
    b = jeugdhulp(D(2008, 5, 17))
    assert b.signaalcodes == ["achttien_jaar"]
    assert "17-5-2026" in b.signalen[0].bericht
    assert "wordt op" not in b.signalen[0].bericht


# --- wlz_jeugdwet -----------------------------------------------------------------------------


def test_jeugdhulp_bij_wlz_is_blokkerend_en_noemt_de_wlz():
    [overtreding] = beoordeel(inwoner_wlz=True, product_wet="jeugdwet").overtredingen
    assert overtreding.blokkerend
    assert "Wlz" in overtreding.bericht


# --- doelen_ontbreken -------------------------------------------------------------------------


def test_een_nieuwe_indicatie_zonder_doelen_is_geweigerd():
    b = beoordeel(doelen=0)
    assert codes(b) == ["doelen_ontbreken"]
    assert b.overtredingen[0].veld == "doelen"


def test_een_nieuwe_indicatie_met_een_doel_is_toegestaan():
    assert beoordeel(doelen=1).toegestaan


def test_een_wijziging_zonder_opgegeven_doelen_is_toegestaan():
    # None: a change keeps the goals the indicatie has.
    assert beoordeel(doelen=None, vorige_ingangsdatum=INGANG, vorige_einddatum=EINDE).toegestaan


# --- motivatie_voortzetten (verlenging) --------------------------------------------------------


def niet_behaald(**overrides) -> VoorgangerFeiten:
    return voorganger(evaluatie_status="afgerond", doel_niet_behaald=True, **overrides)


def test_verlenging_na_een_doel_nee_zonder_motivatie_is_geweigerd():
    b = beoordeel(voorganger=niet_behaald(), motivatie="")
    assert codes(b) == ["motivatie_voortzetten"]
    assert b.overtredingen[0].veld == "motivatie"


def test_verlenging_na_een_doel_nee_met_alleen_spaties_als_motivatie_is_geweigerd():
    assert codes(beoordeel(voorganger=niet_behaald(), motivatie="   ")) == ["motivatie_voortzetten"]


def test_verlenging_na_een_doel_nee_met_motivatie_is_toegestaan_met_signaal():
    b = beoordeel(voorganger=niet_behaald(), motivatie="Nieuwe aanpak met de wijkverpleging.")
    assert b.toegestaan
    assert b.signaalcodes == ["verlenging", "voortzetten_zonder_resultaat"]
    [signaal] = [s for s in b.signalen if s.code == "voortzetten_zonder_resultaat"]
    assert "Nieuwe aanpak met de wijkverpleging." in signaal.bericht


def test_verlenging_zonder_doel_nee_heeft_geen_motivatie_nodig():
    b = beoordeel(voorganger=voorganger(evaluatie_status="afgerond"), motivatie="")
    assert b.toegestaan
    assert b.signaalcodes == ["verlenging"]


# --- Policy numbers (Beleidsregels) -----------------------------------------------------------

BELEID = dataclasses.replace(
    INSTELLINGEN,
    uren_grens=Decimal("4"),
    max_maanden=6,
    evaluatie_maanden=3,
    schakelteam_drempel=Decimal("40000.00"),
    spoed_terugwerkend_dagen=3,
)


def test_een_urengrens_van_4_geldt_vanaf_4_uur_en_de_melding_noemt_4_uur_en_6_maanden():
    b = beoordeel(volume="4.00", einddatum=NA_8_MAANDEN, instellingen=BELEID)
    assert codes(b) == ["max_duur_8_maanden"]
    assert b.overtredingen[0].bericht == (
        "Bij 4,00 uur of meer per week loopt een indicatie hooguit 6 maanden: uiterlijk tot en met 3-7-2027."
    )


def test_onder_een_urengrens_van_4_mag_een_indicatie_langer_lopen():
    assert beoordeel(volume="3.99", einddatum=NA_8_MAANDEN, instellingen=BELEID).toegestaan


def test_de_urengrens_van_het_beleid_geldt_ook_voor_het_traject():
    b = beoordeel(volume="2.00", einddatum=NA_8_MAANDEN, andere_indicaties=(lopend("2.00"),), instellingen=BELEID)
    assert "Bij 4,00 uur of meer per week (samen met 99X02" in b.overtredingen[0].bericht


def test_zes_maanden_beleid_staat_de_laatste_dag_toe_en_niet_de_dag_erna():
    assert beoordeel(einddatum=D(2027, 7, 3), instellingen=BELEID).toegestaan
    assert codes(beoordeel(einddatum=D(2027, 7, 4), instellingen=BELEID)) == ["max_duur_8_maanden"]


def test_de_evaluatie_volgt_de_maanden_van_het_beleid():
    b = beoordeel(einddatum=D(2027, 7, 3), instellingen=BELEID)
    assert (b.maximale_einddatum, b.evaluatiedatum) == (D(2027, 7, 3), D(2027, 4, 4))


def test_het_schakelteamsignaal_noemt_de_drempel_van_het_beleid():
    # 27 uur per week up to the last day 6 months allow: € 40.631,91.
    b = beoordeel(volume="27", einddatum=D(2027, 7, 3), instellingen=BELEID)
    assert (b.toegestaan, b.geschatte_kosten) == (True, Decimal("40631.91"))
    [signaal] = [s for s in b.signalen if s.code == "schakelteam_drempel"]
    assert "drempel van € 40.000,00" in signaal.bericht


def test_de_spoedmelding_noemt_het_aantal_dagen_van_het_beleid():
    b = beoordeel(vandaag=D(2027, 1, 8), spoed=True, spoed_reden="Acuut", instellingen=BELEID)
    assert "hooguit 3 dagen terug" in b.overtredingen[0].bericht
