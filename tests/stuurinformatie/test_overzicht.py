"""The second-round figures (docs/api.md, "Stuurinformatie") on a known dataset, computed by hand in
the comments: clients, half-year checks, the business case net of replacement care, declared
cost; the budget ceilings, the tiles of the overview and the monthly report."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicaties import services
from indicaties.models import CheckStatus, Halfjaarcheck, Opvolging
from stuurinformatie.selectors import stuurinformatie
from stuurinformatie.services import importeer_declaraties
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, maak_indicatie

from .conftest import JAAR_2027, om

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/api/v1/stuurinformatie/"


@pytest.fixture
def wereld():
    """Inwoner A: X (6 u/week 4-1 t/m 31-8-2027 at € 58,20 = € 11.972,57), anders ingezet per 1-5,
    then R (3 u/week at € 40,00, 2-5 t/m 31-12-2027: 3 × 40 × 244 / 7 = € 4.182,86) replaces it.
    Inwoner B: Y (the same as X) and Z (2 u/week) side by side. A declaration of € 1.000 for
    4-1 t/m 31-1 and € 2.000 for 1-2 t/m 28-2 on Y."""
    consulent = gebruiker("consulent")
    aanbieder = AanbiederFactory(budgetplafond=Decimal("20000.00"))
    a, b = InwonerFactory(), InwonerFactory()
    with om(2027, 1, 4):
        x = maak_indicatie(consulent, inwoner=a, aanbieder=aanbieder)
        y = maak_indicatie(consulent, inwoner=b, aanbieder=aanbieder)
        maak_indicatie(consulent, inwoner=b, aanbieder=aanbieder, volume=Decimal("2"))
    with om(2027, 3, 10):
        importeer_declaraties(
            (
                "indicatie;begindatum;einddatum;volume;eenheid;bedrag\n"
                f"{y.pk};2027-01-04;2027-01-31;24;uur;1000.00\n"
                f"{y.pk};2027-02-01;2027-02-28;24;uur;2000.00\n"
            ).encode(),
            naam="303.csv",
        )
    with om(2027, 5, 1):
        x = services.stel_indicatie_bij(
            gebruiker=consulent,
            indicatie=x,
            uitkomst="anders_inzetten",
            reden="Lichtere hulp past beter.",
            per_datum=D(2027, 5, 1),
        )
        r = maak_indicatie(
            consulent,
            inwoner=a,
            product=ProductFactory(tarief="40.00"),
            volume=Decimal("3"),
            ingangsdatum=D(2027, 5, 2),
            einddatum=D(2027, 12, 31),
            vervangt=x,
        )
    # X now ends on 1-5: 118 days, 6 × 58,20 × 118 / 7 = € 5.886,51; avoided € 6.086,06.
    assert (x.geschatte_kosten, x.vermeden_kosten, r.geschatte_kosten) == (
        Decimal("5886.51"),
        Decimal("6086.06"),
        Decimal("4182.86"),
    )
    return {"x": x, "y": y, "r": r, "a": a, "b": b, "aanbieder": aanbieder, "consulent": consulent}


def test_clienten_tellen_inwoners_niet_indicaties(wereld):
    with om(2027, 6, 1):
        c = stuurinformatie(*JAAR_2027)
        later = stuurinformatie(D(2027, 9, 1), D(2027, 12, 31))
    assert c["indicaties"]["actief_op_tot"] == 1  # only R runs on 31-12
    assert c["clienten"]["met_indicatie"] == 2  # A (X and R) and B (Y and Z)
    assert later["clienten"]["met_indicatie"] == 1  # only A, through R


def test_businesscase_gerealiseerd_is_netto_min_de_vervangende_zorg(wereld):
    with om(2027, 6, 1):
        c = stuurinformatie(*JAAR_2027)
    b = c["businesscase"]
    # R inside the days X no longer covers (2-5 t/m 31-8: 122 of its 244 days): € 2.091,43.
    assert b["vervangende_zorg"] == "2091.43"
    assert b["gerealiseerd_vermeden_kosten"] == "6086.06"
    # 6.086,06 − 2.091,43 (no product-mix pairs here).
    assert b["gerealiseerd"] == "3994.63"
    # Seed 000 for 2027: Wmo € 520.000 + Jeugd € 695.000.
    assert b["doel"] == "1215000.00"
    assert {w["wet"]: w["vervangende_zorg"] for w in b["per_wet"]} == {"wmo": "2091.43", "jeugdwet": "0.00"}


def test_de_voortzetting_van_een_afschaling_is_geen_vervangende_zorg():
    consulent = gebruiker("consulent")
    with om(2027, 1, 4):
        indicatie = maak_indicatie(consulent)
    with om(2027, 5, 1):
        services.stel_indicatie_bij(
            gebruiker=consulent,
            indicatie=indicatie,
            uitkomst="afschalen",
            reden="Het gaat beter.",
            nieuw_volume=Decimal("3"),
            per_datum=D(2027, 5, 1),
        )
        c = stuurinformatie(*JAAR_2027)
    assert c["businesscase"]["vervangende_zorg"] == "0.00"
    assert c["businesscase"]["gerealiseerd"] == c["businesscase"]["gerealiseerd_vermeden_kosten"]


def test_gedeclareerd_telt_de_dagen_in_de_periode(wereld):
    with om(2027, 6, 1):
        jaar = stuurinformatie(*JAAR_2027)
        # 18-1 t/m 14-2: 14 of the 28 days of January's € 1.000 and 14 of February's € 2.000.
        deel = stuurinformatie(D(2027, 1, 18), D(2027, 2, 14))
        ander = stuurinformatie(*JAAR_2027, aanbieder=str(AanbiederFactory().pk))
    assert jaar["gedeclareerd"] == "3000.00"
    assert deel["gedeclareerd"] == "1500.00"
    assert ander["gedeclareerd"] == "0.00"
    [rij] = [r for r in jaar["verzilvering"] if Decimal(r["gedeclareerd"])]
    assert (rij["aanbieder"], rij["gedeclareerd"]) == (str(wereld["aanbieder"].pk), "3000.00")
    maanden = {m["maand"]: m["gedeclareerd"] for m in jaar["per_maand"]}
    # Nothing declared after February yet: no figure (not zero) for the later months.
    assert (maanden["2027-01"], maanden["2027-02"], maanden["2027-03"]) == ("1000.00", "2000.00", None)


def test_budgetplafond_met_waarschuwing_vanaf_80_procent(wereld):
    aanbieder = wereld["aanbieder"]
    with om(2027, 6, 1):
        ruim = stuurinformatie(*JAAR_2027)["budgetplafonds"]
        # Granted care of this aanbieder in 2027: X 5.886,51 + Y 11.972,57 + Z 3.990,86 = 21.849,94.
        aanbieder.budgetplafond = Decimal("27000.00")  # 80,9 %
        aanbieder.save()
        waarschuwing = stuurinformatie(*JAAR_2027)["budgetplafonds"]
        aanbieder.budgetplafond = Decimal("21849.93")
        aanbieder.save()
        boven = stuurinformatie(*JAAR_2027)["budgetplafonds"]
    assert [r["signaal"] for r in ruim] == ["boven_plafond"]  # 20.000: already above
    assert ruim[0]["geindiceerd"] == "21849.94"
    assert ruim[0]["gedeclareerd"] == "3000.00"
    assert waarschuwing[0]["signaal"] == "waarschuwing"
    assert waarschuwing[0]["aandeel_geindiceerd"] == "0.8093"
    assert boven[0]["signaal"] == "boven_plafond"


def test_halfjaarchecks_vervallen_afgerond_en_niet_passend(wereld):
    a, b = wereld["a"], wereld["b"]
    gemaakt = [
        Halfjaarcheck.objects.create(
            inwoner=a,
            vervaldatum=D(2027, 3, 1),
            status=CheckStatus.AFGEROND,
            zorg_passend=False,
            contact_aanbieder=D(2027, 2, 20),
            contact_inwoner=D(2027, 2, 21),
            afgerond_op=D(2027, 2, 25),
        ),
        Halfjaarcheck.objects.create(
            inwoner=b,
            vervaldatum=D(2027, 4, 1),
            status=CheckStatus.AFGEROND,
            zorg_passend=True,
            contact_aanbieder=D(2027, 4, 2),
            contact_inwoner=D(2027, 4, 2),
            afgerond_op=D(2027, 4, 3),
        ),
        Halfjaarcheck.objects.create(inwoner=b, vervaldatum=D(2027, 5, 1), status=CheckStatus.OPEN),
        Halfjaarcheck.objects.create(inwoner=a, vervaldatum=D(2027, 5, 1), status=CheckStatus.GEANNULEERD),
    ]
    assert len(gemaakt) == 4
    with om(2027, 6, 1):
        h = stuurinformatie(*JAAR_2027)["halfjaarchecks"]
    assert (h["vervallen"], h["afgerond"], h["niet_passend"]) == (3, 2, 1)
    assert (h["op_tijd"], h["aan_de_beurt"], h["niet_afgerond_verlopen"]) == (1, 3, 1)


def test_opvolgingen_open_en_afgehandeld(wereld):
    check = Halfjaarcheck.objects.create(
        inwoner=wereld["a"],
        vervaldatum=D(2027, 3, 1),
        status=CheckStatus.AFGEROND,
        zorg_passend=False,
        contact_aanbieder=D(2027, 2, 20),
        contact_inwoner=D(2027, 2, 21),
        afgerond_op=D(2027, 2, 25),
    )
    Opvolging.objects.create(
        inwoner=wereld["a"],
        bron="halfjaarcheck",
        halfjaarcheck=check,
        aanleiding="Niet passend.",
        aangemaakt_op=D(2027, 2, 25),
    )
    with om(2027, 6, 1):
        o = stuurinformatie(*JAAR_2027)["opvolgingen"]
    assert o == {"gestart": 1, "gestart_afgehandeld": 0, "afgehandeld": 0, "open_op_tot": 1}


def test_de_vaste_nieuwe_sleutels_van_api_md_met_hun_typen(api, wereld):
    with om(2027, 6, 1):
        c = api.als("beleid").get(URL).json()
    assert isinstance(c["clienten"]["met_indicatie"], int)
    assert all(isinstance(c["halfjaarchecks"][k], int) for k in ("vervallen", "afgerond", "niet_passend"))
    assert set(c["businesscase"]) >= {"doel", "gerealiseerd", "doel_besparing", "per_wet"}
    assert (c["businesscase"]["doel"], c["businesscase"]["gerealiseerd"], c["gedeclareerd"]) == (
        "1215000.00",
        "3994.63",
        "3000.00",
    )
    # Every key of the first round is still there.
    assert set(c) >= {
        "van",
        "tot",
        "indicaties",
        "per_wet",
        "productmix",
        "evaluaties",
        "vermeden_kosten",
        "schakelteam",
        "toetsing",
        "signalen",
    }


def test_het_overzicht_toont_tegels_met_doel_lijn_en_de_getallen_als_tekst(als, wereld):
    with om(2027, 6, 1):
        tekst = als("beleid").get(reverse("web:stuurinformatie")).content.decode()
    assert tekst.count('class="tegel status-') == 11
    assert "Besparing businesscase" in tekst and "€ 3.994,63" in tekst
    assert 'aria-labelledby="lijn-businesscase-titel lijn-businesscase-beschrijving"' in tekst
    assert "<summary>Cijfers per maand" in tekst
    assert "jan 2027: € 0,00 (doel € 103.191,78)" in tekst  # 31/365 of 1.215.000
    assert "style=" not in tekst
    assert reverse("web:stuurinformatie_tabellen") in tekst


def test_de_datum_op_de_pagina_als_d_m_jjjj(als, wereld):
    with om(2027, 6, 1):
        antwoord = als("beleid").get(reverse("web:stuurinformatie"), {"van": "1-2-2027", "tot": "28-2-2027"})
    assert antwoord.context["keuze"].van == D(2027, 2, 1)
    assert 'value="1-2-2027"' in antwoord.content.decode()


@pytest.mark.parametrize(("rol", "status"), [("beleid", 200), ("backoffice", 200), ("beheer", 200), ("consulent", 403)])
def test_het_rapport_is_een_pdf_voor_beleid_backoffice_en_beheer(api, rol, status, wereld):
    with om(2027, 6, 1):
        antwoord = api.als(rol).get("/api/v1/stuurinformatie/rapport", {"van": "2027-01-01", "tot": "2027-05-31"})
    assert antwoord.status_code == status
    if status == 200:
        assert antwoord["Content-Type"] == "application/pdf"
        assert antwoord.content.startswith(b"%PDF-")
        assert 'filename="stuurinformatie-rapport-20270101-20270531.pdf"' in antwoord["Content-Disposition"]


def test_het_rapport_weigert_een_ongeldige_periode_met_400(api):
    with om(2027, 6, 1):
        antwoord = api.als("beleid").get("/api/v1/stuurinformatie/rapport", {"van": "gisteren"})
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"].startswith("application/problem+json")
    assert [p["name"] for p in antwoord.json()["invalid_params"]] == ["van"]


# --- Clients per month and client-days in the pair products (overzicht.clienten) ------------------


def test_clienten_per_maand_en_clientdagen_in_de_paren_begrensd_per_maand():
    """Rows written directly (the figure is an aggregation; the rules are not what is tested).
    Pair: Z (heavier) and L (its lighter variant); O is no pair product.
    A: Z 10-1 t/m 20-2 and L 1-2 t/m 31-3: January 22 days, February 20 + 28 = 48 but one client
       in care is at most the 28 days of the month, March 31; over the year 42 + 59 = 101.
    B: O 15-3 t/m 30-4: a client in March and April, no pair days.
    C: Z in 2026 only: not a client in 2027.
    D: L from 20-11 without einddatum: November 11 days, December 31.
    A withdrawn indicatie (E) does not count."""
    from indicaties.models import Indicatie
    from stuurinformatie.overzicht import clienten, reeks_maanden
    from stuurinformatie.voorwaarden import Filters

    consulent = gebruiker("consulent")
    aanbieder = AanbiederFactory()
    licht = ProductFactory()
    zwaar = ProductFactory(lichtere_variant=licht)
    overig = ProductFactory()

    def rij(inwoner, product, ingang, einde, status="toegewezen"):
        return Indicatie.objects.create(
            inwoner=inwoner,
            product=product,
            aanbieder=aanbieder,
            consulent=consulent,
            volume=Decimal("3"),
            eenheid="uur",
            frequentie="per_week",
            ingangsdatum=ingang,
            einddatum=einde,
            status=status,
            uren_per_week=Decimal("3"),
            geschatte_kosten=Decimal("1000.00"),
            motivatie="Nodig.",
        )

    a, b, c, d, e = (InwonerFactory(regisseur=consulent) for _ in range(5))
    rij(a, zwaar, D(2027, 1, 10), D(2027, 2, 20))
    rij(a, licht, D(2027, 2, 1), D(2027, 3, 31))
    rij(b, overig, D(2027, 3, 15), D(2027, 4, 30))
    rij(c, zwaar, D(2026, 5, 1), D(2026, 12, 31), status="verlopen")
    rij(d, licht, D(2027, 11, 20), None)
    rij(e, zwaar, D(2027, 6, 1), D(2027, 6, 30), status="ingetrokken")

    uitkomst = clienten(*JAAR_2027, Filters(), {zwaar.pk, licht.pk}, reeks_maanden(*JAAR_2027))

    assert (uitkomst["met_indicatie"], uitkomst["in_paren"], uitkomst["clientdagen_paren"]) == (3, 2, 101 + 42)
    per_maand = {m: (v["met_indicatie"], v["clientdagen_paren"]) for m, v in uitkomst["per_maand"].items()}
    assert per_maand == {
        "2027-01": (1, 22),
        "2027-02": (1, 28),
        "2027-03": (2, 31),
        "2027-04": (1, 0),
        **{f"2027-{m:02d}": (0, 0) for m in range(5, 11)},
        "2027-11": (1, 11),
        "2027-12": (1, 31),
    }
    # Under a filter on the other product only B remains, without pair days.
    alleen_overig = clienten(*JAAR_2027, Filters(product=overig.code), {zwaar.pk, licht.pk}, reeks_maanden(*JAAR_2027))
    assert (alleen_overig["met_indicatie"], alleen_overig["in_paren"], alleen_overig["clientdagen_paren"]) == (1, 0, 0)
    # Without pair products there are no pair days at all.
    geen_paren = clienten(*JAAR_2027, Filters(), set(), reeks_maanden(*JAAR_2027))
    assert (geen_paren["met_indicatie"], geen_paren["in_paren"], geen_paren["clientdagen_paren"]) == (3, 0, 0)
