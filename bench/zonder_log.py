"""Bench only: each request is a piece of work whose processing log is thrown away, so the same
registration can be measured with and without the log in one run (bench/registratie_onder_last.py).
Never in the product: there every request's processing is written (privacy.middleware)."""

from privacy import logboek
from privacy.models import Status


class ZonderLog:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tokens = logboek.begin(actie="bench", activiteit="bench")
        try:
            return self.get_response(request)
        finally:
            logboek.huidig().open.clear()
            logboek.einde(tokens, Status.OK)
