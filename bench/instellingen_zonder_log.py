"""Settings of the benchmarks without the processing log: the bench settings with Django's own
database backend (no write before commit) and a middleware that discards what a request
processed (bench/zonder_log.py). Need to know still applies. Never used by the product."""

from bench.instellingen import *  # noqa: F403

MIDDLEWARE = [
    "bench.zonder_log.ZonderLog" if m == "privacy.middleware.Verwerkingslog" else m
    for m in MIDDLEWARE  # noqa: F405
]
DATABASES["default"]["ENGINE"] = {  # noqa: F405
    "privacy.db.postgresql": "django.db.backends.postgresql",
    "privacy.db.sqlite3": "django.db.backends.sqlite3",
}[DATABASES["default"]["ENGINE"]]  # noqa: F405
