"""Input the register cannot work with is a form error, a 400 or a 404 in the UI and the admin, never a 500."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from indicaties.models import Indicatie
from tests.factories import (
    AanbiederFactory,
    InwonerFactory,
    ProductFactory,
    doelen_formulier,
    gebruiker,
    maak_indicatie,
)

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _formulier(ingangsdatum, einddatum=""):
    return {
        "product": ProductFactory().code,
        "aanbieder": str(AanbiederFactory().pk),
        "volume": "6",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": ingangsdatum,
        "einddatum": einddatum,
        **doelen_formulier(),
    }


@pytest.mark.parametrize(
    ("ingangsdatum", "einddatum", "melding"),
    [
        ("9999-12-31", "", "Kies een datum tot en met 31-12-2199."),
        ("2027-01-04", "9999-12-31", "Kies een datum tot en met 31-12-2199."),
        ("1899-12-31", "", "Kies een datum vanaf 1-1-1900."),
    ],
)
@pytest.mark.parametrize("stap", ["indicatie_nieuw", "indicatie_voorbeeld"])
def test_een_datum_buiten_het_rekenbereik_is_een_fout_bij_het_veld(client, ingangsdatum, einddatum, melding, stap):
    inwoner = InwonerFactory()
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=AMSTERDAM), tick=False):
        client.force_login(gebruiker("consulent"))
        antwoord = client.post(reverse(f"web:{stap}", args=[inwoner.pk]), _formulier(ingangsdatum, einddatum))
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert not Indicatie.objects.exists()


@pytest.mark.parametrize(
    ("stap", "methode", "data"),
    [
        ("indicatie_nieuw", "get", {"voorganger": "abc"}),
        ("indicatie_voorbeeld", "post", {"voorganger": "abc"}),
        ("indicatie_voorbeeld", "post", {"indicatie": "abc"}),
    ],
)
def test_een_misvormd_id_in_adres_of_formulier_is_een_404(client, stap, methode, data):
    client.force_login(gebruiker("consulent"))
    antwoord = getattr(client, methode)(reverse(f"web:{stap}", args=[InwonerFactory().pk]), data)
    assert antwoord.status_code == 404


def test_een_misvormde_versie_bij_wijzigen_is_een_400(client):
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=AMSTERDAM), tick=False):
        consulent = gebruiker("consulent")
        indicatie = maak_indicatie(consulent)
        client.force_login(consulent)
        data = _formulier("2027-01-04", "2027-08-31") | {"product": indicatie.product.code, "versie": "abc"}
        data["aanbieder"] = str(indicatie.aanbieder.pk)
        antwoord = client.post(reverse("web:indicatie_wijzigen", args=[indicatie.pk]), data)
    assert antwoord.status_code == 400
    indicatie.refresh_from_db()
    assert indicatie.versie == 1


def test_het_beheerscherm_weigert_een_datum_buiten_het_rekenbereik(client):
    beheerder = gebruiker("beheer")
    beheerder.is_staff = beheerder.is_superuser = True
    beheerder.save()
    data = _formulier("9999-12-31") | {"inwoner": str(InwonerFactory().pk), "motivatie": "", "spoed_reden": ""}
    data["product"] = str(ProductFactory().pk)  # the admin chooses a product by its id
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=AMSTERDAM), tick=False):
        client.force_login(beheerder)
        antwoord = client.post(reverse("admin:indicaties_indicatie_add"), data)
    assert antwoord.status_code == 200
    assert "Kies een datum tot en met 31-12-2199." in antwoord.content.decode()
    assert not Indicatie.objects.exists()


def test_het_beheerscherm_registreert_een_geldige_indicatie_via_de_services(client):
    """Until the date check above reached the rules, a valid form here ended in a server error."""
    beheerder = gebruiker("beheer")
    beheerder.is_staff = beheerder.is_superuser = True
    beheerder.save()
    data = _formulier("2027-01-04", "2027-08-31") | {
        "inwoner": str(InwonerFactory().pk),
        "motivatie": "",
        "spoed_reden": "",
        "doelen": "Zelfstandig boodschappen doen\nEén keer per week naar de buurtkamer",
    }
    data["product"] = str(ProductFactory().pk)
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=AMSTERDAM), tick=False):
        client.force_login(beheerder)
        antwoord = client.post(reverse("admin:indicaties_indicatie_add"), data)
    assert antwoord.status_code == 302
    indicatie = Indicatie.objects.get()
    assert (indicatie.status, indicatie.consulent, indicatie.versie) == ("toegewezen", beheerder, 1)
    assert indicatie.history.get().history_change_reason == "Indicatie geregistreerd"
    assert [d.omschrijving for d in indicatie.doelen.all()] == [
        "Zelfstandig boodschappen doen",
        "Eén keer per week naar de buurtkamer",
    ]


@pytest.mark.parametrize("datum", ["0001-01-01", "1000-01-01"])
def test_een_halfjaarcheck_met_een_contact_uit_de_middeleeuwen_is_een_fout_bij_het_veld(client, datum):
    from indicaties.models import Halfjaarcheck

    consulent = gebruiker("consulent")
    inwoner = InwonerFactory(regisseur=consulent)
    check = Halfjaarcheck.objects.create(inwoner=inwoner, vervaldatum=datetime.date(2027, 7, 4), status="open")
    with time_machine.travel(datetime.datetime(2027, 6, 28, 9, tzinfo=AMSTERDAM), tick=False):
        client.force_login(consulent)
        antwoord = client.post(
            reverse("web:halfjaarcheck_afronden", args=[check.pk]),
            {"zorg_passend": "ja", "contact_aanbieder": datum, "contact_inwoner": "2027-06-20", "toelichting": "Goed."},
        )
    assert antwoord.status_code == 200
    assert (
        "Het contact ligt vóór de periode van deze check: kies een datum vanaf 4-1-2027." in antwoord.content.decode()
    )
    check.refresh_from_db()
    assert check.status == "open"


@pytest.mark.parametrize(("datum", "status"), [("0001-01-01", 400), ("1899-12-31", 400), ("1900-01-01", 201)])
def test_een_geboortedatum_buiten_het_rekenbereik_wordt_geweigerd_door_de_api(api, datum, status):
    from tests.factories import geldig_bsn

    body = {"bsn": geldig_bsn(), "voornaam": "Fatima", "achternaam": "El Amrani", "geboortedatum": datum}
    antwoord = api.als("consulent").post("/api/v1/inwoners", body, format="json")
    assert antwoord.status_code == status, antwoord.json()
    if status == 400:
        assert [(p["name"], p["code"]) for p in antwoord.json()["invalid_params"]] == [
            ("geboortedatum", "datum_buiten_bereik")
        ]
