"""Benchmark of the daily run on a register of N indicaties (PostgreSQL).

Usage, from the repository root (PostgreSQL on 127.0.0.1:5432, user postgres, trust):

    .venv/bin/python bench/dagelijkse_run.py --indicaties 1000000 --database bench_dagelijkse_run
        [--lopend 100000] [--datum JJJJ-MM-DD] [--inhalen 1] [--plannen] [--opruimen]

It drops and recreates the database, migrates it, fills it (bench/vulling.py: a register of
`--indicaties`, of which `--lopend` are running — by default at most 100,000, the rest ten years
of history — in the state yesterday's run left behind, so today brings evaluations to open,
escalations, expiries, 6-week warnings and half-year checks to plan, open and cancel), and then
measures on the same data:

1. baseline: one `UPDATE indicaties_indicatie SET status = 'verlopen', versie = versie + 1
   WHERE status = 'toegewezen' AND einddatum < datum` (today's expiries, set-based, no history,
   no notifications), and the same UPDATE over every row of the table; both rolled back;
2. the daily run of `datum` (one day of catch-up; `--inhalen 7`: a week missed): time and
   number of queries, and its slowest statements;
3. a second run of the same date (the completed date is recorded: nothing to do);
4. a third run of the same date after deleting that record, so every step selects again and
   must find nothing left to do (idempotence from the data alone). With `--plannen` this run is
   instrumented (auto_explain) and the plan of its slowest statement is printed.

Targets: issue 8 at 100,000: first run < 60 s, second < 5 s, at most 10 queries per 1,000
indicaties; issue 17 at 1,000,000: first run < 10 s and faster than the UPDATE of the whole
table. E-mails go to Django's in-memory backend and Celery messages to a folder under /tmp.
The last line is one JSON object: {"indicaties", "run_1_s", "run_2_s", "baseline_update_s",
"queries_run_1", ...}. `--opruimen` drops the database at the end.
"""

import argparse
import datetime
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import meten
import vulling


def _tel_rijen():
    from indicaties.models import Evaluatie, Halfjaarcheck, Indicatie
    from notifications.models import Notificatie

    return {
        "notificaties": Notificatie.objects.count(),
        "historie indicaties": Indicatie.history.count(),
        "historie evaluaties": Evaluatie.history.count(),
        "historie halfjaarchecks": Halfjaarcheck.history.count(),
        "halfjaarchecks": Halfjaarcheck.objects.count(),
    }


def _meet_run(datum, teller=None):
    from django.core import mail
    from django.db import connection

    from indicaties.services import voer_dagelijkse_taken_uit

    mail.outbox = []
    teller = teller or meten.Teller()
    with connection.execute_wrapper(teller):
        start, cpu = time.perf_counter(), time.process_time()
        run = voer_dagelijkse_taken_uit(datum)
        duur, cpu = time.perf_counter() - start, time.process_time() - cpu
    return run, duur, cpu, teller.aantal, len(mail.outbox)


def _baseline(datum, *, alles: bool) -> float:
    from django.db import connection, transaction

    sql = (
        "UPDATE indicaties_indicatie SET status = 'verlopen', versie = versie + 1 WHERE einddatum < %s"
        if alles
        else "UPDATE indicaties_indicatie SET status = 'verlopen', versie = versie + 1 "
        "WHERE status = 'toegewezen' AND einddatum < %s"
    )
    grens = datetime.date(9999, 1, 1) if alles else datum
    with transaction.atomic(), connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.execute(sql, [grens])
        duur = time.perf_counter() - start
        rijen = cursor.rowcount
        transaction.set_rollback(True)
    return duur, rijen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicaties", type=int, default=100_000, help="indicaties in het register")
    parser.add_argument(
        "--lopend", type=int, default=None, help=f"waarvan lopend (standaard: hooguit {vulling.LOPEND:,})"
    )
    parser.add_argument("--datum", type=datetime.date.fromisoformat, default=None)
    parser.add_argument("--database", default="bench_prestaties")
    parser.add_argument(
        "--inhalen", type=int, default=1, help="dagen sinds de laatste run (standaard 1: één dag inhalen)"
    )
    parser.add_argument("--plannen", action="store_true", help="EXPLAIN ANALYZE van het traagste statement (run 3)")
    parser.add_argument("--opruimen", action="store_true", help="de database na afloop verwijderen")
    args = parser.parse_args()
    load_voor = meten.belasting()

    print(f"Database {args.database} aanmaken en migreren ...", flush=True)
    vulling.bereid_voor(args.database)
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    datum = args.datum or vulling.vandaag()
    print(
        f"Vullen met {args.indicaties} indicaties (datum van de run: {datum}, {args.inhalen} dag(en) in te halen) ...",
        flush=True,
    )
    gevuld = vulling.vul(args.indicaties, datum, inhalen=args.inhalen, lopend=args.lopend)

    basis_vandaag, rijen_vandaag = _baseline(datum, alles=False)
    basis_alles, rijen_alles = _baseline(datum, alles=True)

    voor = _tel_rijen()
    teller1 = meten.Teller()
    run1, duur1, cpu1, q1, mails1 = _meet_run(datum, teller1)
    na1 = _tel_rijen()
    run2, duur2, cpu2, q2, _ = _meet_run(datum)

    from indicaties.models import DagelijkseRun

    DagelijkseRun.objects.filter(datum=datum).delete()
    plannen = meten.Plannen(grens_ms=20) if args.plannen else None
    if plannen:
        with plannen:
            run3, duur3, cpu3, q3, mails3 = _meet_run(datum)
    else:
        run3, duur3, cpu3, q3, mails3 = _meet_run(datum)
    na3 = _tel_rijen()

    s = run1.samenvatting
    verwerkt = (
        s["evaluaties_geopend"]
        + s["evaluaties_te_laat"]
        + s["indicaties_verlopen"]
        + s["waarschuwingen_einde"]
        + s["checks_ingepland"]
        + s["checks_geopend"]
        + s["checks_geannuleerd"]
    )
    per_duizend = q1 / (gevuld["indicaties"] / 1000)
    print()
    print(f"Machine: {vulling.machine()}")
    print(
        f"Vulling: {gevuld['indicaties']} indicaties, {gevuld['inwoners']} inwoners, {gevuld['evaluaties']} evaluaties,"
    )
    print(
        f"         {gevuld['halfjaarchecks']} halfjaarchecks, {gevuld['notificaties']} notificaties in {gevuld['seconden']:.1f} s"
    )
    print(f"Werk van de dag: {s}")
    print(f"  nieuwe notificaties: {na1['notificaties'] - voor['notificaties']}, e-mails verstuurd in de run: {mails1}")
    print()
    print(f"{'meting':58} {'tijd':>9} {'cpu':>8} {'queries':>8}")
    print(
        f"{'baseline: UPDATE verlopen vandaag (' + str(rijen_vandaag) + ' rijen), rollback':58} {basis_vandaag * 1000:7.0f}ms {'':>8} {1:>8}"
    )
    print(
        f"{'baseline: UPDATE hele tabel (' + str(rijen_alles) + ' rijen), rollback':58} {basis_alles * 1000:7.0f}ms {'':>8} {1:>8}"
    )
    print(f"{'run 1: dagelijkse run ' + str(datum):58} {duur1 * 1000:7.0f}ms {cpu1 * 1000:6.0f}ms {q1:>8}")
    print(f"{'run 2: zelfde datum nogmaals':58} {duur2 * 1000:7.0f}ms {cpu2 * 1000:6.0f}ms {q2:>8}")
    print(
        f"{'run 3: zelfde datum, registratie van de run gewist':58} {duur3 * 1000:7.0f}ms {cpu3 * 1000:6.0f}ms {q3:>8}"
    )
    print()
    print("(cpu: processortijd van dit Python-proces; de machine wordt gedeeld, de wandtijd wisselt)")
    print(f"run 1 / baseline hele tabel: {duur1 / basis_alles:.2f}x")
    print(
        f"queries run 1: {per_duizend:.2f} per 1.000 indicaties in het register, "
        f"{q1 / max(verwerkt, 1) * 1000:.1f} per 1.000 verwerkte objecten ({verwerkt})"
    )
    veranderd = {k: na3[k] - na1[k] for k in na1 if na3[k] != na1[k]}
    print(f"run 3 veranderde: {veranderd or 'niets'} (samenvatting: {run3.samenvatting if run3 else None})")
    print(f"run 3 mailde nog {mails3} e-mails uit de achterstand (de run mailt er hooguit 1.000 per keer)")
    print()
    teller1.toon_traagste("run 1")
    if plannen:
        plannen.toon_traagste("run 3")
    print()
    doelen = [
        ("run 1 < 60 s", duur1 < 60),
        ("run 1 < 10 s", duur1 < 10),
        ("run 1 sneller dan de UPDATE van de hele tabel", duur1 < basis_alles),
        ("run 2 < 5 s", duur2 < 5),
        ("run 3 < 5 s", duur3 < 5),
        ("<= 10 queries per 1.000 indicaties", per_duizend <= 10),
        ("run 3 verandert niets", not veranderd),
    ]
    for naam, gehaald in doelen:
        print(f"  {'gehaald    ' if gehaald else 'NIET gehaald'}  {naam}")
    assert run2 is None
    assert not veranderd, veranderd
    if args.opruimen:
        vulling.verwijder(args.database)
    meten.json_regel(
        {
            "indicaties": gevuld["indicaties"],
            "run_1_s": round(duur1, 3),
            "run_2_s": round(duur2, 3),
            "baseline_update_s": round(basis_alles, 3),
            "queries_run_1": q1,
            "lopend": gevuld["lopend"],
            "run_3_s": round(duur3, 3),
            "werk": verwerkt,
            "vulling_s": round(gevuld["seconden"], 1),
            "load_voor": load_voor,
            "load_na": meten.belasting(),
        }
    )


if __name__ == "__main__":
    main()
