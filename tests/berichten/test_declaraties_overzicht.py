"""Declarations to read: `GET /api/v1/declaraties`, the list and the page of one declaration (every
rejected prestatie with its reasons in words), and on the page of an indicatie what was approved
per month against what was assigned."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from berichten import meldingen, selectors
from tests.factories import AanbiederFactory, InwonerFactory, gebruiker, maak_indicatie
from tests.indicaties.hulp import om
from tests.web.conftest import MODEL_BACKEND

from .hulp import opgeslagen_declaratie as declaratie

pytestmark = pytest.mark.django_db

INGANG = datetime.date(2027, 1, 4)  # a Monday: 28 days of January run, 6 uur per week
FEBRUARI = datetime.date(2027, 2, 15)


@pytest.fixture
def toewijzing():
    with om(INGANG - datetime.timedelta(days=3)):
        return maak_indicatie(ingangsdatum=INGANG, einddatum=datetime.date(2027, 6, 30))


def _pagina(client, url, rol="backoffice", dag=FEBRUARI, **params):
    with om(dag):
        client.force_login(gebruiker(rol), backend=MODEL_BACKEND)
        return client.get(url, params)


# --- GET /api/v1/declaraties ---


def test_de_lijst_geeft_de_bedragen_als_geld_en_de_nieuwste_eerst(api):
    oud = declaratie(prestaties=[{"bedrag": Decimal("58.20")}, {"bedrag": Decimal("10.05"), "status": "afgewezen"}])
    nieuw = declaratie(status="toegekend", prestaties=[{"bedrag": Decimal("1234.50")}])
    antwoord = api.als("beleid").get("/api/v1/declaraties")
    assert antwoord.status_code == 200
    body = antwoord.json()
    assert body["count"] == 2
    eerste, tweede = body["results"]
    assert eerste == {
        "id": str(nieuw.pk),
        "aanbieder": str(nieuw.aanbieder_id),
        "declaratienummer": nieuw.declaratienummer,
        "ontvangen": eerste["ontvangen"],
        "ingediend": "1234.50",
        "toegekend": "1234.50",
        "afgewezen": "0.00",
        "status": "toegekend",
    }
    assert (tweede["id"], tweede["ingediend"], tweede["toegekend"], tweede["afgewezen"]) == (
        str(oud.pk),
        "68.25",
        "58.20",
        "10.05",
    )


def test_filters_op_aanbieder_status_en_inwoner(api, toewijzing):
    aanbieder = AanbiederFactory()
    eigen = declaratie(aanbieder, prestaties=[{"bedrag": Decimal("5.00"), "indicatie": toewijzing}])
    op_bsn = declaratie(status="afgewezen", prestaties=[{"bedrag": Decimal("5.00"), "bsn": toewijzing.inwoner.bsn}])
    anders = declaratie(status="toegekend", prestaties=[{"bedrag": Decimal("5.00"), "bsn": "111222333"}])
    client = api.als("backoffice")

    def ids(**params):
        return {r["id"] for r in client.get("/api/v1/declaraties", params).json()["results"]}

    assert ids() == {str(eigen.pk), str(op_bsn.pk), str(anders.pk)}
    assert ids(aanbieder=str(aanbieder.pk)) == {str(eigen.pk)}
    assert ids(status="toegekend") == {str(anders.pk)}
    assert ids(inwoner=str(toewijzing.inwoner_id)) == {str(eigen.pk), str(op_bsn.pk)}
    assert ids(inwoner=str(InwonerFactory().pk)) == set()
    assert client.get("/api/v1/declaraties", {"status": "onbekend"}).status_code == 400


@pytest.mark.parametrize("rol", ["consulent", "schakelteam"])
def test_zorgrollen_zien_geen_declaraties(api, rol):
    assert api.als(rol).get("/api/v1/declaraties").status_code == 403


def test_de_lijst_staat_in_het_openapi_document(api):
    document = api.als("beheer").get("/api/v1/openapi.json").json()
    operatie = document["paths"]["/declaraties"]["get"]
    assert {p["name"] for p in operatie["parameters"]} >= {"aanbieder", "status", "inwoner", "page", "pageSize"}


# --- The pages ---


def test_de_pagina_van_een_declaratie_noemt_elke_afgewezen_prestatie_met_de_redenen_in_woorden(client, toewijzing):
    d = declaratie(
        prestaties=[
            {"bedrag": Decimal("58.20"), "indicatie": toewijzing},
            {"bedrag": Decimal("10.00"), "status": "afgewezen", "retourcodes": ["9338"], "bsn": "123456782"},
            {"bedrag": Decimal("20.00"), "status": "afgewezen", "retourcodes": ["9321"], "indicatie": toewijzing},
        ]
    )
    antwoord = _pagina(client, reverse("web:declaratie", args=[d.pk]))
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    for code in ("9338", "9321"):
        omschrijving = meldingen.omschrijving("WMO325", code)
        assert omschrijving not in ("", "Onbekende retourcode.")
        assert f'{omschrijving} <span class="nb">(retourcode {code})</span>' in tekst
    assert "Afgewezen prestaties (2)" in tekst
    assert "geen toewijzing gevonden" in tekst
    assert reverse("web:indicatie", args=[toewijzing.pk]) in tekst
    assert f"{reverse('web:declaraties')}?inwoner={toewijzing.inwoner_id}" in tekst
    for bedrag in ("€ 88,20", "€ 58,20", "€ 30,00"):
        assert bedrag in tekst
    assert "3-2-2027" in tekst and "1-1-2027" in tekst
    assert "123456782" not in tekst  # a BSN is never shown


def test_de_lijst_filtert_per_aanbieder_en_per_inwoner(client, toewijzing):
    aanbieder = AanbiederFactory()
    eigen = declaratie(aanbieder, prestaties=[{"bedrag": Decimal("5.00"), "indicatie": toewijzing}])
    anders = declaratie(prestaties=[{"bedrag": Decimal("5.00")}])
    url = reverse("web:declaraties")
    getoond = lambda a: [d.pk for d in a.context["pagina"].object_list]  # noqa: E731
    assert set(getoond(_pagina(client, url))) == {eigen.pk, anders.pk}
    assert getoond(_pagina(client, url, aanbieder=str(aanbieder.pk))) == [eigen.pk]
    per_inwoner = _pagina(client, url, inwoner=str(toewijzing.inwoner_id))
    assert getoond(per_inwoner) == [eigen.pk]
    assert str(toewijzing.inwoner) in per_inwoner.content.decode()
    assert _pagina(client, url, inwoner=str(InwonerFactory.build().pk)).status_code == 404


@pytest.mark.parametrize(("rol", "status"), [("backoffice", 200), ("beheer", 200), ("beleid", 403), ("consulent", 403)])
def test_de_declaratiepaginas_zijn_voor_backoffice_en_beheer(client, rol, status):
    d = declaratie(prestaties=[{"bedrag": Decimal("5.00")}])
    assert _pagina(client, reverse("web:declaraties"), rol).status_code == status
    assert _pagina(client, reverse("web:declaratie", args=[d.pk]), rol).status_code == status


def test_de_lijst_doet_evenveel_queries_bij_2_en_20_declaraties(client):
    def tel() -> int:
        _pagina(client, reverse("web:declaraties"))
        with om(FEBRUARI), CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("web:declaraties")).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(2):
        declaratie(prestaties=[{"bedrag": Decimal("5.00")}])
    bij_2 = tel()
    for _ in range(18):
        declaratie(prestaties=[{"bedrag": Decimal("5.00")}])
    assert tel() == bij_2


# --- On the page of an indicatie ---


def test_toegewezen_per_maand_op_de_grenzen_van_de_periode(toewijzing):
    # 6 uur per week: January from the 4th (28 days), February whole (28), June to the 30th.
    assert selectors.toegewezen_in_maand(toewijzing, datetime.date(2027, 1, 1)) == Decimal("24.00")
    assert selectors.toegewezen_in_maand(toewijzing, datetime.date(2027, 2, 1)) == Decimal("24.00")
    assert selectors.toegewezen_in_maand(toewijzing, datetime.date(2027, 3, 1)) == Decimal("26.57")
    assert selectors.toegewezen_in_maand(toewijzing, datetime.date(2027, 7, 1)) == Decimal("0")
    toewijzing.frequentie = "per_maand"
    assert selectors.toegewezen_in_maand(toewijzing, datetime.date(2027, 1, 1)) == Decimal("6")
    toewijzing.frequentie = "totaal"
    assert selectors.toegewezen_in_maand(toewijzing, datetime.date(2027, 1, 1)) is None


def test_gedeclareerd_per_maand_telt_alleen_toegekend_en_trekt_credit_af(toewijzing):
    debet = {"indicatie": toewijzing, "bedrag": Decimal("58.20"), "volume": 60, "eenheid": "04"}
    declaratie(
        prestaties=[
            {**debet, "volume": 10, "bedrag": Decimal("582.00")},  # 10 uur in January
            {**debet, "volume": 120, "eenheid": "01", "bedrag": Decimal("116.40")},  # 2 uur, in minutes
            {**debet, "debet_credit": "C", "volume": 1, "bedrag": Decimal("58.20")},  # 1 uur credited
            {**debet, "volume": 5, "status": "afgewezen", "bedrag": Decimal("291.00")},  # not counted
            {
                **debet,
                "volume": 3,
                "bedrag": Decimal("174.60"),
                "begindatum": datetime.date(2027, 2, 1),
                "einddatum": datetime.date(2027, 2, 28),
            },
        ]
    )
    overzicht = selectors.gedeclareerd_per_maand(toewijzing, FEBRUARI)
    assert [(r.maand, r.toegewezen, r.gedeclareerd, r.bedrag) for r in overzicht["regels"]] == [
        (datetime.date(2027, 1, 1), Decimal("24.00"), Decimal("11.00"), Decimal("640.20")),
        (datetime.date(2027, 2, 1), Decimal("24.00"), Decimal("3"), Decimal("174.60")),
    ]
    assert (overzicht["toegewezen"], overzicht["gedeclareerd"], overzicht["bedrag"]) == (
        Decimal("48.00"),
        Decimal("14.00"),
        Decimal("814.80"),
    )


def test_de_indicatiepagina_toont_gedeclareerd_naast_toegewezen(client, toewijzing):
    declaratie(prestaties=[{"indicatie": toewijzing, "volume": 10, "eenheid": "04", "bedrag": Decimal("582.00")}])
    tekst = _pagina(client, reverse("web:indicatie", args=[toewijzing.pk])).content.decode()
    assert "Gedeclareerd en toegewezen" in tekst
    assert "januari 2027" in tekst and "februari 2027" in tekst and "maart 2027" not in tekst
    assert "24,00" in tekst and "10,00" in tekst and "€ 582,00" in tekst


def test_een_indicatie_zonder_toewijzing_heeft_geen_overzicht_van_declaraties(client):
    with om(INGANG - datetime.timedelta(days=3)):
        wachtend = maak_indicatie(ingangsdatum=INGANG, volume=Decimal("40"))
    assert wachtend.status == "wacht_op_schakelteam"
    tekst = _pagina(client, reverse("web:indicatie", args=[wachtend.pk])).content.decode()
    assert "Gedeclareerd en toegewezen" not in tekst
