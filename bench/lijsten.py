"""Benchmark of the list pages on a register of N indicaties (PostgreSQL).

Usage, from the repository root (PostgreSQL on 127.0.0.1:5432, user postgres, trust):

    .venv/bin/python bench/lijsten.py --indicaties 1000000 [--herhalingen 50]
        [--database bench_prestaties] [--lopend 100000] [--opnieuw] [--plannen]

Reuses the database of bench/dagelijkse_run.py when it holds the indicaties, else creates and
fills it (bench/vulling.py). In-process through Django's test client it times:

- `GET /api/v1/indicaties/?page_size=100` with token authentication (the whole stack:
  middleware, authentication, role check, pagination with its count, serializers, JSON), next
  to the baseline `GET /bench/honderd-indicaties/`: a plain Django view that returns the same
  100 rows in the same order with their count from `.values()` (bench/urls.py);
- the werkvoorraad of a consulent (`GET /`, the web page every consulent starts on), each of its
  nine sections as the page loads them after it (`/werkvoorraad/<sectie>/`: at most 50 rows with
  their total), the menu's badge (`/werkvoorraad/teller/`), and the whole page at once
  (`/?volledig=1`).

Target (issues 8 and 17): a list page < 100 ms (p95). The last line is one JSON object:
{"indicaties", "p95_ms", "baseline_p95_ms", "mediaan_ms", "queries", "werkvoorraad_p95_ms",
"sectie_traagste", "sectie_p95_ms", "teller_p95_ms", "volledig_p95_ms", ...}.
`--plannen` prints the plan of the slowest statement of each page (after the measurement).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import meten
import vulling


def meet(client, url: str, herhalingen: int, **headers) -> dict:
    from django.db import connection

    for _ in range(3):
        assert client.get(url, **headers).status_code == 200
    tijden, cpu, sql, queries = [], [], [], 0
    for _ in range(herhalingen):
        meter = meten.Teller(bewaar=0)
        with connection.execute_wrapper(meter):
            start, begin_cpu = time.perf_counter(), time.process_time()
            antwoord = client.get(url, **headers)
            tijden.append(time.perf_counter() - start)
            cpu.append(time.process_time() - begin_cpu)
        assert antwoord.status_code == 200
        sql.append(meter.seconden)
        queries = meter.aantal
    tijden.sort()
    return {
        "mediaan": statistics.median(tijden) * 1000,
        "p95": tijden[int(len(tijden) * 0.95) - 1] * 1000,
        "snelste": tijden[0] * 1000,
        "sql": statistics.median(sql) * 1000,
        "cpu": statistics.median(cpu) * 1000,
        "queries": queries,
        "rijen": len(antwoord.json()["results"]) if antwoord["Content-Type"] == "application/json" else None,
        "bytes": len(antwoord.content),
    }


def plan(client, url: str, kop: str, **headers) -> None:
    with meten.Plannen(grens_ms=0) as plannen:
        client.get(url, **headers)
    plannen.toon_traagste(kop)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--herhalingen", type=int, default=50)
    parser.add_argument("--database", default="bench_prestaties")
    parser.add_argument("--indicaties", type=int, default=100_000)
    parser.add_argument("--lopend", type=int, default=None, help="bij opnieuw vullen: waarvan lopend")
    parser.add_argument("--opnieuw", action="store_true", help="database altijd opnieuw vullen")
    parser.add_argument("--plannen", action="store_true", help="EXPLAIN ANALYZE van het traagste statement")
    parser.add_argument("--opruimen", action="store_true", help="de database na afloop verwijderen")
    args = parser.parse_args()
    load_voor = meten.belasting()

    gevuld = vulling.gevulde_database(
        args.database, args.indicaties, settings_module="bench.instellingen", opnieuw=args.opnieuw, lopend=args.lopend
    )
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from basis.roles import CONSULENT
    from casusregie.geheugen import richt_worker_in
    from indicaties.models import Indicatie

    # As a worker does when it starts (casusregie/wsgi.py). The test client closes each response
    # before it returns, so the collection after it is part of every measured request.
    richt_worker_in()
    consulent = get_user_model().objects.get(username="consulent0")
    token, _ = Token.objects.get_or_create(user=consulent)
    client = Client()
    api_url, api_kop = "/api/v1/indicaties/?page_size=100", {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    api = meet(client, api_url, args.herhalingen, **api_kop)
    basis = meet(client, "/bench/honderd-indicaties/", args.herhalingen)
    web = Client()
    web.force_login(consulent, backend="django.contrib.auth.backends.ModelBackend")
    werkvoorraad = meet(web, "/", args.herhalingen)
    # What the page loads after it: each section, and the menu's badge; and the whole page at once.
    from casusregie.werkvoorraad import SECTIES

    secties = {naam: meet(web, f"/werkvoorraad/{naam}/", args.herhalingen) for naam, _ in SECTIES[CONSULENT]}
    teller = meet(web, "/werkvoorraad/teller/", args.herhalingen)
    volledig = meet(web, "/?volledig=1", args.herhalingen)
    traagste = max(secties, key=lambda naam: secties[naam]["p95"])
    aantal = Indicatie.objects.count()

    print(f"Machine: {vulling.machine()}")
    print(
        f"Database {args.database}: {aantal} indicaties"
        f" ({'nu gevuld' if gevuld else 'hergebruikt'}); {args.herhalingen} metingen per regel"
    )
    print()
    print(f"{'meting':48} {'mediaan':>8} {'p95':>8} {'snelste':>8} {'cpu':>7} {'sql':>7} {'queries':>8} {'bytes':>7}")
    for naam, m in (
        ("API /api/v1/indicaties/?page_size=100", api),
        ("baseline: Django-view, .values(), zelfde rijen", basis),
        ("werkvoorraad consulent (web, /)", werkvoorraad),
        *((f"  sectie {naam}", m) for naam, m in secties.items()),
        ("  teller in het menu", teller),
        ("werkvoorraad in één keer (/?volledig=1)", volledig),
    ):
        print(
            f"{naam:48} {m['mediaan']:6.1f}ms {m['p95']:6.1f}ms {m['snelste']:6.1f}ms {m['cpu']:5.1f}ms"
            f" {m['sql']:5.1f}ms {m['queries']:>8} {m['bytes']:>7}"
        )
    print("(cpu: mediane processortijd van dit proces per verzoek; sql: mediane wachttijd op de database)")
    print()
    print(f"API / baseline (mediaan): {api['mediaan'] / basis['mediaan']:.1f}x; rijen: {api['rijen']}")
    print(f"  {'gehaald    ' if api['p95'] < 100 else 'NIET gehaald'}  pagina van 100 indicaties < 100 ms (p95)")
    print(f"  {'gehaald    ' if werkvoorraad['p95'] < 100 else 'NIET gehaald'}  werkvoorraad < 100 ms (p95)")
    langzaamst = max(secties[traagste]["p95"], teller["p95"])
    print(f"  {'gehaald    ' if langzaamst < 100 else 'NIET gehaald'}  elke sectie en de teller < 100 ms (p95)")
    if args.plannen:
        plan(client, api_url, "API-pagina", **api_kop)
        plan(web, "/", "werkvoorraad")
    if args.opruimen:
        vulling.verwijder(args.database)
    meten.json_regel(
        {
            "indicaties": aantal,
            "p95_ms": round(api["p95"], 1),
            "baseline_p95_ms": round(basis["p95"], 1),
            "mediaan_ms": round(api["mediaan"], 1),
            "queries": api["queries"],
            "baseline_mediaan_ms": round(basis["mediaan"], 1),
            "werkvoorraad_p95_ms": round(werkvoorraad["p95"], 1),
            "werkvoorraad_queries": werkvoorraad["queries"],
            "sectie_traagste": traagste,
            "sectie_p95_ms": round(secties[traagste]["p95"], 1),
            "teller_p95_ms": round(teller["p95"], 1),
            "volledig_p95_ms": round(volledig["p95"], 1),
            "load_voor": load_voor,
            "load_na": meten.belasting(),
        }
    )


if __name__ == "__main__":
    main()
