"""Every benchmark at a small size, so that none of them rots (CI, .ci/run).

    .venv/bin/python bench/klein.py

Runs each script in bench/ as a person would, on its own scratch databases (bench_ci_…, dropped
at the end), at a size that takes seconds, and checks that its last line is one JSON object
with the figures of docs/performance.md. It checks no targets: at this size a fixed cost
dominates and the machine is shared; the figures that count are those at 100,000 and
1,000,000. Exit code 1 when a script fails or its last line is not what it should be. About a
minute and a half on two CPUs.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = str(REPO / ".venv" / "bin" / "python")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")

# (script, arguments, extra environment, the keys its JSON line must have)
BENCHMARKS = [
    (
        "dagelijkse_run.py",
        ["--indicaties", "4000", "--lopend", "2000", "--database", "bench_ci_prestaties", "--plannen"],
        {},
        {"indicaties", "run_1_s", "run_2_s", "baseline_update_s", "queries_run_1"},
    ),
    (
        "lijsten.py",
        ["--indicaties", "4000", "--database", "bench_ci_prestaties", "--herhalingen", "5"],
        {},
        {"indicaties", "p95_ms", "baseline_p95_ms", "queries"},
    ),
    (
        "paginas.py",
        ["--indicaties", "4000", "--database", "bench_ci_prestaties", "--herhalingen", "1"],
        {},
        {"indicaties", "paginas", "traagste_ms", "baseline_ms"},
    ),
    (
        "registratie_onder_last.py",
        ["--indicaties", "4000", "--database", "bench_ci_prestaties", "--clients", "2", "--duur", "2"],
        {},
        {"clients", "p95_ms", "baseline_p95_ms", "per_seconde", "fouten"},
    ),
    (
        "importeren.py",
        ["--regels", "2000", "--processen", "2", "--database", "bench_ci_import", "--opruimen"],
        {},
        {"rijen", "import_s", "copy_s"},
    ),
    (
        "stuurinformatie.py",
        ["--aantal", "3000", "--declaraties", "10000", "--herhalingen", "1", "--opruimen"],
        {"DATABASE_URL": f"{PG_URL}/bench_ci_stuurinformatie"},
        {"aantal", "dashboard_s", "api_s", "queries"},
    ),
    (
        "startberichten.py",
        ["--berichten", "200", "--opruimen"],
        {"DATABASE_URL": f"{PG_URL}/bench_ci_startberichten"},
        {"berichten", "verwerking_s", "per_bericht_ms", "baseline_s"},
    ),
    (
        "declaraties.py",
        ["--prestaties", "500", "--database", "bench_ci_declaraties", "--opruimen"],
        {},
        {"prestaties", "verwerking_s", "per_prestatie_ms", "baseline_s", "queries"},
    ),
]


def main() -> int:
    fouten = []
    for script, argumenten, omgeving, sleutels in BENCHMARKS:
        start = time.perf_counter()
        uitkomst = subprocess.run(
            [PYTHON, str(REPO / "bench" / script), *argumenten],
            cwd=REPO,
            env={**os.environ, **omgeving},
            capture_output=True,
            text=True,
            timeout=600,
        )
        regels = uitkomst.stdout.strip().splitlines()
        try:
            figuren = json.loads(regels[-1])
            ontbrekend = sleutels - set(figuren)
        except (IndexError, json.JSONDecodeError):
            figuren, ontbrekend = None, sleutels
        duur = time.perf_counter() - start
        # A benchmark whose requests were refused measured refusals, not the work: that is a failure.
        geweigerd = (figuren or {}).get("fouten")
        if uitkomst.returncode != 0 or ontbrekend or geweigerd:
            fouten.append(script)
            print(
                f"FOUT  {script} ({duur:.0f} s): exit {uitkomst.returncode}, ontbreekt: {sorted(ontbrekend)}, "
                f"geweigerd: {geweigerd or '-'}"
            )
            print("\n".join(regels[-20:]))
            print(uitkomst.stderr[-3000:])
        else:
            print(f"ok    {script} ({duur:.0f} s): {json.dumps(figuren)}", flush=True)
    subprocess.run(
        ["psql", f"{PG_URL}/postgres", "-qc", 'DROP DATABASE IF EXISTS "bench_ci_prestaties" WITH (FORCE)'],
        check=False,
    )
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main())
