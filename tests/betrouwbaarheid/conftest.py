import os
import uuid
from urllib.parse import urlparse

import pytest
from kombu import pools

from casusregie.celery import app as celery_app

# The fault tests empty this Redis database (FLUSHDB), never the one other processes use.
TEST_REDIS_DB = int(os.environ.get("CASUSREGIE_TEST_REDIS_DB", "15"))


def _vergeet_brokerverbindingen() -> None:
    """Drop Celery's cached connections and queue routing, so the next publish reads the config again."""
    pools.reset()  # kombu's process-wide pools, keyed by broker url
    celery_app._pool = None
    amqp = celery_app.amqp
    amqp._producer_pool = None
    for cached in ("queues", "default_queue", "router"):
        amqp.__dict__.pop(cached, None)


@pytest.fixture
def echte_broker(_vereist_redis, monkeypatch):
    """Publish tasks to a real Redis queue of this test instead of running them in-process.

    Yields (broker url, queue name, redis client). Needs the `redis` marker.
    """
    import redis

    basis = urlparse(os.environ["CELERY_BROKER_URL"])
    url = basis._replace(path=f"/{TEST_REDIS_DB}").geturl()
    wachtrij = f"casusregie-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    nieuw = {"broker_url": url, "task_always_eager": False, "task_default_queue": wachtrij}
    oud = {naam: getattr(celery_app.conf, naam) for naam in nieuw}
    celery_app.conf.update(nieuw)
    _vergeet_brokerverbindingen()
    client = redis.Redis.from_url(url)
    try:
        yield url, wachtrij, client
    finally:
        client.delete(wachtrij, f"_kombu.binding.{wachtrij}", f"_kombu.binding_permanent.{wachtrij}")
        client.close()
        celery_app.conf.update(oud)
        monkeypatch.undo()
        _vergeet_brokerverbindingen()
