"""gunicorn reads this file from the working directory (/opt/casusregie, docs/operations.md).

The access log never holds a BSN (basis/toegangslog.py): the same format as gunicorn's default,
written by a logger that masks it in the request line, query string and referer."""

logger_class = "basis.toegangslog.GunicornLogboek"
