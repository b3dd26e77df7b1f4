"""`GET /gezondheid/`: is this installation healthy? For monitoring, without a login.

It answers only status words and a date — never personal data, host names or error texts —
because anyone who can reach the server can read it. 200 when the database and the broker
answer and the daily run is up to date; 503 (with the same JSON) otherwise.
"""

import datetime
import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from basis import clock
from basis.verwerking import GEEN, verwerking
from casusregie.celery import app as celery_app

logger = logging.getLogger(__name__)

# The beat runs at 06:00, so before that the latest run is yesterday's; older is overdue.
RUN_MAG_ACHTERLOPEN = datetime.timedelta(days=1)
BROKER_TIMEOUT_SECONDEN = 3


def _database() -> tuple[bool, datetime.date | None]:
    """Whether the database answers, and the date of the last completed daily run."""
    from indicaties.models import DagelijkseRun

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        laatste = DagelijkseRun.objects.order_by("-datum").values_list("datum", flat=True).first()
    except DatabaseError as exc:
        logger.warning("Gezondheid: database niet bereikbaar (%s)", type(exc).__name__)
        return False, None
    return True, laatste


def _broker() -> bool:
    try:
        with celery_app.connection_for_write(connect_timeout=BROKER_TIMEOUT_SECONDEN) as verbinding:
            verbinding.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDEN)
    except Exception as exc:  # any transport error means: not reachable
        logger.warning("Gezondheid: broker niet bereikbaar (%s)", type(exc).__name__)
        return False
    return True


@verwerking(GEEN)
@never_cache
@require_GET
def gezondheid(request):
    database_ok, laatste_run = _database()
    broker_ok = _broker()
    run_ok = laatste_run is not None and laatste_run >= clock.today() - RUN_MAG_ACHTERLOPEN
    gezond = database_ok and broker_ok and run_ok
    if not database_ok:
        run_status = "onbekend"
    elif laatste_run is None:
        run_status = "nog_niet_gedraaid"
    else:
        run_status = "ok" if run_ok else "achter"
    body = {
        "status": "ok" if gezond else "fout",
        "database": "ok" if database_ok else "onbereikbaar",
        "broker": "ok" if broker_ok else "onbereikbaar",
        "dagelijkse_run": run_status,
        "laatste_dagelijkse_run": laatste_run.isoformat() if laatste_run else None,
    }
    return JsonResponse(body, status=200 if gezond else 503)
