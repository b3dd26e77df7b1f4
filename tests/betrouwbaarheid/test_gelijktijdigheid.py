"""Two clients at the same moment, on PostgreSQL with real row locks and separate connections.

Threads start each trial together at a barrier, each with its own database connection, so the
services' locks — not the timing — decide the outcome.
"""

import datetime
import threading
from collections import Counter
from decimal import ROUND_DOWN, Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import mail
from django.db import connections

from basis import clock
from indicaties import services
from indicaties.models import DagelijkseRun, Evaluatie, Halfjaarcheck, Indicatie
from notifications.models import Notificatie
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, indicatie_gegevens

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

POGINGEN = 200


def _samen(pogingen: int, *taken):
    """Run `taak(i)` for i in range(pogingen) in one thread per task, each trial started together.

    Returns per task the list of outcomes (a value or the exception it raised).
    """
    start = threading.Barrier(len(taken), timeout=30)
    uitkomsten = [[] for _ in taken]

    def draad(taak, lijst):
        try:
            for i in range(pogingen):
                start.wait()
                try:
                    lijst.append(taak(i))
                except Exception as exc:  # collected and asserted on by the test
                    lijst.append(exc)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=draad, args=(taak, lijst)) for taak, lijst in zip(taken, uitkomsten, strict=True)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=120)
    assert not any(d.is_alive() for d in draden), "een draad hangt"
    return uitkomsten


def test_een_opgesplitste_aanvraag_ontsnapt_nooit_aan_het_schakelteam():
    vandaag = clock.today()
    einde = vandaag + relativedelta(months=4) - datetime.timedelta(days=1)
    dagen = (einde - vandaag).days + 1
    # Each half costs 60% of the threshold: alone below it, together above it.
    tarief = (settings.SCHAKELTEAM_DREMPEL * Decimal("0.6") * 7 / (6 * dagen)).quantize(
        Decimal("0.01"), rounding=ROUND_DOWN
    )
    product = ProductFactory(tarief=str(tarief))
    gebruiker("schakelteam")
    consulent_a, consulent_b = gebruiker("consulent"), gebruiker("consulent")
    inwoners = InwonerFactory.create_batch(POGINGEN)

    def aanvraag(consulent):
        # Each half at an aanbieder of its own: one product of one aanbieder may not overlap itself
        # (toewijzing_overlapt); the threshold counts the inwoner's care whoever gives it.
        aanbieder = AanbiederFactory()

        def registreer(i):
            gegevens = indicatie_gegevens(
                inwoner=inwoners[i], product=product, aanbieder=aanbieder, ingangsdatum=vandaag, einddatum=einde
            )
            return services.registreer_indicatie(gebruiker=consulent, gegevens=gegevens).status

        return registreer

    uitkomsten_a, uitkomsten_b = _samen(POGINGEN, aanvraag(consulent_a), aanvraag(consulent_b))

    fouten = [u for u in uitkomsten_a + uitkomsten_b if isinstance(u, Exception)]
    assert fouten == []
    eerste = Indicatie.objects.first()
    assert eerste.geschatte_kosten < settings.SCHAKELTEAM_DREMPEL < 2 * eerste.geschatte_kosten
    per_inwoner = {}
    for inwoner_id, status in Indicatie.objects.values_list("inwoner_id", "status"):
        per_inwoner.setdefault(inwoner_id, []).append(status)
    assert len(per_inwoner) == POGINGEN
    beide_toegewezen = [i for i, s in per_inwoner.items() if s == ["toegewezen", "toegewezen"]]
    assert beide_toegewezen == []
    assert all(sorted(s) == ["toegewezen", "wacht_op_schakelteam"] for s in per_inwoner.values())
    assert Notificatie.objects.filter(soort="schakelteam_gevraagd").count() == POGINGEN


def test_twee_dagelijkse_runs_tegelijk_doen_het_werk_precies_een_keer():
    vandaag = clock.today()
    consulent = gebruiker("consulent")
    for i in range(8):
        # Long and short indicaties: evaluations, overdue evaluations, end warnings, expiry and
        # half-year checks all fall on the dates below.
        services.registreer_indicatie(
            gebruiker=consulent,
            gegevens=indicatie_gegevens(
                inwoner=InwonerFactory(regisseur=consulent),
                ingangsdatum=vandaag + datetime.timedelta(days=i),
                einddatum=vandaag + relativedelta(months=8) - datetime.timedelta(days=1),
            ),
        )
        services.registreer_indicatie(
            gebruiker=consulent,
            gegevens=indicatie_gegevens(
                volume=Decimal("2"),
                ingangsdatum=vandaag + datetime.timedelta(days=i),
                einddatum=vandaag + relativedelta(months=2, days=i),
            ),
        )
    data = [vandaag + relativedelta(weeks=w) for w in range(1, 40, 2)]

    def run(i):
        resultaat = services.voer_dagelijkse_taken_uit(data[i])
        return None if resultaat is None else resultaat.datum

    # The clock stands on the last date (a run never runs ahead of today), as after an outage.
    laatste = datetime.datetime.combine(data[-1], datetime.time(6), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(laatste, tick=False):
        uitkomsten_a, uitkomsten_b = _samen(len(data), run, run)

    assert [u for u in uitkomsten_a + uitkomsten_b if isinstance(u, Exception)] == []
    # Per date exactly one of the two did the work; the other found it done.
    for i, datum in enumerate(data):
        assert sorted([uitkomsten_a[i], uitkomsten_b[i]], key=str) == sorted([datum, None], key=str)
    assert sorted(DagelijkseRun.objects.values_list("datum", flat=True)) == data

    evaluaties = Evaluatie.objects.count()
    assert evaluaties == 8
    assert Notificatie.objects.filter(soort="evaluatie_open").count() == evaluaties
    assert Notificatie.objects.filter(soort="evaluatie_te_laat").count() == evaluaties
    assert Notificatie.objects.filter(soort="indicatie_loopt_af").count() == 16
    assert Indicatie.objects.filter(status="verlopen").count() == 16
    geopend = Evaluatie.history.filter(history_change_reason__startswith="Evaluatie geopend")
    assert geopend.count() == evaluaties
    assert Counter(Halfjaarcheck.objects.values_list("inwoner_id", "vervaldatum")).most_common(1)[0][1] == 1
    assert Notificatie.objects.filter(soort="halfjaarcheck_open").count() == 8
    assert Halfjaarcheck.history.filter(history_change_reason="Halfjaarcheck geopend").count() == 8
    # Every notification handled exactly once; mailed once when its recipient has an address (the
    # factory's regisseur of an inwoner, who gets zorg_niet_gestart, has none).
    assert Notificatie.objects.filter(email_verzonden_op__isnull=True).count() == 0
    mailbaar = Notificatie.objects.exclude(ontvanger__email="").count()
    assert mailbaar < Notificatie.objects.count()
    assert len(mail.outbox) == mailbaar
    assert len({m.body for m in mail.outbox}) == mailbaar
