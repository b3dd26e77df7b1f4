"""Kept months (stuurinformatie/maanden/, docs/stuurinformatie.md "Kept months"): moving through
time, a closed month is kept, something that touches it changes (a schakelteam decision, a
declaration for that month, an ending), and every figure of the API equals a live count each
time, unfiltered and for every single filter value, with distinct clients over several months."""

import contextlib
import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from basis.exceptions import InvalidTransition, RuleViolation
from indicaties import services
from indicaties.models import Inwoner
from stuurinformatie import maanden
from stuurinformatie.models import Maandcijfers
from stuurinformatie.selectors import stuurinformatie
from stuurinformatie.services import importeer_declaraties
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, maak_indicatie

from .conftest import om

pytestmark = pytest.mark.django_db
D = datetime.date


def _zonder_verantwoording(cijfers: dict) -> dict:
    return {k: v for k, v in cijfers.items() if k != "maandcijfers"}


def gelijk_aan_live(van, tot, **filters) -> dict:
    """The figures with kept months, asserted equal to the same figures counted live."""
    bewaard = stuurinformatie(van, tot, **filters)
    with maanden.alles_live():
        live = stuurinformatie(van, tot, **filters)
    assert live["maandcijfers"]["bewaard"] == []
    assert _zonder_verantwoording(bewaard) == _zonder_verantwoording(live), filters
    return bewaard


def alle_filters(w) -> list[dict]:
    return [
        {},
        {"wet": "wmo"},
        {"wet": "jeugdwet"},
        *({"product": p.code} for p in (w["licht"], w["zwaar"], w["jeugd"])),
        *({"aanbieder": str(a.pk)} for a in (w["a1"], w["a2"])),
        *({"team": c.pk} for c in (w["c1"], w["c2"])),
    ]


def berekend_op(maand: datetime.date):
    return Maandcijfers.objects.get(maand=maand, soort="").berekend_op


@pytest.fixture
def wereld():
    """P: the heavier and the lighter variant side by side (4-1 t/m 31-3 and t/m 31-8-2027);
    Q: Jeugdwet 4-1 t/m 31-12; R: the lighter variant in January–February and again from 6-4 with
    another aanbieder and consulent (one client over those months); S: 45 hours a week from 6-4,
    waiting for the schakelteam."""
    c1, c2 = gebruiker("consulent"), gebruiker("consulent")
    a1, a2 = AanbiederFactory(), AanbiederFactory()
    licht = ProductFactory()
    zwaar = ProductFactory(tarief="68.40", lichtere_variant=licht)
    jeugd = ProductFactory(wet="jeugdwet", tarief="60.00")
    p, q, r, s = InwonerFactory(), InwonerFactory(), InwonerFactory(), InwonerFactory()
    with om(2027, 1, 4):
        maak_indicatie(c1, inwoner=p, product=zwaar, aanbieder=a1, einddatum=D(2027, 3, 31), motivatie="Nodig.")
        p_licht = maak_indicatie(c1, inwoner=p, product=licht, aanbieder=a1, volume=Decimal("2"))
        q_jeugd = maak_indicatie(
            c2, inwoner=q, product=jeugd, aanbieder=a2, volume=Decimal("3"), einddatum=D(2027, 12, 31)
        )
        maak_indicatie(c1, inwoner=r, product=licht, aanbieder=a2, einddatum=D(2027, 2, 28))
    with om(2027, 4, 6):
        maak_indicatie(
            c2,
            inwoner=r,
            product=licht,
            aanbieder=a1,
            ingangsdatum=D(2027, 4, 6),
            einddatum=D(2027, 7, 31),
        )
        groot = maak_indicatie(
            c2, inwoner=s, product=licht, aanbieder=a2, volume=Decimal("45"), ingangsdatum=D(2027, 4, 6)
        )
    assert groot.status == "wacht_op_schakelteam"
    return {
        "c1": c1,
        "c2": c2,
        "a1": a1,
        "a2": a2,
        "licht": licht,
        "zwaar": zwaar,
        "jeugd": jeugd,
        "p_licht": p_licht,
        "q_jeugd": q_jeugd,
        "groot": groot,
    }


def test_bewaarde_maanden_blijven_gelijk_aan_live_tellen_door_de_tijd(wereld, als):
    w = wereld
    with om(2027, 6, 15):
        for filters in alle_filters(w):
            gelijk_aan_live(D(2027, 1, 1), D(2027, 6, 15), **filters)
            gelijk_aan_live(D(2027, 2, 10), D(2027, 6, 15), **filters)
        c = gelijk_aan_live(D(2027, 1, 1), D(2027, 6, 15))
        # P, Q and R: R twice (January–February and from April), counted once; S is not granted.
        assert c["clienten"]["met_indicatie"] == 3
        assert [m["clienten"] for m in c["per_maand"]] == [3, 3, 2, 3, 3, 3]
        assert [b["maand"] for b in c["maandcijfers"]["bewaard"]] == [f"2027-0{m}" for m in range(1, 6)]
        assert c["maandcijfers"]["live"] == [{"van": "2027-06-01", "tot": "2027-06-15"}]
        # Distinct clients over several kept months per aanbieder: R with a2 and then a1.
        per_aanbieder = {r["aanbieder"]: r["clienten"] for r in c["per_aanbieder"]}
        assert per_aanbieder == {str(w["a1"].pk): 2, str(w["a2"].pk): 2}
        januari, april = berekend_op(D(2027, 1, 1)), berekend_op(D(2027, 4, 1))

    # A schakelteam decision grants S from 6-4: April and May (kept) are touched and computed again.
    with om(2027, 6, 16):
        services.neem_schakelteambesluit(
            gebruiker=gebruiker("schakelteam"), indicatie=w["groot"], besluit="akkoord", toelichting="Nodig."
        )
        for filters in alle_filters(w):
            c = gelijk_aan_live(D(2027, 1, 1), D(2027, 6, 16), **filters)
        c = gelijk_aan_live(D(2027, 1, 1), D(2027, 6, 16))
        assert c["clienten"]["met_indicatie"] == 4
        assert [m["clienten"] for m in c["per_maand"]] == [3, 3, 2, 4, 4, 4]
        assert berekend_op(D(2027, 4, 1)) > april
        assert berekend_op(D(2027, 1, 1)) == januari  # S never ran in January

    # A declaration for March, read in June.
    with om(2027, 6, 17):
        importeer_declaraties(
            (
                "indicatie;begindatum;einddatum;volume;eenheid;bedrag\n"
                f"{w['p_licht'].pk};2027-03-01;2027-03-31;8;uur;465.60\n"
            ).encode(),
            naam="303-maart.csv",
        )
        for filters in alle_filters(w):
            c = gelijk_aan_live(D(2027, 1, 1), D(2027, 6, 17), **filters)
        assert gelijk_aan_live(D(2027, 3, 1), D(2027, 3, 31))["gedeclareerd"] == "465.60"

    # An ending: Q's care stops at the end of June.
    with om(2027, 6, 18):
        services.stel_indicatie_bij(
            gebruiker=w["c2"],
            indicatie=w["q_jeugd"],
            uitkomst="beeindigen",
            reden="Doel bereikt.",
            per_datum=D(2027, 6, 30),
        )
        for filters in alle_filters(w):
            gelijk_aan_live(D(2027, 1, 1), D(2027, 12, 31), **filters)

    # Months later: the whole year, and the next year's first weeks next to this one (the year before).
    with om(2027, 9, 3):
        for filters in alle_filters(w):
            gelijk_aan_live(D(2027, 1, 1), D(2027, 12, 31), **filters)
            gelijk_aan_live(D(2027, 3, 15), D(2027, 8, 20), **filters)
    with om(2028, 2, 10):
        for filters in alle_filters(w):
            c = gelijk_aan_live(D(2028, 1, 1), D(2028, 2, 10), **filters)
        c = gelijk_aan_live(D(2028, 1, 1), D(2028, 2, 10))
        assert c["clienten"]["vorig_jaar"] == 3  # P, Q and R in January and February 2027

        antwoord = als("beleid").get("/api/v1/stuurinformatie/", {"van": "2027-01-01", "tot": "2027-12-31"})
        assert antwoord.status_code == 200
        assert len(antwoord.json()["maandcijfers"]["bewaard"]) == 12
        assert antwoord.json()["maandcijfers"]["live"] == []
        pagina = als("beleid").get("/stuurinformatie/", {"van": "1-1-2027", "tot": "31-12-2027"})
        assert "komen uit bewaarde maandcijfers" in pagina.content.decode()


def test_een_combinatie_van_filters_en_een_periode_zonder_afgesloten_maand_worden_live_geteld(wereld):
    with om(2027, 6, 15):
        c = gelijk_aan_live(D(2027, 1, 1), D(2027, 6, 15), wet="wmo", aanbieder=str(wereld["a1"].pk))
        assert c["maandcijfers"] == {"bewaard": [], "live": [{"van": "2027-01-01", "tot": "2027-06-15"}]}
        c = gelijk_aan_live(D(2027, 6, 1), D(2027, 6, 15))
        assert c["maandcijfers"]["bewaard"] == []
        # The last day of a month: still open on that day, closed the day after.
    with om(2027, 5, 31, 23, 30):
        assert gelijk_aan_live(D(2027, 5, 1), D(2027, 5, 31))["maandcijfers"]["bewaard"] == []
    with om(2027, 6, 1, 0, 30):
        assert [b["maand"] for b in gelijk_aan_live(D(2027, 5, 1), D(2027, 5, 31))["maandcijfers"]["bewaard"]] == [
            "2027-05"
        ]


def test_een_intrekking_raakt_de_maand_waarin_geregistreerd_is(wereld):
    # Registered in May to start in June: May's registered cost counts it until it is withdrawn.
    with om(2027, 5, 20):
        later = maak_indicatie(
            wereld["c1"],
            product=wereld["licht"],
            aanbieder=wereld["a1"],
            ingangsdatum=D(2027, 6, 10),
            einddatum=D(2027, 8, 31),
        )
    with om(2027, 6, 2):
        assert gelijk_aan_live(D(2027, 5, 1), D(2027, 5, 31))["indicaties"]["geschatte_kosten"] != "0.00"
        mei = berekend_op(D(2027, 5, 1))
    with om(2027, 6, 5):
        services.trek_in(gebruiker=wereld["c1"], indicatie=later, reden="Inwoner verhuist.")
        assert gelijk_aan_live(D(2027, 5, 1), D(2027, 5, 31))["indicaties"]["geschatte_kosten"] == "0.00"
        for filters in alle_filters(wereld):
            gelijk_aan_live(D(2027, 1, 1), D(2027, 6, 5), **filters)
        assert berekend_op(D(2027, 5, 1)) > mei


def test_een_gewijzigd_productpaar_rekent_de_maand_opnieuw(wereld):
    with om(2027, 6, 15):
        gelijk_aan_live(D(2027, 1, 1), D(2027, 5, 31))
        januari = berekend_op(D(2027, 1, 1))
    with om(2027, 6, 16):
        wereld["zwaar"].lichtere_variant = None
        wereld["zwaar"].save()
        gelijk_aan_live(D(2027, 1, 1), D(2027, 5, 31))
        assert berekend_op(D(2027, 1, 1)) > januari


def test_bijwerken_houdt_dit_en_vorig_jaar_bij_en_alles_rekent_elke_maand(wereld, capsys):
    with om(2027, 6, 15):
        call_command("stuurinformatie_bijwerken")
        assert "17 maand(en) berekend" in capsys.readouterr().out  # 1-2026 t/m 5-2027
        assert set(Maandcijfers.objects.filter(soort="").values_list("maand", flat=True)) == {
            D(2026 + (m // 12), m % 12 + 1, 1) for m in range(17)
        }
        call_command("stuurinformatie_bijwerken")
        assert "niets berekend" in capsys.readouterr().out
        # Per single filter value: unfiltered, both laws, three products, two aanbieders, two teams.
        assert Maandcijfers.objects.filter(maand=D(2027, 1, 1)).count() == 1 + 2 + 3 + 2 + 2
        call_command("stuurinformatie_bijwerken", "--alles")
        assert "5 maand(en) berekend" in capsys.readouterr().out  # from the first indicatie, 1-2027


def test_een_inwoner_in_bulk_krijgt_zijn_nummer_voor_hij_geteld_wordt(wereld):
    Inwoner.objects.filter(pk=Inwoner.objects.order_by("aangemaakt").first().pk).update(nummer=None)
    with om(2027, 6, 15):
        c = gelijk_aan_live(D(2027, 1, 1), D(2027, 6, 15))
    assert c["clienten"]["met_indicatie"] == 3
    assert not Inwoner.objects.filter(nummer__isnull=True).exists()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    indicaties=st.lists(
        st.tuples(
            st.integers(0, 3),  # inwoner
            st.integers(0, 2),  # product: lighter, heavier, Jeugdwet
            st.integers(0, 1),  # aanbieder
            st.integers(0, 150),  # ingangsdatum: days after 4-1-2027
            st.one_of(st.none(), st.integers(0, 200)),  # length in days, or open-ended
        ),
        min_size=1,
        max_size=7,
    ),
    van=st.integers(0, 120),
    tot=st.integers(121, 270),
    vandaag=st.integers(60, 400),
)
def test_elke_periode_gelijk_aan_live(indicaties, van, tot, vandaag):
    with transaction.atomic():
        consulent = gebruiker("consulent")
        aanbieders = [AanbiederFactory(), AanbiederFactory()]
        licht = ProductFactory()
        producten = [licht, ProductFactory(tarief="68.40", lichtere_variant=licht), ProductFactory(wet="jeugdwet")]
        inwoners = [InwonerFactory() for _ in range(4)]
        with om(2027, 1, 4):
            for wie, product, aanbieder, begin, lengte in indicaties:
                ingang = D(2027, 1, 4) + datetime.timedelta(days=begin)
                # Refused by a rule of the register: not part of the figures.
                with contextlib.suppress(RuleViolation, InvalidTransition):
                    maak_indicatie(
                        consulent,
                        inwoner=inwoners[wie],
                        product=producten[product],
                        aanbieder=aanbieders[aanbieder],
                        volume=Decimal("3"),
                        motivatie="Nodig.",
                        ingangsdatum=ingang,
                        einddatum=None if lengte is None else ingang + datetime.timedelta(days=lengte),
                    )
        dag = D(2027, 1, 4) + datetime.timedelta(days=vandaag)
        with om(dag.year, dag.month, dag.day):
            begin, eind = D(2027, 1, 1) + datetime.timedelta(days=van), D(2027, 1, 1) + datetime.timedelta(days=tot)
            gelijk_aan_live(begin, eind)
            gelijk_aan_live(begin, eind, aanbieder=str(aanbieders[0].pk))
            gelijk_aan_live(begin, eind, product=licht.code)
        transaction.set_rollback(True)
