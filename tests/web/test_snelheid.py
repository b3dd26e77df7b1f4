"""Every page for every role answers in under 300 ms with 10,000 indicaties in the database; the
stuurinformatie overview, which computes every figure of a year, in under 450 ms.

The rows are made once per module with bulk_create (seconds, not minutes) inside a transaction
that is rolled back afterwards; making them and each test are bounded by a hard time limit.
CI runs these on PostgreSQL and on SQLite (.ci/run runs the suite on both)."""

import contextlib
import datetime
import gc
import random
import statistics
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.urls import reverse

from basis import clock
from indicaties.models import (
    Evaluatie,
    Halfjaarcheck,
    Indicatie,
    IndicatieSignaal,
    Inwoner,
    SchakelteamAdvies,
    SchakelteamBeoordeling,
)
from tests.factories import AanbiederFactory, ProductFactory, gebruiker, geldig_bsn

from .conftest import MODEL_BACKEND, bulk_notificaties, tijdslimiet

GRENS_MS = 300
# The stuurinformatie overview computes every figure of a year over the register; its own target is
# the benchmark's (bench/stuurinformatie.py, docs/performance.md). Here it guards against cost that
# grows with the rows, with room for a machine that is slower some minutes than others.
GRENS_STUURINFORMATIE_MS = 450
AANTAL_INDICATIES = 10_000
PER_INWONER = 4


@pytest.fixture(scope="module")
def tienduizend(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with tijdslimiet(120, "10.000 indicaties aanmaken"):
            gegevens = _vul()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # statistics, as a database in use has them
                    cursor.execute("ANALYZE")
            gc.collect()  # the bulk rows are garbage now; not a cost of the first page measured
        yield gegevens
        transaction.set_rollback(True)


def _vul() -> dict:
    rng = random.Random(20270104)
    vandaag = clock.today()
    consulenten = [gebruiker("consulent") for _ in range(10)]
    consulent = consulenten[0]
    lid = gebruiker("schakelteam")
    producten = [ProductFactory() for _ in range(20)]
    aanbieders = [AanbiederFactory() for _ in range(30)]
    inwoners = Inwoner.objects.bulk_create(
        [
            Inwoner(
                bsn=geldig_bsn(),
                voornaam=f"Voornaam{i}",
                achternaam=f"Achternaam{i}",
                geboortedatum=datetime.date(1950, 1, 1) + datetime.timedelta(days=i * 7),
                regisseur=consulenten[i % len(consulenten)],
            )
            for i in range(AANTAL_INDICATIES // PER_INWONER)
        ],
        batch_size=1000,
    )
    statussen = ["toegewezen"] * 7 + ["wacht_op_schakelteam", "verlopen", "beeindigd"]
    rijen = []
    for i in range(AANTAL_INDICATIES):
        inwoner = inwoners[i // PER_INWONER]
        ingang = vandaag + datetime.timedelta(days=rng.randint(-700, 30))
        rijen.append(
            Indicatie(
                inwoner=inwoner,
                product=rng.choice(producten),
                aanbieder=rng.choice(aanbieders),
                volume=Decimal("6"),
                eenheid="uur",
                frequentie="per_week",
                ingangsdatum=ingang,
                einddatum=ingang + datetime.timedelta(days=rng.randint(30, 240)),
                consulent=inwoner.regisseur,
                status=rng.choice(statussen),
                uren_per_week=Decimal("6"),
                geschatte_kosten=Decimal("9977.14"),
            )
        )
    indicaties = Indicatie.objects.bulk_create(rijen, batch_size=1000)
    evaluaties = []
    for i in indicaties[::2]:
        status = rng.choice(["gepland", "open", "afgerond"])
        evaluaties.append(
            Evaluatie(
                indicatie=i,
                vervaldatum=i.ingangsdatum + datetime.timedelta(days=120),
                status=status,
                afgerond_op=vandaag if status == "afgerond" else None,
            )
        )
    Evaluatie.objects.bulk_create(evaluaties, batch_size=1000)
    Halfjaarcheck.objects.bulk_create(
        [Halfjaarcheck(inwoner=w, vervaldatum=vandaag, status="open") for w in inwoners[::3]], batch_size=1000
    )
    IndicatieSignaal.objects.bulk_create(
        [IndicatieSignaal(indicatie=i, code="zorgstapeling") for i in indicaties[::5]], batch_size=1000
    )
    nu = clock.now()
    SchakelteamAdvies.objects.bulk_create(
        [
            SchakelteamAdvies(indicatie=i, vraag="Passend?", gevraagd_door=i.consulent, gevraagd_op=nu)
            for i in indicaties[::20]
        ]
    )
    SchakelteamBeoordeling.objects.bulk_create(
        [
            SchakelteamBeoordeling(
                indicatie=i,
                besluit="akkoord",
                toelichting="Akkoord.",
                beoordelaar=lid,
                beoordeeld_bedrag=i.geschatte_kosten,
                aangevraagd_op=nu,
                besloten_op=nu,
            )
            for i in indicaties[::25]
        ]
    )
    bulk_notificaties(1000, consulent)
    bulk_notificaties(1000, lid)
    eigen = Indicatie.objects.filter(consulent=consulent, status="toegewezen").select_related("inwoner").first()
    return {
        "consulent": consulent,
        "schakelteam": lid,
        "inwoner": eigen.inwoner,
        "indicatie": eigen,
        "wachtend": Indicatie.objects.filter(status="wacht_op_schakelteam").exclude(consulent=lid).first(),
        "evaluatie": Evaluatie.objects.filter(indicatie__consulent=consulent, status="open").first(),
        "check": Halfjaarcheck.objects.filter(inwoner__regisseur=consulent).first(),
        "advies": SchakelteamAdvies.objects.first(),
    }


def _paginas(d) -> dict[str, list[tuple[str, str, dict | None]]]:
    """Per role: (name, url, POST data or None)."""
    i = d["indicatie"]
    voorbeeld = {
        "product": i.product.code,
        "aanbieder": str(i.aanbieder_id),
        "volume": "6",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": clock.today().isoformat(),
        "einddatum": (clock.today() + datetime.timedelta(days=200)).isoformat(),
    }
    zorg = [
        ("werkvoorraad", reverse("start"), None),
        ("inwoners", reverse("web:inwoners"), None),
        ("zoeken op naam", reverse("web:inwoners"), {"naam": "Achternaam1", "geboortedatum": "", "bsn": ""}),
        ("zoeken op bsn", reverse("web:inwoners"), {"naam": "", "geboortedatum": "", "bsn": d["inwoner"].bsn}),
        ("inwoner", reverse("web:inwoner", args=[d["inwoner"].pk]), None),
        ("indicatie", reverse("web:indicatie", args=[i.pk]), None),
        ("notificaties", reverse("web:notificaties"), None),
    ]
    return {
        "consulent": [
            *zorg,
            ("indicatie registreren", reverse("web:indicatie_nieuw", args=[d["inwoner"].pk]), None),
            ("indicatie wijzigen", reverse("web:indicatie_wijzigen", args=[i.pk]), None),
            ("voorbeeld", reverse("web:indicatie_voorbeeld", args=[d["inwoner"].pk]), voorbeeld),
            ("evaluatie afronden", reverse("web:evaluatie_afronden", args=[d["evaluatie"].pk]), None),
            ("halfjaarcheck afronden", reverse("web:halfjaarcheck_afronden", args=[d["check"].pk]), None),
            ("feedback toetsing", reverse("web:toetsing_feedback"), None),
        ],
        "schakelteam": [
            *zorg,
            ("wachtende indicatie", reverse("web:indicatie", args=[d["wachtend"].pk]), None),
            ("advies geven", reverse("web:advies_beantwoorden", args=[d["advies"].pk]), None),
        ],
        "backoffice": [*zorg, ("toetsing", reverse("web:toetsing"), None)],
        "beleid": [("werkvoorraad", reverse("start"), None), ("notificaties", reverse("web:notificaties"), None)],
        "beheer": [("werkvoorraad", reverse("start"), None), ("notificaties", reverse("web:notificaties"), None)],
        "geen rol": [("werkvoorraad", reverse("start"), None), ("notificaties", reverse("web:notificaties"), None)],
    }


class TeTraag(AssertionError):
    pass


def _gebruiker(d, rol):
    if rol in ("consulent", "schakelteam"):
        return d[rol]
    return gebruiker(rol) if rol != "geen rol" else gebruiker()


# Rounds of ten requests at most, a pause between them.
RONDES = 3
PAUZE_S = 2


def _meet(client, url, data, grens: int = GRENS_MS) -> tuple[float, float]:
    """Fastest and median of ten, after one request that warms caches (templates, content
    types). The fastest is what the page costs; other work on a shared machine only adds to it.
    A shared machine also runs slower for many seconds at a time (the same page a third slower in
    one minute than in the next, in CPU time as well): when the fastest of ten is over the limit, up to two
    more rounds of ten follow a pause, and the fastest of all counts. A page that costs more
    stays over the limit in every round."""
    metingen = []
    for ronde in range(RONDES):
        if ronde:
            time.sleep(PAUZE_S)
        for poging in range(11):
            begin = time.perf_counter()
            antwoord = client.get(url) if data is None else client.post(url, data)
            duur = (time.perf_counter() - begin) * 1000
            assert antwoord.status_code == 200, (url, antwoord.status_code)
            if poging:
                metingen.append(duur)
        if min(metingen) < grens:
            break
    return min(metingen), statistics.median(metingen)


@contextlib.contextmanager
def _bevroren():
    """What exists now out of the garbage collector's way while the pages are measured, as a web
    worker freezes what it built at start-up (casusregie/geheugen.py). In the whole test run
    that is every test module and fixture loaded so far: without this a full collection in the
    middle of a request walks all of it, a cost of the test process that grows with the suite."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _controleer(client, user, paginas, grens: int = GRENS_MS):
    client.force_login(user, backend=MODEL_BACKEND)
    with _bevroren():
        tijden = [(naam, *_meet(client, url, data)) for naam, url, data in paginas]
    tabel = "\n".join(
        f"  {naam:24} snelste {snel:6.1f} ms, mediaan {mediaan:6.1f} ms" for naam, snel, mediaan in tijden
    )
    print(f"\n{user} ({Indicatie.objects.count()} indicaties, {connection.vendor}):\n{tabel}")
    te_traag = [(naam, round(snel)) for naam, snel, _ in tijden if snel >= grens]
    if te_traag:
        raise TeTraag(f"Langer dan {grens} ms: {te_traag}\n{tabel}")


@pytest.mark.django_db
@pytest.mark.tijdslimiet(90)
@pytest.mark.parametrize("rol", ["consulent", "schakelteam", "backoffice", "beleid", "beheer", "geen rol"])
def test_elke_pagina_van_de_rol_antwoordt_binnen_300_ms_met_10000_indicaties(client, tienduizend, rol):
    assert Indicatie.objects.count() == AANTAL_INDICATIES
    _controleer(client, _gebruiker(tienduizend, rol), _paginas(tienduizend)[rol])


@pytest.mark.django_db
@pytest.mark.tijdslimiet(90)
@pytest.mark.xfail(
    condition=connection.vendor == "sqlite",
    raises=TeTraag,
    strict=False,
    reason="De grens geldt op PostgreSQL, de productiedatabase: op SQLite rekent stuurinformatie over 10.000 "
    "indicaties langer (afhankelijk van de belasting). Een serverfout faalt wel.",
)
@pytest.mark.parametrize("rol", ["backoffice", "beleid", "beheer"])
def test_stuurinformatie_antwoordt_binnen_450_ms_met_10000_indicaties(client, tienduizend, rol):
    _controleer(
        client,
        _gebruiker(tienduizend, rol),
        [("stuurinformatie", reverse("web:stuurinformatie"), None)],
        grens=GRENS_STUURINFORMATIE_MS,
    )
