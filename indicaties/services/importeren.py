"""Import of existing registrations from another system (a migration), layout in docs/import.md.

Every row passes the same rules as a registration through the API (`rules.beoordeel_indicatie`)
and the inwoner rules; the facts are gathered per batch of rows in a handful of queries, never
per row. Per batch one transaction: the inwoners of the batch are locked (threshold), new
inwoners, indicaties, signals and evaluations are inserted in bulk with their history, and the
schakelteam hears about the indicaties above the threshold.

Nothing is dropped silently: every row is imported, or it is in the report with its line number
and the rule codes that refused it, or it is in the report as already imported (`extern_id`,
unique on Indicatie, makes a second run of the same file import nothing twice).

`migratie`: the registrations were made in the old system, so "no retroactive start" is checked
against the row's `registratiedatum` (the day it was registered there) instead of today; every
other rule applies as it is. An indicatie whose einddatum has already passed is imported as
`verlopen` (no evaluation, no threshold review: it commits nothing any more), and in this mode
`aangemaakt` is the registratiedatum, so steering information counts it in the right period.
"""

import csv
import datetime
import logging
import multiprocessing
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, connections, transaction
from django.utils import timezone

from basis import clock
from basis.codes import Code
from basis.csvkop import lees_kop
from basis.exceptions import BestandGeweigerd, Domeinfout
from basis.notatie import datum_tekst
from privacy import logboek

from .. import feiten, rules
from ..domein import LOPENDE_STATUSSEN
from ..models import (
    Aanbieder,
    Doel,
    Eenheid,
    Evaluatie,
    Frequentie,
    Geslacht,
    Indicatie,
    IndicatieSignaal,
    IndicatieStatus,
    Inwoner,
    Leefgebied,
)
from . import meldingen
from .bulk import BATCH, voeg_rijen_toe
from .vastleggen import (
    EVALUATIE_INGEPLAND,
    doel_velden,
    evaluatie_velden,
    indicatie_velden,
    regie_bij_zorg,
    reserveer_toewijzingnummers,
    signaal_velden,
    status_na_beoordeling,
)

logger = logging.getLogger(__name__)

KOLOMMEN = (
    "extern_id",
    "bsn",
    "voornaam",
    "achternaam",
    "geboortedatum",
    "wlz_indicatie",
    "product_code",
    "agb_code",
    "volume",
    "eenheid",
    "frequentie",
    "ingangsdatum",
    "einddatum",
    "motivatie",
    "spoed",
    "spoed_reden",
)
OPTIONELE_KOLOMMEN = ("registratiedatum", "doelen", "geslacht", "straat", "huisnummer", "postcode", "woonplaats")
# Read once: each is a new list on every access.
EENHEDEN, FREQUENTIES, LEEFGEBIEDEN = Eenheid.values, Frequentie.values, Leefgebied.values
# What the history of an inwoner keeps (its model minus the excluded fields), read off that model:
# the history row of a new inwoner copies exactly these.
INWONERVELDEN = tuple(f.name for f in Inwoner.history.model._meta.fields if not f.name.startswith("history_"))
MIDDAG = datetime.time(12, 0)

GEWEIGERD = "geweigerd"
AL_GEIMPORTEERD = "al_geimporteerd"


class Importfout(BestandGeweigerd):
    """The file as a whole cannot be read (encoding, header): nothing is imported."""


class Importopdracht(Domeinfout):
    """The import cannot run as asked (the number of processes): nothing is imported."""

    code = Code.IMPORTOPDRACHT_ONGELDIG


@dataclass(frozen=True)
class Rapportregel:
    regel: int
    extern_id: str
    uitkomst: str
    code: str
    veld: str
    melding: str


@dataclass
class Importresultaat:
    gelezen: int = 0
    geimporteerd: int = 0
    al_geimporteerd: int = 0
    geweigerd: int = 0
    per_status: Counter = field(default_factory=Counter)
    nieuwe_inwoners: int = 0
    rapport: list[Rapportregel] = field(default_factory=list)

    def voeg_samen(self, ander: "Importresultaat") -> None:
        """Add the result of another part of the same file."""
        self.gelezen += ander.gelezen
        self.geimporteerd += ander.geimporteerd
        self.al_geimporteerd += ander.al_geimporteerd
        self.geweigerd += ander.geweigerd
        self.per_status.update(ander.per_status)
        self.nieuwe_inwoners += ander.nieuwe_inwoners
        self.rapport += ander.rapport


@dataclass
class _Rij:
    regel: int
    waarden: dict[str, str]
    fouten: list[rules.Violation] = field(default_factory=list)
    extern_id: str = ""
    bsn: str = ""
    geboortedatum: datetime.date | None = None
    wlz_indicatie: bool = False
    volume: Decimal | None = None
    ingangsdatum: datetime.date | None = None
    einddatum: datetime.date | None = None
    spoed: bool = False
    registratiedatum: datetime.date | None = None
    doelen: list = field(default_factory=list)
    # A new inwoner's geslacht and address (optional columns).
    geslacht: str = "onbekend"
    adres: dict = field(default_factory=dict)


# --- Reading ---------------------------------------------------------------------------------


def lees(bestand: TextIO) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of the file with the line they start on; the header is checked first.

    Separator `;` (as Dutch spreadsheets write it) or `,`, whichever the header uses. A file that is
    not UTF-8 ends the import with Importfout, wherever the first byte that is not lies.
    """
    try:
        yield from _lees(bestand)
    except UnicodeDecodeError as exc:
        raise Importfout("Het bestand is geen UTF-8-tekst.") from exc


def _lees(bestand: TextIO) -> Iterator[tuple[int, dict[str, str]]]:
    kop = bestand.readline()
    if not kop:
        raise Importfout("Het bestand is leeg.")
    scheiding, namen, fout = lees_kop(kop, KOLOMMEN, OPTIONELE_KOLOMMEN)
    if fout:
        raise Importfout(f"De kopregel klopt niet ({fout}). Zie docs/import.md.")
    reader = csv.reader(bestand, delimiter=scheiding)
    vorige_eind = 1  # the header
    for velden in reader:
        begin, vorige_eind = vorige_eind + 1, reader.line_num + 1
        if not velden:
            continue  # an empty line holds no registration
        waarden = dict(zip(namen, (v.strip() for v in velden), strict=False))
        if len(velden) != len(namen):
            waarden["__aantal__"] = str(len(velden))
        yield begin, waarden


def _ontleed(regel: int, waarden: dict[str, str], migratie: bool, vandaag: datetime.date) -> _Rij:
    """Types and formats of one row, in the order of its columns; rule checks come later, on the facts."""
    rij = _Rij(regel=regel, waarden=waarden, extern_id=waarden.get("extern_id", ""))
    if "__aantal__" in waarden:
        rij.fouten += rules.invoer.aantal_kolommen(int(waarden["__aantal__"]))
        return rij
    invoer = rules.invoer

    def lees(veld: str, uitkomst: tuple):
        waarde, fouten = uitkomst
        rij.fouten.extend(fouten)
        setattr(rij, veld, waarde)

    rij.extern_id = waarden["extern_id"]
    rij.fouten += invoer.extern_id_fouten(rij.extern_id)
    rij.bsn = waarden["bsn"]
    rij.fouten += rules.bsn_ongeldig(rij.bsn)
    lees("geboortedatum", invoer.datum(waarden["geboortedatum"], "geboortedatum", verplicht_veld=False))
    lees("wlz_indicatie", invoer.ja_nee(waarden["wlz_indicatie"], "wlz_indicatie"))
    lees("volume", invoer.volume(waarden["volume"]))
    rij.fouten += invoer.keuze(waarden["eenheid"], EENHEDEN, "eenheid", "eenheid")
    rij.fouten += invoer.keuze(waarden["frequentie"], FREQUENTIES, "frequentie", "frequentie")
    lees("ingangsdatum", invoer.datum(waarden["ingangsdatum"], "ingangsdatum", verplicht_veld=True))
    lees("einddatum", invoer.datum(waarden["einddatum"], "einddatum", verplicht_veld=False))
    lees("spoed", invoer.ja_nee(waarden["spoed"], "spoed"))
    lees("doelen", invoer.doelen(waarden.get("doelen", ""), LEEFGEBIEDEN))
    rij.geslacht = waarden.get("geslacht") or Geslacht.ONBEKEND
    rij.fouten += invoer.keuze(rij.geslacht, Geslacht.values, "geslacht", "geslacht")
    lees("adres", invoer.adres(*(waarden.get(v, "") for v in ("straat", "huisnummer", "postcode", "woonplaats"))))
    if migratie and not rij.doelen:
        # Registered in the old system before goals were recorded, like the register's own.
        rij.doelen = [(Doel.NIET_VASTGELEGD, "")]
    if migratie:
        lees(
            "registratiedatum",
            invoer.datum(waarden.get("registratiedatum", ""), "registratiedatum", verplicht_veld=True),
        )
        rij.fouten += invoer.registratiedatum_in_toekomst(rij.registratiedatum, vandaag)
    return rij


# --- Importing -------------------------------------------------------------------------------


@dataclass
class _Context:
    """What holds for the whole import: read once."""

    migratie: bool
    bron: str
    consulent: AbstractBaseUser | None
    feiten: feiten.Batch
    gezien: set[str] = field(default_factory=set)

    @property
    def vandaag(self) -> datetime.date:
        return self.feiten.vandaag


def importeer_indicaties(
    bestand: TextIO,
    *,
    consulent: AbstractBaseUser | None = None,
    migratie: bool = False,
    bron: str = "",
    batch: int = BATCH,
    processen: int = 1,
) -> Importresultaat:
    """Import the rows of `bestand` (docs/import.md). `consulent` registers them and becomes the
    regisseur of new inwoners; without one, the regisseur of an existing inwoner does.

    `processen` > 1 (PostgreSQL, outside a transaction): the file is read first and its rows are
    divided over that many processes, each with its own connection (`_importeer_in_delen`)."""
    if processen < 1:
        raise Importopdracht("--processen moet 1 of meer zijn.")
    if processen > 1 and (connection.vendor != "postgresql" or connection.in_atomic_block):
        raise Importopdracht("--processen groter dan 1 kan alleen met PostgreSQL, buiten een transactie.")
    ctx = _Context(
        migratie=migratie,
        bron=bron or "importbestand",
        consulent=consulent,
        feiten=feiten.Batch(vandaag=clock.today()),
    )
    resultaat = Importresultaat()
    if processen > 1:
        _importeer_in_delen(list(lees(bestand)), ctx, resultaat, processen=processen, batch=batch)
    else:
        rijen = (_ontleed(regel, waarden, migratie, ctx.vandaag) for regel, waarden in lees(bestand))
        _importeer(rijen, ctx, resultaat, batch)
    resultaat.rapport.sort(key=lambda r: r.regel)
    logger.info(
        "Import %s: %d gelezen, %d geïmporteerd, %d al eerder, %d geweigerd",
        ctx.bron,
        resultaat.gelezen,
        resultaat.geimporteerd,
        resultaat.al_geimporteerd,
        resultaat.geweigerd,
    )
    return resultaat


def _importeer(rijen: Iterable[_Rij], ctx: _Context, resultaat: Importresultaat, batch: int) -> None:
    """The rows in the order given, a transaction per `batch` of them."""
    deel: list[_Rij] = []
    for rij in rijen:
        deel.append(rij)
        if len(deel) >= batch:
            _verwerk(deel, ctx, resultaat)
            deel = []
    if deel:
        _verwerk(deel, ctx, resultaat)


def verdeel(regels: list[tuple[int, dict[str, str]]], aantal: int) -> list[list[tuple[int, dict[str, str]]]]:
    """The rows of the file (`lees`) in at most `aantal` parts of about the same size, each in
    the order of the file.

    Rows that share an inwoner (BSN) or an `extern_id`, directly or through other rows, stay in
    one part: every rule that looks beyond its own row looks at the inwoner's other indicaties
    (the threshold, stacking, the traject) or at the `extern_id`s before it, so within a part
    each row meets exactly the rows it would meet in one process. The parts lock disjoint
    inwoners; they take turns only at the processing log's chain (privacy.keten), from its insert
    at the end of a batch to the commit."""
    ouder: dict = {}

    def wortel(x):
        while ouder.setdefault(x, x) != x:
            ouder[x] = ouder[ouder[x]]
            x = ouder[x]
        return x

    def sleutels(waarden: dict[str, str]) -> tuple:
        return ("bsn", waarden.get("bsn", "")), ("extern_id", waarden.get("extern_id", ""))

    for _, waarden in regels:
        a, b = (wortel(s) for s in sleutels(waarden))
        if a != b:
            ouder[b] = a
    groepen: dict = {}
    for regel in regels:
        groepen.setdefault(wortel(sleutels(regel[1])[0]), []).append(regel)
    # Largest groups first, each to the smallest part so far.
    delen: list[list] = [[] for _ in range(max(1, min(aantal, len(groepen))))]
    for groep in sorted(groepen.values(), key=len, reverse=True):
        min(delen, key=len).extend(groep)
    for deel in delen:
        deel.sort(key=lambda r: r[0])
    return delen


# What a forked process imports: set just before the processes start, which inherit it.
_DELEN: tuple[list[list[tuple[int, dict[str, str]]]], _Context, int] | None = None


def _importeer_in_delen(
    regels: list[tuple[int, dict[str, str]]], ctx: _Context, resultaat: Importresultaat, *, processen: int, batch: int
) -> None:
    """A large file on two or more CPUs: a process per part (`verdeel`), each with its own
    connection and its own transactions of `batch` rows, handled exactly as one process handles
    them. What one process does is mostly Python, what its connection does is mostly PostgreSQL;
    in one process each waits for the other (docs/performance.md, "Import").

    The processes are forked: each starts with the facts read so far and with the privacy log's
    piece of work of the command. A part that fails leaves the batches it committed, like one
    process; the error is raised here once the other parts have finished."""
    global _DELEN
    if not regels:
        return
    _DELEN = (verdeel(regels, processen), ctx, batch)
    connections.close_all()  # a forked process must not share its parent's connection
    try:
        with ProcessPoolExecutor(max_workers=len(_DELEN[0]), mp_context=multiprocessing.get_context("fork")) as pool:
            uitkomsten = list(pool.map(_importeer_deel, range(len(_DELEN[0]))))
    finally:
        _DELEN = None
    for uitkomst in uitkomsten:
        resultaat.voeg_samen(uitkomst)


def _importeer_deel(nummer: int) -> Importresultaat:
    """In a forked process: import part `nummer` of `_DELEN`."""
    delen, ctx, batch = _DELEN
    resultaat = Importresultaat()
    rijen = (_ontleed(regel, waarden, ctx.migratie, ctx.vandaag) for regel, waarden in delen[nummer])
    try:
        _importeer(rijen, ctx, resultaat, batch)
    finally:
        connections.close_all()
    return resultaat


def _meld(resultaat: Importresultaat, rij: _Rij, uitkomst: str, fouten: Iterable[rules.Violation]) -> None:
    for v in fouten:
        resultaat.rapport.append(Rapportregel(rij.regel, rij.extern_id, uitkomst, v.code, v.veld, v.bericht))


def _weiger(resultaat: Importresultaat, rij: _Rij, fouten: Iterable[rules.Violation]) -> None:
    resultaat.geweigerd += 1
    _meld(resultaat, rij, GEWEIGERD, fouten)


def _registratiereden(ctx: _Context, rij: _Rij) -> str:
    reden = f"Geïmporteerd uit {ctx.bron}, regel {rij.regel} (extern id {rij.extern_id})"
    if rij.registratiedatum is not None:
        reden += f", geregistreerd op {datum_tekst(rij.registratiedatum)}"
    return reden


@transaction.atomic
def _verwerk(rijen: list[_Rij], ctx: _Context, resultaat: Importresultaat) -> None:
    resultaat.gelezen += len(rijen)
    goed = [r for r in rijen if not r.fouten]
    for rij in rijen:
        if rij.fouten:
            _weiger(resultaat, rij, rij.fouten)

    # Facts of the whole batch, a query each; first what is already there, which needs no facts.
    bestaand = set(
        Indicatie.objects.filter(extern_id__een_van=[r.extern_id for r in goed]).values_list("extern_id", flat=True)
    )
    for rij in goed:
        if rij.extern_id in bestaand:
            resultaat.al_geimporteerd += 1
            _meld(resultaat, rij, AL_GEIMPORTEERD, [rules.invoer.al_geimporteerd()])
    goed = [r for r in goed if r.extern_id not in bestaand]
    if not goed:
        return
    # Locked in a fixed order, as a registration locks one: the threshold holds against the API too.
    inwoners = {
        i.bsn: i for i in Inwoner.objects.select_for_update().filter(bsn__een_van={r.bsn for r in goed}).order_by("pk")
    }
    ctx.feiten.lees_inwoners(inwoners.values())
    aanbieders = {a.agb_code: a for a in Aanbieder.objects.filter(agb_code__in={r.waarden["agb_code"] for r in goed})}

    nu = timezone.now()
    nieuwe_inwoners: list[dict] = []
    indicaties: list[dict] = []
    doelen: list[dict] = []
    signalen: list[dict] = []
    evaluaties: list[dict] = []
    regie: list[tuple[Inwoner, AbstractBaseUser]] = []
    for rij in goed:
        w = rij.waarden
        if rij.extern_id in ctx.gezien:
            _weiger(resultaat, rij, rules.invoer.extern_id_dubbel())
            continue
        product = ctx.feiten.producten.get(w["product_code"])
        aanbieder = aanbieders.get(w["agb_code"])
        fouten = rules.invoer.verwijzing_fouten(
            product_code=None if product else w["product_code"], agb_code=None if aanbieder else w["agb_code"]
        )
        inwoner = inwoners.get(rij.bsn)
        if inwoner is None:
            fouten += rules.invoer.nieuwe_inwoner_fouten(
                voornaam=w["voornaam"], achternaam=w["achternaam"], geboortedatum=rij.geboortedatum, vandaag=ctx.vandaag
            )
        consulent = ctx.consulent or (inwoner.regisseur if inwoner is not None else None)
        if consulent is None:
            fouten += rules.invoer.consulent_onbekend()
        if fouten:
            _weiger(resultaat, rij, fouten)
            continue

        nieuwe_inwoner = inwoner is None
        if nieuwe_inwoner:
            inwoner = Inwoner(
                bsn=rij.bsn,
                voornaam=w["voornaam"],
                achternaam=w["achternaam"],
                geboortedatum=rij.geboortedatum,
                wlz_indicatie=rij.wlz_indicatie,
                regisseur=consulent,
                geslacht=rij.geslacht,
                **rij.adres,
            )
        gegevens = feiten.IndicatieGegevens(
            inwoner=inwoner,
            product=product,
            aanbieder=aanbieder,
            volume=rij.volume,
            eenheid=w["eenheid"],
            frequentie=w["frequentie"],
            ingangsdatum=rij.ingangsdatum,
            einddatum=rij.einddatum,
            motivatie=w["motivatie"],
            spoed=rij.spoed,
            spoed_reden=w["spoed_reden"],
            doelen=tuple(feiten.DoelGegevens(omschrijving, leefgebied) for omschrijving, leefgebied in rij.doelen),
        )
        beoordeling = rules.beoordeel_indicatie(ctx.feiten.feiten(gegevens, vandaag=rij.registratiedatum))
        if beoordeling.overtredingen:
            _weiger(resultaat, rij, beoordeling.overtredingen)
            continue

        if nieuwe_inwoner:
            inwoners[rij.bsn] = inwoner
            nieuwe_inwoners.append(
                {
                    **{veld: getattr(inwoner, veld) for veld in INWONERVELDEN},
                    "history_user": consulent,
                    "history_change_reason": f"Inwoner geïmporteerd uit {ctx.bron}, regel {rij.regel}",
                }
            )
        else:
            regie.append((inwoner, consulent))
        reden = _registratiereden(ctx, rij)
        if rij.einddatum is not None and rij.einddatum < ctx.vandaag:
            # It commits nothing any more: no evaluation, no threshold review.
            status = IndicatieStatus.VERLOPEN
            reden += "; einddatum al verstreken: verlopen"
        else:
            status = status_na_beoordeling(beoordeling)
            if status == IndicatieStatus.WACHT_OP_SCHAKELTEAM:
                reden += "; wacht op het schakelteam (boven de drempel)"
        indicatie = indicatie_velden(gegevens, beoordeling, consulent=consulent, status=status, extern_id=rij.extern_id)
        indicatie |= {"id": uuid.uuid4(), "history_user": consulent, "history_change_reason": reden}
        if ctx.migratie:
            indicatie["aangemaakt"] = timezone.make_aware(datetime.datetime.combine(rij.registratiedatum, MIDDAG))
        indicaties.append(indicatie)
        ctx.gezien.add(rij.extern_id)
        bij = {"indicatie_id": indicatie["id"], "history_user": consulent, "history_change_reason": reden}
        doelen += ({**velden, **bij} for velden in doel_velden(gegevens))
        signalen += ({**velden, **bij} for velden in signaal_velden(beoordeling.signalen))
        if (evaluatie := evaluatie_velden(status, beoordeling)) is not None:
            evaluaties.append({**evaluatie, **bij, "history_change_reason": EVALUATIE_INGEPLAND})
        if status in LOPENDE_STATUSSEN:
            ctx.feiten.voeg_toe_nieuw(gegevens, beoordeling, indicatie["id"])
        resultaat.geimporteerd += 1
        resultaat.per_status[status] += 1

    for indicatie, nummer in zip(indicaties, reserveer_toewijzingnummers(len(indicaties)), strict=True):
        indicatie["toewijzingnummer"] = nummer
    for model, nieuw in (
        (Inwoner, nieuwe_inwoners),
        (Indicatie, indicaties),
        (Doel, doelen),
        (IndicatieSignaal, signalen),
        (Evaluatie, evaluaties),
    ):
        voeg_rijen_toe(model, nieuw, datum=nu)
    regie_bij_zorg(regie)
    resultaat.nieuwe_inwoners += len(nieuwe_inwoners)
    if ctx.migratie and connection.vendor != "postgresql":
        _zet_aangemaakt(indicaties)  # the insert stamped them with today
    meldingen.schakelteam_gevraagd_voor(
        _als_model(Indicatie, rij) for rij in indicaties if rij["status"] == IndicatieStatus.WACHT_OP_SCHAKELTEAM
    )
    logboek.verwerkt((i["inwoner"].bsn for i in indicaties), "importeren-v1")


def _als_model(model, rij: dict):
    """The saved row as a model instance, with the related objects it was given."""
    obj = model(**{k: v for k, v in rij.items() if not k.startswith("history_")})
    obj._state.adding = False
    obj._state.db = connection.alias
    return obj


def _zet_aangemaakt(indicaties: list[dict]) -> None:
    """A migrated registration dates from the old system, and steering information counts it by
    its `aangemaakt`; where the insert stamped today (auto_now_add, bulk_create) it is set
    afterwards. One UPDATE joined to a VALUES list per batch: Django's bulk_update would build a
    CASE with a When() per row, which costs over a second per thousand rows to resolve."""
    pk = Indicatie._meta.pk
    veld = Indicatie._meta.get_field("aangemaakt")
    paren = [
        (pk.get_db_prep_value(i["id"], connection), veld.get_db_prep_value(i["aangemaakt"], connection))
        for i in indicaties
    ]
    tabel, kolom_id, kolom = (connection.ops.quote_name(n) for n in (Indicatie._meta.db_table, pk.column, veld.column))
    for begin in range(0, len(paren), BATCH):
        deel = paren[begin : begin + BATCH]
        waarden = ", ".join(["(%s, %s)"] * len(deel))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {tabel} SET {kolom} = v.column2 FROM (VALUES {waarden}) AS v "  # noqa: S608
                f"WHERE {tabel}.{kolom_id} = v.column1",
                [p for paar in deel for p in paar],
            )
