"""The keyed pseudonym of a BSN in the processing log: HMAC-SHA256 with a secret from the
environment (`CASUSREGIE_PSEUDONIEM_SLEUTEL`). The log never holds a BSN; whoever has the log
without the secret cannot find out whose rows they are, not even by trying every BSN."""

import hashlib
import hmac

from django.conf import settings


def pseudoniem(bsn: str) -> str:
    return hmac.new(settings.PSEUDONIEM_SLEUTEL.encode(), str(bsn).encode(), hashlib.sha256).hexdigest()
