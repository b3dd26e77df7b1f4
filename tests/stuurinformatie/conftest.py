"""Helpers of the stuurinformatie tests: moments in Europe/Amsterdam, logged-in clients per role."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import gebruiker

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
JAAR_2027 = (datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))


def om(jaar: int, maand: int, dag: int, uur: int = 10, minuut: int = 0):
    """Freeze the clock at this moment in Europe/Amsterdam."""
    return time_machine.travel(datetime.datetime(jaar, maand, dag, uur, minuut, tzinfo=AMSTERDAM), tick=False)


@pytest.fixture
def als(client):
    """`als("beleid")` logs the test client in as a new user with these roles."""

    def inloggen(*rollen, user=None):
        user = user or gebruiker(*rollen)
        client.force_login(user, backend=MODEL_BACKEND)
        client.user = user
        return client

    return inloggen
