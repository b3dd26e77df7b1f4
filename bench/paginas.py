"""Every page and list endpoint of every role on a register of N indicaties (PostgreSQL): the
sweep that finds the pages whose cost grows with the register.

Usage, from the repository root (PostgreSQL on 127.0.0.1:5432, user postgres, trust):

    .venv/bin/python bench/paginas.py --indicaties 1000000 [--database bench_prestaties]
        [--herhalingen 3] [--grens-ms 250] [--opnieuw] [--opruimen]

Reuses the database of the other benches when it holds the indicaties, else creates and fills it
(bench/vulling.py). In-process through Django's test client, as consulent0, schakelteam0,
backoffice0, beleid0 and beheer0 (made staff for the admin), it asks every web page of the
role (werkvoorraad, inwoners, searches, a dossier, an indicatie, the forms, notificaties,
toetsing, the list behind a stuurinformatie figure), every API list and detail, and the admin's
lists, and times each `--herhalingen` times after one warm-up request; pages a role may not see
(403, 404, the admin's login) are left out. Next to them, the baseline of bench/lijsten.py: a plain Django view of
100 indicaties with their count. It prints every page, slowest first, and marks those over
`--grens-ms`. The fill has no schakelteam decisions: the schakelteam sees only the waiting
indicaties (see docs/performance.md for a run with decisions added). The schakelteam's pages are
asked once more when only `--wachtend` requests wait for it (5: the rest decided, in a
transaction that is rolled back afterwards; `schakelteam0*` in the list): a list of a small
caseload in a large register is where a page that walks the register in its own order would
read all of it to fill a page.

The last line is one JSON object: {"indicaties", "paginas", "traagste_ms", "traagste",
"mediaan_ms", "boven_grens", "baseline_ms", ...} (medians per page).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import meten
import vulling

ROLLEN = ["consulent0", "schakelteam0", "backoffice0", "beleid0", "beheer0"]


class _Terugdraaien(Exception):
    pass


def _paginas(consulent) -> tuple[list[str], list[str], list[str]]:
    """Web pages, API paths (under /api/v1/) and admin lists, with ids from consulent0's caseload."""
    from indicaties.models import Evaluatie, Halfjaarcheck, Indicatie, Inwoner

    inwoner = Inwoner.objects.filter(regisseur=consulent).order_by("id").first()
    indicatie = Indicatie.objects.filter(consulent=consulent, status="toegewezen").order_by("id").first()
    evaluatie = Evaluatie.objects.filter(indicatie__consulent=consulent, status="open").order_by("id").first()
    check = Halfjaarcheck.objects.filter(inwoner__regisseur=consulent, status="open").order_by("id").first()
    web = [
        "/",
        "/inwoners/",
        "/inwoners/?naam=Jansen",
        f"/inwoners/?bsn={inwoner.bsn}",
        f"/inwoners/{inwoner.pk}/",
        f"/inwoners/{inwoner.pk}/indicaties/nieuw/",
        f"/indicaties/{indicatie.pk}/",
        f"/indicaties/{indicatie.pk}/wijzigen/",
        *([f"/evaluaties/{evaluatie.pk}/afronden/"] if evaluatie else []),
        *([f"/halfjaarchecks/{check.pk}/afronden/"] if check else []),
        "/notificaties/",
        "/toetsing/",
        "/toetsing/feedback/",
        "/privacy/toegang/overzicht/",
        "/stuurinformatie/indicaties/",
        "/stuurinformatie/indicaties/?soort=actief_in_periode",
        "/stuurinformatie/declaraties/",
    ]
    api = [
        "inwoners",
        "indicaties",
        "evaluaties",
        "halfjaarchecks",
        "notificaties",
        "toetsingen",
        "schakelteam-adviezen",
        "aanbieders",
        "producten",
        f"inwoners/{inwoner.pk}",
        f"indicaties/{indicatie.pk}",
        f"indicaties/{indicatie.pk}/historie",
    ]
    admin = [
        "/admin/indicaties/indicatie/",
        "/admin/indicaties/inwoner/",
        "/admin/notifications/notificatie/",
        "/admin/privacy/verwerking/",
    ]
    return web, [f"/api/v1/{pad}/" for pad in api], admin


def meet(client, url: str, herhalingen: int) -> tuple[int, float, int]:
    """Status, median wall-clock time in ms and the number of statements of one request."""
    from django.db import connection

    client.get(url)
    teller, tijden = meten.Teller(bewaar=0), []
    for i in range(herhalingen):
        start = time.perf_counter()
        if i == 0:
            with connection.execute_wrapper(teller):
                antwoord = client.get(url)
        else:
            antwoord = client.get(url)
        tijden.append((time.perf_counter() - start) * 1000)
    return antwoord.status_code, statistics.median(tijden), teller.aantal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicaties", type=int, default=100_000)
    parser.add_argument("--database", default="bench_prestaties")
    parser.add_argument("--herhalingen", type=int, default=3)
    parser.add_argument("--grens-ms", type=float, default=250.0)
    parser.add_argument("--wachtend", type=int, default=5, help="schakelteam0*: zoveel wachtende aanvragen")
    parser.add_argument("--opnieuw", action="store_true", help="database altijd opnieuw vullen")
    parser.add_argument("--opruimen", action="store_true", help="de database na afloop verwijderen")
    args = parser.parse_args()
    load_voor = meten.belasting()

    vulling.gevulde_database(args.database, args.indicaties, settings_module="bench.instellingen", opnieuw=args.opnieuw)
    import logging

    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from casusregie.geheugen import richt_worker_in
    from indicaties.models import Indicatie

    logging.disable(logging.WARNING)  # the 403s and 404s of pages a role may not see
    richt_worker_in()
    gebruikers = get_user_model().objects
    gebruikers.filter(username="beheer0").update(is_staff=True)
    web, api, admin = _paginas(gebruikers.get(username="consulent0"))
    basis = meet(Client(), "/bench/honderd-indicaties/", args.herhalingen)[1]

    def alle_paginas(naam: str, label: str) -> None:
        gebruiker = gebruikers.get(username=naam)
        browser = Client()
        browser.force_login(gebruiker, backend="django.contrib.auth.backends.ModelBackend")
        token = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=gebruiker)[0].key}")
        for client, url in [(browser, u) for u in web + admin] + [(token, u) for u in api]:
            status, ms, queries = meet(client, url, args.herhalingen)
            if status >= 300:  # not this role's page (403, 404) or the admin's login (302)
                continue
            uitkomsten.append((ms, label, url, status, queries))

    uitkomsten = []
    for naam in ROLLEN:
        alle_paginas(naam, naam)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE indicaties_indicatie SET status = 'toegewezen' WHERE status = 'wacht_op_schakelteam'"
                " AND id NOT IN (SELECT id FROM indicaties_indicatie WHERE status = 'wacht_op_schakelteam'"
                " ORDER BY id LIMIT %s)",
                [args.wachtend],
            )
            cursor.execute("ANALYZE indicaties_indicatie")
            alle_paginas("schakelteam0", "schakelteam0*")
            raise _Terugdraaien
    except _Terugdraaien:
        pass

    aantal = Indicatie.objects.count()
    print(f"Machine: {vulling.machine()}")
    print(f"Database {args.database}: {aantal} indicaties; mediaan van {args.herhalingen} per pagina")
    print(f"baseline (Django-view, 100 indicaties met telling): {basis:.1f} ms")
    print(f"schakelteam0*: schakelteam0 met {args.wachtend} wachtende aanvragen (de rest besloten, teruggedraaid)")
    print(f"{'rol':13} {'pagina':64} {'status':>6} {'mediaan':>9} {'queries':>8}")
    uitkomsten.sort(reverse=True)
    for ms, naam, url, status, queries in uitkomsten:
        teken = "  <<< boven de grens" if ms > args.grens_ms else ""
        print(f"{naam:13} {url[:64]:64} {status:>6} {ms:7.1f}ms {queries:>8}{teken}")
    if args.opruimen:
        vulling.verwijder(args.database)
    traagste = uitkomsten[0]
    meten.json_regel(
        {
            "indicaties": aantal,
            "paginas": len(uitkomsten),
            "traagste_ms": round(traagste[0], 1),
            "traagste": f"{traagste[1]} {traagste[2]}",
            "mediaan_ms": round(statistics.median(u[0] for u in uitkomsten), 1),
            "boven_grens": sum(1 for u in uitkomsten if u[0] > args.grens_ms),
            "baseline_ms": round(basis, 1),
            "grens_ms": args.grens_ms,
            "load_voor": load_voor,
            "load_na": meten.belasting(),
        }
    )


if __name__ == "__main__":
    main()
