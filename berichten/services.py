"""What a person or the exchange does with messages: receive one, mark one sent, exchange a folder."""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from basis import clock
from basis.codes import NON_FIELD, Code, Violation
from basis.exceptions import InvalidTransition, RuleViolation

from . import xsd
from .models import Bericht, BerichtStatus, Richting
from .ontvangen import BerichtTeGroot, ontvang

logger = logging.getLogger(__name__)

__all__ = ["BerichtTeGroot", "markeer_verzonden", "ontvang", "uitwisselen"]


def xsd_vereist(soort: str) -> None:
    if not xsd.beschikbaar(soort):
        raise RuleViolation([Violation(Code.XSD_ONTBREEKT, NON_FIELD, xsd.XSD_ONTBREEKT)])


@transaction.atomic
def markeer_verzonden(*, bericht: Bericht) -> Bericht:
    bericht = Bericht.objects.select_for_update().get(pk=bericht.pk)
    xsd_vereist(bericht.soort)
    if bericht.richting != Richting.UIT or bericht.status != BerichtStatus.KLAAR:
        raise InvalidTransition(
            f"Alleen een bericht dat klaarstaat kan als verzonden worden gemarkeerd; dit is '{bericht.get_status_display()}'."
        )
    bericht.status = BerichtStatus.VERZONDEN
    bericht.verzonden_op = clock.now()
    bericht.save(update_fields=["status", "verzonden_op"])
    return bericht


@dataclass
class Uitwisseling:
    verwerkt: list[str] = field(default_factory=list)
    geweigerd: list[tuple[str, str]] = field(default_factory=list)
    verzonden: list[str] = field(default_factory=list)


def bestandsnaam(bericht: Bericht) -> str:
    """A local convention (the standard has none): soort, afzender, ontvanger, identificatie."""
    return f"{bericht.soort}_{bericht.afzender}_{bericht.ontvanger}_{bericht.bericht_identificatie}.xml"


def uitwisselen(map_: Path) -> Uitwisseling:
    """Every DIR/in/*.xml read as the API does (then in verwerkt/, or in geweigerd/ with the reason
    beside it), every message `klaar` written to DIR/uit/ and marked `verzonden`. One transaction
    per message: a file that fails leaves nothing behind and does not stop the others."""
    resultaat = Uitwisseling()
    for naam in ("in", "uit", "verwerkt", "geweigerd"):
        (map_ / naam).mkdir(parents=True, exist_ok=True)
    for pad in sorted((map_ / "in").glob("*.xml")):
        try:
            if pad.stat().st_size > settings.BERICHT_MAX_BYTES:
                raise BerichtTeGroot()
            ontvang(pad.read_bytes())
        except (RuleViolation, InvalidTransition, BerichtTeGroot) as exc:
            reden = "; ".join(v.bericht for v in exc.violations) if isinstance(exc, RuleViolation) else exc.bericht
            pad.rename(map_ / "geweigerd" / pad.name)
            (map_ / "geweigerd" / f"{pad.name}.reden.txt").write_text(reden + "\n", encoding="utf-8")
            resultaat.geweigerd.append((pad.name, reden))
            logger.info("Bericht %s geweigerd: %s", pad.name, reden)
            continue
        pad.rename(map_ / "verwerkt" / pad.name)
        resultaat.verwerkt.append(pad.name)
    klaar = Bericht.objects.filter(richting=Richting.UIT, status=BerichtStatus.KLAAR).order_by("aangemaakt", "id")
    for bericht in klaar:
        with transaction.atomic():
            # Written first, marked after: a crash in between sends it twice, never loses it.
            doel = map_ / "uit" / bestandsnaam(bericht)
            doel.write_bytes(bericht.xml.encode("utf-8"))
            markeer_verzonden(bericht=bericht)
        resultaat.verzonden.append(doel.name)
    return resultaat
