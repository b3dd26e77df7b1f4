"""Two consulenten register at the same moment through the API, on PostgreSQL with real row locks.

Each request runs in its own thread with its own database connection, released together at a
barrier, so the service's lock on the inwoner, not the timing, decides the outcome.
"""

import datetime
import threading
from decimal import ROUND_DOWN, Decimal

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, doelen_api, gebruiker

# serialized_rollback: the flush after a transactional test would also remove the role groups
# that the migrations made, and with them every later test's roles.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

POGINGEN = 20
VANDAAG = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC)
INGANG, EINDE = datetime.date(2027, 1, 4), datetime.date(2027, 8, 31)
DAGEN = (EINDE - INGANG).days + 1  # 240
UREN = Decimal("6")


def _client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _tegelijk(*verzoeken) -> list:
    """Run each callable in its own thread, all released at once; returns their results in order."""
    start = threading.Barrier(len(verzoeken), timeout=30)
    uitkomsten: list = [None] * len(verzoeken)

    def draad(index, verzoek):
        try:
            start.wait()
            uitkomsten[index] = verzoek()
        except Exception as exc:  # reported by the test, not lost in the thread
            uitkomsten[index] = exc
        finally:
            connection.close()

    draden = [threading.Thread(target=draad, args=(i, v)) for i, v in enumerate(verzoeken)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=60)
    assert not any(d.is_alive() for d in draden), "een verzoek hangt"
    return uitkomsten


@time_machine.travel(VANDAAG, tick=False)
def test_twee_gelijktijdige_aanvragen_die_samen_boven_de_drempel_komen_wachten_altijd_op_het_schakelteam():
    # Each request costs 60% of the threshold: alone below it, the two together above it.
    tarief = (settings.SCHAKELTEAM_DREMPEL * Decimal("0.6") * 7 / (UREN * DAGEN)).quantize(
        Decimal("0.01"), rounding=ROUND_DOWN
    )
    kosten = (UREN / 7 * DAGEN * tarief).quantize(Decimal("0.01"))
    assert kosten < settings.SCHAKELTEAM_DREMPEL < 2 * kosten
    product = ProductFactory(tarief=str(tarief))
    # Two aanbieders: one product of one aanbieder may not overlap itself (toewijzing_overlapt), and
    # the threshold counts the inwoner's care whoever gives it.
    aanbieders = [AanbiederFactory(), AanbiederFactory()]
    clients = [_client(gebruiker("consulent")), _client(gebruiker("consulent"))]
    inwoners = InwonerFactory.create_batch(POGINGEN)

    def aanvraag(client, inwoner, aanbieder):
        body = {
            "inwoner": str(inwoner.id),
            "product": product.code,
            "aanbieder": str(aanbieder.id),
            "volume": str(UREN),
            "eenheid": "uur",
            "frequentie": "per_week",
            "ingangsdatum": INGANG.isoformat(),
            "einddatum": EINDE.isoformat(),
            "doelen": doelen_api(),
        }

        def verzoek():
            antwoord = client.post("/api/v1/indicaties/", body, format="json")
            return antwoord.status_code, antwoord.json()

        return verzoek

    for poging, inwoner in enumerate(inwoners):
        uitkomsten = _tegelijk(*(aanvraag(c, inwoner, a) for c, a in zip(clients, aanbieders, strict=True)))
        assert not any(isinstance(u, Exception) for u in uitkomsten), uitkomsten
        assert [status for status, _ in uitkomsten] == [201, 201], uitkomsten
        assert {data["geschatte_kosten"] for _, data in uitkomsten} == {str(kosten)}
        # Whoever locks the inwoner first is alone below the threshold; the other sees it and waits.
        statussen = sorted(data["status"] for _, data in uitkomsten)
        assert statussen == ["toegewezen", "wacht_op_schakelteam"], f"poging {poging}: {statussen}"
