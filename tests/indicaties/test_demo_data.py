"""demo_data: the run command loads it on every start, so it must work, be idempotent and leave a
history the rules would have allowed (it is lived through the services, not written)."""

import datetime
from collections import Counter

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Sum

from indicaties.models import Evaluatie, Halfjaarcheck, Indicatie, Inwoner
from indicaties.rules import bsn_is_geldig
from notifications.models import Notificatie
from toetsing.models import Toetsing

pytestmark = pytest.mark.django_db


def test_demo_data_speelt_een_jaar_na_en_is_idempotent(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    with time_machine.travel(datetime.datetime(2027, 3, 10, 7, tzinfo=datetime.UTC), tick=False):
        call_command("demo_data", wachtwoord="demo-wachtwoord")
        aantallen = (Inwoner.objects.count(), Indicatie.objects.count(), Notificatie.objects.count())
        call_command("demo_data", wachtwoord="demo-wachtwoord")
    assert (Inwoner.objects.count(), Indicatie.objects.count(), Notificatie.objects.count()) == aantallen

    assert all(bsn_is_geldig(bsn) for bsn in Inwoner.objects.values_list("bsn", flat=True))
    # A year: registrations in (almost) every month before today, none starting in the past.
    maanden = {d.replace(day=1) for d in Indicatie.objects.values_list("aangemaakt__date", flat=True)}
    assert len(maanden) >= 11
    for indicatie in Indicatie.objects.exclude(vervangt__isnull=False).exclude(spoed=True):
        assert indicatie.ingangsdatum >= indicatie.aangemaakt.date()
    # Every outcome of an evaluation, verdicts, half-year checks and avoided cost for the dashboard.
    uitkomsten = Counter(Evaluatie.objects.filter(status="afgerond").values_list("uitkomst", flat=True))
    assert set(uitkomsten) == {"voortzetten", "afschalen", "beeindigen", "anders_inzetten"}
    assert Toetsing.objects.filter(oordeel="niet_akkoord").exists()
    assert Halfjaarcheck.objects.filter(status="afgerond").exists()
    assert Indicatie.objects.aggregate(s=Sum("vermeden_kosten"))["s"] > 0
    # Every granted indicatie of 5 hours a week or more has its evaluation.
    assert not Indicatie.objects.filter(uren_per_week__gte=5, status="toegewezen", evaluatie__isnull=True).exists()
