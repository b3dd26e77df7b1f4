"""Python's garbage collector in a web worker: out of the way of the requests.

A request leaves reference cycles behind (an indicatie and its prefetched goals point at each
other, and so do querysets and their queries): some 7,000 objects for a page of 100 indicaties.
They live through the request, are promoted to the oldest generation while it runs, and only a
full collection frees them. Left to itself, Python makes that collection every ten or so
requests, in the middle of one, and walks everything the worker has built, at a cost that grows
with the register (docs/performance.md, "Lists").

So a worker
- freezes what start-up built (settings, models, the OpenAPI and URL machinery);
- collects after every response, once it is sent (`request_finished` fires when the server
  closes the response): a few milliseconds, because the collection walks one request's leftovers;
- freezes what survives the collections of its first requests as well: the caches those fill
  (URL resolving, templates, serializer fields) live as long as the worker.
"""

import gc

from django.core.signals import request_finished

# Requests after which what survives a collection is frozen: the caches of the pages a worker
# serves are filled by then. Bounded, so anything frozen by mistake is bounded too.
OPWARMEN = 50


class _NaHetAntwoord:
    def __init__(self) -> None:
        self.verzoeken = 0

    def __call__(self, **kwargs) -> None:
        gc.collect()
        if self.verzoeken < OPWARMEN:
            self.verzoeken += 1
            gc.freeze()


def richt_worker_in() -> None:
    """Once, when a web worker has loaded the application."""
    gc.collect()
    gc.freeze()
    request_finished.connect(_NaHetAntwoord(), weak=False, dispatch_uid="casusregie.geheugen")
