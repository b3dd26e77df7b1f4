"""Benchmark: registering indicaties through the API under load, on a register of N indicaties.

Usage, from the repository root (PostgreSQL on 127.0.0.1:5432, user postgres, trust):

    .venv/bin/python bench/registratie_onder_last.py --indicaties 1000000 [--clients 8] [--duur 60]
        [--workers N] [--poort 8765] [--database bench_prestaties] [--lopend 100000] [--opnieuw]

Reuses the database of the other benches when it holds the indicaties, else creates and fills
it (bench/vulling.py). Starts gunicorn on 127.0.0.1 (sync workers, one per CPU by default: on
2 CPUs 2 workers gave more throughput and lower latency than 3, 5 or 8; settings
`bench.instellingen`: the product without debug, plus the bench-only baseline view of
bench/urls.py), then runs two phases of `--duur` seconds with `--clients` threads, each
sending one request after the other (http.client, a new connection per request):

1. baseline: `GET /bench/een-rij/?id=<inwoner>`: a plain Django view returning one row as JSON;
2. `POST /api/v1/indicaties/` with a valid indicatie (6 hours a week of 02A01 or 45C02, from
   1-30 days ahead, 5 months, one goal) as the inwoner's regisseur (token; need to know), each
   for an inwoner of its own that the bench added before (`nieuwe_inwoners`): a registration for
   an inwoner with care could break a rule by chance (a continuation whose evaluation is open, an
   overlap with a toewijzing of the same product, `toewijzing_overlapt`) and be refused rightly,
   which is no figure of the registration; then the same on a gunicorn whose requests discard
   their processing log (bench/instellingen_zonder_log.py).

Each phase starts with 5 s of warm-up that is not counted. Prints throughput, median, p95, p99
and errors (any status other than the expected one, or no answer) of both, and their ratio.
Targets (issues 8 and 17): p95 < 150 ms, 0 errors, with a million indicaties present. The last
line is one JSON object: {"clients", "p95_ms", "baseline_p95_ms", "per_seconde", "fouten", ...}.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import meten
import vulling

OPWARMEN = 5.0


# Registrations per second the pool of new inwoners is made for, with room to spare (a million
# indicaties on two cores: about 110).
HOOGSTENS_PER_SECONDE = 250


def nieuwe_inwoners(aantal: int, regisseurs: list) -> list[tuple[str, int]]:
    """`aantal` inwoners without care, their BSNs after the highest there is, spread over the
    regisseurs (bulk, numbered as a bulk write must be); returns (id, regisseur id) of each."""
    from django.db.models import Max

    from indicaties.models import Inwoner, nummers_toekennen

    hoogste = int(Inwoner.objects.aggregate(m=Max("bsn"))["m"] or 100_000_000)
    nieuw = [
        Inwoner(
            bsn=bsn,
            voornaam="Bench",
            achternaam=f"Inwoner {bsn}",
            geboortedatum=datetime.date(1960, 1, 1),
            regisseur_id=regisseurs[n % len(regisseurs)],
        )
        for n, bsn in enumerate(vulling.geldige_bsns(aantal, hoogste + 1))
    ]
    Inwoner.objects.bulk_create(nieuw, batch_size=2000)
    nummers_toekennen()
    return [(str(i.pk), i.regisseur_id) for i in nieuw]


def belast(poort: int, clients: int, duur: float, maak_verzoek, verwacht: int) -> dict:
    """`clients` threads send requests for `duur` seconds; returns latencies and errors."""
    stop = threading.Event()
    meten = threading.Event()
    tijden: list[float] = []
    fouten: Counter = Counter()
    slot = threading.Lock()

    def client(nummer: int) -> None:
        rnd = random.Random()  # a new choice of inwoners every run: the bench adds up over runs otherwise
        while not stop.is_set():
            methode, pad, body, headers = maak_verzoek(rnd)
            start = time.perf_counter()
            try:
                verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
                verbinding.request(methode, pad, body=body, headers=headers)
                antwoord = verbinding.getresponse()
                inhoud = antwoord.read()
                verbinding.close()
                status = antwoord.status
            except OSError as exc:
                status, inhoud = type(exc).__name__, b""
            duur_verzoek = time.perf_counter() - start
            if not meten.is_set():
                continue
            with slot:
                tijden.append(duur_verzoek)
                if status != verwacht:
                    fouten[status] += 1
                    if sum(fouten.values()) <= 3:
                        print(f"    fout {status}: {inhoud[:300]!r}", flush=True)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    time.sleep(OPWARMEN)
    meten.set()
    start = time.perf_counter()
    time.sleep(duur)
    stop.set()
    verstreken = time.perf_counter() - start
    for t in threads:
        t.join()
    tijden.sort()
    return {
        "aantal": len(tijden),
        "per_seconde": len(tijden) / verstreken,
        "mediaan": statistics.median(tijden) * 1000,
        "p95": tijden[int(len(tijden) * 0.95) - 1] * 1000,
        "p99": tijden[int(len(tijden) * 0.99) - 1] * 1000,
        "max": tijden[-1] * 1000,
        "fouten": dict(fouten),
    }


def cpu_seconden(gunicorn_pgid: int) -> float:
    """CPU time used so far by the gunicorn master and workers (one process group): what a
    request costs the application, however busy the shared machine is."""
    tik = os.sysconf("SC_CLK_TCK")
    totaal = 0.0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            velden = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(velden[2]) == gunicorn_pgid:
            totaal += (int(velden[11]) + int(velden[12])) / tik
    return totaal


def start_gunicorn(poort: int, workers: int, instellingen: str = "bench.instellingen") -> subprocess.Popen:
    omgeving = dict(os.environ, DJANGO_SETTINGS_MODULE=instellingen)
    proces = subprocess.Popen(
        [
            str(vulling.REPO / ".venv" / "bin" / "gunicorn"),
            "casusregie.wsgi:application",
            "--bind",
            f"127.0.0.1:{poort}",
            "--workers",
            str(workers),
            "--chdir",
            str(vulling.REPO),
            "--log-level",
            "warning",
        ],
        env=omgeving,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=2)
            verbinding.request("GET", "/api/v1/")
            verbinding.getresponse().read()
            return proces
        except OSError:
            time.sleep(0.2)
    proces.kill()
    raise SystemExit("gunicorn start niet")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duur", type=float, default=60)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count(), help="gunicorn sync workers (standaard: één per CPU)"
    )
    parser.add_argument("--poort", type=int, default=8765)
    parser.add_argument("--database", default="bench_prestaties")
    parser.add_argument("--indicaties", type=int, default=100_000)
    parser.add_argument("--lopend", type=int, default=None, help="bij opnieuw vullen: waarvan lopend")
    parser.add_argument("--opnieuw", action="store_true", help="database altijd opnieuw vullen")
    parser.add_argument("--opruimen", action="store_true", help="de database na afloop verwijderen")
    args = parser.parse_args()
    load_voor = meten.belasting()

    vulling.gevulde_database(
        args.database, args.indicaties, settings_module="bench.instellingen", opnieuw=args.opnieuw, lopend=args.lopend
    )
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from indicaties.models import Aanbieder, Indicatie, Inwoner

    consulenten = list(get_user_model().objects.filter(groups__name="consulent"))
    tokens = {c.pk: Token.objects.get_or_create(user=c)[0].key for c in consulenten}
    # Need to know: each registration is made by the inwoner's regisseur, whose caseload it is in.
    paren = [
        (str(i), tokens[r])
        for i, r in Inwoner.objects.filter(wlz_indicatie=False, regisseur__in=list(tokens)).values_list(
            "id", "regisseur_id"
        )
    ]
    inwoners = [i for i, _ in paren]
    nieuw = nieuwe_inwoners(int(HOOGSTENS_PER_SECONDE * (args.duur + OPWARMEN) * 2) + 100, list(tokens))
    ongebruikt = iter([(i, tokens[r]) for i, r in nieuw])
    pak = threading.Lock()
    aanbieders = [str(a) for a in Aanbieder.objects.values_list("id", flat=True)]
    vandaag = vulling.vandaag()
    voor = Indicatie.objects.count()
    begonnen = timezone.now()
    connection.close()

    def een_rij(rnd):
        return "GET", f"/bench/een-rij/?id={rnd.choice(inwoners)}", None, {}

    def registreer(rnd):
        ingang = vandaag + datetime.timedelta(days=rnd.randint(1, 30))
        with pak:
            inwoner, token = next(ongebruikt)
        body = {
            "inwoner": inwoner,
            "product": rnd.choice(["02A01", "45C02"]),
            "aanbieder": rnd.choice(aanbieders),
            "volume": "6",
            "eenheid": "uur",
            "frequentie": "per_week",
            "ingangsdatum": ingang.isoformat(),
            "einddatum": (ingang + datetime.timedelta(days=150)).isoformat(),
            "doelen": [{"omschrijving": "Zelfstandig boodschappen doen.", "leefgebied": "instrumentele_adl"}],
        }
        headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        return "POST", "/api/v1/indicaties/", json.dumps(body), headers

    proces = start_gunicorn(args.poort, args.workers)
    try:
        print(f"Baseline: {args.clients} clients, {args.duur:.0f} s ...", flush=True)
        voor_cpu = cpu_seconden(proces.pid)
        basis = belast(args.poort, args.clients, args.duur, een_rij, 200)
        tussen_cpu = cpu_seconden(proces.pid)
        print(f"Registreren: {args.clients} clients, {args.duur:.0f} s ...", flush=True)
        api = belast(args.poort, args.clients, args.duur, registreer, 201)
        na_cpu = cpu_seconden(proces.pid)
    finally:
        os.killpg(proces.pid, signal.SIGTERM)
        proces.wait(timeout=30)
    # The same registrations without the processing log, next to it in the same run.
    proces = start_gunicorn(args.poort + 1, args.workers, "bench.instellingen_zonder_log")
    try:
        print(f"Registreren zonder verwerkingenlog: {args.clients} clients, {args.duur:.0f} s ...", flush=True)
        zonder_begin_cpu = cpu_seconden(proces.pid)
        zonder_log = belast(args.poort + 1, args.clients, args.duur, registreer, 201)
        zonder_eind_cpu = cpu_seconden(proces.pid)
    finally:
        os.killpg(proces.pid, signal.SIGTERM)
        proces.wait(timeout=30)

    nieuw = Indicatie.objects.count() - voor
    per_status = Counter(Indicatie.objects.filter(aangemaakt__gte=begonnen).values_list("status", flat=True))
    print()
    print(f"Machine: {vulling.machine()}")
    print(f"gunicorn {args.workers} sync workers op 127.0.0.1:{args.poort}; {voor} indicaties vooraf, {nieuw} erbij")
    print(f"  nieuwe indicaties per status: {dict(per_status)}")
    print()
    print(f"{'meting':42} {'per s':>7} {'mediaan':>8} {'p95':>8} {'p99':>8} {'max':>8} {'aantal':>7}  fouten")
    for naam, m in (
        ("baseline: GET één rij (Django-view)", basis),
        ("POST /api/v1/indicaties/", api),
        ("  idem zonder verwerkingenlog", zonder_log),
    ):
        print(
            f"{naam:42} {m['per_seconde']:7.1f} {m['mediaan']:6.1f}ms {m['p95']:6.1f}ms {m['p99']:6.1f}ms"
            f" {m['max']:6.0f}ms {m['aantal']:>7}  {m['fouten'] or 0}"
        )
    # Per request that was counted; the warm-up requests are in the CPU time too, so it is
    # spread over the requests of warm-up and measurement alike (same rate assumed).
    for naam, m, cpu_begin, cpu_eind in (
        ("baseline", basis, voor_cpu, tussen_cpu),
        ("registreren", api, tussen_cpu, na_cpu),
        ("registreren zonder verwerkingenlog", zonder_log, zonder_begin_cpu, zonder_eind_cpu),
    ):
        verzoeken = m["aantal"] * (args.duur + OPWARMEN) / args.duur
        per_verzoek = (cpu_eind - cpu_begin) / verzoeken
        print(
            f"  CPU van gunicorn per verzoek, {naam}: {per_verzoek * 1000:.1f} ms"
            f" (plafond met {os.cpu_count()} vrije CPU's: {os.cpu_count() / per_verzoek:.0f} per s)"
        )
    print()
    print(
        f"registreren / baseline: mediaan {api['mediaan'] / basis['mediaan']:.1f}x, p95 {api['p95'] / basis['p95']:.1f}x,"
        f" doorvoer {basis['per_seconde'] / api['per_seconde']:.1f}x lager"
    )
    print(
        f"met / zonder verwerkingenlog: mediaan {api['mediaan'] / zonder_log['mediaan']:.2f}x,"
        f" p95 {api['p95'] / zonder_log['p95']:.2f}x"
    )
    for naam, gehaald in (("p95 < 150 ms", api["p95"] < 150), ("0 fouten", not api["fouten"])):
        print(f"  {'gehaald    ' if gehaald else 'NIET gehaald'}  {naam}")
    if args.opruimen:
        vulling.verwijder(args.database)
    meten.json_regel(
        {
            "clients": args.clients,
            "p95_ms": round(api["p95"], 1),
            "baseline_p95_ms": round(basis["p95"], 1),
            "zonder_log_p95_ms": round(zonder_log["p95"], 1),
            "per_seconde": round(api["per_seconde"], 1),
            "fouten": sum(api["fouten"].values()),
            "indicaties": voor,
            "mediaan_ms": round(api["mediaan"], 1),
            "baseline_per_seconde": round(basis["per_seconde"], 1),
            "workers": args.workers,
            "duur_s": args.duur,
            "load_voor": load_voor,
            "load_na": meten.belasting(),
        }
    )


if __name__ == "__main__":
    main()
