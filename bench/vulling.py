"""Shared plumbing of the benchmarks: a scratch PostgreSQL database and a fast, realistic fill.

The fill builds model instances and writes them with COPY (see `kopieer`).

Not a benchmark itself. `bereid_voor(naam)` points Django at a fresh database `naam` on the
local PostgreSQL server (dropped and recreated, then migrated); `vul(...)` fills it with bulk
inserts so that the daily run of `datum` has a normal day of work:

- 100,000 granted indicaties (by default) over 60 % as many inwoners, start dates spread so that
  some 1/250 of them reach their einddatum on any given day, a tenth open-ended, some starting
  only in the coming two months;
- an evaluation for every indicatie of 5 hours a week or more, in the state yesterday's run left
  it (planned, open, escalated or completed);
- a half-year check in progress for every inwoner with care, with completed checks before it,
  except inwoners whose first indicatie was registered yesterday (today's run plans theirs);
- the notifications of the past runs, already e-mailed.

Run from the repository root; the scripts in bench/ import this module.
"""

import datetime
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")


def bereid_voor(naam: str, *, settings_module: str = "casusregie.settings", opnieuw: bool = True) -> None:
    """Create (or reuse) database `naam`, set up Django on it and migrate."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = f"{PG_URL}/{naam}"
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Celery messages of the run go to a throw-away folder, never to the shared var/broker.
    os.environ.setdefault("CASUSREGIE_VAR_DIR", str(Path("/tmp") / f"casusregie-{naam}"))
    os.environ.pop("CELERY_BROKER_URL", None)
    if opnieuw:
        shutil.rmtree(os.environ["CASUSREGIE_VAR_DIR"], ignore_errors=True)
        psql("postgres", f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        psql("postgres", f'CREATE DATABASE "{naam}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def gevulde_database(naam: str, aantal: int, *, settings_module: str, opnieuw: bool = False) -> bool:
    """Set up Django on database `naam` holding at least `aantal` indicaties: reused when it
    already does (a previous bench filled it), else created and filled. True if filled now."""
    bestaat = psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{naam}'").strip() == "1"
    bereid_voor(naam, settings_module=settings_module, opnieuw=opnieuw or not bestaat)
    from indicaties.models import Indicatie

    if not opnieuw and bestaat and Indicatie.objects.count() >= aantal:
        return False
    if bestaat and not opnieuw:
        raise SystemExit(f"Database {naam} bestaat maar heeft geen {aantal} indicaties: gebruik --opnieuw.")
    vul(aantal)
    return True


def psql(database: str, sql: str) -> str:
    url = f"{PG_URL}/{database}"
    return subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], check=True, capture_output=True, text=True
    ).stdout


def machine() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        versie = cursor.fetchone()[0]
    geheugen = 0
    with open("/proc/meminfo") as f:
        for regel in f:
            if regel.startswith("MemTotal:"):
                geheugen = int(regel.split()[1]) // 1024 // 1024
    return f"{os.cpu_count()} CPU's (nproc), {geheugen} GiB RAM, PostgreSQL {versie}, Python {sys.version.split()[0]}"


def vandaag() -> datetime.date:
    from casusregie import clock

    return clock.today()


# --- Catalogue -----------------------------------------------------------------------------

# (code, wet, eenheid, tarief t/m 2026, tarief vanaf 2027, lichtere variant)
PRODUCTEN = [
    ("02A01", "wmo", "uur", "58.20", "60.10", None),
    ("02A02", "wmo", "uur", "68.40", "70.60", "02A01"),
    ("02A03", "wmo", "uur", "55.20", "57.00", None),
    ("03A01", "wmo", "dagdeel", "42.00", "43.40", None),
    ("40G01", "jeugdwet", "etmaal", "180.00", "186.00", None),
    ("45C02", "jeugdwet", "uur", "60.00", "62.00", None),
    ("45C05", "jeugdwet", "uur", "78.00", "80.50", "45C02"),
    ("45A65", "jeugdwet", "uur", "96.60", "99.70", None),
    ("41A03", "jeugdwet", "dagdeel", "75.00", "77.40", None),
    ("44C01", "jeugdwet", "etmaal", "150.00", "154.80", None),
]
TARIEFWISSEL = datetime.date(2027, 1, 1)
ELFPROEF = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def geldige_bsns(aantal: int, begin: int = 100_000_000):
    n = begin
    uit = []
    while len(uit) < aantal:
        s = str(n)
        if sum(int(c) * w for c, w in zip(s, ELFPROEF, strict=True)) % 11 == 0:
            uit.append(s)
        n += 1
    return uit


def gebruikers(aantal_consulenten: int = 40):
    """Users per role (bulk); returns {rol: [users]}."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from casusregie.roles import ALLE_ROLLEN, CONSULENT, SCHAKELTEAM

    User = get_user_model()
    aantallen = {CONSULENT: aantal_consulenten, SCHAKELTEAM: 5}
    per_rol = {}
    for rol in ALLE_ROLLEN:
        users = User.objects.bulk_create(
            [
                User(username=f"{rol}{i}", email=f"{rol}{i}@gemeente.invalid", password="!")
                for i in range(aantallen.get(rol, 2))
            ]
        )
        groep = Group.objects.get(name=rol)
        groep.user_set.through.objects.bulk_create(
            [groep.user_set.through(user_id=u.pk, group_id=groep.pk) for u in users]
        )
        per_rol[rol] = users
    return per_rol


def catalogus():
    from indicaties.models import Aanbieder, Product, Tarief

    producten = {}
    for code, wet, eenheid, oud, nieuw, licht in PRODUCTEN:
        producten[code] = Product.objects.create(
            code=code,
            naam=f"Product {code}",
            wet=wet,
            eenheid=eenheid,
            lichtere_variant=producten[licht] if licht else None,
        )
        Tarief.objects.create(
            product=producten[code],
            geldig_van=datetime.date(2020, 1, 1),
            geldig_tot=TARIEFWISSEL - datetime.timedelta(days=1),
            bedrag=Decimal(oud),
        )
        Tarief.objects.create(product=producten[code], geldig_van=TARIEFWISSEL, bedrag=Decimal(nieuw))
    aanbieders = Aanbieder.objects.bulk_create(
        [Aanbieder(naam=f"Zorgaanbieder {i}", agb_code=f"{73100000 + i:08d}") for i in range(60)]
    )
    return producten, aanbieders


def kopieer(model, objs) -> int:
    """Write model instances with PostgreSQL COPY: the bulk path without Django's per-value SQL
    compilation (bulk_create of 100,000 indicaties takes over a minute on a small machine)."""
    from django.db import connection
    from django.db.models import AutoField, BigAutoField
    from django.utils import timezone

    nu = timezone.now()
    velden = [f for f in model._meta.concrete_fields if not isinstance(f, AutoField | BigAutoField)]
    kolommen = ", ".join(connection.ops.quote_name(f.column) for f in velden)
    automatisch = [bool(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)) for f in velden]
    namen = [f.attname for f in velden]
    aantal = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({kolommen}) FROM STDIN") as copy,
    ):
        for obj in objs:
            copy.write_row([nu if auto else getattr(obj, naam) for naam, auto in zip(namen, automatisch, strict=True)])
            aantal += 1
    return aantal


# --- The fill --------------------------------------------------------------------------------


def _tijd(melding: str, start: float) -> None:
    print(f"  {melding}: {time.perf_counter() - start:.1f} s", flush=True)


def vul(
    aantal_indicaties: int = 100_000, datum: datetime.date | None = None, inhalen: int = 1, seed: int = 20270601
) -> dict:
    """Fill the empty, migrated database. `datum` is the day the next daily run processes; the
    data is in the state that the daily run of `inhalen` days before left it (1: yesterday)."""
    from dateutil.relativedelta import relativedelta
    from django.db import transaction

    from indicaties import costs
    from indicaties.models import (
        DagelijkseRun,
        Evaluatie,
        Halfjaarcheck,
        Indicatie,
        IndicatieSignaal,
        Inwoner,
    )
    from notifications.models import Notificatie

    rnd = random.Random(seed)
    datum = datum or vandaag()
    gisteren = datum - datetime.timedelta(days=inhalen)  # the last completed run
    voorloop = datetime.timedelta(days=14)
    start = time.perf_counter()

    with transaction.atomic():
        rollen = gebruikers()
        consulenten = rollen["consulent"]
        producten, aanbieders = catalogus()
        tarieven = {
            code: (
                costs.TariefPeriode(datetime.date(2020, 1, 1), TARIEFWISSEL - datetime.timedelta(days=1), Decimal(oud)),
                costs.TariefPeriode(TARIEFWISSEL, None, Decimal(nieuw)),
            )
            for code, _, _, oud, nieuw, _ in PRODUCTEN
        }

        aantal_inwoners = int(aantal_indicaties * 0.6)
        bsns = geldige_bsns(aantal_inwoners)
        inwoners = [
            Inwoner(
                id=uuid.UUID(int=rnd.getrandbits(128), version=4),
                bsn=bsn,
                voornaam=rnd.choice(["Sanne", "Daan", "Noor", "Mohammed", "Fleur", "Kees", "Lotte", "Ahmed"]),
                achternaam=rnd.choice(["de Vries", "Jansen", "Bakker", "Visser", "Smit", "El Amrani", "Meijer"]),
                geboortedatum=datetime.date(1940, 1, 1) + datetime.timedelta(days=rnd.randrange(30000)),
                wlz_indicatie=False,
                regisseur=rnd.choice(consulenten) if rnd.random() < 0.9 else None,
            )
            for bsn in bsns
        ]
        kopieer(Inwoner, inwoners)
        _tijd(f"{len(inwoners)} inwoners", start)

        # New inwoners registered yesterday: their first indicatie starts soon, no check planned yet.
        nieuw_gisteren = set(range(aantal_inwoners - 300, aantal_inwoners))
        indicaties, evaluaties, signalen = [], [], []
        for n in range(aantal_indicaties):
            i_inwoner = n if n < aantal_inwoners else rnd.randrange(aantal_inwoners - 300)
            inwoner = inwoners[i_inwoner]
            soort = rnd.random()
            if soort < 0.55:  # 5 hours or more: evaluation, at most 8 months
                code = rnd.choice(["02A01", "02A02", "02A03", "45C02", "45C05", "45A65"])
                volume, eenheid = Decimal(rnd.choice(["5", "6", "8", "10", "12"])), "uur"
                looptijd = relativedelta(months=rnd.randint(3, 8))
            elif soort < 0.85:  # lighter support, sometimes open-ended
                code = rnd.choice(["02A01", "02A03", "45C02", "03A01", "41A03"])
                eenheid = producten[code].eenheid
                volume = Decimal(rnd.choice(["1", "2", "3", "4"])) if eenheid == "uur" else Decimal("1")
                looptijd = None if rnd.random() < 0.3 else relativedelta(months=rnd.randint(3, 12))
            else:  # stays (etmaal): no hours per week
                code = rnd.choice(["40G01", "44C01"])
                volume, eenheid = Decimal(rnd.choice(["2", "3", "7"])), "etmaal"
                looptijd = relativedelta(months=rnd.randint(2, 12))
            if i_inwoner in nieuw_gisteren:
                ingang = datum + datetime.timedelta(days=rnd.randrange(0, 30))
            elif looptijd is None:
                ingang = gisteren - datetime.timedelta(days=rnd.randrange(-60, 365))
            else:
                dagen = ((gisteren + looptijd) - gisteren).days
                ingang = gisteren - datetime.timedelta(days=rnd.randrange(-60, dagen))
            eind = None if looptijd is None else ingang + looptijd - datetime.timedelta(days=1)
            if eind is not None and eind < gisteren:
                eind = gisteren + datetime.timedelta(days=rnd.randrange(0, 200))
                if eind > ingang + relativedelta(months=8) - datetime.timedelta(days=1):
                    ingang = eind - relativedelta(months=rnd.randint(3, 8)) + datetime.timedelta(days=1)
            uren = costs.uren_per_week_exact(volume, eenheid, "per_week", ingang, eind)
            kosten = costs.geschatte_kosten(
                volume=volume, frequentie="per_week", ingangsdatum=ingang, einddatum=eind, tarieven=tarieven[code]
            )
            product = producten[code]
            indicatie = Indicatie(
                id=uuid.UUID(int=rnd.getrandbits(128), version=4),
                inwoner=inwoner,
                product=product,
                aanbieder=rnd.choice(aanbieders),
                volume=volume,
                eenheid=eenheid,
                frequentie="per_week",
                ingangsdatum=ingang,
                einddatum=eind,
                motivatie="Lichtere variant volstaat niet." if product.lichtere_variant_id else "",
                consulent=inwoner.regisseur or rnd.choice(consulenten),
                status="toegewezen",
                uren_per_week=costs.afgerond_uren(uren),
                geschatte_kosten=kosten,
                # Yesterday's run warned about every einddatum within 6 weeks of yesterday.
                einde_gemeld_voor=eind if eind is not None and eind <= gisteren + datetime.timedelta(weeks=6) else None,
            )
            indicaties.append(indicatie)
            if product.lichtere_variant_id:
                signalen.append(IndicatieSignaal(indicatie=indicatie, code="motivatie_zwaardere_variant"))
            if uren is not None and uren >= 5:
                verval = min(ingang + relativedelta(months=4), eind)
                ev = Evaluatie(
                    id=uuid.UUID(int=rnd.getrandbits(128), version=4), indicatie=indicatie, vervaldatum=verval
                )
                if verval <= gisteren + voorloop:
                    kans_afgerond = 0.85 if verval < gisteren - voorloop else 0.5 if verval < gisteren else 0.2
                    if rnd.random() < kans_afgerond:
                        ev.status = "afgerond"
                        ev.afgerond_op = min(verval + datetime.timedelta(days=rnd.randint(-10, 5)), gisteren)
                        ev.afgerond_door = indicatie.consulent
                        ev.uitkomst, ev.resultaat_behaald = "voortzetten", "ja"
                    else:
                        ev.status = "open"
                        ev.te_laat_gemeld = verval < gisteren
                evaluaties.append(ev)
        kopieer(Indicatie, indicaties)
        _tijd(f"{len(indicaties)} indicaties", start)
        kopieer(Evaluatie, evaluaties)
        kopieer(IndicatieSignaal, signalen)
        _tijd(f"{len(evaluaties)} evaluaties, {len(signalen)} signalen", start)

        eerste = {}
        for indicatie in indicaties:
            i = indicatie.inwoner_id
            eerste[i] = min(eerste.get(i, indicatie.ingangsdatum), indicatie.ingangsdatum)
        checks = []
        for inwoner in inwoners[: aantal_inwoners - 300]:
            verval = eerste[inwoner.id] + relativedelta(months=6)
            while verval < gisteren - voorloop:
                afgerond_op = verval - datetime.timedelta(days=rnd.randint(0, 10))
                checks.append(
                    Halfjaarcheck(
                        inwoner=inwoner,
                        vervaldatum=verval,
                        status="afgerond",
                        zorg_passend=True,
                        contact_aanbieder=afgerond_op,
                        contact_inwoner=afgerond_op,
                        toelichting="Zorg passend.",
                        afgerond_op=afgerond_op,
                        afgerond_door=inwoner.regisseur or consulenten[0],
                    )
                )
                verval = afgerond_op + relativedelta(months=6)
            status = "open" if verval <= gisteren + voorloop else "gepland"
            checks.append(Halfjaarcheck(inwoner=inwoner, vervaldatum=verval, status=status))
        kopieer(Halfjaarcheck, checks)
        _tijd(f"{len(checks)} halfjaarchecks", start)

        meldingen = []
        for ev in evaluaties:
            if ev.status == "open":
                ontvanger = ev.indicatie.consulent
                meldingen.append(("evaluatie_open", ev.pk, ontvanger, str(ev.pk)))
                if ev.te_laat_gemeld:
                    meldingen.append(("evaluatie_te_laat", ev.pk, ontvanger, str(ev.pk)))
        for check in checks:
            if check.status == "open":
                ontvanger = check.inwoner.regisseur or consulenten[0]
                meldingen.append(("halfjaarcheck_open", check.pk, ontvanger, str(check.pk)))
        for indicatie in indicaties:
            if indicatie.einde_gemeld_voor:
                meldingen.append(
                    (
                        "indicatie_loopt_af",
                        indicatie.pk,
                        indicatie.consulent,
                        f"{indicatie.pk}:{indicatie.einddatum:%Y-%m-%d}",
                    )
                )
        verzonden = datetime.datetime.combine(gisteren, datetime.time(6, 5), tzinfo=datetime.UTC)
        kopieer(
            Notificatie,
            (
                Notificatie(
                    ontvanger=ontvanger,
                    soort=soort,
                    sleutel=sleutel,
                    onderwerp=f"Eerdere melding {soort}",
                    object_id=object_id,
                    email_verzonden_op=verzonden,
                    gelezen=rnd.random() < 0.5,
                )
                for soort, object_id, ontvanger, sleutel in meldingen
            ),
        )
        _tijd(f"{len(meldingen)} eerdere notificaties", start)
        DagelijkseRun.objects.create(datum=gisteren, gestart=verzonden, voltooid=verzonden, samenvatting={})

        for model, objs in (
            (Inwoner, inwoners),
            (Indicatie, indicaties),
            (Evaluatie, evaluaties),
            (Halfjaarcheck, checks),
        ):
            historisch = model.history.model
            velden = [f.attname for f in historisch.tracked_fields]
            kopieer(
                historisch,
                (
                    historisch(
                        history_date=verzonden,
                        history_type="+",
                        history_change_reason="Bestaande registratie (vulling)",
                        **{veld: getattr(obj, veld) for veld in velden},
                    )
                    for obj in objs
                ),
            )
        _tijd("historie", start)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    _tijd("vacuum analyze", start)
    return {
        "inwoners": len(inwoners),
        "indicaties": len(indicaties),
        "evaluaties": len(evaluaties),
        "halfjaarchecks": len(checks),
        "notificaties": len(meldingen),
        "rollen": rollen,
        "producten": producten,
        "aanbieders": aanbieders,
        "inwoner_ids": [i.id for i in inwoners],
        "seconden": time.perf_counter() - start,
    }
