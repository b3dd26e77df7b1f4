"""Half-year checks: planned 6 months after the earliest current ingangsdatum, then 6 months after
the last completed check; opened 14 days ahead; cancelled when the care ends."""

import datetime
from decimal import Decimal

import pytest

from indicaties import services
from indicaties.models import Halfjaarcheck
from notifications.models import Notificatie
from tests.factories import InwonerFactory, gebruiker

from .hulp import EINDE, HALFJAARCHECK, INGANG, boven_drempel, dag, indicatie, om, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulent():
    return gebruiker("consulent")


@pytest.fixture
def inwoner(consulent):
    return InwonerFactory(regisseur=consulent)


def _lopende(inwoner) -> Halfjaarcheck:
    return Halfjaarcheck.objects.get(inwoner=inwoner, status__in=["gepland", "open"])


def _afronden(client, check, **velden):
    gegevens = {
        "zorg_passend": True,
        "contact_aanbieder": "2027-06-25",
        "contact_inwoner": "2027-06-26",
        "toelichting": "Zorg loopt goed.",
    }
    gegevens.update(velden)
    return client.post(f"/api/v1/halfjaarchecks/{check.id}/afronden/", gegevens, format="json")


def test_halfjaarcheck_vervalt_zes_maanden_na_de_ingangsdatum(inwoner):
    indicatie(inwoner=inwoner)
    run(INGANG)
    assert _lopende(inwoner).vervaldatum == HALFJAARCHECK


def test_halfjaarcheck_telt_vanaf_de_vroegste_lopende_ingangsdatum(inwoner):
    indicatie(inwoner=inwoner, ingangsdatum=datetime.date(2027, 2, 1), einddatum=datetime.date(2027, 9, 30))
    indicatie(inwoner=inwoner, volume=Decimal("2"), ingangsdatum=datetime.date(2027, 1, 11))
    run(datetime.date(2027, 2, 1))
    assert _lopende(inwoner).vervaldatum == datetime.date(2027, 7, 11)


def test_halfjaarcheck_van_31_augustus_vervalt_op_29_februari_in_een_schrikkeljaar(inwoner):
    indicatie(inwoner=inwoner, ingangsdatum=datetime.date(2027, 8, 31), einddatum=datetime.date(2028, 4, 29))
    run(datetime.date(2027, 8, 31))
    assert _lopende(inwoner).vervaldatum == datetime.date(2028, 2, 29)


def test_inwoner_met_alleen_een_wachtende_indicatie_krijgt_geen_halfjaarcheck(consulent, inwoner):
    boven_drempel(consulent, inwoner=inwoner)
    run(INGANG)
    assert not Halfjaarcheck.objects.filter(inwoner=inwoner).exists()


def test_elke_inwoner_heeft_hooguit_een_lopende_halfjaarcheck(inwoner):
    indicatie(inwoner=inwoner)
    indicatie(inwoner=inwoner, volume=Decimal("2"), ingangsdatum=datetime.date(2027, 1, 11))
    for datum in (INGANG, dag(INGANG, 1), dag(HALFJAARCHECK, -14), dag(HALFJAARCHECK, 1)):
        run(datum)
    assert Halfjaarcheck.objects.filter(inwoner=inwoner).count() == 1


def test_halfjaarcheck_gaat_precies_14_dagen_voor_de_vervaldatum_open(inwoner):
    indicatie(inwoner=inwoner)
    run(INGANG)
    run(dag(HALFJAARCHECK, -14))
    assert _lopende(inwoner).status == "open"


def test_halfjaarcheck_is_15_dagen_voor_de_vervaldatum_nog_gepland(inwoner):
    indicatie(inwoner=inwoner)
    run(INGANG)
    run(dag(HALFJAARCHECK, -15))
    assert _lopende(inwoner).status == "gepland"


def test_geopende_halfjaarcheck_meldt_de_regisseur_eenmaal(inwoner, consulent):
    indicatie(gebruiker("consulent"), inwoner=inwoner)
    for datum in (INGANG, dag(HALFJAARCHECK, -14), dag(HALFJAARCHECK, -13), dag(HALFJAARCHECK, 1)):
        run(datum)
    meldingen = Notificatie.objects.filter(soort="halfjaarcheck_open")
    assert [(m.ontvanger, m.object_id) for m in meldingen] == [(consulent, _lopende(inwoner).id)]


def test_halfjaarcheck_zonder_regisseur_gaat_naar_de_consulent_van_de_indicatie():
    consulent = gebruiker("consulent")
    inwoner = InwonerFactory(regisseur=None)
    indicatie(consulent, inwoner=inwoner)
    run(dag(HALFJAARCHECK, -14))
    assert list(Notificatie.objects.filter(soort="halfjaarcheck_open").values_list("ontvanger", flat=True)) == [
        consulent.pk
    ]


def test_afgeronde_halfjaarcheck_plant_de_volgende_zes_maanden_na_de_afronding(api, consulent, inwoner):
    indicatie(inwoner=inwoner)
    run(dag(HALFJAARCHECK, -14))
    check = _lopende(inwoner)
    with om(datetime.date(2027, 6, 28)):
        antwoord = _afronden(api.als(user=consulent), check)
    assert antwoord.status_code == 200, antwoord.json()
    check.refresh_from_db()
    assert (check.status, check.afgerond_op) == ("afgerond", datetime.date(2027, 6, 28))
    assert _lopende(inwoner).vervaldatum == datetime.date(2027, 12, 28)


def test_volgende_halfjaarcheck_gaat_zes_maanden_na_de_afronding_min_14_dagen_open(api, consulent, inwoner):
    indicatie(inwoner=inwoner, ingangsdatum=datetime.date(2027, 7, 1), einddatum=datetime.date(2028, 2, 29))
    run(datetime.date(2027, 7, 1))
    with om(datetime.date(2027, 8, 31)):
        _afronden(
            api.als(user=consulent), _lopende(inwoner), contact_aanbieder="2027-08-30", contact_inwoner="2027-08-30"
        )
    run(datetime.date(2028, 2, 14))
    assert _lopende(inwoner).status == "gepland"
    run(datetime.date(2028, 2, 15))
    volgende = _lopende(inwoner)
    assert (volgende.vervaldatum, volgende.status) == (datetime.date(2028, 2, 29), "open")


def test_halfjaarcheck_mag_al_worden_afgerond_terwijl_hij_nog_gepland_is(api, consulent, inwoner):
    indicatie(inwoner=inwoner)
    run(INGANG)
    with om(datetime.date(2027, 3, 1)):
        antwoord = _afronden(
            api.als(user=consulent), _lopende(inwoner), contact_aanbieder="2027-03-01", contact_inwoner="2027-02-27"
        )
    assert antwoord.status_code == 200, antwoord.json()
    assert _lopende(inwoner).vervaldatum == datetime.date(2027, 9, 1)


def test_contact_in_de_toekomst_wordt_geweigerd(api, consulent, inwoner):
    indicatie(inwoner=inwoner)
    run(dag(HALFJAARCHECK, -14))
    with om(datetime.date(2027, 6, 28)):
        antwoord = _afronden(api.als(user=consulent), _lopende(inwoner), contact_inwoner="2027-06-29")
    assert antwoord.status_code == 400
    assert [(p["name"], p["code"]) for p in antwoord.json()["invalid_params"]] == [
        ("contact_inwoner", "datum_in_toekomst")
    ]


@pytest.mark.parametrize(
    ("datum", "toegestaan"),
    [
        ("0001-01-01", False),
        ("1000-01-01", False),
        ("1899-12-31", False),
        ("2027-01-03", False),  # the day before the half year of this check (vervaldatum 4-7-2027)
        ("2027-01-04", True),  # its first day
    ],
)
def test_contact_voor_de_periode_van_de_check_wordt_geweigerd(api, consulent, inwoner, datum, toegestaan):
    indicatie(inwoner=inwoner)
    run(dag(HALFJAARCHECK, -14))
    with om(datetime.date(2027, 6, 28)):
        antwoord = _afronden(api.als(user=consulent), _lopende(inwoner), contact_aanbieder=datum)
    if toegestaan:
        assert antwoord.status_code == 200, antwoord.json()
        return
    assert antwoord.status_code == 400
    [fout] = antwoord.json()["invalid_params"]
    assert (fout["name"], fout["code"]) == ("contact_aanbieder", "datum_buiten_bereik")
    assert fout["reason"] == "Het contact ligt vóór de periode van deze check: kies een datum vanaf 4-1-2027."


def test_halfjaarcheck_zonder_toelichting_wordt_geweigerd(api, consulent, inwoner):
    indicatie(inwoner=inwoner)
    run(dag(HALFJAARCHECK, -14))
    with om(datetime.date(2027, 6, 28)):
        antwoord = _afronden(api.als(user=consulent), _lopende(inwoner), toelichting=" ")
    assert antwoord.status_code == 400
    assert [p["code"] for p in antwoord.json()["invalid_params"]] == ["toelichting_verplicht"]


def test_halfjaarcheck_twee_keer_afronden_geeft_409(api, consulent, inwoner):
    indicatie(inwoner=inwoner)
    run(dag(HALFJAARCHECK, -14))
    check = _lopende(inwoner)
    with om(datetime.date(2027, 6, 28)):
        client = api.als(user=consulent)
        assert _afronden(client, check).status_code == 200
        assert _afronden(client, check).status_code == 409


def test_halfjaarcheck_vervalt_wanneer_de_zorg_is_afgelopen(inwoner):
    indicatie(inwoner=inwoner, einddatum=datetime.date(2027, 3, 31), volume=Decimal("2"))
    run(INGANG)
    check = _lopende(inwoner)
    run(datetime.date(2027, 4, 1))
    check.refresh_from_db()
    assert check.status == "geannuleerd"
    assert not Halfjaarcheck.objects.filter(inwoner=inwoner, status__in=["gepland", "open"]).exists()


def test_afronden_zonder_lopende_zorg_plant_geen_volgende(api, consulent, inwoner):
    ind = indicatie(inwoner=inwoner, volume=Decimal("2"))
    run(dag(HALFJAARCHECK, -14))
    check = _lopende(inwoner)
    with om(datetime.date(2027, 6, 28)):
        services.stel_indicatie_bij(
            gebruiker=consulent,
            indicatie=ind,
            uitkomst="beeindigen",
            reden="Verhuisd.",
            per_datum=datetime.date(2027, 6, 28),
        )
        assert _afronden(api.als(user=consulent), check).status_code == 200
    assert not Halfjaarcheck.objects.filter(inwoner=inwoner, status__in=["gepland", "open"]).exists()


def test_historie_van_de_halfjaarcheck_toont_planning_opening_en_afronding(api, consulent, inwoner):
    indicatie(inwoner=inwoner, einddatum=EINDE)
    run(INGANG)
    run(dag(HALFJAARCHECK, -14))
    check = _lopende(inwoner)
    with om(datetime.date(2027, 6, 28)):
        client = api.als(user=consulent)
        _afronden(client, check, zorg_passend=False)
        rijen = client.get(f"/api/v1/halfjaarchecks/{check.id}/historie/").json()
    assert [r["reden"] for r in rijen] == [
        "Halfjaarcheck ingepland",
        "Halfjaarcheck geopend",
        "Halfjaarcheck afgerond: zorg niet meer passend",
    ]
    assert rijen[-1]["gebruiker"] == consulent.username
