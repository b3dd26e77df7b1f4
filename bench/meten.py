"""Shared measuring of the benchmarks: statements counted and timed, plans of the slow ones, the
load of the machine, and the JSON line every benchmark ends with.

Every benchmark prints, as its last line, one JSON object with its figures next to the baseline
of the same run (issue 17), so that CI and a person comparing runs read the same numbers:
`json.loads(uitvoer.splitlines()[-1])`.
"""

import json
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse


class Teller:
    """Counts every statement sent to the database (connection.execute_wrapper) and keeps the
    slowest ones with their time."""

    def __init__(self, bewaar: int = 5):
        self.aantal = 0
        self.seconden = 0.0
        self.traagste: list[tuple[float, str]] = []
        self._bewaar = bewaar

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            duur = time.perf_counter() - start
            self.aantal += 1
            self.seconden += duur
            if self._bewaar:
                self.traagste.append((duur, sql))
                self.traagste.sort(key=lambda x: -x[0])
                del self.traagste[self._bewaar :]

    def toon_traagste(self, kop: str) -> None:
        print(f"{kop} (traagste statements):")
        for duur, sql in self.traagste:
            print(f"  {duur * 1000:8.1f} ms  {kort(sql)}")


def kort(sql: str, lengte: int = 160) -> str:
    """A statement on one line, its column list shortened."""
    sql = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", " ".join(sql.split()), count=1)
    return sql if len(sql) <= lengte else sql[: lengte - 1] + "…"


class Plannen:
    """The plans of the statements slower than `grens_ms` while the block runs, with their real
    row counts and times (PostgreSQL's auto_explain, `log_analyze`, sent to this session as a
    notice). Instrumenting costs time: measure without it, and use it in a run of its own."""

    def __init__(self, grens_ms: int = 20):
        self.grens_ms = grens_ms
        self.plannen: list[tuple[float, str]] = []

    def _notitie(self, diagnose) -> None:
        tekst = diagnose.message_primary or ""
        if m := re.match(r"duration: ([0-9.]+) ms\s+plan:\n", tekst):
            self.plannen.append((float(m.group(1)), tekst[m.end() :]))

    def __enter__(self):
        from django.db import connection

        connection.ensure_connection()
        connection.connection.add_notice_handler(self._notitie)
        with connection.cursor() as cursor:
            cursor.execute("LOAD 'auto_explain'")
            cursor.execute(f"SET auto_explain.log_min_duration = '{int(self.grens_ms)}ms'")
            cursor.execute("SET auto_explain.log_analyze = on")
            cursor.execute("SET auto_explain.log_buffers = on")
            cursor.execute("SET auto_explain.log_level = notice")
            cursor.execute("SET client_min_messages = notice")
        return self

    def __exit__(self, *exc):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SET auto_explain.log_min_duration = -1")
            cursor.execute("RESET client_min_messages")
        connection.connection.remove_notice_handler(self._notitie)

    def toon_traagste(self, kop: str) -> None:
        if not self.plannen:
            print(f"{kop}: geen statement boven {self.grens_ms} ms")
            return
        duur, plan = max(self.plannen)
        print(
            f"{kop}: EXPLAIN ANALYZE van het traagste statement ({duur:.1f} ms; {len(self.plannen)} boven {self.grens_ms} ms)"
        )
        for regel in plan.splitlines():
            print(f"    {regel}")


def postgres_cpu() -> float:
    """CPU seconds of all of PostgreSQL on this machine so far: every running postgres process,
    and the backends that have ended (their parent, the postmaster, counts them once it has
    reaped them). For work spread over several connections, such as an import in several
    processes; it includes whatever else the server does (autovacuum). 0 when the server is not
    on this machine."""
    tik = os.sysconf("SC_CLK_TCK")
    totaal = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            kop, rest = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        if not kop.endswith("(postgres"):
            continue
        velden = rest.split()
        totaal += int(velden[11]) + int(velden[12])
        if velden[1] == "1" or not _is_postgres(velden[1]):  # the postmaster: its reaped children too
            totaal += int(velden[13]) + int(velden[14])
    return totaal / tik


def _is_postgres(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip() == "postgres"
    except OSError:
        return False


def backend_cpu() -> float:
    """CPU seconds (user + system) the PostgreSQL backend of Django's connection used so far;
    0 when the server is not on this machine. With the process's own CPU time it is what the
    work costs, however busy the shared machine is."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def belasting() -> float:
    """The load average over the last minute: how busy the shared machine was."""
    return round(os.getloadavg()[0], 2)


def json_regel(figuren: dict) -> None:
    """The last line of every benchmark."""
    print(json.dumps(figuren, ensure_ascii=False), flush=True)


def database_opnieuw(url: str) -> None:
    """Drop and create the PostgreSQL database of `url` (a benchmark that fills its own); refused
    while another session uses it."""
    import psycopg

    deel = urlparse(url)
    naam = deel.path.lstrip("/")
    beheer = urlunparse(deel._replace(path="/postgres"))
    with psycopg.connect(beheer, autocommit=True) as verbinding:
        anderen = verbinding.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [naam]
        ).fetchone()[0]
        if anderen:
            sys.exit(f"Database {naam} is in gebruik door {anderen} andere sessie(s); niet verwijderd.")
        verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}"')
        verbinding.execute(f'CREATE DATABASE "{naam}"')
