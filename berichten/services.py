"""What a person or the exchange does with messages: receive one, mark one sent, exchange a folder."""

import datetime
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from basis import clock
from basis.codes import NON_FIELD, Code, Violation
from basis.exceptions import InvalidTransition, RuleViolation

from . import xsd
from .models import Bericht, BerichtStatus, Richting
from .ontvangen import BerichtTeGroot, ontvang
from .verzoeken import na_werkdagen

logger = logging.getLogger(__name__)

__all__ = [
    "BerichtTeGroot",
    "antwoord_te_laat",
    "antwoord_uiterlijk",
    "markeer_verzonden",
    "ontvang",
    "uitwisselen",
    "zonder_antwoord_te_laat",
]

# OP090: the retour on a message comes within 3 werkdagen, and the sender is the one who notices
# when it does not ("De verzender is verantwoordelijk voor het signaleren van ontbrekende
# retourberichten").
ANTWOORD_TERMIJN_WERKDAGEN = 3
# Our messages the aanbieder answers: the 301 with a 302, the 319 with a 320. The retours we send
# (306, 308, 316, 318) and the 325 get no answer.
BEANTWOORD_MET = {"301": "302", "319": "320"}


def antwoord_uiterlijk(verzonden: datetime.date) -> datetime.date:
    """The last day on which the answer on a message sent on `verzonden` is on time (OP090)."""
    return na_werkdagen(verzonden, ANTWOORD_TERMIJN_WERKDAGEN)


def antwoord_te_laat(bericht: Bericht, vandaag: datetime.date | None = None) -> bool:
    """A message of ours that waits for an answer (sent, neither accepted nor refused) after the
    last day the standard gives the aanbieder."""
    if bericht.richting != Richting.UIT or bericht.status != BerichtStatus.VERZONDEN:
        return False
    if bericht.soort[-3:] not in BEANTWOORD_MET:
        return False
    return antwoord_uiterlijk_op(bericht) < (vandaag or clock.today())


def antwoord_uiterlijk_op(bericht: Bericht) -> datetime.date:
    """`antwoord_uiterlijk` of the day the message left (in Europe/Amsterdam; its dagtekening if
    no moment of sending was recorded)."""
    verzonden = timezone.localdate(bericht.verzonden_op) if bericht.verzonden_op else bericht.dagtekening
    return antwoord_uiterlijk(verzonden)


def laatste_verzenddag_te_laat(vandaag: datetime.date) -> datetime.date:
    """The last day of sending whose answer is overdue on `vandaag`: every earlier day is too."""
    dag = vandaag - datetime.timedelta(days=1)
    while antwoord_uiterlijk(dag) >= vandaag:
        dag -= datetime.timedelta(days=1)
    return dag


def zonder_antwoord_te_laat(vandaag: datetime.date | None = None) -> QuerySet[Bericht]:
    """`antwoord_te_laat` as one query: the messages whose answer is overdue on `vandaag`."""
    laatste = laatste_verzenddag_te_laat(vandaag or clock.today())
    # Sent before the first moment of the day after, in Europe/Amsterdam.
    grens = timezone.make_aware(datetime.datetime.combine(laatste + datetime.timedelta(days=1), datetime.time.min))
    soorten = Q()
    for nummer in BEANTWOORD_MET:
        soorten |= Q(soort__endswith=nummer)
    return Bericht.objects.filter(soorten, richting=Richting.UIT, status=BerichtStatus.VERZONDEN).filter(
        Q(verzonden_op__lt=grens) | Q(verzonden_op__isnull=True, dagtekening__lte=laatste)
    )


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
