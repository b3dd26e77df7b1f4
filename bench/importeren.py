"""Benchmark of `manage.py importeer_indicaties` with N rows (PostgreSQL).

Usage, from the repository root (PostgreSQL on 127.0.0.1:5432, user postgres, trust):

    .venv/bin/python bench/importeren.py --regels 100000 [--processen 2] [--database bench_import] [--opruimen] [--profiel]

Drops and recreates the database, migrates it and loads the catalogue, 60 aanbieders and the
users (bench/vulling.py), the starting point of a migration. Writes a CSV file in the layout of
docs/import.md to /tmp/casusregie-import/: 100,000 registrations from an old system for 60,000
inwoners (some inwoners have several), start dates over the last eight months and the next two,
registered up to two weeks before they started; a fifth has already ended, one row in a hundred
breaks a rule (too long, unknown product, invalid BSN, retroactive). Then measures:

1. baseline: PostgreSQL `COPY` of the same file into a scratch table of text columns;
2. the import (`--migratie --consulent consulent0`, `--processen` as given): time, queries, what it
   imported, the report;
3. the same import again: it must import nothing (every row already imported or refused).

`--plannen` prints the plan of the slowest statement of the first import (auto_explain; that
run is slower). Targets: 100,000 rows in under 3 minutes (issue 8), under 30 seconds (issue 17). The last
line is one JSON object: {"rijen", "import_s", "copy_s", ...}. `--profiel` prints where the
import's own process spends its time (cProfile, the 25 costliest functions; the run is slower).
"""

import argparse
import contextlib
import datetime
import io
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import meten
import vulling

MAP = Path("/tmp/casusregie-import")


def schrijf_bestand(pad: Path, regels: int, vandaag: datetime.date, agb_codes: list[str], seed: int = 8) -> Counter:
    """The CSV file; returns how many rows of each kind it holds."""
    from dateutil.relativedelta import relativedelta

    from indicaties.services.importeren import KOLOMMEN

    rnd = random.Random(seed)
    soorten = Counter()
    inwoners = [
        (bsn, rnd.choice(["Sanne", "Daan", "Noor", "Fleur", "Kees"]), rnd.choice(["Jansen", "Bakker", "Visser"]))
        for bsn in vulling.geldige_bsns(int(regels * 0.6), begin=200_000_000)
    ]
    kop = ";".join((*KOLOMMEN, "registratiedatum"))
    with pad.open("w", encoding="utf-8", newline="") as f:
        f.write(kop + "\n")
        for n in range(regels):
            bsn, voornaam, achternaam = inwoners[n] if n < len(inwoners) else rnd.choice(inwoners)
            soort = rnd.random()
            if soort < 0.55:
                code = rnd.choice(["02A01", "02A03", "45C02", "45A65"])
                volume, eenheid, maanden = rnd.choice(["5", "6", "8", "10"]), "uur", rnd.randint(3, 8)
            elif soort < 0.85:
                code = rnd.choice(["02A01", "02A03", "45C02"])
                volume, eenheid, maanden = rnd.choice(["1", "2", "3", "4"]), "uur", rnd.randint(3, 12)
            else:
                code = rnd.choice(["40G01", "44C01"])
                volume, eenheid, maanden = rnd.choice(["2", "3", "7"]), "etmaal", rnd.randint(2, 12)
            ingang = vandaag + datetime.timedelta(days=rnd.randint(-240, 60))
            eind = ingang + relativedelta(months=maanden) - datetime.timedelta(days=1)
            geregistreerd = min(ingang - datetime.timedelta(days=rnd.randint(0, 14)), vandaag)
            fout = rnd.random()
            if fout < 0.0025:
                eind, soorten["fout: te lang"] = ingang + relativedelta(months=10), soorten["fout: te lang"] + 1
            elif fout < 0.005:
                code, soorten["fout: product"] = "99Z99", soorten["fout: product"] + 1
            elif fout < 0.0075:
                bsn, soorten["fout: bsn"] = "123456789", soorten["fout: bsn"] + 1
            elif fout < 0.01:
                geregistreerd = ingang + datetime.timedelta(days=20)
                soorten["fout: terugwerkend"] += 1
            if geregistreerd > vandaag:
                geregistreerd = vandaag
            soorten["verlopen"] += eind < vandaag
            velden = [
                f"OUD-{n:07d}",
                bsn,
                voornaam,
                achternaam,
                "1980-05-17",
                "nee",
                code,
                rnd.choice(agb_codes),
                volume,
                eenheid,
                "per_week",
                ingang.isoformat(),
                eind.isoformat(),
                "",
                "nee",
                "",
                geregistreerd.isoformat(),
            ]
            f.write(";".join(velden) + "\n")
    return soorten


def kopieer_baseline(pad: Path) -> float:
    from django.db import connection

    from indicaties.services.importeren import KOLOMMEN

    kolommen = ", ".join(f"{k} text" for k in (*KOLOMMEN, "registratiedatum"))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_import_kopie")
        cursor.execute(f"CREATE TABLE bench_import_kopie ({kolommen})")
        start = time.perf_counter()
        with (
            cursor.cursor.copy(
                "COPY bench_import_kopie FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')"
            ) as copy,
            pad.open("rb") as f,
        ):
            while blok := f.read(1 << 20):
                copy.write(blok)
        duur = time.perf_counter() - start
        cursor.execute("SELECT count(*) FROM bench_import_kopie")
        assert cursor.fetchone()[0] > 0
        cursor.execute("DROP TABLE bench_import_kopie")
    return duur


def _cpu(met_kinderen: bool) -> float:
    if not met_kinderen:
        return time.process_time()
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def importeer(pad: Path, rapport: Path, profiel: bool = False, plannen=None, processen: int = 1):
    from django.core.management import call_command
    from django.db import connection

    uitvoer = io.StringIO()
    teller = meten.Teller()
    profiler = None
    if profiel:
        import cProfile

        profiler = cProfile.Profile()
    # In several processes the statements run in the forked processes, on connections of their own:
    # their CPU and all of PostgreSQL's are counted instead of this process's and its backend's.
    delen = processen > 1
    pg = meten.postgres_cpu() if delen else meten.backend_cpu()
    with connection.execute_wrapper(teller), plannen or contextlib.nullcontext():
        start, cpu = time.perf_counter(), _cpu(delen)
        if profiler:
            profiler.enable()
        call_command(
            "importeer_indicaties",
            str(pad),
            "--rapport",
            str(rapport),
            "--consulent",
            "consulent0",
            "--migratie",
            "--processen",
            str(processen),
            stdout=uitvoer,
        )
        if profiler:
            profiler.disable()
        duur, cpu = time.perf_counter() - start, _cpu(delen) - cpu
    teller.pg_cpu = (meten.postgres_cpu() if delen else meten.backend_cpu()) - pg
    if profiler:
        import pstats

        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return duur, cpu, teller, uitvoer.getvalue().strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regels", type=int, default=100_000)
    parser.add_argument("--database", default="bench_import")
    parser.add_argument("--opruimen", action="store_true", help="de database na afloop verwijderen")
    parser.add_argument("--processen", type=int, default=1, help="importeer_indicaties --processen")
    parser.add_argument("--profiel", action="store_true", help="cProfile van de eerste import")
    parser.add_argument("--plannen", action="store_true", help="EXPLAIN ANALYZE van het traagste statement")
    args = parser.parse_args()
    if args.processen > 1 and (args.plannen or args.profiel):
        parser.error("--plannen en --profiel meten één proces: niet samen met --processen")
    load_voor = meten.belasting()

    print(f"Database {args.database} aanmaken en migreren ...", flush=True)
    vulling.bereid_voor(args.database)
    from django.conf import settings
    from django.db import transaction

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with transaction.atomic():
        vulling.gebruikers()
        _, aanbieders = vulling.catalogus()
    MAP.mkdir(parents=True, exist_ok=True)
    pad = MAP / "indicaties.csv"
    vandaag = vulling.vandaag()
    soorten = schrijf_bestand(pad, args.regels, vandaag, [a.agb_code for a in aanbieders])
    print(f"Bestand {pad}: {args.regels} regels, {pad.stat().st_size / 1e6:.1f} MB; {dict(soorten)}", flush=True)

    basis = kopieer_baseline(pad)
    print("Importeren ...", flush=True)
    plannen = meten.Plannen(grens_ms=50) if args.plannen else None
    duur1, cpu1, teller1, uitvoer1 = importeer(
        pad, MAP / "rapport-1.csv", profiel=args.profiel, plannen=plannen, processen=args.processen
    )
    print("Nogmaals importeren ...", flush=True)
    duur2, cpu2, teller2, uitvoer2 = importeer(pad, MAP / "rapport-2.csv", processen=args.processen)
    queries1, queries2 = teller1.aantal, teller2.aantal

    from indicaties.models import Evaluatie, Indicatie, IndicatieSignaal, Inwoner
    from notifications.models import Notificatie

    rapport = (MAP / "rapport-1.csv").read_text(encoding="utf-8").splitlines()[1:]
    codes = Counter(regel.split(";")[3] for regel in rapport)
    print()
    print(f"Machine: {vulling.machine()}")
    print(f"Import 1: {uitvoer1}")
    print(f"  rapport per code: {dict(codes)}")
    print(
        f"  in de database: {Indicatie.objects.count()} indicaties, {Inwoner.objects.count()} inwoners,"
        f" {Evaluatie.objects.count()} evaluaties, {IndicatieSignaal.objects.count()} signalen,"
        f" {Indicatie.history.count()} historieregels van indicaties, {Notificatie.objects.count()} notificaties"
    )
    print(f"Import 2: {uitvoer2}")
    print()
    print(f"{'meting':46} {'tijd':>9} {'cpu':>8} {'regels/s':>9} {'queries':>8}")
    print(f"{'baseline: COPY van hetzelfde bestand':46} {basis:8.2f}s {'':>8} {args.regels / basis:9.0f} {1:>8}")
    if args.processen > 1:  # counted on this process's connection only: not the import's
        queries1 = queries2 = None
    for naam, duur, cpu, queries in (
        ("importeer_indicaties --migratie", duur1, cpu1, queries1),
        ("nogmaals (importeert niets)", duur2, cpu2, queries2),
    ):
        print(
            f"{naam:46} {duur:8.2f}s {cpu:7.1f}s {args.regels / duur:9.0f} {queries if queries is not None else '-':>8}"
        )
    print("(cpu: processortijd van de Python-processen; de machine wordt gedeeld, de wandtijd wisselt)")
    print()
    print(f"import / COPY: {duur1 / basis:.0f}x")
    print(f"  {'gehaald    ' if duur1 < 180 else 'NIET gehaald'}  {args.regels} regels in minder dan 3 minuten")
    print(f"  {'gehaald    ' if duur1 < 30 else 'NIET gehaald'}  {args.regels} regels in minder dan 30 seconden")
    print(f"  {'gehaald    ' if ' 0 geïmporteerd' in uitvoer2 else 'NIET gehaald'}  nogmaals importeert niets")
    if args.processen > 1:
        print(
            f"  import 1 in {args.processen} processen: CPU van de processen {cpu1:.1f} s,"
            f" van heel PostgreSQL {teller1.pg_cpu:.1f} s (statements worden in de processen niet geteld)"
        )
    else:
        print(
            f"  import 1: SQL-wachttijd {teller1.seconden:.1f} s in {queries1} statements (zonder COPY),"
            f" CPU van de PostgreSQL-backend {teller1.pg_cpu:.1f} s"
        )
        teller1.toon_traagste("import 1")
    if plannen:
        plannen.toon_traagste("import 1 (met auto_explain gemeten, dus trager)")
    figuren = {
        "rijen": args.regels,
        "import_s": round(duur1, 2),
        "copy_s": round(basis, 3),
        "processen": args.processen,
        "geimporteerd": Indicatie.objects.count(),
        "rapportregels": len(rapport),
        "queries": queries1,
        "cpu_s": round(cpu1, 1),
        "sql_s": None if args.processen > 1 else round(teller1.seconden, 1),
        "pg_cpu_s": round(teller1.pg_cpu, 1),
        "nogmaals_s": round(duur2, 2),
        "load_voor": load_voor,
        "load_na": meten.belasting(),
    }
    if args.opruimen:
        vulling.verwijder(args.database)
    meten.json_regel(figuren)


if __name__ == "__main__":
    main()
