"""Reading declaraties from a file (the monthly report is sent by `rapport_versturen`).

Declaraties: the care providers declared per indicatie and period (docs/stuurinformatie.md,
"Declaraties"), from a CSV file shaped after the iWmo/iJw 303 declaration.

A file is read whole or not at all: one bad row refuses the file, and the answer names every bad
line with its reason, so the sender can correct them all at once. The same file (same SHA-256) is
never read twice, and a period an indicatie already has a declaration for is refused: the figures
would otherwise count the care twice.
"""

import csv
import datetime
import hashlib
import io
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone

from basis import clock
from basis.codes import NON_FIELD, Code, Violation
from basis.csvkop import lees_kop
from basis.exceptions import BestandGeweigerd
from basis.notatie import aantal as met_aantal
from basis.notatie import datum_tekst, euro
from indicaties.domein import TOEGEKENDE_STATUSSEN
from indicaties.models import Eenheid, Indicatie

from . import plafonds
from .models import Declaratie, Declaratiebestand, DeclaratieTotaal

KOLOMMEN = ("indicatie", "begindatum", "einddatum", "volume", "eenheid", "bedrag")
TIJDEENHEDEN = {Eenheid.MINUUT, Eenheid.UUR, Eenheid.DAGDEEL}
PER_KEER = 2000
BATCH = 5000
MAX_BEDRAG = Decimal("9999999999.99")
MAX_VOLUME = Decimal("9999999.99")
# The key of the transaction lock that lets one file at a time add to DeclaratieTotaal.
SLOT_TOTALEN = 160316


@dataclass(frozen=True)
class Regelfout:
    regel: int  # the line in the file (the header is line 1); 0 for the file as a whole
    kolom: str
    melding: str

    def __str__(self) -> str:
        plaats = f"regel {self.regel}" if self.regel else "bestand"
        return f"{plaats}{f', {self.kolom}' if self.kolom else ''}: {self.melding}"


class DeclaratiesGeweigerd(BestandGeweigerd):
    """The file is refused whole; `fouten` holds every bad line with its reason."""

    def __init__(self, fouten: list[Regelfout]):
        super().__init__(
            f"Het bestand is geweigerd: {len(fouten)} fout{'en' if len(fouten) != 1 else ''}. Er is niets ingelezen.",
            violations=[
                Violation(Code.INVALID if f.regel else self.code, f.kolom or NON_FIELD, str(f)) for f in fouten
            ],
        )
        self.fouten = fouten

    def regels(self) -> list[str]:
        return [str(f) for f in self.fouten]


@dataclass(frozen=True)
class Inleesresultaat:
    bestand: Declaratiebestand
    regels: int
    totaal: Decimal


@dataclass
class _Regel:
    regel: int
    indicatie: str
    begindatum: datetime.date | None = None
    einddatum: datetime.date | None = None
    volume: Decimal | None = None
    eenheid: str = ""
    bedrag: Decimal | None = None


def _datum(tekst: str) -> datetime.date | None:
    """JJJJ-MM-DD (as in the API) or d-m-jjjj (as a Dutch spreadsheet writes it)."""
    tekst = tekst.strip()
    for formaat in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(tekst, formaat).date()
        except ValueError:
            continue
    return None


def _getal(tekst: str, maximum: Decimal) -> Decimal | None:
    """A number with at most two decimals, a decimal point or comma (no thousands separator)."""
    tekst = tekst.strip().replace(",", ".")
    try:
        waarde = Decimal(tekst)
    except InvalidOperation:
        return None
    if not waarde.is_finite() or waarde.as_tuple().exponent < -2 or abs(waarde) > maximum:
        return None
    return waarde


def _lees(tekst: str) -> tuple[list[_Regel], list[Regelfout]]:
    kop, _, rest = tekst.partition("\n")
    kop = kop.lstrip("\ufeff").rstrip("\r")
    if not kop.strip():
        raise DeclaratiesGeweigerd([Regelfout(0, "", "Het bestand is leeg.")])
    scheiding, namen, fout = lees_kop(kop, KOLOMMEN)
    if fout:
        raise DeclaratiesGeweigerd([Regelfout(1, "", f"Kopregel klopt niet: {fout}.")])

    regels, fouten = [], []
    lezer = csv.reader(io.StringIO(rest), delimiter=scheiding)
    for waarden in lezer:
        nummer = lezer.line_num + 1
        if not any(w.strip() for w in waarden):
            continue
        if len(waarden) != len(namen):
            fouten.append(Regelfout(nummer, "", f"{len(waarden)} velden, verwacht {len(namen)}."))
            continue
        rij = dict(zip(namen, waarden, strict=True))
        regel = _Regel(nummer, rij["indicatie"].strip())
        if not regel.indicatie:
            fouten.append(Regelfout(nummer, "indicatie", "Vul het id of het externe id van de indicatie in."))
        for kolom in ("begindatum", "einddatum"):
            datum = _datum(rij[kolom])
            if datum is None:
                fouten.append(
                    Regelfout(nummer, kolom, f"'{rij[kolom]}' is geen datum: gebruik JJJJ-MM-DD of d-m-jjjj.")
                )
            setattr(regel, kolom, datum)
        if regel.begindatum and regel.einddatum and regel.einddatum < regel.begindatum:
            fouten.append(Regelfout(nummer, "einddatum", "De einddatum ligt vóór de begindatum."))
        regel.volume = _getal(rij["volume"], MAX_VOLUME)
        if regel.volume is None or regel.volume <= 0:
            fouten.append(
                Regelfout(nummer, "volume", f"'{rij['volume']}' is geen volume boven 0 met hooguit 2 decimalen.")
            )
        regel.eenheid = rij["eenheid"].strip().lower()
        if regel.eenheid not in Eenheid.values:
            fouten.append(
                Regelfout(
                    nummer, "eenheid", f"'{rij['eenheid']}' is geen eenheid; kies uit {', '.join(Eenheid.values)}."
                )
            )
        regel.bedrag = _getal(rij["bedrag"], MAX_BEDRAG)
        if regel.bedrag is None or regel.bedrag < 0:
            fouten.append(
                Regelfout(nummer, "bedrag", f"'{rij['bedrag']}' is geen bedrag van 0 of meer met hooguit 2 decimalen.")
            )
        regels.append(regel)
    if not regels and not fouten:
        raise DeclaratiesGeweigerd([Regelfout(0, "", "Het bestand bevat geen declaraties.")])
    return regels, fouten


def _indicaties(sleutels: set[str]) -> dict[str, Indicatie]:
    """The indicaties the file names, by id or extern_id, a few queries for the whole file."""
    ids, extern = set(), set()
    for sleutel in sleutels:
        try:
            ids.add(uuid.UUID(sleutel))
        except ValueError:
            extern.add(sleutel)
    gevonden: dict[str, Indicatie] = {}
    velden = ("id", "extern_id", "status", "ingangsdatum", "einddatum", "eenheid", "product_id", "aanbieder_id")
    for lijst, veld in ((sorted(ids), "id__in"), (sorted(extern), "extern_id__in")):
        for i in range(0, len(lijst), PER_KEER):
            for indicatie in Indicatie.objects.filter(**{veld: lijst[i : i + PER_KEER]}).only(*velden):
                gevonden[str(indicatie.id)] = indicatie
                if indicatie.extern_id:
                    gevonden[indicatie.extern_id] = indicatie
    # An extern_id that looks like a UUID is looked up as one too.
    rest = [s for s in sleutels if s not in gevonden]
    for i in range(0, len(rest), PER_KEER):
        for indicatie in Indicatie.objects.filter(extern_id__in=rest[i : i + PER_KEER]).only(*velden):
            gevonden[indicatie.extern_id] = indicatie
    return gevonden


def _al_gedeclareerd(indicatie_ids: list) -> dict:
    perioden = defaultdict(list)
    for i in range(0, len(indicatie_ids), PER_KEER):
        for indicatie_id, begin, eind in Declaratie.objects.filter(
            indicatie_id__in=indicatie_ids[i : i + PER_KEER]
        ).values_list("indicatie_id", "begindatum", "einddatum"):
            perioden[indicatie_id].append((begin, eind))
    return perioden


def _eenheid_past(declaratie: str, indicatie: str) -> bool:
    if declaratie in TIJDEENHEDEN:
        return indicatie in TIJDEENHEDEN
    return declaratie == indicatie


def _toets(regels: list[_Regel], vandaag: datetime.date) -> tuple[list[Regelfout], dict[int, Indicatie]]:
    fouten: list[Regelfout] = []
    indicaties = _indicaties({r.indicatie for r in regels if r.indicatie})
    per_regel: dict[int, Indicatie] = {}
    for r in regels:
        if not r.indicatie:
            continue
        indicatie = indicaties.get(r.indicatie)
        if indicatie is None:
            fouten.append(Regelfout(r.regel, "indicatie", f"Indicatie '{r.indicatie}' is onbekend."))
            continue
        per_regel[r.regel] = indicatie
        # Care that was granted: a declaration for a refused, withdrawn or waiting indicatie is refused.
        if indicatie.status not in TOEGEKENDE_STATUSSEN:
            fouten.append(
                Regelfout(
                    r.regel,
                    "indicatie",
                    f"De indicatie is niet toegekend (status: {indicatie.get_status_display()}); daarvoor kan niet "
                    "worden gedeclareerd.",
                )
            )
        if r.begindatum and r.begindatum < indicatie.ingangsdatum:
            fouten.append(
                Regelfout(
                    r.regel,
                    "begindatum",
                    f"De begindatum ligt vóór de ingangsdatum van de indicatie ({datum_tekst(indicatie.ingangsdatum)}).",
                )
            )
        if r.einddatum and indicatie.einddatum and r.einddatum > indicatie.einddatum:
            fouten.append(
                Regelfout(
                    r.regel,
                    "einddatum",
                    f"De einddatum ligt na de einddatum van de indicatie ({datum_tekst(indicatie.einddatum)}).",
                )
            )
        if r.einddatum and r.einddatum > vandaag:
            fouten.append(
                Regelfout(r.regel, "einddatum", "De einddatum ligt in de toekomst: declareer geleverde zorg.")
            )
        if r.eenheid in Eenheid.values and not _eenheid_past(r.eenheid, indicatie.eenheid):
            fouten.append(
                Regelfout(
                    r.regel,
                    "eenheid",
                    f"De eenheid {r.eenheid} past niet bij de eenheid van de indicatie ({indicatie.eenheid}).",
                )
            )

    # Twice the same care: a period that overlaps another row of the file or a stored declaration.
    bestaand = _al_gedeclareerd(sorted({i.id for i in per_regel.values()}))
    per_indicatie = defaultdict(list)
    for r in regels:
        if r.regel in per_regel and r.begindatum and r.einddatum and r.einddatum >= r.begindatum:
            per_indicatie[per_regel[r.regel].id].append(r)
    for indicatie_id, lijst in per_indicatie.items():
        lijst.sort(key=lambda r: (r.begindatum, r.regel))
        verste = None  # the row reaching furthest so far: a later start before its end overlaps it
        for r in lijst:
            if verste is not None and r.begindatum <= verste.einddatum:
                fouten.append(
                    Regelfout(
                        r.regel, "begindatum", f"De periode overlapt met regel {verste.regel} voor dezelfde indicatie."
                    )
                )
            if verste is None or r.einddatum > verste.einddatum:
                verste = r
        for r in lijst:
            for begin, eind in bestaand.get(indicatie_id, ()):
                if r.begindatum <= eind and begin <= r.einddatum:
                    fouten.append(
                        Regelfout(
                            r.regel,
                            "begindatum",
                            f"Voor deze indicatie is {datum_tekst(begin)} t/m {datum_tekst(eind)} al gedeclareerd.",
                        )
                    )
                    break
    return fouten, per_regel


@transaction.atomic
def importeer_declaraties(inhoud: bytes, *, naam: str, gebruiker: AbstractBaseUser | None = None) -> Inleesresultaat:
    """Read a whole file of declaraties, or refuse it whole (DeclaratiesGeweigerd with every bad line)."""
    sha256 = hashlib.sha256(inhoud).hexdigest()
    eerder = Declaratiebestand.objects.filter(sha256=sha256).first()
    if eerder is not None:
        moment = timezone.localtime(eerder.ingelezen_op)
        raise DeclaratiesGeweigerd(
            [Regelfout(0, "", f"Dit bestand is al ingelezen op {datum_tekst(moment.date())} ({eerder.naam}).")]
        )
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DeclaratiesGeweigerd([Regelfout(0, "", "Het bestand is geen UTF-8-tekst.")]) from exc
    regels, fouten = _lees(tekst.replace("\r\n", "\n"))
    inhoudelijk, per_regel = _toets(regels, clock.today())
    fouten = sorted(
        [*fouten, *inhoudelijk], key=lambda f: (f.regel, KOLOMMEN.index(f.kolom) if f.kolom in KOLOMMEN else -1)
    )
    if fouten:
        raise DeclaratiesGeweigerd(fouten)

    totaal = sum((r.bedrag for r in regels), Decimal("0"))
    bestand = Declaratiebestand.objects.create(
        naam=naam[:255],
        sha256=sha256,
        regels=len(regels),
        totaal=totaal,
        ingelezen_op=timezone.now(),
        ingelezen_door=gebruiker,
    )
    for i in range(0, len(regels), BATCH):
        Declaratie.objects.bulk_create(
            [
                Declaratie(
                    bestand=bestand,
                    regel=r.regel,
                    indicatie_id=per_regel[r.regel].id,
                    product_id=per_regel[r.regel].product_id,
                    aanbieder_id=per_regel[r.regel].aanbieder_id,
                    begindatum=r.begindatum,
                    einddatum=r.einddatum,
                    volume=r.volume,
                    eenheid=r.eenheid,
                    bedrag=r.bedrag,
                )
                for r in regels[i : i + BATCH]
            ]
        )
    _tel_op(regels, per_regel)
    # The budgetplafond of the aanbieders in the file, for the years it declares (mail after commit).
    plafonds.signaleer(
        {i.aanbieder_id for i in per_regel.values()}, plafonds.jaren_van((r.begindatum, r.einddatum) for r in regels)
    )
    return Inleesresultaat(bestand=bestand, regels=len(regels), totaal=totaal)


def _tel_op(regels: list[_Regel], per_regel: dict[int, Indicatie]) -> None:
    """Add the file's amounts to DeclaratieTotaal, per product, aanbieder and period. Files are read
    one at a time (a transaction lock on PostgreSQL; SQLite writes one transaction at a time), so
    two files never add to the same total at once."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SLOT_TOTALEN])
    sommen: dict[tuple, list] = defaultdict(lambda: [Decimal("0"), 0])
    for r in regels:
        indicatie = per_regel[r.regel]
        som = sommen[(indicatie.product_id, indicatie.aanbieder_id, r.begindatum, r.einddatum)]
        som[0] += r.bedrag
        som[1] += 1
    bestaand = {}
    begindatums = sorted({k[2] for k in sommen})
    for i in range(0, len(begindatums), PER_KEER):
        for totaal in DeclaratieTotaal.objects.filter(begindatum__in=begindatums[i : i + PER_KEER]):
            bestaand[(totaal.product_id, totaal.aanbieder_id, totaal.begindatum, totaal.einddatum)] = totaal
    nieuw, gewijzigd = [], []
    for sleutel, (bedrag, aantal) in sommen.items():
        if sleutel in bestaand:
            totaal = bestaand[sleutel]
            totaal.bedrag += bedrag
            totaal.regels += aantal
            gewijzigd.append(totaal)
        else:
            product_id, aanbieder_id, begin, eind = sleutel
            nieuw.append(
                DeclaratieTotaal(
                    product_id=product_id,
                    aanbieder_id=aanbieder_id,
                    begindatum=begin,
                    einddatum=eind,
                    bedrag=bedrag,
                    regels=aantal,
                )
            )
    DeclaratieTotaal.objects.bulk_create(nieuw, batch_size=BATCH)
    DeclaratieTotaal.objects.bulk_update(gewijzigd, ["bedrag", "regels"], batch_size=BATCH)


def samenvatting(resultaat: Inleesresultaat) -> str:
    ingelezen = met_aantal(resultaat.regels, "declaratie,declaraties")
    return f"{ingelezen} ingelezen uit {resultaat.bestand.naam}, samen {euro(resultaat.totaal)}."
