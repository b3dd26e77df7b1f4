"""Fixtures of the web UI tests: a logged-in client per role, a small world every page needs,
and rows made in bulk for the query-count and speed tests."""

import contextlib
import datetime
import itertools
import signal
from dataclasses import dataclass
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AnonymousUser

from basis import clock
from indicaties import services
from indicaties.beleid import uit_omgeving
from indicaties.models import (
    Beleidsregels,
    Evaluatie,
    Halfjaarcheck,
    Indicatie,
    IndicatieSignaal,
    Inwoner,
    SchakelteamAdvies,
    SchakelteamBeoordeling,
)
from notifications.models import Notificatie
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, geldig_bsn, maak_indicatie

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
ROLLEN = ("consulent", "schakelteam", "backoffice", "beleid", "beheer")


@pytest.fixture
def als(client):
    """`als("consulent")` logs the test client in as a new user with these roles;
    `als(user=...)` as an existing user. With no roles: a user without any role."""

    def inloggen(*rollen, user=None):
        user = user or gebruiker(*rollen)
        client.force_login(user, backend=MODEL_BACKEND)
        client.user = user
        return client

    return inloggen


@dataclass
class Wereld:
    consulent: object
    collega: object
    schakelteamlid: object
    inwoner: Inwoner
    indicatie: Indicatie
    wachtend: Indicatie
    evaluatie: Evaluatie
    check: Halfjaarcheck
    advies: SchakelteamAdvies
    notificatie: Notificatie

    def gebruiker_voor(self, rol: str | None):
        """The user a page is opened as: the owners of the world for their roles."""
        if rol == "consulent":
            return self.consulent
        if rol == "schakelteam":
            return self.schakelteamlid
        if rol is None:
            return AnonymousUser()
        return gebruiker(rol) if rol != "geen" else gebruiker()


@pytest.fixture
def evaluatie_vanaf_registratie(db):
    """A policy under which an evaluation can be completed from the day its indicatie is
    registered (`evaluatie_vroegst_dagen` a year): for the tests of what the evaluation form
    records, not of when it may be sent (tests/indicaties/test_evaluaties.py)."""
    waarden = {**uit_omgeving().waarden(), "evaluatie_vroegst_dagen": 366}
    Beleidsregels.objects.create(
        geldig_van=datetime.date(2020, 1, 1),
        vastgesteld_door=gebruiker("beheer"),
        vastgesteld_op=clock.now(),
        **waarden,
    )


@pytest.fixture
def wereld(db) -> Wereld:
    """One inwoner with a granted indicatie (evaluation planned), one waiting for the
    schakelteam (registered by a colleague), an open half-year check, an advice question and a
    notification: enough for every page to have something to show."""
    consulent = gebruiker("consulent", first_name="Carla", last_name="Consulent")
    collega = gebruiker("consulent", first_name="Kees", last_name="Collega")
    lid = gebruiker("schakelteam", first_name="Sam", last_name="Schakel")
    inwoner = InwonerFactory(regisseur=consulent)
    # Relative to the real today, so the rule against retroactive dates never trips.
    ingang = clock.today() + datetime.timedelta(days=7)
    periode = {"ingangsdatum": ingang, "einddatum": ingang + relativedelta(months=8, days=-1)}
    indicatie = maak_indicatie(consulent, inwoner=inwoner, **periode)
    duur = ProductFactory(tarief="116.40")
    wachtend = maak_indicatie(collega, product=duur, volume=Decimal("14"), **periode)
    assert wachtend.status == "wacht_op_schakelteam"
    check = Halfjaarcheck.objects.create(inwoner=inwoner, vervaldatum=clock.today(), status="open")
    advies = services.vraag_advies(gebruiker=consulent, indicatie=indicatie, vraag="Is 6 uur passend?")
    notificatie = Notificatie.objects.create(
        ontvanger=consulent, soort="evaluatie_open", sleutel="test", onderwerp="Evaluatie staat open"
    )
    return Wereld(
        consulent=consulent,
        collega=collega,
        schakelteamlid=lid,
        inwoner=inwoner,
        indicatie=indicatie,
        wachtend=wachtend,
        evaluatie=Evaluatie.objects.get(indicatie=indicatie),
        check=check,
        advies=advies,
        notificatie=notificatie,
    )


# --- Rows in bulk ---------------------------------------------------------------------------------
# Straight into the tables (no services, no history): these tests measure what a page does
# with many rows, not how the rows came to be.

_bsn_teller = itertools.count()


def bulk_inwoners(n: int, regisseur=None) -> list[Inwoner]:
    inwoners = [
        Inwoner(
            bsn=geldig_bsn(),
            voornaam=f"Voornaam{i}",
            achternaam=f"Achternaam{next(_bsn_teller)}",
            geboortedatum=datetime.date(1970, 1, 1) + datetime.timedelta(days=i),
            regisseur=regisseur,
        )
        for i in range(n)
    ]
    return Inwoner.objects.bulk_create(inwoners, batch_size=500)


def bulk_indicaties(
    n: int,
    *,
    consulent,
    status: str = "toegewezen",
    inwoners: list[Inwoner] | None = None,
    product=None,
    aanbieder=None,
    ingangsdatum: datetime.date | None = None,
    einddatum: datetime.date | None = None,
    signaal: str | None = None,
) -> list[Indicatie]:
    vandaag = clock.today()
    inwoners = inwoners or bulk_inwoners(n, regisseur=consulent)
    product = product or ProductFactory()
    aanbieder = aanbieder or AanbiederFactory()
    rijen = [
        Indicatie(
            inwoner=inwoners[i % len(inwoners)],
            product=product,
            aanbieder=aanbieder,
            volume=Decimal("6"),
            eenheid="uur",
            frequentie="per_week",
            ingangsdatum=ingangsdatum or vandaag,
            einddatum=einddatum or vandaag + datetime.timedelta(days=200),
            consulent=consulent,
            status=status,
            uren_per_week=Decimal("6"),
            geschatte_kosten=Decimal("9977.14"),
        )
        for i in range(n)
    ]
    rijen = Indicatie.objects.bulk_create(rijen, batch_size=500)
    if signaal:
        IndicatieSignaal.objects.bulk_create([IndicatieSignaal(indicatie=i, code=signaal) for i in rijen])
    return rijen


def bulk_evaluaties(indicaties, status: str = "open", vervaldatum: datetime.date | None = None) -> list[Evaluatie]:
    dag = vervaldatum or clock.today() - datetime.timedelta(days=1)
    return Evaluatie.objects.bulk_create([Evaluatie(indicatie=i, vervaldatum=dag, status=status) for i in indicaties])


def bulk_halfjaarchecks(inwoners, status: str = "open") -> list[Halfjaarcheck]:
    dag = clock.today()
    return Halfjaarcheck.objects.bulk_create(
        [Halfjaarcheck(inwoner=i, vervaldatum=dag, status=status) for i in inwoners]
    )


def bulk_adviezen(indicaties, vrager) -> list[SchakelteamAdvies]:
    nu = clock.now()
    return SchakelteamAdvies.objects.bulk_create(
        [
            SchakelteamAdvies(indicatie=i, vraag=f"Vraag {n}", gevraagd_door=vrager, gevraagd_op=nu)
            for n, i in enumerate(indicaties)
        ]
    )


def bulk_besluiten(indicaties, beoordelaar) -> list[SchakelteamBeoordeling]:
    nu = clock.now()
    return SchakelteamBeoordeling.objects.bulk_create(
        [
            SchakelteamBeoordeling(
                indicatie=i,
                besluit="akkoord",
                toelichting="Akkoord.",
                beoordelaar=beoordelaar,
                beoordeeld_bedrag=i.geschatte_kosten,
                aangevraagd_op=nu,
                besloten_op=nu,
            )
            for i in indicaties
        ]
    )


_sleutels = itertools.count()


def bulk_notificaties(n: int, ontvanger, gelezen: bool = False) -> list[Notificatie]:
    return Notificatie.objects.bulk_create(
        [
            Notificatie(
                ontvanger=ontvanger,
                soort="evaluatie_open",
                sleutel=f"bulk-{k}",
                onderwerp=f"Melding {k}",
                gelezen=gelezen,
            )
            for k in itertools.islice(_sleutels, n)
        ]
    )


# --- A hard time limit for the tests that fill the database ---------------------------------------


@contextlib.contextmanager
def tijdslimiet(seconden: float, wat: str = "De test"):
    """Raise TimeoutError when the block runs longer than `seconden` (SIGALRM, main thread)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def te_lang(signum, frame):
        raise TimeoutError(f"{wat} duurde langer dan {seconden} s.")

    vorige = signal.signal(signal.SIGALRM, te_lang)
    signal.setitimer(signal.ITIMER_REAL, seconden)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, vorige)


@pytest.fixture(autouse=True)
def _tijdslimiet(request):
    """`@pytest.mark.tijdslimiet(seconden)`: the test fails when it runs longer."""
    marker = request.node.get_closest_marker("tijdslimiet")
    if marker is None:
        yield
        return
    with tijdslimiet(marker.args[0]):
        yield
