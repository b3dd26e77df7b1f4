"""One computation of the figures: what it works out once for every figure that uses it (the
catalogue, the numbering of inwoners, the plan of each period), and the switch that counts every
figure live without kept months."""

import contextlib
import contextvars
import functools

LIVE = contextvars.ContextVar("stuurinformatie_alles_live", default=False)


@contextlib.contextmanager
def alles_live():
    """Count every figure live, without kept months (the comparison in the tests and benchmarks)."""
    token = LIVE.set(True)
    try:
        yield
    finally:
        LIVE.reset(token)


TELLING: contextvars.ContextVar = contextvars.ContextVar("stuurinformatie_telling", default=None)


def per_telling(functie):
    """One computation of the figures (selectors.stuurinformatie): the catalogue, the numbering and
    the plan of each period are worked out once for all the figures that use them."""

    @functools.wraps(functie)
    def binnen(*args, **kwargs):
        token = TELLING.set({})
        try:
            return functie(*args, **kwargs)
        finally:
            TELLING.reset(token)

    return binnen


def eenmaal(sleutel, maak):
    geheugen = TELLING.get()
    if geheugen is None:
        return maak()
    if sleutel not in geheugen:
        geheugen[sleutel] = maak()
    return geheugen[sleutel]
