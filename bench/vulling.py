"""Shared plumbing of the benchmarks: a scratch PostgreSQL database and a fast, realistic fill.

Not a benchmark itself. `bereid_voor(naam)` points Django at a fresh database `naam` on the
local PostgreSQL server (dropped and recreated, then migrated); `vul(...)` fills it so that the
daily run of `datum` has a normal day of work. A register of `aantal` indicaties, of which
`lopend` (at most 100,000 by default) are running and the rest are the history of ten years:

- the running ones: granted indicaties over 60 % as many inwoners, start dates spread so that
  some 1/250 of them reach their einddatum on any given day, a tenth open-ended, some starting
  only in the coming two months; an evaluation for every one of 5 hours a week or more, in the
  state yesterday's run left it (planned, open, escalated or completed); a half-year check in
  progress for every inwoner with care, with completed checks before it, except inwoners whose
  first indicatie was registered yesterday (today's run plans theirs);
- the ended ones (`aantal - lopend`): started over the ten years before, for the inwoners above
  and for a fifth as many former inwoners, ended before yesterday (85 % expired, 10 % ended
  early with vermeden kosten, 5 % withdrawn), their evaluations completed with a result per
  goal, a completed half-year check for each that ran longer than six months;
- every indicatie with a goal and the signals its product gives; the notifications of the past
  runs, already e-mailed; a history row for every object ('+'), and a second one ('~') for every
  status change of the ended ones.

A big city's register of a million (issue 17) is `aantal=1_000_000`: 100,000 running, 900,000
history. With `lopend=aantal` everything is running (the fill of issue 8 at 100,000).

How: rows are built as text in Python and streamed with COPY, one connection per table, so that
PostgreSQL takes the rows in while Python makes the next ones (no ORM objects: building a model
instance alone costs more than writing its row). Those connections run with
`session_replication_role = replica`, which skips the foreign-key triggers: the fill makes every
reference itself, and `controleer_verwijzingen` checks them all afterwards at small sizes (CI).
Ends with `VACUUM ANALYZE`, as autovacuum would have left a register that old.

Run from the repository root; the scripts in bench/ import this module.
"""

import datetime
import functools
import itertools
import os
import random
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
LOPEND = 100_000  # running indicaties of a big city (the rest of the register is its history)


def bereid_voor(naam: str, *, settings_module: str = "casusregie.settings", opnieuw: bool = True) -> None:
    """Create (or reuse) database `naam`, set up Django on it and migrate."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = f"{PG_URL}/{naam}"
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Celery messages of the run go to a throw-away folder, never to the shared var/broker.
    os.environ.setdefault("CASUSREGIE_VAR_DIR", str(Path("/tmp") / f"casusregie-{naam}"))
    os.environ.pop("CELERY_BROKER_URL", None)
    if opnieuw:
        shutil.rmtree(os.environ["CASUSREGIE_VAR_DIR"], ignore_errors=True)
        psql("postgres", f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        psql("postgres", f'CREATE DATABASE "{naam}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def gevulde_database(
    naam: str, aantal: int, *, settings_module: str, opnieuw: bool = False, lopend: int | None = None
) -> bool:
    """Set up Django on database `naam` holding at least `aantal` indicaties: reused when it
    already does (a previous bench filled it), else created and filled. True if filled now."""
    bestaat = psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{naam}'").strip() == "1"
    bereid_voor(naam, settings_module=settings_module, opnieuw=opnieuw or not bestaat)
    from indicaties.models import Indicatie

    if not opnieuw and bestaat and Indicatie.objects.count() >= aantal:
        return False
    if bestaat and not opnieuw:
        raise SystemExit(f"Database {naam} bestaat maar heeft geen {aantal} indicaties: gebruik --opnieuw.")
    vul(aantal, lopend=lopend)
    return True


def verwijder(naam: str) -> None:
    """Drop database `naam` (a bench database, never one of the product or the tests)."""
    assert naam.startswith("bench_"), naam
    from django.db import connections

    connections.close_all()
    psql("postgres", f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def psql(database: str, sql: str) -> str:
    url = f"{PG_URL}/{database}"
    return subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], check=True, capture_output=True, text=True
    ).stdout


def machine() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        versie = cursor.fetchone()[0]
    geheugen = 0
    with open("/proc/meminfo") as f:
        for regel in f:
            if regel.startswith("MemTotal:"):
                geheugen = int(regel.split()[1]) // 1024 // 1024
    return f"{os.cpu_count()} CPU's (nproc), {geheugen} GiB RAM, PostgreSQL {versie}, Python {sys.version.split()[0]}"


def vandaag() -> datetime.date:
    from basis import clock

    return clock.today()


# --- Catalogue -----------------------------------------------------------------------------

# (code, wet, eenheid, tarief t/m 2026, tarief vanaf 2027, lichtere variant)
PRODUCTEN = [
    ("02A01", "wmo", "uur", "58.20", "60.10", None),
    ("02A02", "wmo", "uur", "68.40", "70.60", "02A01"),
    ("02A03", "wmo", "uur", "55.20", "57.00", None),
    ("03A01", "wmo", "dagdeel", "42.00", "43.40", None),
    ("40G01", "jeugdwet", "etmaal", "180.00", "186.00", None),
    ("45C02", "jeugdwet", "uur", "60.00", "62.00", None),
    ("45C05", "jeugdwet", "uur", "78.00", "80.50", "45C02"),
    ("45A65", "jeugdwet", "uur", "96.60", "99.70", None),
    ("41A03", "jeugdwet", "dagdeel", "75.00", "77.40", None),
    ("44C01", "jeugdwet", "etmaal", "150.00", "154.80", None),
]
TARIEF_VANAF = datetime.date(2010, 1, 1)  # before the oldest indicatie of a ten-year register
TARIEFWISSEL = datetime.date(2027, 1, 1)
ELFPROEF = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def geldige_bsns(aantal: int, begin: int = 100_000_000) -> list[str]:
    """The first `aantal` numbers from `begin` on that pass the elfproef, in order. Per eight
    leading digits at most one last digit passes (the weighted sum must be 0 modulo 11), so it
    is computed instead of tried."""
    uit: list[str] = []
    voorvoegsel = begin // 10
    while len(uit) < aantal:
        cijfers = str(voorvoegsel)
        som = sum(int(c) * w for c, w in zip(cijfers, ELFPROEF[:8], strict=True))
        laatste = som % 11
        if laatste <= 9 and voorvoegsel * 10 + laatste >= begin:
            uit.append(f"{cijfers}{laatste}")
        voorvoegsel += 1
    return uit


def gebruikers(aantal_consulenten: int = 40):
    """Users per role (bulk); returns {rol: [users]}."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from basis.roles import ALLE_ROLLEN, CONSULENT, SCHAKELTEAM

    User = get_user_model()
    aantallen = {CONSULENT: aantal_consulenten, SCHAKELTEAM: 5}
    per_rol = {}
    for rol in ALLE_ROLLEN:
        users = User.objects.bulk_create(
            [
                User(username=f"{rol}{i}", email=f"{rol}{i}@gemeente.invalid", password="!")
                for i in range(aantallen.get(rol, 2))
            ]
        )
        groep = Group.objects.get(name=rol)
        groep.user_set.through.objects.bulk_create(
            [groep.user_set.through(user_id=u.pk, group_id=groep.pk) for u in users]
        )
        per_rol[rol] = users
    return per_rol


def catalogus():
    from indicaties.models import Aanbieder, Contract, Product, Tarief

    producten = {}
    for code, wet, eenheid, oud, nieuw, licht in PRODUCTEN:
        producten[code] = Product.objects.create(
            code=code,
            naam=f"Product {code}",
            wet=wet,
            eenheid=eenheid,
            lichtere_variant=producten[licht] if licht else None,
        )
        Tarief.objects.create(
            product=producten[code],
            geldig_van=TARIEF_VANAF,
            geldig_tot=TARIEFWISSEL - datetime.timedelta(days=1),
            bedrag=Decimal(oud),
        )
        Tarief.objects.create(product=producten[code], geldig_van=TARIEFWISSEL, bedrag=Decimal(nieuw))
    aanbieders = Aanbieder.objects.bulk_create(
        [Aanbieder(naam=f"Zorgaanbieder {i}", agb_code=f"{73100000 + i:08d}") for i in range(60)]
    )
    # Every aanbieder is contracted for every product from the first tariff on (no tarief of its
    # own: the catalogue's applies), so registering under load is not refused for `geen_contract`.
    Contract.objects.bulk_create(
        Contract(
            aanbieder=aanbieder,
            product=product,
            productcategorie=_standaardcategorie(code, product.wet),
            productcode=code[:5],
            uitvoeringsvariant="inspanningsgericht",
            geldig_van=TARIEF_VANAF,
        )
        for aanbieder in aanbieders
        for code, product in producten.items()
    )
    return producten, aanbieders


def _standaardcategorie(code: str, wet: str) -> str:
    """The productcategorie of the iStandaard: a Jeugdwet code that starts with one keeps it."""
    if wet == "jeugdwet" and code[:2].isdigit() and 31 <= int(code[:2]) <= 55:
        return code[:2]
    return "45" if wet == "jeugdwet" else "02"


# --- Rows as text, streamed with COPY ----------------------------------------------------------

_ONTBREEKT = object()


def _tekst(waarde) -> str:
    """A value in COPY's text format. The fill writes no tab, newline or backslash in a text."""
    if waarde is None:
        return "\\N"
    if waarde is True:
        return "t"
    if waarde is False:
        return "f"
    if isinstance(waarde, str):
        return waarde
    if isinstance(waarde, datetime.date):  # datetime too
        return waarde.isoformat()
    return str(waarde)


class Tabel:
    """COPY of one table on its own connection: `schrijf(waarden)` takes the values by attname
    (others get the field's default; names the table lacks are ignored, so one dict serves the
    table and its history table)."""

    def __init__(self, stapel: ExitStack, model, *, historie: bool = False):
        import psycopg
        from django.db.models import NOT_PROVIDED, AutoField, BigAutoField

        self.model = model.history.model if historie else model
        verbinding = stapel.enter_context(psycopg.connect(f"{PG_URL}/{_database()}"))
        verbinding.execute("SET session_replication_role = replica")
        tabel = self.model._meta.db_table
        # The table's columns as migrated: a field someone is adding without its migration yet
        # is not there.
        bestaand = {
            r[0]
            for r in verbinding.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s", [tabel]
            )
        }
        velden = [
            f
            for f in self.model._meta.concrete_fields
            if f.column in bestaand and not (historie and isinstance(f, AutoField | BigAutoField))
        ]
        self.reeks = any(isinstance(f, AutoField | BigAutoField) for f in velden)
        self.index = {f.attname: i for i, f in enumerate(velden)}
        self.standaard = []
        for f in velden:
            if f.default is not NOT_PROVIDED and not callable(f.default):
                self.standaard.append(_tekst(f.default))
            elif f.null:
                self.standaard.append("\\N")
            elif f.get_internal_type() in ("CharField", "TextField") and f.blank:
                self.standaard.append("")
            else:
                self.standaard.append(_ONTBREEKT)
        self.verplicht = [f.attname for f, s in zip(velden, self.standaard, strict=True) if s is _ONTBREEKT]
        self.aantal = 0
        self._buffer: list[str] = []
        # Indexes are built after the rows are in: sorting once costs far less than inserting a
        # million random ids one by one into a dozen B-trees. Those of constraints (primary key,
        # unique) stay and check the rows as they come; `bouw_indexen` builds the others again.
        self.indexen = verbinding.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " WHERE i.indrelid = %s::regclass AND NOT EXISTS"
            " (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [f'"{tabel}"'],
        ).fetchall()
        for naam, _ in self.indexen:
            verbinding.execute(f"DROP INDEX {naam}")
        kolommen = ", ".join(f'"{f.column}"' for f in velden)
        self._copy = stapel.enter_context(verbinding.cursor().copy(f'COPY "{tabel}" ({kolommen}) FROM STDIN'))

    def schrijf(self, waarden: dict) -> None:
        rij = self.standaard.copy()
        index = self.index
        for naam, waarde in waarden.items():
            i = index.get(naam)
            if i is not None:
                rij[i] = _tekst(waarde)
        if self.aantal == 0:
            ontbrekend = [naam for naam in self.verplicht if naam not in waarden]
            if ontbrekend:
                raise ValueError(f"{self.model.__name__}: geen waarde voor {', '.join(ontbrekend)}")
        self._buffer.append("\t".join(rij))
        self.aantal += 1
        if len(self._buffer) >= 2000:
            self.leeg()

    def leeg(self) -> None:
        if self._buffer:
            self._copy.write("\n".join(self._buffer) + "\n")
            self._buffer = []


def kopieer(model, objs) -> int:
    """Write model instances with COPY (a fill that builds them anyway, bench/stuurinformatie.py):
    every concrete field as it is on the object, a serial id left to the database, an
    auto_now(_add) field the current time unless the object has one. bulk_create of a million
    rows takes over ten minutes on a small machine; this a fraction of that."""
    from django.db import connection
    from django.db.models import AutoField
    from django.utils import timezone

    nu = timezone.now()
    velden = [f for f in model._meta.concrete_fields if not isinstance(f, AutoField)]
    automatisch = [getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) for f in velden]
    namen = [f.attname for f in velden]
    kolommen = ", ".join(connection.ops.quote_name(f.column) for f in velden)
    aantal = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({kolommen}) FROM STDIN") as copy,
    ):
        for obj in objs:
            waarden = [getattr(obj, naam) for naam in namen]
            copy.write_row([nu if auto and w is None else w for w, auto in zip(waarden, automatisch, strict=True)])
            aantal += 1
    return aantal


def _database() -> str:
    return os.environ["DATABASE_URL"].rsplit("/", 1)[1]


@functools.cache
def plus_maanden(datum: datetime.date, maanden: int) -> datetime.date:
    from dateutil.relativedelta import relativedelta

    return datum + relativedelta(months=maanden)


# --- The fill --------------------------------------------------------------------------------


def _tijd(melding: str, start: float) -> None:
    print(f"  {melding}: {time.perf_counter() - start:.1f} s", flush=True)


class _Id:
    """Random ids as 32 hex digits (PostgreSQL reads a uuid without dashes too)."""

    def __init__(self, rnd: random.Random):
        self.rnd = rnd

    def __call__(self) -> str:
        return f"{self.rnd.getrandbits(128):032x}"


def vul(
    aantal_indicaties: int = 100_000,
    datum: datetime.date | None = None,
    inhalen: int = 1,
    seed: int = 20270601,
    lopend: int | None = None,
) -> dict:
    """Fill the empty, migrated database with a register of `aantal_indicaties`, of which
    `lopend` are running (default: at most 100,000). `datum` is the day the next daily run
    processes; the data is in the state the daily run of `inhalen` days before left it."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from indicaties import costs
    from indicaties.models import (
        DagelijkseRun,
        Doel,
        DoelResultaat,
        Evaluatie,
        Halfjaarcheck,
        Indicatie,
        IndicatieSignaal,
        Inwoner,
    )
    from notifications.models import Notificatie

    rnd = random.Random(seed)
    nieuw_id = _Id(rnd)
    datum = datum or vandaag()
    gisteren = datum - datetime.timedelta(days=inhalen)  # the last completed run
    voorloop = datetime.timedelta(days=14)
    dag = datetime.timedelta(days=1)
    tz = timezone.get_default_timezone()
    lopend = min(aantal_indicaties, LOPEND if lopend is None else lopend)
    historisch = aantal_indicaties - lopend
    start = time.perf_counter()

    with transaction.atomic():
        rollen = gebruikers()
        producten, aanbieders = catalogus()
    consulenten = [str(u.pk) for u in rollen["consulent"]]
    aanbieder_ids = [str(a.pk) for a in aanbieders]
    product = {code: (str(p.pk), p.eenheid, p.lichtere_variant_id is not None) for code, p in producten.items()}
    tarieven = {
        code: (
            costs.TariefPeriode(TARIEF_VANAF, TARIEFWISSEL - dag, Decimal(oud)),
            costs.TariefPeriode(TARIEFWISSEL, None, Decimal(nieuw)),
        )
        for code, _, _, oud, nieuw, _ in PRODUCTEN
    }

    def moment(d: datetime.date, uur: int = 9) -> datetime.datetime:
        return datetime.datetime(d.year, d.month, d.day, uur, rnd.randrange(60), tzinfo=tz)

    verzonden = datetime.datetime.combine(gisteren, datetime.time(6, 5), tzinfo=datetime.UTC)
    volgnummer = itertools.count(1)  # for tables with a serial id (their sequence is set after)
    tellers = {}

    with ExitStack() as stapel:
        t = {
            naam: Tabel(stapel, model, historie=historie)
            for naam, model, historie in (
                ("inwoner", Inwoner, False),
                ("inwoner~", Inwoner, True),
                ("indicatie", Indicatie, False),
                ("indicatie~", Indicatie, True),
                ("doel", Doel, False),
                ("doel~", Doel, True),
                ("signaal", IndicatieSignaal, False),
                ("signaal~", IndicatieSignaal, True),
                ("evaluatie", Evaluatie, False),
                ("evaluatie~", Evaluatie, True),
                ("resultaat", DoelResultaat, False),
                ("resultaat~", DoelResultaat, True),
                ("check", Halfjaarcheck, False),
                ("check~", Halfjaarcheck, True),
                ("notificatie", Notificatie, False),
            )
        }

        def historie(naam: str, waarden: dict, *, reden: str, wanneer: datetime.datetime, soort: str = "+") -> None:
            t[naam + "~"].schrijf(
                {**waarden, "history_date": wanneer, "history_type": soort, "history_change_reason": reden}
            )

        def bewaar(naam: str, waarden: dict, *, reden: str, wanneer: datetime.datetime) -> None:
            t[naam].schrijf(waarden)
            historie(naam, waarden, reden=reden, wanneer=wanneer)

        def meld(soort: str, object_id: str, ontvanger: str, sleutel: str, wanneer: datetime.datetime) -> None:
            t["notificatie"].schrijf(
                {
                    "id": nieuw_id(),
                    "ontvanger_id": ontvanger,
                    "soort": soort,
                    "sleutel": sleutel,
                    "onderwerp": f"Eerdere melding {soort}",
                    "object_id": object_id,
                    # Half of yesterday's are read; of older ones nearly all.
                    "gelezen": rnd.random() < (0.5 if wanneer >= verzonden else 0.95),
                    "aangemaakt": wanneer,
                    "email_verzonden_op": wanneer,
                }
            )

        # Inwoners: those with care now (the last ones registered yesterday), then former ones.
        aantal_nu = int(lopend * 0.6)
        aantal_vroeger = int(historisch * 0.2) if historisch else 0
        nieuw_gisteren = min(300, aantal_nu // 10)
        inwoners = []  # (id, regisseur or None)
        for bsn in geldige_bsns(aantal_nu + aantal_vroeger):
            inwoner = {
                "id": nieuw_id(),
                "bsn": bsn,
                "voornaam": rnd.choice(["Sanne", "Daan", "Noor", "Mohammed", "Fleur", "Kees", "Lotte", "Ahmed"]),
                "achternaam": rnd.choice(["de Vries", "Jansen", "Bakker", "Visser", "Smit", "El Amrani", "Meijer"]),
                "geboortedatum": datetime.date(1940, 1, 1) + datetime.timedelta(days=rnd.randrange(30000)),
                "wlz_indicatie": False,
                "regisseur_id": rnd.choice(consulenten) if rnd.random() < 0.9 else None,
                "aangemaakt": verzonden,
            }
            bewaar("inwoner", inwoner, reden="Bestaande registratie (vulling)", wanneer=verzonden)
            inwoners.append((inwoner["id"], inwoner["regisseur_id"]))
        _tijd(f"{len(inwoners)} inwoners", start)

        def indicatie_rij(inwoner, code, volume, eenheid, ingang, eind, status, geregistreerd) -> tuple[dict, Decimal]:
            uren = costs.uren_per_week_exact(volume, eenheid, "per_week", ingang, eind)
            kosten = costs.geschatte_kosten(
                volume=volume, frequentie="per_week", ingangsdatum=ingang, einddatum=eind, tarieven=tarieven[code]
            )
            product_id, _, zwaarder = product[code]
            return {
                "id": nieuw_id(),
                "inwoner_id": inwoner[0],
                "product_id": product_id,
                "aanbieder_id": rnd.choice(aanbieder_ids),
                "volume": volume,
                "eenheid": eenheid,
                "frequentie": "per_week",
                "ingangsdatum": ingang,
                "einddatum": eind,
                "motivatie": "Lichtere variant volstaat niet." if zwaarder else "",
                "consulent_id": inwoner[1] or rnd.choice(consulenten),
                "status": status,
                "uren_per_week": costs.afgerond_uren(uren),
                "geschatte_kosten": kosten,
                "aangemaakt": geregistreerd,
                "gewijzigd": geregistreerd,
            }, uren

        def met_doel_en_signaal(indicatie: dict, wanneer: datetime.datetime) -> str:
            doel = {
                "id": nieuw_id(),
                "indicatie_id": indicatie["id"],
                "omschrijving": "Zelfstandig de administratie bijhouden.",
                "leefgebied": "financien",
            }
            bewaar("doel", doel, reden="Indicatie geregistreerd", wanneer=wanneer)
            if indicatie["motivatie"]:
                signaal = {
                    "id": next(volgnummer),
                    "indicatie_id": indicatie["id"],
                    "code": "motivatie_zwaardere_variant",
                }
                bewaar("signaal", signaal, reden="Indicatie geregistreerd", wanneer=wanneer)
            return doel["id"]

        def soort_zorg():
            soort = rnd.random()
            if soort < 0.55:  # 5 hours or more: evaluation, at most 8 months
                code = rnd.choice(["02A01", "02A02", "02A03", "45C02", "45C05", "45A65"])
                return code, Decimal(rnd.choice(["5", "6", "8", "10", "12"])), "uur", rnd.randint(3, 8)
            if soort < 0.85:  # lighter support, sometimes open-ended
                code = rnd.choice(["02A01", "02A03", "45C02", "03A01", "41A03"])
                eenheid = product[code][1]
                volume = Decimal(rnd.choice(["1", "2", "3", "4"])) if eenheid == "uur" else Decimal("1")
                return code, volume, eenheid, None if rnd.random() < 0.3 else rnd.randint(3, 12)
            code = rnd.choice(["40G01", "44C01"])  # stays (etmaal): no hours per week
            return code, Decimal(rnd.choice(["2", "3", "7"])), "etmaal", rnd.randint(2, 12)

        # The running indicaties.
        eerste: dict[int, datetime.date] = {}
        for n in range(lopend):
            i_inwoner = n if n < aantal_nu else rnd.randrange(aantal_nu - nieuw_gisteren)
            inwoner = inwoners[i_inwoner]
            code, volume, eenheid, maanden = soort_zorg()
            if i_inwoner >= aantal_nu - nieuw_gisteren:
                ingang = datum + datetime.timedelta(days=rnd.randrange(0, 30))
            elif maanden is None:
                ingang = gisteren - datetime.timedelta(days=rnd.randrange(-60, 365))
            else:
                dagen = (plus_maanden(gisteren, maanden) - gisteren).days
                ingang = gisteren - datetime.timedelta(days=rnd.randrange(-60, dagen))
            eind = None if maanden is None else plus_maanden(ingang, maanden) - dag
            if eind is not None and eind < gisteren:
                eind = gisteren + datetime.timedelta(days=rnd.randrange(0, 200))
                if eind > plus_maanden(ingang, 8) - dag:
                    ingang = plus_maanden(eind, -rnd.randint(3, 8)) + dag
            geregistreerd = moment(min(ingang - datetime.timedelta(days=rnd.randrange(0, 15)), gisteren))
            indicatie, uren = indicatie_rij(inwoner, code, volume, eenheid, ingang, eind, "toegewezen", geregistreerd)
            # Yesterday's run warned about every einddatum within 6 weeks of yesterday.
            if eind is not None and eind <= gisteren + datetime.timedelta(weeks=6):
                indicatie["einde_gemeld_voor"] = eind
                meld(
                    "indicatie_loopt_af",
                    indicatie["id"],
                    indicatie["consulent_id"],
                    f"{indicatie['id']}:{eind}",
                    verzonden,
                )
            bewaar("indicatie", indicatie, reden="Bestaande registratie (vulling)", wanneer=geregistreerd)
            met_doel_en_signaal(indicatie, geregistreerd)
            eerste[i_inwoner] = min(eerste.get(i_inwoner, ingang), ingang)
            if uren is not None and uren >= 5:
                verval = min(plus_maanden(ingang, 4), eind)
                evaluatie = {"id": nieuw_id(), "indicatie_id": indicatie["id"], "vervaldatum": verval}
                if verval <= gisteren + voorloop:
                    kans_afgerond = 0.85 if verval < gisteren - voorloop else 0.5 if verval < gisteren else 0.2
                    if rnd.random() < kans_afgerond:
                        evaluatie |= {
                            "status": "afgerond",
                            "afgerond_op": min(verval + datetime.timedelta(days=rnd.randint(-10, 5)), gisteren),
                            "afgerond_door_id": indicatie["consulent_id"],
                            "uitkomst": "voortzetten",
                            "resultaat_behaald": "ja",
                        }
                    else:
                        evaluatie |= {"status": "open", "te_laat_gemeld": verval < gisteren}
                        meld("evaluatie_open", evaluatie["id"], indicatie["consulent_id"], evaluatie["id"], verzonden)
                        if verval < gisteren:
                            meld(
                                "evaluatie_te_laat",
                                evaluatie["id"],
                                indicatie["consulent_id"],
                                evaluatie["id"],
                                verzonden,
                            )
                bewaar("evaluatie", evaluatie, reden="Bestaande registratie (vulling)", wanneer=geregistreerd)
        _tijd(f"{lopend} lopende indicaties", start)

        # The history of ten years: ended indicaties, of inwoners with care now and former ones.
        tien_jaar = (gisteren - plus_maanden(gisteren, -120)).days
        for _ in range(historisch):
            inwoner = inwoners[rnd.randrange(len(inwoners) - aantal_vroeger - nieuw_gisteren)]
            if aantal_vroeger and rnd.random() < 0.6:
                inwoner = inwoners[len(inwoners) - 1 - rnd.randrange(aantal_vroeger)]
            code, volume, eenheid, maanden = soort_zorg()
            maanden = maanden or rnd.randint(6, 24)  # open-ended ones ended too
            ingang = gisteren - datetime.timedelta(days=rnd.randrange(60, tien_jaar))
            eind = min(plus_maanden(ingang, maanden) - dag, gisteren - dag)
            kans = rnd.random()
            status = "verlopen" if kans < 0.85 else "beeindigd" if kans < 0.95 else "ingetrokken"
            geregistreerd = moment(ingang - datetime.timedelta(days=rnd.randrange(0, 15)))
            indicatie, uren = indicatie_rij(inwoner, code, volume, eenheid, ingang, eind, "toegewezen", geregistreerd)
            historie("indicatie", indicatie, reden="Indicatie geregistreerd", wanneer=geregistreerd)
            doel_id = met_doel_en_signaal(indicatie, geregistreerd)
            met_evaluatie = uren is not None and uren >= 5 and status != "ingetrokken"
            if status == "beeindigd" and met_evaluatie:
                eind = max(ingang, min(eind, plus_maanden(ingang, 4)))
            indicatie = indicatie | {"status": status, "versie": 2}
            if status == "ingetrokken":
                einde = moment(max(ingang - dag, geregistreerd.date()), 10)
                indicatie["reden_status"] = "Inwoner verhuist."
            else:
                einde = moment(min(eind + dag, gisteren), 6)
                indicatie |= {"einddatum": eind, "einde_gemeld_voor": eind}
                meld(
                    "indicatie_loopt_af", indicatie["id"], indicatie["consulent_id"], f"{indicatie['id']}:{eind}", einde
                )
            if status == "beeindigd":
                indicatie["bijgesteld_op"] = eind
                indicatie["vermeden_kosten"] = (indicatie["geschatte_kosten"] / 4).quantize(Decimal("0.01"))
            indicatie["gewijzigd"] = einde
            redenen = {"verlopen": "Verlopen: einddatum gepasseerd", "beeindigd": "Beëindigd na evaluatie"}
            t["indicatie"].schrijf(indicatie)
            historie("indicatie", indicatie, reden=redenen.get(status, "Ingetrokken"), wanneer=einde, soort="~")
            if met_evaluatie:
                verval = min(plus_maanden(ingang, 4), eind)
                afgerond_op = min(verval, gisteren - dag)
                afgerond = moment(afgerond_op, 14)
                evaluatie = {"id": nieuw_id(), "indicatie_id": indicatie["id"], "vervaldatum": verval}
                historie("evaluatie", evaluatie, reden="Indicatie geregistreerd", wanneer=geregistreerd)
                evaluatie |= {
                    "status": "afgerond",
                    "afgerond_op": afgerond_op,
                    "afgerond_door_id": indicatie["consulent_id"],
                    "uitkomst": "beeindigen" if status == "beeindigd" else "voortzetten",
                    "resultaat_behaald": "ja" if status == "beeindigd" else rnd.choice(["ja", "deels", "nee"]),
                }
                t["evaluatie"].schrijf(evaluatie)
                historie("evaluatie", evaluatie, reden="Evaluatie afgerond", wanneer=afgerond, soort="~")
                resultaat = {
                    "id": nieuw_id(),
                    "evaluatie_id": evaluatie["id"],
                    "doel_id": doel_id,
                    "behaald": evaluatie["resultaat_behaald"],
                }
                bewaar("resultaat", resultaat, reden="Evaluatie afgerond", wanneer=afgerond)
                meld("evaluatie_open", evaluatie["id"], indicatie["consulent_id"], evaluatie["id"], moment(verval, 6))
            if status != "ingetrokken" and plus_maanden(ingang, 6) <= eind:
                verval = plus_maanden(ingang, 6)
                check = {
                    "id": nieuw_id(),
                    "inwoner_id": inwoner[0],
                    "vervaldatum": verval,
                    "status": "afgerond",
                    "zorg_passend": True,
                    "contact_aanbieder": verval,
                    "contact_inwoner": verval,
                    "toelichting": "Zorg passend.",
                    "afgerond_op": verval,
                    "afgerond_door_id": indicatie["consulent_id"],
                }
                bewaar("check", check, reden="Halfjaarcheck afgerond", wanneer=moment(verval, 15))
                meld(
                    "halfjaarcheck_open",
                    check["id"],
                    indicatie["consulent_id"],
                    check["id"],
                    moment(verval - voorloop, 6),
                )
        if historisch:
            _tijd(f"{historisch} beëindigde indicaties (tien jaar)", start)

        # Half-year checks of the inwoners with care now: completed ones, then the one in progress.

        for i_inwoner, (inwoner_id, regisseur) in enumerate(inwoners[: aantal_nu - nieuw_gisteren]):
            verval = plus_maanden(eerste[i_inwoner], 6)
            ontvanger = regisseur or consulenten[0]
            while verval < gisteren - voorloop:
                afgerond_op = verval - datetime.timedelta(days=rnd.randint(0, 10))
                check = {
                    "id": nieuw_id(),
                    "inwoner_id": inwoner_id,
                    "vervaldatum": verval,
                    "status": "afgerond",
                    "zorg_passend": True,
                    "contact_aanbieder": afgerond_op,
                    "contact_inwoner": afgerond_op,
                    "toelichting": "Zorg passend.",
                    "afgerond_op": afgerond_op,
                    "afgerond_door_id": ontvanger,
                }
                bewaar("check", check, reden="Bestaande registratie (vulling)", wanneer=verzonden)
                verval = plus_maanden(afgerond_op, 6)
            check = {"id": nieuw_id(), "inwoner_id": inwoner_id, "vervaldatum": verval}
            if verval <= gisteren + voorloop:
                check["status"] = "open"
                meld("halfjaarcheck_open", check["id"], ontvanger, check["id"], verzonden)
            bewaar("check", check, reden="Bestaande registratie (vulling)", wanneer=verzonden)
        for tabel in t.values():
            tabel.leeg()
        tellers = {naam: tabel.aantal for naam, tabel in t.items()}
        _tijd("halfjaarchecks en notificaties; COPY afronden", start)
    # Leaving the stack ended every COPY and committed each connection.
    _tijd(f"{sum(tellers.values())} rijen geschreven", start)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for tabel in t.values():
            for _, definitie in tabel.indexen:
                cursor.execute(definitie)
        cursor.execute("RESET maintenance_work_mem")
    _tijd(f"{sum(len(tabel.indexen) for tabel in t.values())} indexen gebouwd", start)
    with connection.cursor() as cursor:
        for tabel in t.values():
            if tabel.reeks:
                for sql in connection.ops.sequence_reset_sql(no_style(), [tabel.model]):
                    cursor.execute(sql)
    DagelijkseRun.objects.create(datum=gisteren, gestart=verzonden, voltooid=verzonden, samenvatting={})
    if aantal_indicaties <= 50_000:
        controleer_verwijzingen()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    _tijd("vacuum analyze", start)
    return {
        "inwoners": len(inwoners),
        "indicaties": tellers["indicatie"],
        "lopend": lopend,
        "evaluaties": tellers["evaluatie"],
        "halfjaarchecks": tellers["check"],
        "notificaties": tellers["notificatie"],
        "historie": sum(n for naam, n in tellers.items() if naam.endswith("~")),
        "rijen": sum(tellers.values()),
        "rollen": rollen,
        "producten": producten,
        "aanbieders": aanbieders,
        "seconden": time.perf_counter() - start,
    }


def controleer_verwijzingen() -> None:
    """Every foreign key of the filled tables points at a row (the fill wrote them without the
    triggers that check it): one anti-join per foreign key, over the whole table."""
    from django.apps import apps
    from django.db import connection

    with connection.cursor() as cursor:
        for model in apps.get_models():
            for veld in model._meta.concrete_fields:
                if not veld.is_relation or not veld.db_constraint:
                    continue
                doel = veld.target_field
                sql = (
                    f'SELECT count(*) FROM "{model._meta.db_table}" k WHERE k."{veld.column}" IS NOT NULL AND NOT EXISTS '
                    f'(SELECT 1 FROM "{doel.model._meta.db_table}" d WHERE d."{doel.column}" = k."{veld.column}")'
                )
                cursor.execute(sql)
                if zwevend := cursor.fetchone()[0]:
                    raise AssertionError(f"{model.__name__}.{veld.name}: {zwevend} verwijzingen naar niets")
