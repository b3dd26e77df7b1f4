"""Benchmark of N start messages (JW305) through the exchange folder, next to only reading them.

Usage, from the repository root (PostgreSQL reachable, the user may create databases; the
official XSDs installed):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_startberichten \\
    CASUSREGIE_ISTANDAARDEN=/pad/naar/istandaarden \\
        .venv/bin/python bench/startberichten.py --berichten 10000 [--profiel] [--opruimen]

It (re)creates the database of DATABASE_URL (dropped first, refused while other sessions are
connected to it), migrates it, and creates in bulk the catalogue, 60 aanbieders with their
contracts and the users (bench/vulling.py), then N inwoners, each with one granted Jeugdwet
indicatie (a toewijzing with its ToewijzingNummer, started a month ago) and the accepted JW301
that carried it. It writes N JW305 start messages, one per toewijzing and as an aanbieder sends
them (built with lxml, valid against the XSD), into `in/` of a temporary exchange folder, and
measures in the same run:

1. baseline: every file only read and validated against its XSD (control level 1, the part of
   the work that does not depend on this service);
2. `manage.py berichten_uitwisselen --map DIR`: every file read as the API does (one transaction
   per message: the start recorded on the indicatie with its history, a JW306 written), then
   every JW306 written to `uit/` and marked sent.

It checks that every message was processed and every indicatie has its start. `--profiel`
prints where the exchange spends its time (cProfile, the 25 costliest functions; that run is
slower). The last line is one JSON object: {"berichten", "verwerking_s", "per_bericht_ms",
"baseline_s", ...}.
"""

import argparse
import datetime
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import meten  # noqa: E402
import vulling  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casusregie.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

PRODUCT = "45C02"  # a Jeugdwet product of the catalogue: the messages are iJw


def _database_weg(url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    deel = urlparse(url)
    with psycopg.connect(urlunparse(deel._replace(path="/postgres")), autocommit=True) as verbinding:
        verbinding.execute(f'DROP DATABASE IF EXISTS "{deel.path.lstrip("/")}" WITH (FORCE)')


def vul(aantal: int, vandaag: datetime.date) -> list:
    """N inwoners, each with a granted toewijzing (ToewijzingNummer) at one of the aanbieders and
    the accepted JW301 that carried it; returns the indicaties."""
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from berichten import opbouw
    from berichten.models import Bericht, BerichtStatus, Richting
    from berichten.toewijzing import stand
    from indicaties.models import Indicatie, IndicatieStatus, Inwoner
    from indicaties.services.vastleggen import reserveer_toewijzingnummers

    with transaction.atomic():
        gebruikers = vulling.gebruikers()
        producten, aanbieders = vulling.catalogus()
        consulenten = gebruikers["consulent"]
        inwoners = Inwoner.objects.bulk_create(
            [
                Inwoner(
                    bsn=bsn,
                    voornaam="Noor",
                    achternaam=f"Startbericht{n}",
                    geboortedatum=datetime.date(2012, 1, 1) + datetime.timedelta(days=n % 2000),
                    regisseur=consulenten[n % len(consulenten)],
                )
                for n, bsn in enumerate(vulling.geldige_bsns(aantal, begin=300_000_000))
            ],
            batch_size=2000,
        )
        ingang = vandaag - datetime.timedelta(days=30)
        product = producten[PRODUCT]
        indicaties = Indicatie.objects.bulk_create(
            [
                Indicatie(
                    inwoner=inwoner,
                    product=product,
                    aanbieder=aanbieders[n % len(aanbieders)],
                    volume=Decimal("4"),
                    eenheid="uur",
                    frequentie="per_week",
                    ingangsdatum=ingang,
                    einddatum=ingang + datetime.timedelta(days=180),
                    consulent=inwoner.regisseur,
                    status=IndicatieStatus.TOEGEWEZEN,
                    uren_per_week=Decimal("4"),
                    geschatte_kosten=Decimal("6200.00"),
                    toewijzingnummer=nummer,
                )
                for n, (inwoner, nummer) in enumerate(zip(inwoners, reserveer_toewijzingnummers(aantal), strict=True))
            ],
            batch_size=2000,
        )
        verzonden = timezone.now() - datetime.timedelta(days=30)
        # What the 301 said of each toewijzing: the next save of the indicatie compares with it
        # (berichten.toewijzing); the same per aanbieder here, since only the aanbieder differs.
        standen = {}
        for i in indicaties:
            if i.aanbieder_id not in standen:
                standen[i.aanbieder_id] = stand(i) | {
                    "toewijzingsdatum": ingang.isoformat(),
                    "toewijzingstijd": "09:00:00",
                }
        Bericht.objects.bulk_create(
            [
                Bericht(
                    soort="JW301",
                    richting=Richting.UIT,
                    status=BerichtStatus.GEACCEPTEERD,
                    aanbieder_id=i.aanbieder_id,
                    inwoner_id=i.inwoner_id,
                    afzender=opbouw.gemeentecode(),
                    ontvanger=i.aanbieder.agb_code,
                    bericht_identificatie=f"CR{n + 1:010d}",
                    dagtekening=ingang,
                    xml="",
                    inhoud={"toewijzingen": {str(i.toewijzingnummer): standen[i.aanbieder_id]}},
                    verzonden_op=verzonden,
                )
                for n, i in enumerate(indicaties)
            ],
            batch_size=2000,
        )
    return indicaties


def startbericht(indicatie, nummer: int, begindatum: datetime.date, dagtekening: datetime.date) -> bytes:
    """The JW305 the aanbieder of `indicatie` sends: care started on `begindatum`."""
    from berichten import opbouw

    doc = opbouw.Opbouw("JW305")
    doc.header(
        afzender=indicatie.aanbieder.agb_code,
        ontvanger=opbouw.gemeentecode(),
        identificatie=f"ST{nummer:010d}",
        dagtekening=dagtekening,
    )
    client = doc.el(doc.wortel, "Client")
    doc.el(client, "Bsn", indicatie.inwoner.bsn)
    geboren = doc.el(client, "Geboortedatum")
    doc.basis(geboren, "Datum", indicatie.inwoner.geboortedatum.isoformat())
    doc.el(client, "Geslacht", "0")
    naam = doc.el(client, "Naam")
    doc.basis(doc.basis(naam, "Geslachtsnaam"), "Achternaam", indicatie.inwoner.achternaam)
    product = doc.el(doc.el(client, "StartProducten"), "StartProduct")
    doc.el(product, "ToewijzingNummer", indicatie.toewijzingnummer)
    doc.el(product, "Begindatum", begindatum.isoformat())
    doc.el(product, "StatusAanlevering", "1")
    return doc.klaar().encode("utf-8")


def baseline(bestanden: list[Path]) -> float:
    """Every file read and validated against its XSD, nothing more."""
    from berichten import xsd

    start = time.perf_counter()
    for pad in bestanden:
        boom = xsd.lees_xml(pad.read_bytes())
        assert not xsd.schema(xsd.soort_van(boom)).fouten(boom), pad
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--berichten", type=int, default=10_000, help="aantal startberichten (JW305)")
    parser.add_argument("--profiel", action="store_true", help="cProfile van de uitwisseling")
    parser.add_argument("--opruimen", action="store_true", help="de database na afloop verwijderen")
    args = parser.parse_args()
    load_voor = meten.belasting()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(
            "Zet DATABASE_URL op een PostgreSQL-database, bijvoorbeeld "
            "postgres://postgres@127.0.0.1:5432/bench_startberichten"
        )
    meten.database_opnieuw(url)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from berichten import xsd

    if xsd.map_istandaarden() is None:
        sys.exit(xsd.XSD_ONTBREEKT)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0, interactive=False)

    from basis import clock

    vandaag = clock.today()
    start = time.perf_counter()
    indicaties = vul(args.berichten, vandaag)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"Gevuld: {len(indicaties):,} toewijzingen in {time.perf_counter() - start:.1f} s", flush=True)

    with tempfile.TemporaryDirectory(prefix="casusregie-startberichten-") as tijdelijk:
        map_ = Path(tijdelijk)
        (map_ / "in").mkdir()
        start = time.perf_counter()
        begin = vandaag - datetime.timedelta(days=28)
        bestanden = []
        for n, indicatie in enumerate(indicaties, start=1):
            pad = map_ / "in" / f"JW305_{indicatie.aanbieder.agb_code}_{n:07d}.xml"
            pad.write_bytes(startbericht(indicatie, n, begin, vandaag))
            bestanden.append(pad)
        megabytes = sum(p.stat().st_size for p in bestanden) / 1e6
        print(f"Geschreven: {len(bestanden):,} berichten ({megabytes:.1f} MB) in {time.perf_counter() - start:.1f} s")

        basis = baseline(bestanden)
        print(f"Baseline (lezen en XSD-validatie): {basis:.2f} s", flush=True)

        teller = meten.Teller()
        profiler = None
        if args.profiel:
            import cProfile

            profiler = cProfile.Profile()
        uitvoer = io.StringIO()
        pg_voor, cpu_voor = meten.backend_cpu(), time.process_time()
        with connection.execute_wrapper(teller):
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            call_command("berichten_uitwisselen", "--map", str(map_), stdout=uitvoer)
            if profiler:
                profiler.disable()
            duur = time.perf_counter() - start
        cpu, pg_cpu = time.process_time() - cpu_voor, meten.backend_cpu() - pg_voor
        uit = len(list((map_ / "uit").glob("*.xml")))
        geweigerd = len(list((map_ / "geweigerd").glob("*.xml")))

    from berichten.models import Bericht
    from indicaties.models import Indicatie

    gestart = Indicatie.objects.filter(zorg_gestart_op=begin).count()
    verwerkt = Bericht.objects.filter(soort="JW305", status="verwerkt").count()
    print()
    print(f"Machine: {vulling.machine()}")
    print(f"Uitwisseling: {uitvoer.getvalue().strip()}")
    print(f"  {verwerkt:,} JW305 verwerkt, {gestart:,} indicaties met hun start, {uit:,} JW306 in uit/")
    print(f"  {duur:.2f} s, {duur / args.berichten * 1000:.1f} ms per bericht, {teller.aantal:,} statements")
    print(
        f"  CPU van dit proces {cpu:.1f} s, van de PostgreSQL-backend {pg_cpu:.1f} s, SQL-wachttijd {teller.seconden:.1f} s"
    )
    print(f"  baseline (lezen en XSD-validatie): {basis:.2f} s, {basis / args.berichten * 1000:.2f} ms per bericht")
    teller.toon_traagste("uitwisseling")
    if profiler:
        import pstats

        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    if verwerkt != args.berichten or gestart != args.berichten or geweigerd or uit != args.berichten:
        print(f"NIET alles verwerkt: {verwerkt} verwerkt, {gestart} gestart, {geweigerd} geweigerd, {uit} retour")
    figuren = {
        "berichten": args.berichten,
        "verwerking_s": round(duur, 2),
        "per_bericht_ms": round(duur / args.berichten * 1000, 2),
        "baseline_s": round(basis, 2),
        "queries": teller.aantal,
        "queries_per_bericht": round(teller.aantal / args.berichten, 1),
        "cpu_s": round(cpu, 1),
        "pg_cpu_s": round(pg_cpu, 1),
        "sql_s": round(teller.seconden, 1),
        "verwerkt": verwerkt,
        "geweigerd": geweigerd,
        "load_voor": load_voor,
        "load_na": meten.belasting(),
    }
    if args.opruimen:
        _database_weg(url)
    meten.json_regel(figuren)
    if verwerkt != args.berichten or gestart != args.berichten or geweigerd or uit != args.berichten:
        sys.exit(1)  # what was measured is not the work: a failure, also for bench/klein.py


if __name__ == "__main__":
    main()
