"""Benchmark of a page of 100 indicaties from the API, on a register of 100,000 (PostgreSQL).

Usage, from the repository root (PostgreSQL on 127.0.0.1:5432, user postgres, trust):

    .venv/bin/python bench/lijsten.py [--herhalingen 50] [--database casusregie_prestaties]
                                      [--indicaties 100000] [--opnieuw]

Reuses the database of bench/dagelijkse_run.py when it holds the indicaties, else creates and
fills it (bench/vulling.py). In-process through Django's test client, with token
authentication, it times `GET /api/v1/indicaties/?page_size=100` (the whole stack: middleware,
authentication, role check, pagination with its count, serializers, JSON) next to the baseline
`GET /bench/honderd-indicaties/`: a plain Django view that returns the same 100 rows in the same
order with their count from `.values()` (bench/urls.py). Target (issue 8): < 100 ms.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vulling


class Meter:
    """Counts the statements of a request and the time spent waiting for the database."""

    def __init__(self):
        self.aantal = 0
        self.seconden = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.aantal += 1
            self.seconden += time.perf_counter() - start


def meet(client, url: str, herhalingen: int, **headers) -> dict:
    from django.db import connection

    for _ in range(3):
        assert client.get(url, **headers).status_code == 200
    tijden, cpu, sql, queries = [], [], [], 0
    for _ in range(herhalingen):
        meter = Meter()
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
        "rijen": len(antwoord.json()["results"]),
        "bytes": len(antwoord.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--herhalingen", type=int, default=50)
    parser.add_argument("--database", default="casusregie_prestaties")
    parser.add_argument("--indicaties", type=int, default=100_000)
    parser.add_argument("--opnieuw", action="store_true", help="database altijd opnieuw vullen")
    args = parser.parse_args()

    gevuld = vulling.gevulde_database(
        args.database, args.indicaties, settings_module="bench.instellingen", opnieuw=args.opnieuw
    )
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from indicaties.models import Indicatie

    consulent = get_user_model().objects.get(username="consulent0")
    token, _ = Token.objects.get_or_create(user=consulent)
    client = Client()
    api = meet(client, "/api/v1/indicaties/?page_size=100", args.herhalingen, HTTP_AUTHORIZATION=f"Token {token.key}")
    basis = meet(client, "/bench/honderd-indicaties/", args.herhalingen)

    print(f"Machine: {vulling.machine()}")
    print(
        f"Database {args.database}: {Indicatie.objects.count()} indicaties"
        f" ({'nu gevuld' if gevuld else 'hergebruikt'}); {args.herhalingen} metingen per regel"
    )
    print()
    print(f"{'meting':48} {'mediaan':>8} {'p95':>8} {'snelste':>8} {'cpu':>7} {'sql':>7} {'queries':>8} {'bytes':>7}")
    for naam, m in (
        ("API /api/v1/indicaties/?page_size=100", api),
        ("baseline: Django-view, .values(), zelfde rijen", basis),
    ):
        print(
            f"{naam:48} {m['mediaan']:6.1f}ms {m['p95']:6.1f}ms {m['snelste']:6.1f}ms {m['cpu']:5.1f}ms"
            f" {m['sql']:5.1f}ms {m['queries']:>8} {m['bytes']:>7}"
        )
    print("(cpu: mediane processortijd van dit proces per verzoek; sql: mediane wachttijd op de database)")
    print()
    print(f"API / baseline (mediaan): {api['mediaan'] / basis['mediaan']:.1f}x; rijen: {api['rijen']}")
    print(f"  {'gehaald    ' if api['p95'] < 100 else 'NIET gehaald'}  pagina van 100 indicaties < 100 ms (p95)")


if __name__ == "__main__":
    main()
