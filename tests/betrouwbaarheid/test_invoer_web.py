"""Input the register cannot work with is a form error, a 400 or a 404 in the UI and the admin, never a 500."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from indicaties.feiten import DoelGegevens
from indicaties.models import Indicatie
from tests.factories import (
    STANDAARD_DOEL,
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


# --- One limit per field, for every entry point (indicaties/rules/limieten.py) ---------------------


def _api_body(**overrides) -> dict:
    from tests.factories import doelen_api

    body = {
        "inwoner": str(InwonerFactory().pk),
        "product": ProductFactory().code,
        "aanbieder": str(AanbiederFactory().pk),
        "volume": "2",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": "2027-01-04",
        "einddatum": "2027-08-31",
        "doelen": doelen_api(),
    }
    body.update(overrides)
    return body


def _api_fouten(api, **overrides) -> list[tuple[str, str]]:
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=AMSTERDAM), tick=False):
        antwoord = api.als("consulent").post("/api/v1/indicaties", _api_body(**overrides), format="json")
    return [(p["name"], p["code"]) for p in antwoord.json().get("invalid_params", [])]


@pytest.mark.parametrize(("lengte", "te_lang"), [(10_000, False), (10_001, True)])
@pytest.mark.parametrize("veld", ["motivatie", "spoed_reden"])
def test_een_tekst_van_meer_dan_10000_tekens_weigert_de_api(api, veld, lengte, te_lang):
    assert ((veld, "max_length") in _api_fouten(api, **{veld: "x" * lengte})) is te_lang


@pytest.mark.parametrize(("aantal", "te_veel"), [(20, False), (21, True)])
def test_meer_dan_20_doelen_weigert_de_api(api, aantal, te_veel):
    from tests.factories import doelen_api

    doelen = doelen_api() * aantal
    assert (("doelen", "max_length") in _api_fouten(api, doelen=doelen)) is te_veel


@pytest.mark.parametrize(("lengte", "te_lang"), [(2_000, False), (2_001, True)])
def test_een_doel_van_meer_dan_2000_tekens_weigert_de_api(api, lengte, te_lang):
    doelen = [{"omschrijving": "x" * lengte, "leefgebied": None}]
    assert (("doelen.0.omschrijving", "max_length") in _api_fouten(api, doelen=doelen)) is te_lang


@pytest.mark.parametrize(("lengte", "te_lang"), [(10_000, False), (10_001, True)])
def test_een_motivatie_van_meer_dan_10000_tekens_weigert_het_formulier(client, lengte, te_lang):
    inwoner = InwonerFactory()
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=AMSTERDAM), tick=False):
        client.force_login(gebruiker("consulent"))
        formulier = {**_formulier("2027-01-04", "2027-08-31"), "volume": "2", "motivatie": "x" * lengte}
        antwoord = client.post(reverse("web:indicatie_nieuw", args=[inwoner.pk]), formulier)
    assert Indicatie.objects.exists() is not te_lang
    if te_lang:
        assert antwoord.status_code == 200
        assert "10000" in antwoord.content.decode()


@pytest.mark.parametrize(("aantal", "te_veel"), [(20, False), (21, True)])
def test_meer_dan_20_doelen_weigert_het_formulier(client, aantal, te_veel):
    inwoner = InwonerFactory()
    formulier = {**_formulier("2027-01-04", "2027-08-31"), "volume": "2", "doelen-TOTAL_FORMS": str(aantal)}
    for i in range(aantal):
        formulier[f"doelen-{i}-omschrijving"] = f"Doel {i}"
        formulier[f"doelen-{i}-leefgebied"] = ""
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=AMSTERDAM), tick=False):
        client.force_login(gebruiker("consulent"))
        client.post(reverse("web:indicatie_nieuw", args=[inwoner.pk]), formulier)
    assert Indicatie.objects.exists() is not te_veel


@pytest.mark.parametrize(
    ("overrides", "veld"),
    [
        ({"motivatie": "x" * 10_001}, "motivatie"),
        ({"spoed_reden": "x" * 10_001}, "spoed_reden"),
        ({"doelen": tuple(STANDAARD_DOEL for _ in range(21))}, "doelen"),
        ({"doelen": (DoelGegevens("x" * 2_001, ""),)}, "doelen"),
    ],
)
def test_de_regels_weigeren_te_veel_invoer_ook_buiten_formulier_en_api(overrides, veld):
    """The import and every other entry point register through the service: the same limit."""
    from basis.exceptions import RuleViolation
    from indicaties import services
    from tests.factories import indicatie_gegevens

    consulent = gebruiker("consulent")
    gegevens = indicatie_gegevens(inwoner=InwonerFactory(regisseur=consulent), volume=2, **overrides)
    with (
        time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=AMSTERDAM), tick=False),
        pytest.raises(RuleViolation) as fout,
    ):
        services.registreer_indicatie(gebruiker=consulent, gegevens=gegevens)
    assert (veld, "max_length") in [(v.veld, v.code) for v in fout.value.violations]


@pytest.mark.parametrize(
    ("van", "tot", "fout"),
    [
        (datetime.date(1, 1, 1), None, True),
        (datetime.date(2027, 1, 1), datetime.date(9999, 12, 31), True),
        (datetime.date(1900, 1, 1), datetime.date(2199, 12, 31), False),
    ],
)
def test_een_tarief_buiten_het_rekenbereik_weigeren_de_regels_voor_elk_ingang(van, tot, fout):
    """The admin's tariff rows and the API's `tarieven` meet the same rule (services.register)."""
    from decimal import Decimal

    from indicaties import costs, rules

    fouten = rules.tarieven_overlappen([costs.TariefPeriode(van, tot, Decimal("50.00"))])
    assert (("tarieven", "datum_buiten_bereik") in [(v.veld, v.code) for v in fouten]) is fout


@pytest.mark.parametrize(
    ("serializer", "data", "veld"),
    [
        ("OordeelSerializer", {"oordeel": "niet_akkoord"}, "toelichting"),
        ("ReactieSerializer", {}, "reactie"),
        ("OpvolgingSerializer", {}, "toelichting"),
    ],
)
@pytest.mark.parametrize(("lengte", "geldig"), [(10_000, True), (10_001, False)])
def test_de_teksten_van_de_toetsing_hebben_dezelfde_grens_in_api_en_formulier(serializer, data, veld, lengte, geldig):
    from toetsing.api import serializers
    from toetsing.web import views

    s = getattr(serializers, serializer)(data={**data, veld: "x" * lengte})
    assert s.is_valid() is geldig
    formulier = {"OordeelSerializer": views.OordeelForm, "ReactieSerializer": views.ReactieForm}.get(
        serializer, views.OpvolgingForm
    )({**data, veld: "x" * lengte})
    assert formulier.is_valid() is geldig
