import threading

import pytest
from django.db import connection

from toetsing import selectors, services
from toetsing.models import Steekproef, Toetsing

from .hulp import DINSDAG_W05, MAANDAG_W06, WEEK, gewone, met_spoed, om


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twee_gelijktijdige_trekkingen_van_dezelfde_week_leggen_een_steekproef_vast(monkeypatch):
    with om(DINSDAG_W05):
        met_spoed()
        for _ in range(9):
            gewone()

    # Both calls have looked for an existing sample and gathered the population before either
    # saves: the unique week has to decide, not the timing.
    samen = threading.Barrier(2, timeout=20)
    kandidaten = selectors.kandidaten

    def kandidaten_en_wachten(week):
        uitkomst = kandidaten(week)
        samen.wait()
        return uitkomst

    monkeypatch.setattr(selectors, "kandidaten", kandidaten_en_wachten)
    resultaten, fouten = [], []

    def trek():
        try:
            steekproef, nieuw = services.trek_steekproef(WEEK)
            resultaten.append((steekproef.pk, nieuw, sorted(steekproef.toetsingen.values_list("id", flat=True))))
        except Exception as exc:  # reported below with the other thread's outcome
            fouten.append(exc)
        finally:
            connection.close()

    with om(MAANDAG_W06):
        draden = [threading.Thread(target=trek) for _ in range(2)]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join(timeout=60)

    assert fouten == []
    assert sorted(nieuw for _, nieuw, _ in resultaten) == [False, True]
    assert len({pk for pk, _, _ in resultaten}) == 1
    assert resultaten[0][2] == resultaten[1][2]
    assert Steekproef.objects.count() == 1
    assert Toetsing.objects.count() == 2
    assert Toetsing.objects.filter(reden="spoed").count() == 1
