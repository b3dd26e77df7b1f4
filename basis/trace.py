"""W3C Trace Context: the trace a piece of work belongs to, for the processing log and for what
goes out of the application (e-mails, Celery tasks).

A request that arrives with a valid `traceparent` header continues that trace; anything else
(no header, a malformed or forged one) starts a new trace: a header is input like any other and
never turns into an error. https://www.w3.org/TR/trace-context/
"""

import re
import secrets
from contextvars import ContextVar, Token
from dataclasses import dataclass

# version-traceid-parentid-flags; a later version may add fields after the flags.
TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[^\s]*)?$")
# Longer than any valid header of version 00 with room for a later version's fields.
MAX_LENGTE = 512
NUL_TRACE = "0" * 32
NUL_SPAN = "0" * 16


@dataclass(frozen=True)
class Trace:
    trace_id: str  # 32 lowercase hex
    span_id: str  # 16 lowercase hex: this piece of work
    parent_span_id: str = ""  # the caller's span, when the trace came in from outside

    @property
    def traceparent(self) -> str:
        """The header for what this work sends out: same trace, this span as the parent."""
        return f"00-{self.trace_id}-{self.span_id}-01"


def nieuw_trace_id() -> str:
    return secrets.token_hex(16)


def nieuw_span_id() -> str:
    return secrets.token_hex(8)


def lees_traceparent(waarde: str | None) -> tuple[str, str] | None:
    """(trace id, parent span id) of a valid header, else None. Invalid: not a string, too long,
    not lowercase hex in the right places, version ff, an all-zero trace or span id, or version 00
    with fields after the flags."""
    if not isinstance(waarde, str) or len(waarde) > MAX_LENGTE:
        return None
    gevonden = TRACEPARENT.match(waarde.strip())
    if gevonden is None:
        return None
    versie, trace_id, span_id, _vlaggen, rest = gevonden.groups()
    if versie == "ff" or (versie == "00" and rest) or trace_id == NUL_TRACE or span_id == NUL_SPAN:
        return None
    return trace_id, span_id


_huidig: ContextVar[Trace | None] = ContextVar("casusregie_trace", default=None)


def huidig() -> Trace | None:
    return _huidig.get()


def begin(traceparent: str | None = None) -> Token:
    """Start the trace of a new piece of work: the incoming one when `traceparent` is valid."""
    binnen = lees_traceparent(traceparent)
    trace_id, parent = binnen if binnen is not None else (nieuw_trace_id(), "")
    return _huidig.set(Trace(trace_id, nieuw_span_id(), parent))


def einde(token: Token) -> None:
    _huidig.reset(token)


def huidig_traceparent() -> str | None:
    trace = huidig()
    return trace.traceparent if trace is not None else None
