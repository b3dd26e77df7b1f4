"""Every list of the API makes as many queries for 100 rows as for 10: relations are fetched up
front (select_related / prefetch_related), never per row."""

import datetime
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from basis.api import paginering as casusregie_api
from indicaties import services
from indicaties.models import Halfjaarcheck, Indicatie, IndicatieStatus, Tarief
from notifications.services import notificeer
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, indicatie_gegevens

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _op_4_januari_2027():
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def _indicaties(n, consulent):
    """Indicaties with everything a row can show: a heavier variant (signal), an evaluation."""
    licht = ProductFactory()
    zwaar = ProductFactory(lichtere_variant=licht)
    aanbieder = AanbiederFactory()
    return [
        services.registreer_indicatie(
            gebruiker=consulent,
            gegevens=indicatie_gegevens(
                inwoner=InwonerFactory(regisseur=consulent),
                product=zwaar,
                aanbieder=aanbieder,
                volume=Decimal("6"),
                motivatie="De lichtere variant is al geprobeerd.",
            ),
        )
        for _ in range(n)
    ]


def _producten(n, _gebruiker):
    basis = ProductFactory()
    for _ in range(n):
        product = ProductFactory(lichtere_variant=basis, tarief="60.00")
        Tarief.objects.filter(product=product).update(geldig_tot=datetime.date(2026, 12, 31))
        Tarief.objects.create(product=product, geldig_van=datetime.date(2027, 1, 1), bedrag=Decimal("62.00"))


def _halfjaarchecks(n, consulent):
    for inwoner in InwonerFactory.create_batch(n, regisseur=consulent):
        Halfjaarcheck.objects.create(inwoner=inwoner, vervaldatum=datetime.date(2027, 7, 4))


def _notificaties(n, ontvanger):
    for _ in range(n):
        sleutel = str(uuid.uuid4())
        notificeer([ontvanger], soort="evaluatie_open", sleutel=sleutel, onderwerp=f"Melding {sleutel}")


def _adviezen(n, consulent):
    for indicatie in _indicaties(n, consulent):
        services.vraag_advies(gebruiker=consulent, indicatie=indicatie, vraag="Past dit nog?")


def _declaraties(n, _gebruiker):
    from tests.berichten.hulp import opgeslagen_declaratie

    aanbieder = AanbiederFactory()
    for _ in range(n):
        opgeslagen_declaratie(aanbieder, prestaties=[{"bedrag": Decimal("58.20")}])


# path -> (role of the reader, how to add n rows of that list)
LIJSTEN = {
    "inwoners": ("consulent", lambda n, c: InwonerFactory.create_batch(n, regisseur=c)),
    "aanbieders": ("consulent", lambda n, c: AanbiederFactory.create_batch(n)),
    "producten": ("consulent", _producten),
    "indicaties": ("consulent", _indicaties),
    "evaluaties": ("consulent", _indicaties),
    "halfjaarchecks": ("consulent", _halfjaarchecks),
    "notificaties": ("consulent", _notificaties),
    "schakelteam-adviezen": ("consulent", _adviezen),
    "declaraties": ("backoffice", _declaraties),
}


def _queries(client, url: str, rijen: int) -> int:
    client.get(url)  # warm-up: content types, caches
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, antwoord.content
    assert len(antwoord.json()["results"]) >= rijen
    return len(queries)


@pytest.mark.parametrize("pad", LIJSTEN)
def test_een_lijst_telt_evenveel_queries_bij_10_als_bij_100_rijen(api, pad):
    rol, voeg_toe = LIJSTEN[pad]
    client = api.als(rol)
    url = f"/api/v1/{pad}/?page_size=100"
    voeg_toe(10, client.user)
    bij_10 = _queries(client, url, 10)
    voeg_toe(90, client.user)
    bij_100 = _queries(client, url, 100)
    assert bij_100 == bij_10


def test_de_lijst_van_indicaties_per_inwoner_en_status_telt_ook_niet_per_rij(api):
    client = api.als("consulent")
    _indicaties(10, client.user)
    bij_10 = _queries(client, "/api/v1/indicaties/?status=toegewezen&page_size=100", 10)
    _indicaties(90, client.user)
    assert _queries(client, "/api/v1/indicaties/?status=toegewezen&page_size=100", 100) == bij_10


@pytest.mark.parametrize("pad", ["/api/v1/indicaties/?page_size=100", "/api/v1/indicaties/{id}/"])
def test_de_api_van_indicaties_leest_inwoner_aanbieder_en_consulent_niet_mee(api, pad):
    """An indicatie in the API names its inwoner, aanbieder and consulent by id: their rows are not
    read along with it (only the inwoner's BSN, for the processing log)."""
    client = api.als("consulent")
    indicatie = _indicaties(3, client.user)[0]
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(pad.format(id=indicatie.pk))
    assert antwoord.status_code == 200, antwoord.content
    kolommen = " ".join(
        q["sql"].split(" FROM ")[0]
        for q in queries.captured_queries
        if ' FROM "indicaties_indicatie"' in q["sql"] and q["sql"].startswith("SELECT")
    )
    assert '"indicaties_indicatie"."inwoner_id"' in kolommen
    assert '"indicaties_inwoner"."bsn" AS "betrokkene_bsn"' in kolommen
    for kolom in ('"indicaties_inwoner"."achternaam"', '"indicaties_aanbieder"."naam"', '"auth_user"."username"'):
        assert kolom not in kolommen


def _knopen(plan: dict) -> list[dict]:
    return [plan, *(k for kind in plan.get("Plans", []) for k in _knopen(kind))]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_de_evaluaties_van_een_caseload_worden_geteld_zonder_een_rij_van_het_register_te_lezen(api):
    # Counted through the caseload's indicaties, the count needs each indicatie's id by its
    # inwoner: in the index (inwoner, status) itself, so a million rows stay unread. Seq scans
    # are switched off, or this small table would be read whole, which says nothing; and the
    # table is vacuumed, as a register is, or the planner cannot count on the index alone.
    client = api.als("consulent")
    _indicaties(5, client.user)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE indicaties_indicatie")
    client.get("/api/v1/evaluaties")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/evaluaties").status_code == 200
    (telling,) = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + telling)
        knopen = _knopen(cursor.fetchone()[0][0]["Plan"])
    register = [k["Node Type"] for k in knopen if k.get("Relation Name") == "indicaties_indicatie"]
    assert register == ["Index Only Scan"]


def _schakelteam_werk(indicaties) -> None:
    """The inwoners of these indicaties get a request waiting for the schakelteam: its caseload."""
    Indicatie.objects.filter(pk__in=[i.pk for i in indicaties]).update(status=IndicatieStatus.WACHT_OP_SCHAKELTEAM)


def _bladeren(client, pad: str) -> tuple[list, int, list[int]]:
    """Every row of a list page by page (three a page), the count of each page, and the queries per
    page."""
    rijen, aantallen, queries = [], [], []
    for pagina in (1, 2, 3, 4):
        with CaptureQueriesContext(connection) as vastgelegd:
            antwoord = client.get(f"/api/v1/{pad}/?pageSize=3&page={pagina}")
        if antwoord.status_code == 404:
            break
        assert antwoord.status_code == 200, antwoord.content
        rijen += antwoord.json()["results"]
        aantallen.append(antwoord.json()["count"])
        queries.append(len(vastgelegd))
    return rijen, aantallen, queries


@pytest.mark.parametrize("rol", ["schakelteam", "consulent"])
@pytest.mark.parametrize("pad", ["evaluaties", "indicaties", "inwoners"])
def test_een_korte_lijst_wordt_tussen_haar_eigen_ids_gelezen_met_dezelfde_rijen_in_dezelfde_volgorde(
    api, monkeypatch, rol, pad
):
    # Up to KLEINE_LIJST rows a page is read among the ids of the rows the user may see; above it
    # along the list's own order. Both must give the same pages.
    consulent = gebruiker("consulent")
    indicaties = _indicaties(12, consulent)
    _schakelteam_werk(indicaties[:7])
    client = api.als(rol, user=consulent if rol == "consulent" else None)
    client.get(f"/api/v1/{pad}/")  # warm-up: content types, caches
    kort, aantal, queries_kort = _bladeren(client, pad)
    monkeypatch.setattr(casusregie_api, "KLEINE_LIJST", 0)
    lang, aantal_lang, queries_lang = _bladeren(client, pad)
    assert kort == lang
    verwacht = 7 if rol == "schakelteam" else 12
    assert aantal == aantal_lang == [verwacht] * len(queries_kort)
    assert len(kort) == verwacht
    assert len({r["id"] for r in kort}) == len(kort)
    # The ids are one statement more per page: the proof that the short way was taken.
    assert queries_kort == [q + 1 for q in queries_lang]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_de_pagina_van_een_kleine_caseload_leest_alleen_haar_eigen_rijen(api):
    # The schakelteam's caseload is the inwoners with a request for it. With one such inwoner
    # among many, the page along the due dates would read every evaluation of the register to
    # find theirs; read among the ids it reads only that one (sequential scans off, as the
    # table is small here; vacuumed, as a register is).
    indicaties = _indicaties(40, gebruiker("consulent"))
    _schakelteam_werk(indicaties[:1])
    client = api.als("schakelteam")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE indicaties_evaluatie")
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get("/api/v1/evaluaties/")
    assert antwoord.status_code == 200 and antwoord.json()["count"] == 1
    (pagina,) = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "indicaties_evaluatie"."id", "indicaties_evaluatie"."indicatie_id"')
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + pagina)
        knopen = _knopen(cursor.fetchone()[0][0]["Plan"])
    gelezen = [
        k["Actual Rows"] * k["Actual Loops"] + k.get("Rows Removed by Filter", 0)
        for k in knopen
        if k.get("Relation Name") == "indicaties_evaluatie"
    ]
    assert gelezen == [1]
