"""The one place where business code asks what day and time it is.

Everything date-driven (retroactivity, due dates, the daily run) calls these functions, so
tests move time with time-machine and production follows Europe/Amsterdam, not the server's
clock zone.
"""

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    return timezone.now()


def today() -> datetime.date:
    return timezone.localdate(timezone.now())
