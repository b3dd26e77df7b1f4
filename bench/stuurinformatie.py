"""Benchmark of the stuurinformatie for one year over N indicaties, next to a plain COUNT(*).

Usage, from the repository root (PostgreSQL reachable, the user may create databases):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_stuurinformatie \\
        .venv/bin/python bench/stuurinformatie.py --aantal 100000 [--declaraties 1000000] [--jaar 2027] \\
        [--jaren 2] [--herhalingen 7] [--hergebruik] [--opruimen]

It (re)creates the database of DATABASE_URL (dropped first, refused while other sessions are
connected to it), migrates it, fills it in bulk (COPY, not the services: minutes, not hours)
with N indicaties spread over the `--jaren` years up to the measured year (2: the year before
and the measured year; 10: a big city's ten years, a tenth of them in the measured year), their evaluations,
signals, schakelteam decisions, bijstellingen and toetsing verdicts, and `--declaraties` declaration
rows (half-monthly, for the care of the granted indicaties, in one INSERT … SELECT, with the totals
per product, aanbieder and period the import keeps), runs VACUUM
ANALYZE, and then measures in the same run and on the same data:

1. baselines: `SELECT COUNT(*)` of the indicaties and of the declaraties;
2. `stuurinformatie.selectors.stuurinformatie(1-1, 31-12)`: every figure of the API for the year;
3. the overview page for the year as a beleid user (figures, tiles, trend lines, comparisons,
   template), through Django's test client; and the page with all tables;
4. the monthly report (PDF) for the year.

It measures as on `--vandaag` (default 15 January of the year after: the year's months are
closed), with the clock moved there. First the daily run's `maanden.bijwerken()` keeps the closed
months of the year, and the months of the year before are kept too (`bijwerken_s`, the months not
kept yet); then `dashboard_s` is the overview with
those kept months, `dashboard_live_s` the same counted live (as before kept months, the same day
and data), `dashboard_koud_s` the first call after an indicatie of the year changed (its months
are computed again; a different indicatie each time), `gefilterd_s` the overview for the biggest
aanbieder and `rapport_s` the PDF report.

Each is run once to warm up and then `--herhalingen` times; it prints the fastest and the median
wall-clock time, the number of queries and the ratio to the COUNT(*). On a shared machine the
wall clock depends on what else runs, so it also prints the CPU time the measurement itself used:
this Python process plus the PostgreSQL backend serving it (read from /proc, so only with the
server on this machine; parallel query is switched off for this session so that no worker's time
is missed). That is what the same work takes on an otherwise idle machine of this kind, serially.
It prints the load average too. Targets (issue 29): the overview for the year under 1 second warm
and under 3 seconds cold, also at a million indicaties; with one filter under 1 second; the report
under 2 seconds.
`--hergebruik` keeps an existing filled database and only measures; `--opruimen` drops it at the
end (a database called bench_…). The last line is one JSON object: {"aantal", "dashboard_s",
"api_s", "queries", "baseline_count_s", ...} (medians; "queries" of the overview page).
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import meten  # noqa: E402
import vulling  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casusregie.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

CENT = Decimal("0.01")
# (code, name, law, tariff per hour, code of the lighter variant): the seed-000 products.
PRODUCTEN = [
    ("02A01", "Begeleiding Individueel - ontwikkelen (Wmo)", "wmo", "58.20", None),
    ("02A02", "Begeleiding Individueel - ontwikkelen Plus (Wmo)", "wmo", "68.40", "02A01"),
    ("02A03", "Begeleiding Individueel - stabiliseren en helpen bij (Wmo)", "wmo", "55.20", None),
    ("02A04", "Begeleiding Individueel - stabiliseren en overnemen (Wmo)", "wmo", "58.80", "02A03"),
    ("02A05", "Begeleiding Individueel - stabiliseren en overnemen plus (Wmo)", "wmo", "67.20", "02A04"),
    ("03A01", "Dagbesteding (Wmo)", "wmo", "45.00", None),
    ("40G01", "Gezinshuiszorg (Wmo)", "wmo", "40.00", None),
    ("45C04", "Begeleiding Individueel - ontwikkelen (Jeugd)", "jeugdwet", "60.00", None),
    ("45C05", "Begeleiding Individueel - ontwikkelen Plus (Jeugd)", "jeugdwet", "78.00", "45C04"),
    ("45A65", "Behandeling Individueel - ontwikkelen (Jeugd)", "jeugdwet", "96.60", None),
    ("45A66", "Behandeling Individueel - ontwikkelen Plus (Jeugd)", "jeugdwet", "116.40", "45A65"),
    ("41A03", "Dagbehandeling (Jeugd)", "jeugdwet", "85.00", None),
]
SIGNALEN = [
    "spoed",
    "motivatie_zwaardere_variant",
    "verlenging",
    "zorgstapeling",
    "mogelijk_wlz",
    "schakelteam_drempel",
]


def _bsns():
    gewichten = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    n = 100_000_000
    while True:
        n += 1
        s = str(n)
        if sum(int(c) * w for c, w in zip(s, gewichten, strict=True)) % 11 == 0:
            yield s


def vul(aantal: int, jaar: int, rng: random.Random, jaren: int = 2) -> None:
    from dateutil.relativedelta import relativedelta
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from indicaties.models import (
        INWONERNUMMER_REEKS,
        Aanbieder,
        Evaluatie,
        Indicatie,
        IndicatieSignaal,
        Inwoner,
        Product,
        SchakelteamBeoordeling,
        Tarief,
    )
    from toetsing.models import Steekproef, Toetsing

    # Registration times are part of the data here, not "now".
    Indicatie._meta.get_field("aangemaakt").auto_now_add = False
    Indicatie._meta.get_field("gewijzigd").auto_now = False
    tz = timezone.get_default_timezone()
    begin = datetime.date(jaar - jaren + 1, 1, 1)
    dagen = (datetime.date(jaar, 12, 31) - begin).days + 1
    User = get_user_model()

    with transaction.atomic():
        consulenten = [
            User(username=f"consulent{i}", first_name=f"Consulent {i}", last_name="Voormekaar") for i in range(60)
        ]
        User.objects.bulk_create(consulenten)
        consulenten = list(User.objects.filter(username__startswith="consulent"))
        Group.objects.get(name="consulent").user_set.add(*consulenten)
        beoordelaar = User.objects.create(username="backoffice0")
        Group.objects.get(name="backoffice").user_set.add(beoordelaar)
        lid = User.objects.create(username="schakelteam0")
        aanbieders = Aanbieder.objects.bulk_create(
            [Aanbieder(naam=f"Zorgaanbieder {i:03d}", agb_code=f"{73000000 + i:08d}") for i in range(250)]
        )
        producten = {}
        for code, naam, wet, tarief, _ in PRODUCTEN:
            producten[code] = Product.objects.create(code=code, naam=naam, wet=wet, eenheid="uur")
            Tarief.objects.create(product=producten[code], geldig_van=datetime.date(2020, 1, 1), bedrag=Decimal(tarief))
        for code, _, _, _, licht in PRODUCTEN:
            if licht:
                producten[code].lichtere_variant = producten[licht]
                producten[code].save(update_fields=["lichtere_variant"])
        tarieven = {code: Decimal(t) for code, _, _, t, _ in PRODUCTEN}
        codes = [p[0] for p in PRODUCTEN]
        gewichten = [14, 6, 12, 7, 1, 8, 3, 16, 12, 6, 2, 3]

        bsn = _bsns()
        inwoners = [
            Inwoner(
                bsn=next(bsn),
                voornaam=f"Voornaam{i}",
                achternaam=f"Achternaam{i}",
                geboortedatum=datetime.date(1950, 1, 1) + datetime.timedelta(days=i % 20000),
                regisseur=consulenten[i % len(consulenten)],
                nummer=i + 1,
            )
            for i in range(max(1, aantal * 6 // 10))
        ]
        vulling.kopieer(Inwoner, inwoners)
        with connection.cursor() as cursor:  # the next registration's number follows these
            cursor.execute("SELECT setval(%s, %s)", [INWONERNUMMER_REEKS, len(inwoners)])

        indicaties, evaluaties, signalen, besluiten = [], [], [], []
        for i in range(aantal):
            code = rng.choices(codes, gewichten)[0]
            geregistreerd = begin + datetime.timedelta(days=rng.randrange(dagen))
            ingang = geregistreerd + datetime.timedelta(days=rng.randrange(0, 21))
            volume = Decimal(rng.choice([2, 3, 4, 5, 6, 8, 10]))
            open_einde = volume < 5 and rng.random() < 0.1
            einde = (
                None
                if open_einde
                else ingang + relativedelta(months=rng.choice([3, 6, 8])) - datetime.timedelta(days=1)
            )
            kostendagen = 365 if einde is None else (einde - ingang).days + 1
            kosten = (volume * tarieven[code] * kostendagen / 7).quantize(CENT, rounding=ROUND_HALF_UP)
            kans = rng.random()
            status = (
                "wacht_op_schakelteam"
                if kans < 0.02
                else "afgewezen"
                if kans < 0.04
                else "ingetrokken"
                if kans < 0.07
                else "beeindigd"
                if kans < 0.15
                else "toegewezen"
            )
            if status == "toegewezen" and einde is not None and einde < datetime.date(jaar, 6, 30):
                status = "verlopen"
            moment = datetime.datetime.combine(geregistreerd, datetime.time(9 + i % 8, i % 60), tzinfo=tz)
            indicatie = Indicatie(
                id=uuid.UUID(int=rng.getrandbits(128)),
                inwoner=inwoners[i % len(inwoners)],
                product=producten[code],
                aanbieder=aanbieders[int(rng.paretovariate(1.2)) % len(aanbieders)],
                volume=volume,
                eenheid="uur",
                frequentie="per_week",
                ingangsdatum=ingang,
                einddatum=einde,
                motivatie="Nodig." if producten[code].lichtere_variant_id else "",
                consulent=consulenten[rng.randrange(len(consulenten))],
                status=status,
                uren_per_week=volume,
                geschatte_kosten=kosten,
                aangemaakt=moment,
                gewijzigd=moment,
            )
            if status == "beeindigd" and einde is not None:
                indicatie.bijgesteld_op = ingang + relativedelta(months=4)
                indicatie.vermeden_kosten = (kosten * Decimal(rng.randint(10, 50)) / 100).quantize(CENT)
            indicaties.append(indicatie)
            if volume >= 5 and status in ("toegewezen", "beeindigd", "verlopen"):
                verval = min(ingang + relativedelta(months=4), einde)
                klaar = rng.random() < 0.8 and verval < datetime.date(jaar, 12, 31)
                evaluaties.append(
                    Evaluatie(
                        indicatie=indicatie,
                        vervaldatum=verval,
                        status="afgerond" if klaar else "open",
                        afgerond_op=verval + datetime.timedelta(days=rng.randint(-10, 14)) if klaar else None,
                        uitkomst=rng.choice(["voortzetten", "afschalen", "beeindigen", "anders_inzetten"])
                        if klaar
                        else "",
                        resultaat_behaald=rng.choice(["ja", "deels", "nee"]) if klaar else "",
                        afgerond_door=indicatie.consulent if klaar else None,
                    )
                )
            if rng.random() < 0.15:
                signalen.append(IndicatieSignaal(indicatie=indicatie, code=rng.choice(SIGNALEN)))
            if status in ("afgewezen",) or (status == "toegewezen" and rng.random() < 0.02):
                besluiten.append(
                    SchakelteamBeoordeling(
                        indicatie=indicatie,
                        besluit="afgewezen" if status == "afgewezen" else "akkoord",
                        toelichting="Beoordeeld.",
                        beoordelaar=lid,
                        beoordeeld_bedrag=kosten,
                        aangevraagd_op=moment,
                        besloten_op=moment + datetime.timedelta(days=rng.randint(1, 10)),
                    )
                )
        # COPY, not bulk_create: building and sending the INSERTs costs several times the rows themselves.
        # In the order of registration, as a register grows: a year's rows then lie together on
        # disk, as they do in a register that has grown over ten years (in random order every
        # query of a year would read the whole table; docs/performance.md).
        for model, objs in (
            (Indicatie, indicaties),
            (Evaluatie, evaluaties),
            (IndicatieSignaal, signalen),
            (SchakelteamBeoordeling, besluiten),
        ):
            vulling.kopieer(model, sorted(objs, key=_registratiemoment))

        weken = {}
        toetsingen = []
        for indicatie in rng.sample(indicaties, k=len(indicaties) // 20):
            jaar_iso, week, _ = indicatie.aangemaakt.date().isocalendar()
            sleutel = f"{jaar_iso}-W{week:02d}"
            if sleutel not in weken:
                weken[sleutel] = Steekproef.objects.create(
                    week=sleutel, seed=1, percentage=Decimal("10"), aangemaakt=indicatie.aangemaakt
                )
            oordeel = rng.choice(["akkoord", "akkoord", "akkoord_met_opmerking", "niet_akkoord"])
            toetsingen.append(
                Toetsing(
                    steekproef=weken[sleutel],
                    indicatie=indicatie,
                    reden=rng.choice(["steekproef", "spoed", "verlenging", "motivatie_zwaardere_variant"]),
                    status="beoordeeld",
                    oordeel=oordeel,
                    toelichting="" if oordeel == "akkoord" else "Toelichting.",
                    beoordelaar=beoordelaar,
                    beoordeeld_op=indicatie.aangemaakt + datetime.timedelta(days=rng.randint(7, 20)),
                )
            )
        vulling.kopieer(Toetsing, sorted(toetsingen, key=lambda t: t.beoordeeld_op))


def _registratiemoment(obj):
    """When the indicatie of `obj` (or `obj` itself) was registered."""
    return getattr(obj, "indicatie", obj).aangemaakt


def vul_declaraties(aantal: int) -> None:
    """`aantal` declaration rows: every granted indicatie declared per half month (1–15, 16–end)
    from its ingangsdatum to its einddatum (an open-ended one for a year), 90 % of its estimated
    cost per day, in one INSERT … SELECT; the first `aantal` by indicatie and date."""
    from django.db import connection
    from django.utils import timezone

    from stuurinformatie.models import Declaratiebestand

    bestand = Declaratiebestand.objects.create(
        naam="bench.csv", sha256="0" * 64, regels=aantal, totaal=0, ingelezen_op=timezone.now()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO stuurinformatie_declaratie
                (bestand_id, regel, indicatie_id, product_id, aanbieder_id, begindatum, einddatum, volume, eenheid, bedrag)
            SELECT %s, row_number() OVER () + 1, id, product_id, aanbieder_id, begin, eind,
                   round(uren_per_week * (eind - begin + 1) / 7.0 * 0.9, 2), eenheid,
                   round(geschatte_kosten * (eind - begin + 1) / kostendagen * 0.9, 2)
            FROM (
                SELECT i.id, i.product_id, i.aanbieder_id, i.uren_per_week, i.eenheid, i.geschatte_kosten,
                       (coalesce(i.einddatum, (i.ingangsdatum + interval '1 year' - interval '1 day')::date)
                        - i.ingangsdatum + 1) AS kostendagen,
                       greatest(h.begin, i.ingangsdatum) AS begin,
                       least(h.eind, coalesce(i.einddatum, (i.ingangsdatum + interval '1 year' - interval '1 day')::date))
                           AS eind
                FROM indicaties_indicatie i
                CROSS JOIN LATERAL (
                    SELECT d::date AS begin, (d + interval '14 days')::date AS eind
                    FROM generate_series(date_trunc('month', i.ingangsdatum),
                                         coalesce(i.einddatum, i.ingangsdatum + interval '1 year'), interval '1 month') d
                    UNION ALL
                    SELECT (d + interval '15 days')::date, (d + interval '1 month' - interval '1 day')::date
                    FROM generate_series(date_trunc('month', i.ingangsdatum),
                                         coalesce(i.einddatum, i.ingangsdatum + interval '1 year'), interval '1 month') d
                ) h
                WHERE i.status IN ('toegewezen', 'beeindigd', 'verlopen')
                ORDER BY i.id, h.begin
            ) AS rijen
            WHERE begin <= eind
            LIMIT %s
            """,
            [bestand.pk, aantal],
        )
        # The totals the import keeps with every file (services.importeer_declaraties).
        cursor.execute(
            """
            INSERT INTO stuurinformatie_declaratietotaal (product_id, aanbieder_id, begindatum, einddatum, bedrag, regels)
            SELECT product_id, aanbieder_id, begindatum, einddatum, sum(bedrag), count(*)
            FROM stuurinformatie_declaratie GROUP BY product_id, aanbieder_id, begindatum, einddatum
            """
        )
        cursor.execute("SELECT count(*), coalesce(sum(bedrag), 0) FROM stuurinformatie_declaratie")
        gevuld, totaal = cursor.fetchone()
    Declaratiebestand.objects.filter(pk=bestand.pk).update(regels=gevuld, totaal=totaal)


class Teller:
    """Counts every statement sent to the database (connection.execute_wrapper)."""

    def __init__(self):
        self.aantal = 0

    def __call__(self, execute, sql, params, many, context):
        self.aantal += 1
        return execute(sql, params, many, context)


def _backend_cpu(pid: int | None) -> float:
    """CPU seconds (user + system) the PostgreSQL backend `pid` used so far; 0 when unreadable."""
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def _meet(functie, herhalingen: int, pid: int | None) -> tuple[float, float, int, float]:
    from django.db import connection

    functie()
    teller = Teller()
    with connection.execute_wrapper(teller):
        functie()
    tijden, cpu = [], []
    for _ in range(herhalingen):
        start, cpu_start = time.perf_counter(), time.process_time() + _backend_cpu(pid)
        functie()
        tijden.append(time.perf_counter() - start)
        cpu.append(time.process_time() + _backend_cpu(pid) - cpu_start)
    return min(tijden), statistics.median(tijden), teller.aantal, statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aantal", type=int, default=100_000, help="aantal indicaties")
    parser.add_argument("--declaraties", type=int, default=1_000_000, help="aantal declaratieregels")
    parser.add_argument("--jaar", type=int, default=2027, help="het gemeten kalenderjaar")
    parser.add_argument(
        "--jaren", type=int, default=2, help="over hoeveel jaren tot en met --jaar de indicaties verspreid zijn"
    )
    parser.add_argument("--opruimen", action="store_true", help="de database na afloop verwijderen")
    parser.add_argument("--herhalingen", type=int, default=7)
    parser.add_argument("--hergebruik", action="store_true", help="bestaande gevulde database alleen meten")
    parser.add_argument("--vandaag", help="JJJJ-MM-DD waarop gemeten wordt (standaard 15 januari na --jaar)")
    args = parser.parse_args()
    load_voor = meten.belasting()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(
            "Zet DATABASE_URL op een PostgreSQL-database, bijvoorbeeld postgres://postgres@127.0.0.1:5432/casusregie_bench"
        )
    if not args.hergebruik:
        meten.database_opnieuw(url)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    from django.db.models import F

    from indicaties.models import Indicatie
    from stuurinformatie.models import Declaratie
    from stuurinformatie.rapport import maak_rapport
    from stuurinformatie.selectors import stuurinformatie

    call_command("migrate", verbosity=0, interactive=False)
    if not args.hergebruik:
        start = time.perf_counter()
        vul(args.aantal, args.jaar, random.Random(20270101), jaren=args.jaren)
        vul_declaraties(args.declaraties)
        gevuld = time.perf_counter() - start
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(
            f"Gevuld: {Indicatie.objects.count():,} indicaties en {Declaratie.objects.count():,} declaraties "
            f"in {gevuld:.1f} s"
        )

    import time_machine
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models import Count, Max
    from django.utils import timezone

    from stuurinformatie import maanden
    from stuurinformatie.models import Maandcijfers

    vandaag = datetime.date.fromisoformat(args.vandaag) if args.vandaag else datetime.date(args.jaar + 1, 1, 15)
    # After every kept month's computation (an earlier run on this database moved the clock too):
    # a change made now must come after it, as it would in time.
    moment = timezone.make_aware(datetime.datetime.combine(vandaag, datetime.time(7, 0)))
    laatste = Maandcijfers.objects.aggregate(m=Max("berekend_op"))["m"]
    if laatste is not None and laatste >= moment:
        moment = laatste + datetime.timedelta(minutes=1)
    reis = time_machine.travel(moment, tick=True)
    reis.start()
    start = time.perf_counter()
    bijgewerkt = maanden.bijwerken()
    # The year before the measured one too (the overview compares with it), where not kept yet.
    bewaard = set(Maandcijfers.objects.filter(soort="").values_list("maand", flat=True))
    for maand in range(1, 13):
        if (begin := datetime.date(args.jaar - 1, maand, 1)) not in bewaard:
            maanden.bereken_maand(begin)
            bijgewerkt.append(begin)
    bijwerken = time.perf_counter() - start
    print(f"Bewaarde maanden bijgewerkt op {vandaag}: {len(bijgewerkt)} maanden in {bijwerken:.1f} s")

    beleid, _ = get_user_model().objects.get_or_create(username="beleid-bench")
    Group.objects.get(name="beleid").user_set.add(beleid)
    client = Client()
    client.force_login(beleid, backend="django.contrib.auth.backends.ModelBackend")

    van, tot = datetime.date(args.jaar, 1, 1), datetime.date(args.jaar, 12, 31)

    def tel():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM indicaties_indicatie")
            return cursor.fetchone()[0]

    def tel_declaraties():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM stuurinformatie_declaratie")
            return cursor.fetchone()[0]

    def pagina(pad="/stuurinformatie/", **filters):
        antwoord = client.get(pad, {"van": van.isoformat(), "tot": tot.isoformat(), **filters})
        assert antwoord.status_code == 200, antwoord.status_code

    def live():
        with maanden.alles_live():
            pagina()

    grootste = (
        Indicatie.objects.values("aanbieder_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("aanbieder_id", flat=True)[0]
    )
    # Indicaties of the year that ran about three months: a change to one touches only its months.
    te_wijzigen = iter(
        Indicatie.objects.filter(
            ingangsdatum__gte=datetime.date(args.jaar, 3, 1),
            einddatum__lte=datetime.date(args.jaar, 9, 30),
            einddatum__lt=F("ingangsdatum") + datetime.timedelta(days=95),
            status="toegewezen",
        ).order_by("ingangsdatum")[:50]
    )

    def koud():
        """The first overview after an indicatie of the year changed (a saved change leaves its history)."""
        indicatie = next(te_wijzigen)
        indicatie.motivatie = (indicatie.motivatie or "") + " "
        indicatie.save()
        pagina()

    with connection.cursor() as cursor:
        # Serial plans: the backend's own CPU time is then all the database work (see above).
        cursor.execute("SET max_parallel_workers_per_gather = 0")
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    basis = _meet(tel, args.herhalingen, pid)
    basis_declaraties = _meet(tel_declaraties, args.herhalingen, pid)
    cijfers = _meet(lambda: stuurinformatie(van, tot), args.herhalingen, pid)
    dashboard = _meet(pagina, args.herhalingen, pid)
    dashboard_live = _meet(live, max(3, args.herhalingen // 2), pid)
    gefilterd = _meet(lambda: pagina(aanbieder=str(grootste)), args.herhalingen, pid)
    pagina()
    koude = []
    for _ in range(3):
        start = time.perf_counter()
        koud()
        koude.append(time.perf_counter() - start)
    alle_tabellen = _meet(lambda: pagina("/stuurinformatie/tabellen/"), args.herhalingen, pid)
    rapport = _meet(lambda: maak_rapport(van, tot), max(3, args.herhalingen // 2), pid)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        versie = cursor.fetchone()[0]
    totaal = tel()
    belasting = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"PostgreSQL {versie}, {os.cpu_count()} cpu's, {totaal:,} indicaties, {tel_declaraties():,} declaraties, "
        f"jaar {args.jaar}, load average {belasting}"
    )
    print(f"{'meting':48} {'snelste':>10} {'mediaan':>10} {'queries':>8} {'x COUNT(*)':>11} {'CPU-tijd':>10}")
    for naam, (snel, mediaan, queries, cpu) in (
        ("SELECT COUNT(*) FROM indicaties_indicatie", basis),
        ("SELECT COUNT(*) FROM stuurinformatie_declaratie", basis_declaraties),
        ("stuurinformatie(jaar) (API-cijfers)", cijfers),
        ("overzicht (jaar, rol beleid)", dashboard),
        ("overzicht, alles live geteld", dashboard_live),
        ("overzicht, één aanbieder", gefilterd),
        ("alle tabellen (jaar, rol beleid)", alle_tabellen),
        ("maandrapport PDF (jaar)", rapport),
    ):
        print(
            f"{naam:48} {snel * 1000:8.1f} ms {mediaan * 1000:8.1f} ms {queries:8d} {mediaan / basis[1]:10.1f}x"
            f" {cpu * 1000:7.0f} ms"
        )
    print(f"overzicht koud (na een wijziging): {', '.join(f'{k * 1000:.0f} ms' for k in koude)}")
    for naam, meting, grens in (
        ("overzicht", dashboard, 1.0),
        ("overzicht met één filter", gefilterd, 1.0),
        ("maandrapport", rapport, 2.0),
    ):
        print(
            f"Doel: {naam} voor een jaar onder {grens:.0f} s. Wandklok (mediaan): "
            f"{'gehaald' if meting[1] < grens else 'NIET gehaald'}; "
            f"CPU-tijd: {'gehaald' if meting[3] < grens else 'NIET gehaald'}"
        )
    figuren = {
        "aantal": totaal,
        "dashboard_s": round(dashboard[1], 3),
        "dashboard_koud_s": round(statistics.median(koude), 3),
        "gefilterd_s": round(gefilterd[1], 3),
        "dashboard_live_s": round(dashboard_live[1], 3),
        "bijwerken_s": round(bijwerken, 1),
        "api_s": round(cijfers[1], 3),
        "queries": dashboard[2],
        "baseline_count_s": round(basis[1], 4),
        "dashboard_cpu_s": round(dashboard[3], 3),
        "api_cpu_s": round(cijfers[3], 3),
        "api_queries": cijfers[2],
        "tabellen_s": round(alle_tabellen[1], 3),
        "rapport_s": round(rapport[1], 3),
        "jaren": args.jaren,
        "load_voor": load_voor,
        "load_na": meten.belasting(),
        "vandaag": vandaag.isoformat(),
    }
    reis.stop()
    if args.opruimen:
        naam = urlparse(url).path.lstrip("/")
        connection.close()
        vulling.PG_URL = urlunparse(urlparse(url)._replace(path=""))
        vulling.verwijder(naam)
    meten.json_regel(figuren)


if __name__ == "__main__":
    main()
