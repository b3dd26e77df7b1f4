"""The notification `budgetplafond`: every beleid user hears once per aanbieder, year and threshold
when the approved declaraties of a calendar year reach the warning share (the target
`budgetplafond_signaal`, default 80 %) and 100 % of the ceiling; after a file is read and from the
morning run, exactly at the boundary and never twice."""

import datetime
from decimal import Decimal

import pytest

from notifications.models import Notificatie, Soort
from stuurinformatie import plafonds, tasks
from stuurinformatie.models import Streefwaarde
from stuurinformatie.services import importeer_declaraties
from tests.factories import AanbiederFactory, gebruiker, maak_indicatie

from .conftest import om

pytestmark = pytest.mark.django_db
KOP = "indicatie;begindatum;einddatum;volume;eenheid;bedrag\n"


@pytest.fixture
def wereld():
    """An aanbieder with a ceiling of € 1.000,00 a year, an indicatie with it (4-1 t/m 31-8-2027),
    two beleid users (one inactive) and a consulent, who hears nothing."""
    with om(2027, 1, 4):
        aanbieder = AanbiederFactory(budgetplafond=Decimal("1000.00"))
        indicatie = maak_indicatie(aanbieder=aanbieder)
    beleid = [gebruiker("beleid", email="beleid1@gemeente.invalid"), gebruiker("beleid", email="")]
    gebruiker("beleid", is_active=False)
    return aanbieder, indicatie, beleid


def _lees(indicatie, begin: str, eind: str, bedrag: str, naam: str):
    inhoud = f"{KOP}{indicatie.pk};{begin};{eind};1;uur;{bedrag}\n".encode()
    with om(2027, 9, 10):
        return importeer_declaraties(inhoud, naam=naam)


def _meldingen():
    return list(
        Notificatie.objects.filter(soort=Soort.BUDGETPLAFOND)
        .order_by("sleutel", "ontvanger_id")
        .values_list("ontvanger_id", "sleutel")
    )


def test_bij_79_99_procent_geen_melding_bij_80_00_procent_een_voor_elke_beleidsmedewerker(
    wereld, django_capture_on_commit_callbacks, mailoutbox
):
    aanbieder, indicatie, beleid = wereld
    _lees(indicatie, "2027-01-04", "2027-01-31", "799.99", "jan.csv")
    assert _meldingen() == []
    with django_capture_on_commit_callbacks(execute=True):
        _lees(indicatie, "2027-02-01", "2027-02-01", "0.01", "feb.csv")
    sleutel = f"{aanbieder.pk}:2027:80"
    assert _meldingen() == sorted((b.pk, sleutel) for b in beleid)
    melding = Notificatie.objects.filter(soort=Soort.BUDGETPLAFOND).first()
    assert melding.object_id == aanbieder.pk
    assert melding.onderwerp == (
        f"Budgetplafond 2027 van {aanbieder.naam}: 80 % bereikt (€ 800,00 toegekend van € 1.000,00)"
    )
    # Mailed after commit to the one with an address; the mail names the aanbieder, no inwoner.
    assert [m.to for m in mailoutbox] == [["beleid1@gemeente.invalid"]]
    assert indicatie.inwoner.bsn not in mailoutbox[0].body + mailoutbox[0].subject
    assert "Budgetplafond bereikt." in mailoutbox[0].body


def test_bij_99_99_procent_alleen_80_bij_100_00_procent_ook_100(wereld):
    aanbieder, indicatie, beleid = wereld
    _lees(indicatie, "2027-01-04", "2027-01-31", "999.99", "jan.csv")
    assert {s for _, s in _meldingen()} == {f"{aanbieder.pk}:2027:80"}
    _lees(indicatie, "2027-02-01", "2027-02-01", "0.01", "feb.csv")
    assert {s for _, s in _meldingen()} == {f"{aanbieder.pk}:2027:80", f"{aanbieder.pk}:2027:100"}
    assert len(_meldingen()) == 2 * len(beleid)


def test_twee_keer_controleren_geeft_een_melding(wereld):
    _aanbieder, indicatie, beleid = wereld
    _lees(indicatie, "2027-01-04", "2027-01-31", "1000.00", "jan.csv")
    eerst = _meldingen()
    with om(2027, 9, 11):
        assert plafonds.dagelijks() == 0
        tasks.budgetplafonds()
    assert _meldingen() == eerst
    assert len(eerst) == 2 * len(beleid)


def test_de_ochtendrun_meldt_wat_nog_niet_gemeld_was(wereld):
    """A ceiling lowered by beheer after the file was read: the morning run reports it, once."""
    aanbieder, indicatie, beleid = wereld
    _lees(indicatie, "2027-01-04", "2027-01-31", "700.00", "jan.csv")
    assert _meldingen() == []
    aanbieder.budgetplafond = Decimal("875.00")  # 700 is exactly 80 % of it
    aanbieder.save()
    with om(2027, 9, 11):
        assert plafonds.dagelijks() == len(beleid)
        assert plafonds.dagelijks() == 0
    assert {s for _, s in _meldingen()} == {f"{aanbieder.pk}:2027:80"}


def test_de_ochtendrun_kijkt_ook_naar_vorig_jaar(wereld):
    _aanbieder, indicatie, beleid = wereld
    _lees(indicatie, "2027-01-04", "2027-01-31", "800.00", "jan.csv")
    Notificatie.objects.all().delete()
    with om(2028, 1, 15):
        assert plafonds.dagelijks() == len(beleid)
    with om(2029, 1, 15):
        Notificatie.objects.all().delete()
        assert plafonds.dagelijks() == 0  # 2027 is not last year any more


def test_de_signaalgrens_van_beheer_geldt(wereld):
    aanbieder, indicatie, _beleid = wereld
    Streefwaarde.objects.update_or_create(kpi="budgetplafond_signaal", defaults={"waarde": Decimal("0.9")})
    _lees(indicatie, "2027-01-04", "2027-01-31", "899.99", "jan.csv")
    assert _meldingen() == []
    _lees(indicatie, "2027-02-01", "2027-02-01", "0.01", "feb.csv")
    assert {s for _, s in _meldingen()} == {f"{aanbieder.pk}:2027:90"}


def test_een_periode_over_de_jaarwisseling_telt_per_jaar_naar_de_dagen(wereld):
    aanbieder, _, _beleid = wereld
    with om(2026, 12, 1):
        oud = maak_indicatie(
            aanbieder=aanbieder, ingangsdatum=datetime.date(2026, 12, 1), einddatum=datetime.date(2027, 3, 31)
        )
    # 31 days in 2026 and 31 in 2027: half of € 1.600,00 in each year.
    _lees(oud, "2026-12-01", "2027-01-31", "1600.00", "wissel.csv")
    assert plafonds.toegekend_per_jaar({aanbieder.pk}, 2026) == {aanbieder.pk: Decimal("800.00")}
    assert plafonds.toegekend_per_jaar(None, 2027) == {aanbieder.pk: Decimal("800.00")}
    assert {s for _, s in _meldingen()} == {f"{aanbieder.pk}:2026:80", f"{aanbieder.pk}:2027:80"}


def test_een_aanbieder_zonder_plafond_geeft_geen_melding(wereld):
    aanbieder, indicatie, _beleid = wereld
    aanbieder.budgetplafond = None
    aanbieder.save()
    _lees(indicatie, "2027-01-04", "2027-01-31", "5000.00", "jan.csv")
    with om(2027, 9, 11):
        assert plafonds.dagelijks() == 0
    assert _meldingen() == []


def test_de_controle_telt_niet_per_aanbieder(wereld, django_assert_max_num_queries):
    _aanbieder, indicatie, beleid = wereld
    with om(2027, 1, 4):
        andere = [maak_indicatie(aanbieder=AanbiederFactory(budgetplafond=Decimal("10.00"))) for _ in range(5)]
    regels = "".join(f"{i.pk};2027-01-04;2027-01-31;1;uur;10.00\n" for i in [indicatie, *andere])
    with om(2027, 9, 10):
        importeer_declaraties(f"{KOP}{regels}".encode(), naam="alle.csv")
    assert len(_meldingen()) == 5 * 2 * len(beleid)
    Notificatie.objects.all().delete()
    # Plafonds, target, the totals of each of the two years, beleid users, and the savepoint, insert
    # and read back of the notifications: the same for six aanbieders as for one.
    with om(2027, 9, 11), django_assert_max_num_queries(9):
        assert plafonds.dagelijks() == 5 * 2 * len(beleid)


def test_de_stuurinformatie_geeft_per_aanbieder_jaar_plafond_toegekend_en_aandeel(wereld, als):
    """docs/api.md, third round: the approved declaraties of the year of `tot`, whatever the period."""
    aanbieder, indicatie, _ = wereld
    _lees(indicatie, "2027-01-04", "2027-01-31", "800.00", "jan.csv")
    with om(2027, 9, 10):
        for periode in ({"van": "2027-01-01", "tot": "2027-12-31"}, {"van": "2027-06-01", "tot": "2027-06-30"}):
            [rij] = als("beleid").get("/api/v1/stuurinformatie/", periode).json()["budgetplafonds"]
            assert {k: rij[k] for k in ("aanbieder", "jaar", "plafond", "toegekend", "aandeel")} == {
                "aanbieder": str(aanbieder.pk),
                "jaar": 2027,
                "plafond": "1000.00",
                "toegekend": "800.00",
                "aandeel": "0.8000",
            }
        [rij] = (
            als("beleid")
            .get("/api/v1/stuurinformatie/", {"van": "2028-01-01", "tot": "2028-01-31"})
            .json()["budgetplafonds"]
        )
    assert (rij["jaar"], rij["toegekend"], rij["aandeel"]) == (2028, "0.00", "0.0000")


# --- The tile on the overview, with its trend ---------------------------------------------------


def _tegel(van: datetime.date, tot: datetime.date):
    from stuurinformatie.selectors import stuurinformatie
    from stuurinformatie.tegels import tegels

    with om(2027, 9, 10):
        cijfers = stuurinformatie(van, tot)
    return cijfers, next(t for t in tegels(cijfers) if t.id == "budgetplafond")


@pytest.mark.parametrize(
    ("bedrag", "status"),
    [("799.99", "gehaald"), ("800.00", "niet_gehaald"), ("999.99", "niet_gehaald")],
)
def test_de_tegel_waarschuwt_vanaf_het_deel_zelf(wereld, bedrag, status):
    aanbieder, indicatie, _ = wereld
    _lees(indicatie, "2027-02-01", "2027-02-28", bedrag, f"feb-{bedrag}.csv")
    _, tegel = _tegel(datetime.date(2027, 1, 1), datetime.date(2027, 8, 31))
    assert tegel.status == status
    assert aanbieder.naam in tegel.waarde
    assert "1 van 1 aanbieder" in tegel.extra if status == "niet_gehaald" else "0 van 1 aanbieder" in tegel.extra


def test_de_lijn_telt_op_sinds_1_januari_tegen_de_plafonds_samen(wereld):
    _, indicatie, _ = wereld
    AanbiederFactory(budgetplafond=Decimal("3000.00"))  # a second ceiling, nothing declared: € 4.000 together
    _lees(indicatie, "2027-02-01", "2027-02-28", "400.00", "feb.csv")
    _lees(indicatie, "2027-04-01", "2027-04-30", "600.00", "apr.csv")
    cijfers, tegel = _tegel(datetime.date(2027, 1, 1), datetime.date(2027, 8, 31))
    verloop = {m["maand"]: m["plafond_aandeel"] for m in cijfers["per_maand"]}
    assert [verloop[m] for m in ("2027-01", "2027-02", "2027-03", "2027-04")] == [
        "0.0000",
        "0.1000",
        "0.1000",
        "0.2500",
    ]
    # After the last month anything was declared for there is no figure yet, not a flat line.
    assert verloop["2027-05"] is None
    assert tegel.lijn is not None
    # The tile's own figure is the aanbieder's share of its own ceiling: € 1.000 of € 1.000.
    assert tegel.waarde.startswith("100")


def test_zonder_plafonds_heeft_de_tegel_geen_doel(db):
    _, tegel = _tegel(datetime.date(2027, 1, 1), datetime.date(2027, 8, 31))
    assert tegel.status == "geen_doel"
    assert tegel.extra == "Geen aanbieders met een budgetplafond."
