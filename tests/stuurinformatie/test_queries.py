"""The number of queries of the API, the dashboard, the drill-down and an export does not grow
with the number of indicaties: measured with 2 and with 20 (of different providers and
consulenten, with evaluations, bijstellingen and signals)."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicaties import services
from indicaties.models import Evaluatie, Indicatie
from stuurinformatie.selectors import stuurinformatie
from tests.factories import AanbiederFactory, ProductFactory, gebruiker, maak_indicatie

from .conftest import MODEL_BACKEND, om

pytestmark = pytest.mark.django_db
URLS = [
    "/api/v1/stuurinformatie/",
    reverse("web:stuurinformatie"),
    reverse("web:stuurinformatie_tabellen"),
    reverse("web:stuurinformatie_indicaties") + "?soort=geregistreerd",
    reverse("web:stuurinformatie_export", args=["per_team", "csv"]),
    reverse("web:stuurinformatie_export_alles"),
]


def _voeg_toe(n: int, licht) -> None:
    zwaar = ProductFactory(lichtere_variant=licht)
    with om(2027, 1, 4):
        nieuw = [
            maak_indicatie(
                gebruiker("consulent"),
                aanbieder=AanbiederFactory(),
                product=zwaar if i % 2 else licht,
                motivatie="Nodig.",
                spoed=i % 3 == 0,
                spoed_reden="Crisis." if i % 3 == 0 else "",
            )
            for i in range(n)
        ]
    with om(2027, 5, 4):
        for i, indicatie in enumerate(nieuw[::2]):
            services.rond_evaluatie_af(
                gebruiker=indicatie.consulent,
                evaluatie=Evaluatie.objects.get(indicatie=indicatie),
                uitkomst="afschalen" if i % 2 else "voortzetten",
                resultaat_behaald="ja",
                toelichting="Besproken.",
                nieuw_volume=Decimal("3") if i % 2 else None,
                per_datum=datetime.date(2027, 5, 4) if i % 2 else None,
            )


def _tel(client, url) -> int:
    client.get(url)  # warm-up: session, caches
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", URLS)
def test_aantal_queries_groeit_niet_met_het_aantal_indicaties(client, url):
    licht = ProductFactory()
    with om(2027, 6, 1):
        client.force_login(gebruiker("backoffice", "beleid"), backend=MODEL_BACKEND)
        _voeg_toe(2, licht)
        bij_2 = _tel(client, url)
        _voeg_toe(18, licht)
        bij_20 = _tel(client, url)
    assert bij_2 == bij_20, (url, bij_2, bij_20)
    # About 30 for the figures (docs/performance.md lists them), plus session, menu and filter lists,
    # the year's approved declaraties per aanbieder against the budgetplafond, and the same per month
    # for the budgetplafond tile's trend.
    assert bij_20 <= 47, (url, bij_20)


@pytest.mark.postgres
def test_de_bijstellingen_van_een_periode_komen_uit_hun_eigen_index():
    # At a million indicaties the queries over the changes of a period (vermeden kosten, the care
    # that replaced it) read the whole table without the partial index on bijgesteld_op. With
    # sequential scans discouraged the planner shows which index it can use; without this one it
    # falls back to another index over every row.
    licht = ProductFactory()
    with om(2027, 6, 1):
        _voeg_toe(4, licht)
        assert Indicatie.objects.filter(vermeden_kosten__isnull=False).exists()
        with CaptureQueriesContext(connection) as ctx:
            stuurinformatie(datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))
    queries = [q["sql"] for q in ctx.captured_queries if '"indicaties_indicatie"."bijgesteld_op" >=' in q["sql"]]
    assert len(queries) == 3  # vermeden kosten per law and consulent, per month, replacement care
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in queries:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            assert "indicatie_bijgesteld" in json.dumps(cursor.fetchone()[0]), sql
