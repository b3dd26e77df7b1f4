"""The number of queries a page makes does not grow with the rows it shows: measured with 2 rows
and with 20 of everything the page lists."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from basis import clock
from indicaties.models import Indicatie
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker

from .conftest import (
    MODEL_BACKEND,
    bulk_adviezen,
    bulk_besluiten,
    bulk_evaluaties,
    bulk_halfjaarchecks,
    bulk_indicaties,
    bulk_inwoners,
    bulk_notificaties,
)

pytestmark = pytest.mark.django_db


def _queries(client, url, data=None) -> int:
    client.get(url) if data is None else client.post(url, data)  # warm-up: session, caches
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url) if data is None else client.post(url, data)
    assert antwoord.status_code == 200
    return len(ctx.captured_queries)


def _meet(client, url, voeg_toe, data=None) -> tuple[int, int]:
    voeg_toe(2)
    bij_2 = _queries(client, url, data)
    voeg_toe(18)
    bij_20 = _queries(client, url, data)
    return bij_2, bij_20


@pytest.fixture
def mensen(db):
    return {
        "consulent": gebruiker("consulent"),
        "collega": gebruiker("consulent"),
        "schakelteam": gebruiker("schakelteam"),
    }


def _werk_voor_iedereen(mensen, product, aanbieder):
    """n of every queue item: for the consulent, and for the schakelteam (from a colleague)."""

    def voeg_toe(n):
        c, collega = mensen["consulent"], mensen["collega"]
        eigen = bulk_indicaties(n, consulent=c, product=product, aanbieder=aanbieder, signaal="zorgstapeling")
        bulk_evaluaties(eigen)
        bulk_halfjaarchecks(bulk_inwoners(n, regisseur=c))
        bulk_indicaties(n, consulent=c, status="wacht_op_schakelteam", product=product, aanbieder=aanbieder)

        bulk_indicaties(
            n,
            consulent=c,
            product=product,
            aanbieder=aanbieder,
            ingangsdatum=clock.today() - datetime.timedelta(days=100),
            einddatum=clock.today() + datetime.timedelta(days=10),
            signaal="spoed",
        )
        andermans = bulk_indicaties(
            n, consulent=collega, status="wacht_op_schakelteam", product=product, aanbieder=aanbieder, signaal="spoed"
        )
        bulk_adviezen(andermans, collega)
        bulk_notificaties(n, c)
        bulk_notificaties(n, mensen["schakelteam"])

    return voeg_toe


@pytest.mark.parametrize("rol", ["consulent", "schakelteam", "backoffice", "beleid", "beheer"])
def test_werkvoorraad_doet_evenveel_queries_bij_2_en_20_rijen(client, mensen, rol):
    user = mensen.get(rol) or gebruiker(rol)
    client.force_login(user, backend=MODEL_BACKEND)
    voeg_toe = _werk_voor_iedereen(mensen, ProductFactory(), AanbiederFactory())
    bij_2, bij_20 = _meet(client, reverse("start") + "?volledig=1", voeg_toe)
    print(f"werkvoorraad {rol}: {bij_2} queries bij 2 rijen, {bij_20} bij 20")
    assert bij_2 == bij_20
    if rol in ("consulent", "schakelteam"):
        assert client.get("/?volledig=1").content.decode().count('<span class="label signaal"') >= 20
    if rol == "consulent":
        assert "Ongelezen notificaties (20)" in client.get("/?volledig=1").content.decode()


def test_inwoner_detail_doet_evenveel_queries_bij_2_en_20_rijen(client, mensen):
    c, lid = mensen["consulent"], mensen["schakelteam"]
    client.force_login(c, backend=MODEL_BACKEND)
    inwoner = InwonerFactory(regisseur=c)
    product, aanbieder = ProductFactory(), AanbiederFactory()

    def voeg_toe(n):
        rijen = bulk_indicaties(n, consulent=c, inwoners=[inwoner], product=product, aanbieder=aanbieder, signaal="x")
        bulk_evaluaties(rijen)
        bulk_besluiten(rijen, lid)
        bulk_adviezen(rijen, c)

    bij_2, bij_20 = _meet(client, reverse("web:inwoner", args=[inwoner.pk]), voeg_toe)
    print(f"inwoner: {bij_2} queries bij 2 rijen, {bij_20} bij 20")
    assert bij_2 == bij_20


def test_indicatie_detail_doet_evenveel_queries_bij_2_en_20_rijen(client, mensen):
    c, lid = mensen["consulent"], mensen["schakelteam"]
    client.force_login(c, backend=MODEL_BACKEND)
    indicatie = bulk_indicaties(1, consulent=c)[0]

    def voeg_toe(n):
        bulk_besluiten([indicatie] * n, lid)
        bulk_adviezen([indicatie] * n, c)
        for _ in range(n):  # one history record per save
            Indicatie.objects.get(pk=indicatie.pk).save()

    bij_2, bij_20 = _meet(client, reverse("web:indicatie", args=[indicatie.pk]), voeg_toe)
    print(f"indicatie: {bij_2} queries bij 2 rijen, {bij_20} bij 20")
    assert bij_2 == bij_20


def test_notificaties_doen_evenveel_queries_bij_2_en_20_rijen(client, mensen):
    c = mensen["consulent"]
    client.force_login(c, backend=MODEL_BACKEND)
    bij_2, bij_20 = _meet(client, reverse("web:notificaties"), lambda n: bulk_notificaties(n, c))
    print(f"notificaties: {bij_2} queries bij 2 rijen, {bij_20} bij 20")
    assert bij_2 == bij_20


def test_zoekresultaten_doen_evenveel_queries_bij_2_en_20_rijen(client, mensen):
    c = mensen["consulent"]
    client.force_login(c, backend=MODEL_BACKEND)
    bij_2, bij_20 = _meet(
        client,
        reverse("web:inwoners"),
        lambda n: bulk_inwoners(n, regisseur=c),
        data={"naam": "Voornaam", "geboortedatum": "", "bsn": ""},
    )
    print(f"inwoners zoeken: {bij_2} queries bij 2 rijen, {bij_20} bij 20")
    assert bij_2 == bij_20
