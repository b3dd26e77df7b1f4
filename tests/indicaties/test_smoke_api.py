import datetime

import pytest
import time_machine

from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, doelen_api

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_consulent_registreert_indicatie_van_6_uur_met_evaluatie_en_kosten(api):
    client = api.als("consulent")
    inwoner = InwonerFactory()
    product = ProductFactory(code="02A01")
    aanbieder = AanbiederFactory()
    antwoord = client.post(
        "/api/v1/indicaties/",
        {
            "inwoner": str(inwoner.id),
            "product": "02A01",
            "aanbieder": str(aanbieder.id),
            "volume": "6",
            "eenheid": "uur",
            "frequentie": "per_week",
            "ingangsdatum": "2027-01-04",
            "einddatum": "2027-08-31",
            "doelen": doelen_api(),
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    assert data["geschatte_kosten"] == "11972.57"
    assert data["uren_per_week"] == "6.00"
    assert data["status"] == "toegewezen"
    assert data["evaluatie"] is not None
    assert product.code == data["product"]
    assert antwoord["ETag"]


@time_machine.travel(datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_einddatum_na_8_maanden_geeft_problem_json_met_regelcode(api):
    client = api.als("consulent")
    antwoord = client.post(
        "/api/v1/indicaties/",
        {
            "inwoner": str(InwonerFactory().id),
            "product": ProductFactory().code,
            "aanbieder": str(AanbiederFactory().id),
            "volume": "5.00",
            "eenheid": "uur",
            "frequentie": "per_week",
            "ingangsdatum": "2027-01-04",
            "einddatum": "2027-09-04",
            "doelen": doelen_api(),
        },
        format="json",
    )
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert [p["code"] for p in antwoord.json()["invalid_params"]] == ["max_duur_8_maanden"]
