"""Celery tasks in the trace and in the processing log.

A task that is queued carries the trace of the work that queued it (a `traceparent` message
header); the worker continues that trace and runs the task as one piece of work, whose processing
is logged like a request's, under the activity the task declares. A task queued by beat starts
a trace of its own.
"""

from celery import signals

from basis import trace

from . import logboek
from .models import Status

_lopend: dict[str, tuple] = {}


def _bij_versturen(headers=None, **kwargs) -> None:
    traceparent = trace.huidig_traceparent()
    if traceparent and headers is not None:
        headers.setdefault("traceparent", traceparent)


def _voor_taak(task_id=None, task=None, **kwargs) -> None:
    # Eager (tests, `apply`): no message, but the trace of the caller is still current.
    binnen = getattr(task.request, "traceparent", None) or trace.huidig_traceparent()
    _lopend[task_id] = logboek.begin(
        actie=f"taak {task.name}",
        # As the task declares it: `@shared_task(verwerking=...)` (basis.verwerking).
        activiteit=getattr(task, "verwerking", None),
        traceparent=binnen,
    )


def _na_taak(task_id=None, state=None, **kwargs) -> None:
    tokens = _lopend.pop(task_id, None)
    if tokens is not None:
        logboek.einde(tokens, Status.OK if state in (None, "SUCCESS") else Status.ERROR)


def koppel_celery() -> None:
    signals.before_task_publish.connect(_bij_versturen, dispatch_uid="privacy_trace_versturen", weak=False)
    signals.task_prerun.connect(_voor_taak, dispatch_uid="privacy_taak_voor", weak=False)
    signals.task_postrun.connect(_na_taak, dispatch_uid="privacy_taak_na", weak=False)
