"""Every figure of the docs/api.md shape on small, known datasets, computed by hand in the comments."""

import datetime
from decimal import Decimal

import pytest

from indicaties import services
from indicaties.models import Evaluatie, Tarief
from stuurinformatie.models import ProductmixBasis
from stuurinformatie.selectors import stuurinformatie
from tests.factories import AanbiederFactory, ProductFactory, gebruiker, maak_indicatie

from .conftest import JAAR_2027, om

pytestmark = pytest.mark.django_db
D = datetime.date


def _product_met_tariefwissel():
    """€ 58,20 per uur until 30-6-2027, € 60,00 from 1-7-2027."""
    product = ProductFactory(tarief=False)
    Tarief.objects.create(product=product, geldig_van=D(2020, 1, 1), geldig_tot=D(2027, 6, 30), bedrag=Decimal("58.20"))
    Tarief.objects.create(product=product, geldig_van=D(2027, 7, 1), geldig_tot=None, bedrag=Decimal("60.00"))
    return product


def _rond_af(indicatie, consulent, uitkomst, resultaat="ja", **extra):
    return services.rond_evaluatie_af(
        gebruiker=consulent,
        evaluatie=Evaluatie.objects.get(indicatie=indicatie),
        uitkomst=uitkomst,
        resultaat_behaald=resultaat,
        toelichting="Besproken met inwoner en aanbieder.",
        **extra,
    )


# --- Indicaties, per wet, actief, kosten ---------------------------------------------------------


@pytest.fixture
def drie_registraties():
    """Wmo 6 u/week 4-1 t/m 31-8-2027 at € 58,20: € 11.972,57 (the docs/domain.md example);
    Jeugdwet 3 u/week 4-1 t/m 31-12-2027 at € 60,00: 3/7 × 362 × 60 = € 9.308,57;
    Wmo 40 u/week at € 58,20: 40/7 × 240 × 58,20 = € 79.817,14, above the threshold, refused."""
    consulent = gebruiker("consulent")
    with om(2027, 1, 4):
        wmo = maak_indicatie(consulent)
        jeugd = maak_indicatie(
            consulent,
            product=ProductFactory(wet="jeugdwet", tarief="60.00"),
            volume=Decimal("3"),
            einddatum=D(2027, 12, 31),
        )
        groot = maak_indicatie(consulent, volume=Decimal("40"))
    assert (wmo.geschatte_kosten, jeugd.geschatte_kosten, groot.geschatte_kosten) == (
        Decimal("11972.57"),
        Decimal("9308.57"),
        Decimal("79817.14"),
    )
    assert groot.status == "wacht_op_schakelteam"
    with om(2027, 1, 8):
        services.neem_schakelteambesluit(
            gebruiker=gebruiker("schakelteam"), indicatie=groot, besluit="afgewezen", toelichting="Te veel."
        )
    return wmo, jeugd, groot


def test_geregistreerd_per_wet_en_kosten_zonder_afgewezen(drie_registraties):
    with om(2027, 2, 1):
        c = stuurinformatie(*JAAR_2027)
    assert c["indicaties"]["geregistreerd"] == 3
    # 11.972,57 + 9.308,57; the refused one is registered but commits nothing.
    assert c["indicaties"]["geschatte_kosten"] == "21281.14"
    assert c["per_wet"] == {
        "wmo": {
            "geregistreerd": 2,
            "geschatte_kosten": "11972.57",
            "actief_op_tot": 0,
            "uren_per_week": "0.00",
            "kosten_in_periode": "11972.57",
        },
        "jeugdwet": {
            "geregistreerd": 1,
            "geschatte_kosten": "9308.57",
            "actief_op_tot": 1,
            "uren_per_week": "3.00",
            "kosten_in_periode": "9308.57",
        },
    }


def test_actief_op_tot_telt_de_laatste_dag_mee(drie_registraties):
    with om(2027, 2, 1):
        assert stuurinformatie(D(2027, 1, 1), D(2027, 8, 31))["indicaties"]["actief_op_tot"] == 2
        assert stuurinformatie(D(2027, 1, 1), D(2027, 9, 1))["indicaties"]["actief_op_tot"] == 1
        assert stuurinformatie(D(2027, 1, 1), D(2027, 1, 3))["indicaties"]["actief_op_tot"] == 0
        assert stuurinformatie(D(2027, 1, 1), D(2027, 1, 4))["indicaties"]["actief_op_tot"] == 2


def test_geregistreerd_volgt_de_kalenderdag_in_amsterdam():
    """23:30 on 31-12 in Amsterdam is 22:30 UTC; 00:30 on 1-1 is still 31-12 in UTC."""
    with om(2026, 12, 31, 23, 30):
        maak_indicatie()
    with om(2027, 1, 1, 0, 30):
        maak_indicatie()
    with om(2027, 1, 2):
        assert stuurinformatie(D(2027, 1, 1), D(2027, 1, 1))["indicaties"]["geregistreerd"] == 1
        assert stuurinformatie(D(2026, 12, 31), D(2026, 12, 31))["indicaties"]["geregistreerd"] == 1
        assert stuurinformatie(D(2026, 1, 1), D(2026, 12, 30))["indicaties"]["geregistreerd"] == 0


def test_kosten_per_maand_verdeelt_de_geschatte_kosten_over_de_dagen():
    with om(2027, 1, 4):
        maak_indicatie()  # € 11.972,57 over 240 days
        c = stuurinformatie(*JAAR_2027)
    per_maand = {m["maand"]: m["geschatte_kosten"] for m in c["kosten_per_maand"]}
    # January and February 28 days each: 11.972,57 × 28/240 = 1.396,80; March 31 days: 1.546,46.
    assert per_maand["2027-01"] == "1396.80"
    assert per_maand["2027-02"] == "1396.80"
    assert per_maand["2027-03"] == "1546.46"
    assert per_maand["2027-09"] == "0.00"
    assert len(per_maand) == 12


def test_kosten_per_maand_onder_een_productfilter_telt_alleen_dat_product():
    """Two products side by side: under a product filter the cost per month is that product's alone
    (the hours per product behind the client figures still see both)."""
    ander = ProductFactory(code="03A01", tarief="45.00")
    with om(2027, 1, 4):
        eerste = maak_indicatie()  # € 11.972,57 over 240 days: January 28 days, € 1.396,80
        maak_indicatie(inwoner=eerste.inwoner, product=ander, volume=Decimal("3"))
        alle = stuurinformatie(*JAAR_2027)
        gefilterd = stuurinformatie(*JAAR_2027, product=eerste.product.code)
        alleen_ander = stuurinformatie(*JAAR_2027, product="03A01")
    januari = {
        naam: next(m["geschatte_kosten"] for m in c["kosten_per_maand"] if m["maand"] == "2027-01")
        for naam, c in (("alle", alle), ("gefilterd", gefilterd), ("ander", alleen_ander))
    }
    assert januari["gefilterd"] == "1396.80"
    assert Decimal(januari["ander"]) > 0
    assert Decimal(januari["gefilterd"]) + Decimal(januari["ander"]) == Decimal(januari["alle"])


def test_kosten_in_periode_van_een_indicatie_zonder_einddatum():
    """2 u/week from 4-1-2027 without einddatum: estimated over its first year (365 days),
    2/7 × 365 × 58,20 = € 6.069,43; 362 of those days fall in 2027: 6.069,43 × 362/365 = € 6.019,54."""
    with om(2027, 1, 4):
        i = maak_indicatie(volume=Decimal("2"), einddatum=None)
        c = stuurinformatie(*JAAR_2027)
    assert i.geschatte_kosten == Decimal("6069.43")
    assert c["indicaties"]["kosten_in_periode"] == "6019.54"
    assert c["indicaties"]["uren_per_week"] == "2.00"


# --- Productmix ------------------------------------------------------------------------------------

PERIODE_13_WEKEN = (D(2027, 1, 4), D(2027, 4, 4))  # 91 days


@pytest.fixture
def paar():
    licht = ProductFactory(tarief="58.20")
    zwaar = ProductFactory(tarief="68.40", lichtere_variant=licht)
    ProductmixBasis.objects.create(product_code=zwaar.code, basis_aandeel_licht=Decimal("0.5000"))
    return zwaar, licht


def test_productmix_besparing_bij_meer_uren_in_de_lichtere_variant(paar):
    """13 weeks: licht 6 u/week = 78 uur, zwaar 2 u/week = 26 uur; aandeel licht 78/104 = 0,75
    against a baseline of 0,50: (0,75 − 0,50) × 104 uur × (68,40 − 58,20) = € 265,20."""
    zwaar, licht = paar
    aanbieder = AanbiederFactory()
    with om(2026, 10, 1):
        # Ended before the period: not counted.
        maak_indicatie(product=licht, aanbieder=aanbieder, ingangsdatum=D(2026, 10, 5), einddatum=D(2026, 12, 31))
    with om(2027, 1, 4):
        maak_indicatie(product=licht, aanbieder=aanbieder)
        maak_indicatie(product=zwaar, aanbieder=aanbieder, volume=Decimal("2"), motivatie="Nodig.")
        c = stuurinformatie(*PERIODE_13_WEKEN)
    assert c["productmix"] == [
        {
            "product": zwaar.code,
            "lichtere_variant": licht.code,
            "uren_zwaar": "26.00",
            "uren_licht": "78.00",
            "aandeel_licht": "0.7500",
            "basis_aandeel_licht": "0.5000",
            "besparing": "265.20",
            "wet": "wmo",
            "naam": zwaar.naam,
            "naam_lichtere_variant": licht.naam,
            "basis_ingesteld": True,
            "tarief_per_uur_zwaar": "68.40",
            "tarief_per_uur_licht": "58.20",
        }
    ]
    [regel] = c["per_aanbieder"]
    assert (regel["uren_zwaar"], regel["uren_licht"], regel["aandeel_zwaar"]) == ("26.00", "78.00", "0.2500")


def test_productmix_telt_alleen_de_dagen_in_de_periode(paar):
    """Licht 6 u/week from 8-3-2027: 28 days in the period = 24 uur; zwaar 2 u/week: 26 uur.
    Aandeel 24/50 = 0,48: below the baseline, a negative saving of 0,02 × 50 × 10,20 = € −10,20."""
    zwaar, licht = paar
    with om(2027, 1, 4):
        maak_indicatie(product=zwaar, volume=Decimal("2"), motivatie="Nodig.")
    with om(2027, 3, 8):
        maak_indicatie(product=licht, ingangsdatum=D(2027, 3, 8), einddatum=D(2027, 10, 31))
        c = stuurinformatie(*PERIODE_13_WEKEN)
    [mix] = c["productmix"]
    assert (mix["uren_licht"], mix["uren_zwaar"], mix["aandeel_licht"], mix["besparing"]) == (
        "24.00",
        "26.00",
        "0.4800",
        "-10.20",
    )


def test_productmix_rekent_met_het_tarief_van_vandaag(paar):
    """The heavier product costs € 70,00 from 1-7-2027: on 1-7 the saving of the same hours is
    0,25 × 104 × (70,00 − 58,20) = € 306,80."""
    zwaar, licht = paar
    Tarief.objects.filter(product=zwaar).update(geldig_tot=D(2027, 6, 30))
    Tarief.objects.create(product=zwaar, geldig_van=D(2027, 7, 1), bedrag=Decimal("70.00"))
    with om(2027, 1, 4):
        maak_indicatie(product=licht)
        maak_indicatie(product=zwaar, volume=Decimal("2"), motivatie="Nodig.")
        assert stuurinformatie(*PERIODE_13_WEKEN)["productmix"][0]["besparing"] == "265.20"
    with om(2027, 7, 1):
        assert stuurinformatie(*PERIODE_13_WEKEN)["productmix"][0]["besparing"] == "306.80"


def test_productmix_rekent_een_tarief_per_dagdeel_om_naar_uren():
    """Zwaar: € 240,00 per dagdeel = € 60,00 per uur; licht € 50,00 per uur: € 10,00 per uur verschil.
    1 dagdeel per week = 4 uur per week zwaar, 12 uur per week licht: over 13 weeks 52 and 156 uur,
    aandeel licht 0,75 against 0,50: 0,25 × 208 × 10 = € 520,00."""
    licht = ProductFactory(tarief="50.00")
    zwaar = ProductFactory(tarief="240.00", eenheid="dagdeel", lichtere_variant=licht)
    ProductmixBasis.objects.create(product_code=zwaar.code, basis_aandeel_licht=Decimal("0.5"))
    with om(2027, 1, 4):
        maak_indicatie(product=licht, volume=Decimal("12"), einddatum=D(2027, 4, 30))
        maak_indicatie(product=zwaar, volume=Decimal("1"), eenheid="dagdeel", motivatie="Nodig.")
        [mix] = stuurinformatie(*PERIODE_13_WEKEN)["productmix"]
    assert (mix["uren_zwaar"], mix["uren_licht"], mix["tarief_per_uur_zwaar"], mix["besparing"]) == (
        "52.00",
        "156.00",
        "60.00",
        "520.00",
    )


def test_productmix_zonder_basis_geeft_geen_besparing():
    licht = ProductFactory(tarief="58.20")
    zwaar = ProductFactory(tarief="68.40", lichtere_variant=licht)
    with om(2027, 1, 4):
        maak_indicatie(product=licht)
        [mix] = stuurinformatie(*PERIODE_13_WEKEN)["productmix"]
    assert (mix["product"], mix["aandeel_licht"], mix["basis_ingesteld"], mix["besparing"]) == (
        zwaar.code,
        "1.0000",
        False,
        "0.00",
    )


# --- Evaluaties --------------------------------------------------------------------------------


@pytest.fixture
def drie_evaluaties():
    """Three indicaties of 6 u/week from 4-1-2027: each evaluation is due on 4-5-2027."""
    consulent = gebruiker("consulent")
    with om(2027, 1, 4):
        indicaties = [maak_indicatie(consulent) for _ in range(3)]
    assert {Evaluatie.objects.get(indicatie=i).vervaldatum for i in indicaties} == {D(2027, 5, 4)}
    return consulent, indicaties


def test_evaluatie_op_de_vervaldatum_is_op_tijd_de_dag_erna_te_laat(drie_evaluaties):
    consulent, (eerste, tweede, _) = drie_evaluaties
    with om(2027, 5, 4):
        _rond_af(eerste, consulent, "voortzetten", "ja")
        c = stuurinformatie(*JAAR_2027)
        e = c["evaluaties"]
        # The third is due today: not (yet) late.
        assert (e["op_tijd"], e["te_laat"], e["niet_afgerond"]) == (1, 0, 2)
        assert (e["niet_afgerond_verlopen"], e["nog_niet_vervallen"]) == (0, 2)
    with om(2027, 5, 5):
        _rond_af(tweede, consulent, "voortzetten", "deels")
        e = stuurinformatie(*JAAR_2027)["evaluaties"]
    assert {k: e[k] for k in ("vervallen", "afgerond", "op_tijd", "te_laat", "niet_afgerond")} == {
        "vervallen": 3,
        "afgerond": 2,
        "op_tijd": 1,
        "te_laat": 1,
        "niet_afgerond": 1,
    }
    assert (e["niet_afgerond_verlopen"], e["nog_niet_vervallen"]) == (1, 0)
    assert e["uitkomsten"] == {"voortzetten": 2, "afschalen": 0, "beeindigen": 0, "anders_inzetten": 0}
    assert e["resultaat_behaald"] == {"ja": 1, "deels": 1, "nee": 0}
    assert e["aandeel_op_tijd"] == "0.3333"


def test_evaluaties_tellen_op_vervaldatum_en_uitkomsten_op_afronddatum(drie_evaluaties):
    consulent, (eerste, _, _) = drie_evaluaties
    with om(2027, 5, 5):
        _rond_af(eerste, consulent, "voortzetten")
        mei_4 = stuurinformatie(D(2027, 5, 4), D(2027, 5, 4))["evaluaties"]
        mei_5 = stuurinformatie(D(2027, 5, 5), D(2027, 5, 5))["evaluaties"]
    assert (mei_4["vervallen"], mei_4["te_laat"], sum(mei_4["uitkomsten"].values())) == (3, 1, 0)
    assert (mei_5["vervallen"], sum(mei_5["uitkomsten"].values())) == (0, 1)


# --- Vermeden kosten ---------------------------------------------------------------------------------


def test_vermeden_kosten_van_afschalen_beeindigen_en_anders_inzetten_bij_een_tariefwissel():
    """6 u/week 4-1 t/m 31-8-2027; € 58,20 until 30-6, € 60,00 from 1-7. The rest of the period
    from 4-5: 58 days at 58,20 and 62 days at 60,00 = 7.095,60 per unit per day-sum.
    - afschalen to 3 u/week per 4-5: (6 − 3)/7 × 7.095,60 = € 3.040,97;
    - beëindigen per 31-5: 1-6 t/m 31-8 = 30 × 58,20 + 62 × 60,00 = 5.466,00 × 6/7 = € 4.685,14;
    - anders inzetten per 4-5 (ends that day): 57 × 58,20 + 62 × 60,00 = 7.037,40 × 6/7 = € 6.032,06."""
    consulent = gebruiker("consulent")
    product = _product_met_tariefwissel()
    with om(2027, 1, 4):
        af, eind, anders = (maak_indicatie(consulent, product=product) for _ in range(3))
    assert af.geschatte_kosten == Decimal("12068.23")  # 6/7 × (178 × 58,20 + 62 × 60,00)
    with om(2027, 5, 4):
        _rond_af(af, consulent, "afschalen", "deels", nieuw_volume=Decimal("3"), per_datum=D(2027, 5, 4))
        _rond_af(eind, consulent, "beeindigen", "ja", per_datum=D(2027, 5, 31))
        _rond_af(anders, consulent, "anders_inzetten", "nee")
        c = stuurinformatie(*JAAR_2027)
        buiten = stuurinformatie(D(2027, 5, 5), D(2027, 12, 31))
    af.refresh_from_db()
    eind.refresh_from_db()
    anders.refresh_from_db()
    assert (af.vermeden_kosten, eind.vermeden_kosten, anders.vermeden_kosten) == (
        Decimal("3040.97"),
        Decimal("4685.14"),
        Decimal("6032.06"),
    )
    assert c["vermeden_kosten"] == "13758.17"
    assert c["vermeden_kosten_per_wet"]["wmo"] == {"vermeden_kosten": "13758.17", "bijstellingen": 3}
    assert c["evaluaties"]["uitkomsten"] == {"voortzetten": 0, "afschalen": 1, "beeindigen": 1, "anders_inzetten": 1}
    # The lower-volume continuation of the afschalen is a new registration.
    assert c["indicaties"]["geregistreerd"] == 4
    assert buiten["vermeden_kosten"] == "0.00"


# --- Schakelteam, toetsing, signalen, verlengingen -------------------------------------------------


def test_schakelteam_aanvragen_besluiten_en_doorlooptijd():
    consulent, lid = gebruiker("consulent"), gebruiker("schakelteam")
    with om(2027, 1, 4):
        # 16 u/week at € 116,40 over 240 days: € 127.707,43, above the threshold.
        duur = ProductFactory(tarief="116.40")
        a, b, _wacht = (maak_indicatie(consulent, product=duur, volume=Decimal("16")) for _ in range(3))
        maak_indicatie(consulent)
    with om(2027, 1, 6):
        services.neem_schakelteambesluit(gebruiker=lid, indicatie=a, besluit="akkoord", toelichting="Nodig.")
    with om(2027, 1, 8):
        services.neem_schakelteambesluit(gebruiker=lid, indicatie=b, besluit="afgewezen", toelichting="Te veel.")
        c = stuurinformatie(*JAAR_2027)
    # Two and four days from the request to the decision: three on average.
    assert c["schakelteam"] == {
        "aangevraagd": 3,
        "akkoord": 1,
        "afgewezen": 1,
        "doorlooptijd_dagen": "3.0",
        "mediaan_doorlooptijd_dagen": "3.0",
        "open": 1,
    }
    assert c["signalen"]["schakelteam_drempel"] == 3


def test_signalen_en_verlengingen_van_indicaties_geregistreerd_in_de_periode():
    licht = ProductFactory()
    with om(2027, 1, 4):
        maak_indicatie(spoed=True, spoed_reden="Crisis.")
        maak_indicatie(product=ProductFactory(lichtere_variant=licht), motivatie="Nodig.")
        voorganger = maak_indicatie(volume=Decimal("3"), einddatum=D(2027, 3, 31))
        maak_indicatie(
            inwoner=voorganger.inwoner,
            voorganger=voorganger,
            volume=Decimal("3"),
            ingangsdatum=D(2027, 4, 1),
            einddatum=D(2027, 6, 30),
        )
        c = stuurinformatie(*JAAR_2027)
    assert c["signalen"] == {
        "spoed": 1,
        "zwaardere_variant": 1,
        "verlenging": 1,
        "zorgstapeling": 0,
        "mogelijk_wlz": 0,
        "schakelteam_drempel": 0,
    }
    assert c["verlengingen"] == 1


def test_zorgstapeling_en_mogelijk_wlz_tellen_per_indicatie():
    with om(2027, 1, 4):
        # Ambulante begeleiding + dagbesteding overlapping for one inwoner: both carry the signal.
        eerste = maak_indicatie(product=ProductFactory(code="02A01"), volume=Decimal("3"))
        maak_indicatie(inwoner=eerste.inwoner, product=ProductFactory(code="03A01"), volume=Decimal("3"))
        # Jeugdwet: three Wlz-border groups; the third one carries mogelijk_wlz.
        jeugd = maak_indicatie(product=ProductFactory(code="41A03", wet="jeugdwet"), volume=Decimal("2"))
        for code in ("45A65", "45C02"):
            maak_indicatie(
                inwoner=jeugd.inwoner, product=ProductFactory(code=code, wet="jeugdwet"), volume=Decimal("2")
            )
        c = stuurinformatie(*JAAR_2027)
    assert c["signalen"]["zorgstapeling"] >= 1
    assert c["signalen"]["mogelijk_wlz"] >= 1
    # Exactly the indicaties that carry the signal, each once.
    from indicaties.models import IndicatieSignaal

    assert c["signalen"]["zorgstapeling"] == IndicatieSignaal.objects.filter(code="zorgstapeling").count()
    assert c["signalen"]["mogelijk_wlz"] == IndicatieSignaal.objects.filter(code="mogelijk_wlz").count()


def test_toetsing_telt_oordelen_op_de_dag_van_het_oordeel_per_reden_en_per_consulent():
    from toetsing import services as toetsing

    consulent, andere = gebruiker("consulent"), gebruiker("consulent")
    beoordelaar = gebruiker("backoffice")
    with om(2027, 12, 20):  # ISO week 2027-W51
        spoed = maak_indicatie(
            consulent, spoed=True, spoed_reden="Crisis.", ingangsdatum=D(2027, 12, 20), einddatum=D(2028, 6, 30)
        )
        gewoon = maak_indicatie(andere, ingangsdatum=D(2027, 12, 21), einddatum=D(2028, 6, 30))
    with om(2027, 12, 27):
        steekproef, _ = toetsing.trek_steekproef("2027-W51", percentage=Decimal("100"))
    per_indicatie = {t.indicatie_id: t for t in steekproef.toetsingen.all()}
    assert per_indicatie[spoed.pk].reden == "spoed"
    with om(2027, 12, 31, 23, 30):
        toetsing.geef_oordeel(
            gebruiker=beoordelaar, toetsing=per_indicatie[spoed.pk], oordeel="niet_akkoord", toelichting="Reden mist."
        )
    with om(2028, 1, 1, 0, 30):
        toetsing.geef_oordeel(gebruiker=beoordelaar, toetsing=per_indicatie[gewoon.pk], oordeel="akkoord")
        c2027 = stuurinformatie(*JAAR_2027)
        c2028 = stuurinformatie(D(2028, 1, 1), D(2028, 12, 31))
    assert {k: c2027["toetsing"][k] for k in ("getoetst", "akkoord", "akkoord_met_opmerking", "niet_akkoord")} == {
        "getoetst": 1,
        "akkoord": 0,
        "akkoord_met_opmerking": 0,
        "niet_akkoord": 1,
    }
    assert c2027["toetsing"]["per_reden"] == [
        {"reden": "spoed", "getoetst": 1, "akkoord": 0, "akkoord_met_opmerking": 0, "niet_akkoord": 1}
    ]
    assert (c2028["toetsing"]["getoetst"], c2028["toetsing"]["akkoord"]) == (1, 1)
    per_consulent = {r["consulent"]: r for r in c2027["per_consulent"]}
    assert per_consulent[consulent.pk]["toetsing_niet_akkoord"] == 1
    assert per_consulent[andere.pk]["getoetst"] == 0


# --- Businesscase -------------------------------------------------------------------------------


def test_businesscase_doel_naar_rato_van_de_periode():
    with om(2027, 1, 4):
        jaar = stuurinformatie(*JAAR_2027)["businesscase"]
        kwartaal = stuurinformatie(D(2027, 1, 1), D(2027, 3, 31))["businesscase"]
        jaarwissel = stuurinformatie(D(2027, 12, 1), D(2028, 1, 31), wet="wmo")["businesscase"]
    # Seed 000: from 2022 € 520.000 Wmo and € 695.000 Jeugd a year.
    assert jaar["doel_besparing"] == "1215000.00"
    # 90 of 365 days: 520.000 × 90/365 = 128.219,18 and 695.000 × 90/365 = 171.369,86.
    assert {w["wet"]: w["doel_periode"] for w in kwartaal["per_wet"]} == {
        "wmo": "128219.18",
        "jeugdwet": "171369.86",
    }
    # 31 days of 2027 (365) and 31 of 2028 (366): 44.164,38 + 44.043,72 = 88.208,10.
    assert jaarwissel["doel_besparing"] == "88208.10"
    assert [w["wet"] for w in jaarwissel["per_wet"]] == ["wmo"]


def test_businesscase_gerealiseerd_is_vermeden_kosten_plus_productmix(paar):
    zwaar, licht = paar
    consulent = gebruiker("consulent")
    with om(2027, 1, 4):
        maak_indicatie(consulent, product=licht)
        maak_indicatie(consulent, product=zwaar, volume=Decimal("2"), motivatie="Nodig.")
        weg = maak_indicatie(consulent)
    with om(2027, 5, 4):
        _rond_af(weg, consulent, "beeindigen", per_datum=D(2027, 5, 4))
        c = stuurinformatie(*PERIODE_13_WEKEN)
        c_jaar = stuurinformatie(*JAAR_2027)
    weg.refresh_from_db()
    assert c["vermeden_kosten"] == "0.00"  # the change was made after this period
    wmo = next(w for w in c_jaar["businesscase"]["per_wet"] if w["wet"] == "wmo")
    mix = Decimal(c_jaar["productmix"][0]["besparing"])
    assert Decimal(wmo["vermeden_kosten"]) == weg.vermeden_kosten
    assert Decimal(wmo["gerealiseerd"]) == weg.vermeden_kosten + mix
    assert wmo["doel_periode"] == "520000.00"


# --- Per aanbieder, per consulent, filters ---------------------------------------------------------------


def test_filters_per_wet_product_aanbieder_en_team():
    a, b = gebruiker("consulent"), gebruiker("consulent")
    x, y = AanbiederFactory(), AanbiederFactory()
    jeugd = ProductFactory(wet="jeugdwet", tarief="60.00")
    with om(2027, 1, 4):
        maak_indicatie(a, aanbieder=x)
        maak_indicatie(a, aanbieder=y, product=jeugd)
        maak_indicatie(b, aanbieder=y, product=jeugd)
        alles = stuurinformatie(*JAAR_2027)
        assert stuurinformatie(*JAAR_2027, wet="jeugdwet")["indicaties"]["geregistreerd"] == 2
        assert stuurinformatie(*JAAR_2027, product=jeugd.code)["indicaties"]["geregistreerd"] == 2
        assert stuurinformatie(*JAAR_2027, aanbieder=str(x.pk))["indicaties"]["geregistreerd"] == 1
        team_b = stuurinformatie(*JAAR_2027, team=b.pk)
        assert stuurinformatie(*JAAR_2027, team=a.pk, wet="wmo")["indicaties"]["geregistreerd"] == 1
    assert alles["indicaties"]["geregistreerd"] == 3
    assert team_b["indicaties"]["geregistreerd"] == 1
    assert [r["consulent"] for r in team_b["per_consulent"]] == [b.pk]
    per_aanbieder = {r["aanbieder"]: r for r in alles["per_aanbieder"]}
    assert per_aanbieder[str(x.pk)]["geregistreerd"] == 1
    assert per_aanbieder[str(y.pk)]["geregistreerd"] == 2
    # 6 u/week over 240 days = 205,71 uur; the jeugdwet ones 6/7 × 240 × 60 = € 12.342,86 each.
    assert per_aanbieder[str(y.pk)]["uren_in_periode"] == "411.43"
    assert per_aanbieder[str(y.pk)]["kosten_in_periode"] == "24685.72"
    assert {r["consulent"]: r["geregistreerd"] for r in alles["per_consulent"]} == {a.pk: 2, b.pk: 1}
