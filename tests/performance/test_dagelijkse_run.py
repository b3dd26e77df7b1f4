"""The daily run does its work in bulk: the number of queries does not grow with the work."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicaties import services
from indicaties.models import DagelijkseRun, Evaluatie, Halfjaarcheck, Indicatie, IndicatieSignaal
from notifications.models import Notificatie
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, indicatie_gegevens

pytestmark = pytest.mark.django_db

START = datetime.date(2027, 1, 4)


def _om(dag: datetime.date):
    return time_machine.travel(datetime.datetime.combine(dag, datetime.time(8, 0), tzinfo=datetime.UTC), tick=False)


def _registreer(aantal: int, consulent) -> None:
    """Per unit: an indicatie of 6 hours a week (evaluation) and one of 2 hours that ends early."""
    product, aanbieder = ProductFactory(), AanbiederFactory()
    for _ in range(aantal):
        for volume, einde in ((Decimal("6"), relativedelta(months=8, days=-1)), (Decimal("2"), relativedelta(days=60))):
            services.registreer_indicatie(
                gebruiker=consulent,
                gegevens=indicatie_gegevens(
                    inwoner=InwonerFactory(regisseur=consulent if volume > 2 else None),
                    product=product,
                    aanbieder=aanbieder,
                    volume=volume,
                    ingangsdatum=START,
                    einddatum=START + einde,
                ),
            )


# Each day brings one kind of work: checks planned, end warnings, expiries (and checks cancelled),
# evaluations opened, evaluations escalated, checks opened.
DAGEN = [datetime.date(2027, m, d) for m, d in ((1, 4), (1, 25), (3, 10), (4, 25), (5, 6), (6, 25))]


def _per_mail(sql: str) -> bool:
    """The two statements every e-mail costs by design: marked before it is handed to the mail
    server, marked sent after (notifications/email.py, docs/operations.md). One SMTP delivery per
    mail cannot be done in bulk, and neither can the mark that keeps it from going out twice."""
    return sql.startswith('UPDATE "notifications_notificatie" SET') and (
        '"verzending_gestart"' in sql or '"email_verzonden_op"' in sql
    )


def _queries_per_dag(aantal: int) -> list[int]:
    consulent = gebruiker("consulent")
    with _om(START):
        _registreer(aantal, consulent)
    tellingen = []
    for dag in DAGEN:
        gemaild = Notificatie.objects.filter(email_verzonden_op__isnull=False).count()
        with _om(dag), CaptureQueriesContext(connection) as queries:
            assert services.voer_dagelijkse_taken_uit(dag) is not None
        per_mail = [q for q in queries.captured_queries if _per_mail(q["sql"])]
        assert len(per_mail) == 2 * (Notificatie.objects.filter(email_verzonden_op__isnull=False).count() - gemaild)
        tellingen.append(len(queries) - len(per_mail))
    return tellingen


def _begin_opnieuw() -> None:
    Notificatie.objects.all().delete()
    Evaluatie.objects.all().delete()
    Halfjaarcheck.objects.all().delete()
    IndicatieSignaal.objects.all().delete()
    Indicatie.objects.all().delete()
    DagelijkseRun.objects.all().delete()


def test_de_dagelijkse_run_telt_evenveel_queries_bij_3_als_bij_30_indicaties_van_elk_soort():
    # 30, not more: on SQLite Django inserts history rows in batches of 999 parameters (about 35
    # rows); on PostgreSQL the batches are 1,000 rows.
    weinig = _queries_per_dag(3)
    _begin_opnieuw()
    veel = _queries_per_dag(30)

    assert veel == weinig
    assert Halfjaarcheck.objects.filter(status="open").count() == 30
    assert Halfjaarcheck.objects.filter(status="geannuleerd").count() == 30
    assert Indicatie.objects.filter(status="verlopen").count() == 30
    assert Evaluatie.objects.filter(status="open", te_laat_gemeld=True).count() == 30
    for soort in ("indicatie_loopt_af", "evaluatie_open", "evaluatie_te_laat", "halfjaarcheck_open"):
        assert Notificatie.objects.filter(soort=soort).count() == 30, soort
    assert not Notificatie.objects.filter(email_verzonden_op__isnull=True).exists()


def test_elke_bulkwijziging_van_de_run_staat_met_reden_in_de_historie():
    _queries_per_dag(2)
    # Two units: two expiries, two evaluations; four checks planned (one per inwoner), two of
    # which are cancelled when the short care ends and two opened.
    redenen = {
        Indicatie: {"Verlopen: einddatum gepasseerd": 2},
        Evaluatie: {"Evaluatie geopend (binnen de voorlooptijd)": 2, "Evaluatie te laat: geëscaleerd": 2},
        Halfjaarcheck: {"Halfjaarcheck ingepland": 4, "Geen toegewezen zorg meer": 2, "Halfjaarcheck geopend": 2},
    }
    for model, verwacht in redenen.items():
        for reden, aantal in verwacht.items():
            assert model.history.filter(history_change_reason=reden).count() == aantal, reden
    for verlopen in Indicatie.objects.filter(status="verlopen"):
        laatste = verlopen.history.order_by("-history_date", "-history_id").first()
        assert (laatste.history_type, laatste.status, laatste.versie) == ("~", "verlopen", 2)
        assert verlopen.versie == 2


def _subplannen(plan: dict) -> list[str]:
    """The subqueries PostgreSQL evaluates per row (a SubPlan node), anywhere in the plan."""
    gevonden = [plan.get("Subplan Name", "")] if plan.get("Parent Relationship") == "SubPlan" else []
    for kind in plan.get("Plans", []):
        gevonden += _subplannen(kind)
    return gevonden


@pytest.mark.postgres
def test_geen_query_van_de_dagelijkse_run_rekent_een_subquery_per_rij_uit():
    # NOT (x IN (SELECT ...)) is a SubPlan: hashed while the subquery fits in work_mem, and once
    # it does not (a million indicaties) scanned again for every row: the run did not finish.
    # With a work_mem this small every such subplan shows here already; NOT EXISTS is an anti-join.
    consulent = gebruiker("consulent")
    with _om(START):
        _registreer(3, consulent)
    plannen = []
    for dag in DAGEN:
        with _om(dag), CaptureQueriesContext(connection) as queries:
            assert services.voer_dagelijkse_taken_uit(dag) is not None
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64kB'")
            for query in queries.captured_queries:
                if query["sql"].startswith("SELECT") and " FROM " in query["sql"]:
                    cursor.execute("EXPLAIN (FORMAT JSON) " + query["sql"])
                    plannen.append((query["sql"], cursor.fetchone()[0][0]["Plan"]))
    assert plannen
    per_rij = [(sql, namen) for sql, plan in plannen if (namen := _subplannen(plan))]
    assert per_rij == []
