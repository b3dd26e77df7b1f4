"""No BSN in a log line about a request: the web server's access log (gunicorn) and Django's own
request logging (`django.server` of runserver, `django.request`) write the URL with its query
string, and a client may still put a BSN there (`GET /api/v1/verwerkingen?bsn=…`, a search page
with `?bsn=`). Every such value, and every stand-alone number of nine digits, is replaced before
the line is written. The service itself searches by BSN with a POST only."""

import logging
import re

VERBORGEN = "[verborgen]"
# `bsn=…` as a query parameter, in any case and also percent-encoded (`%62sn`, `b%73n`).
BSN_PARAMETER = re.compile(r"(?i)((?:^|[?&;\s])(?:b|%62)(?:s|%73)(?:n|%6e)=)[^&;\s\"']*")
NEGEN_CIJFERS = re.compile(r"(?<![0-9A-Za-z-])[0-9]{9}(?![0-9A-Za-z-])")


def verberg_bsn(tekst: str) -> str:
    return NEGEN_CIJFERS.sub(VERBORGEN, BSN_PARAMETER.sub(rf"\1{VERBORGEN}", tekst))


class VerbergBsn(logging.Filter):
    """Logging filter (settings.LOGGING) for the loggers that write request lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        bericht = record.getMessage()
        schoon = verberg_bsn(bericht)
        if schoon != bericht:
            record.msg, record.args = schoon, None
        return True


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # pragma: no cover - gunicorn is only installed where it serves
    _GunicornLogger = object


class GunicornLogboek(_GunicornLogger):
    """gunicorn's logger (`logger_class` in gunicorn.conf.py) with the BSN out of every atom of
    the access log: the request line, path, query string, referer and the raw URI."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {naam: verberg_bsn(waarde) if isinstance(waarde, str) else waarde for naam, waarde in atoms.items()}
