"""Benchmark of a declaration (JW323) of N prestaties, judged and answered with a JW325 (PostgreSQL).

Usage, from the repository root (PostgreSQL on 127.0.0.1:5432, user postgres, trust; the XSDs of
the iStandaarden in CASUSREGIE_ISTANDAARDEN):

    CASUSREGIE_ISTANDAARDEN=../shared/istandaarden \\
        .venv/bin/python bench/declaraties.py --prestaties 10000 [--database bench_declaraties] [--opruimen]

It drops and recreates the database, migrates it, and writes in bulk (not through the services:
the register is not what is measured) the catalogue with its aanbieders and contracts, N inwoners
and N granted toewijzingen of 6 uur per week at one aanbieder, decided before the month declared.
Then it builds one 323 (lxml, as an aanbieder would send it) with one prestatie per toewijzing for
last month, every one of which passes every check, and measures on the same file:

1. baseline: the file only parsed and validated against JW323.xsd (`xsd.lees_xml` + the schema);
2. `berichten.services.ontvang(file)`: the XSD, every check of every prestatie, the prestaties
   stored, the 325 built and validated against its XSD, in one transaction; its queries counted.

Target: 10,000 prestaties in under 10 seconds. On a shared machine the wall clock depends on
what else runs, so it also gives the CPU time the work itself used (this process plus its
PostgreSQL backend, `cpu_s`) and the load average before and after. It checks that every prestatie was approved (a
rejected one takes a shorter way). The last line is one JSON object: {"prestaties",
"verwerking_s", "per_prestatie_ms", "baseline_s", "queries"}. `--opruimen` drops the database at
the end (a database called bench_…).
"""

import argparse
import datetime
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import meten
import vulling

PRODUCT = "45A65"  # Jeugdwet, per uur


def vul(aantal: int, maand: datetime.date):
    """`aantal` inwoners, each with a granted toewijzing that runs from two months before `maand`."""
    from django.contrib.auth import get_user_model

    from indicaties.models import Indicatie, Inwoner

    producten, aanbieders = vulling.catalogus()
    product, aanbieder = producten[PRODUCT], aanbieders[0]
    consulent = get_user_model().objects.create(username="bench-consulent")
    bsns = vulling.geldige_bsns(aantal)
    inwoners = Inwoner.objects.bulk_create(
        [
            Inwoner(bsn=bsn, voornaam="Test", achternaam=f"Inwoner {i}", geboortedatum=datetime.date(2012, 5, 1))
            for i, bsn in enumerate(bsns)
        ],
        batch_size=2000,
    )
    ingang = (maand - datetime.timedelta(days=40)).replace(day=1)
    Indicatie.objects.bulk_create(
        [
            Indicatie(
                inwoner=inwoner,
                product=product,
                aanbieder=aanbieder,
                volume=Decimal(6),
                eenheid="uur",
                frequentie="per_week",
                ingangsdatum=ingang,
                einddatum=ingang.replace(year=ingang.year + 1) - datetime.timedelta(days=1),
                consulent=consulent,
                status="toegewezen",
                geschatte_kosten=Decimal("10000.00"),
                toewijzingnummer=i + 1,
            )
            for i, inwoner in enumerate(inwoners)
        ],
        batch_size=2000,
    )
    # Decided on the ingangsdatum (auto_now_add wrote today).
    beslist = datetime.datetime.combine(ingang, datetime.time(9), tzinfo=datetime.UTC)
    Indicatie.objects.update(aangemaakt=beslist)
    return aanbieder, product, [(i + 1, bsn) for i, bsn in enumerate(bsns)]


def bouw_323(aanbieder, tarief: Decimal, toewijzingen: list, maand: datetime.date) -> bytes:
    from lxml import etree

    from berichten import opbouw

    eind = (maand + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    dagen = (eind - maand).days + 1
    volume = 6 * dagen // 7  # hours that fit 6 per week in this month
    bedrag = int(tarief * 100) * volume
    doc = opbouw.Opbouw("JW323")
    doc.header(afzender=aanbieder.agb_code, ontvanger=opbouw.gemeentecode(), identificatie="BENCH1", dagtekening=eind)
    declaratie = doc.el(doc.wortel, "Declaratie")
    doc.el(declaratie, "DeclaratieNummer", "BENCH1")
    periode = doc.el(declaratie, "DeclaratiePeriode")
    doc.basis(periode, "Begindatum", maand.isoformat())
    doc.basis(periode, "Einddatum", eind.isoformat())
    doc.el(declaratie, "DeclaratieDagtekening", eind.isoformat())
    totaal = doc.el(declaratie, "TotaalIngediendBedrag")
    doc.basis(totaal, "TotaalBedrag", bedrag * len(toewijzingen))
    doc.basis(totaal, "DebetCredit", "D")
    clienten = doc.el(declaratie, "Clienten")
    for nummer, bsn in toewijzingen:
        client = doc.el(clienten, "Client")
        doc.el(client, "Bsn", bsn)
        p = doc.el(doc.el(client, "Prestaties"), "Prestatie")
        doc.basis(doc.el(p, "ProductReferentie"), "ReferentieNummer", f"B{nummer:010d}")
        doc.el(p, "ToewijzingNummer", nummer)
        doc.el(p, "ProductCategorie", "45")
        doc.el(p, "ProductCode", PRODUCT)
        pp = doc.el(p, "ProductPeriode")
        doc.basis(pp, "Begindatum", maand.isoformat())
        doc.basis(pp, "Einddatum", eind.isoformat())
        doc.el(p, "GeleverdVolume", volume)
        doc.el(p, "Eenheid", "04")
        doc.el(p, "ProductTarief", int(tarief * 100))
        b = doc.el(p, "IngediendBedrag")
        doc.basis(b, "Bedrag", bedrag)
        doc.basis(b, "DebetCredit", "D")
    return etree.tostring(doc.wortel, xml_declaration=True, encoding="UTF-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prestaties", type=int, default=10_000, help="prestaties in de declaratie")
    parser.add_argument("--database", default="bench_declaraties")
    parser.add_argument("--opruimen", action="store_true", help="de database na afloop verwijderen")
    args = parser.parse_args()

    vulling.bereid_voor(args.database)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from berichten import services, xsd
    from berichten.models import Prestatie
    from indicaties.models import Tarief

    vandaag = vulling.vandaag()
    maand = (vandaag.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)  # last month
    start = time.perf_counter()
    aanbieder, product, toewijzingen = vul(args.prestaties, maand)
    tarief = Tarief.objects.filter(product=product, geldig_van__lte=maand).order_by("-geldig_van").first().bedrag
    data = bouw_323(aanbieder, tarief, toewijzingen, maand)
    vulling.psql(args.database, "VACUUM ANALYZE")
    print(f"gevuld in {time.perf_counter() - start:.1f} s; bericht {len(data) / 1e6:.1f} MB", flush=True)

    start = time.perf_counter()
    schema = xsd.schema("JW323")
    assert schema.fouten(xsd.lees_xml(data)) == []
    baseline = time.perf_counter() - start

    belasting_voor = meten.belasting()
    cpu_voor = time.process_time() + meten.backend_cpu()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        bericht = services.ontvang(data)
    verwerking = time.perf_counter() - start
    cpu = time.process_time() + meten.backend_cpu() - cpu_voor
    toegekend = Prestatie.objects.filter(status="toegekend").count()
    assert toegekend == args.prestaties, f"{toegekend} van {args.prestaties} toegekend: {bericht.retourcodes}"

    for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:5]:
        print(f"{float(q['time']) * 1000:8.1f} ms  {meten.kort(q['sql'])}", flush=True)
    print(vulling.machine(), flush=True)

    if args.opruimen:
        vulling.verwijder(args.database)
    meten.json_regel(
        {
            "prestaties": args.prestaties,
            "verwerking_s": round(verwerking, 3),
            "per_prestatie_ms": round(verwerking * 1000 / args.prestaties, 3),
            "baseline_s": round(baseline, 3),
            "queries": len(queries),
            "cpu_s": round(cpu, 3),
            "belasting": [belasting_voor, meten.belasting()],
        }
    )


if __name__ == "__main__":
    main()
