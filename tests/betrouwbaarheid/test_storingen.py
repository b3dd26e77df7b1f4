"""Faults the database must absorb: a worker killed mid-run and a broker that loses its queue.

The worker tests start `celery -A casusregie worker` as a real process against Redis and the
test database, hold a row lock so the daily run is stuck halfway (after it opened evaluations,
before it expires indicaties), and kill it with SIGKILL there.
"""

import datetime
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.db.models import F

from basis import clock
from indicaties import services
from indicaties.models import DagelijkseRun, Evaluatie, Indicatie
from notifications.models import Notificatie
from tests.factories import ProductFactory, gebruiker, maak_indicatie

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WACHTTIJD = 45


def _wacht_tot(voorwaarde, omschrijving: str, log=None):
    grens = time.monotonic() + WACHTTIJD
    while time.monotonic() < grens:
        uitkomst = voorwaarde()
        if uitkomst:
            return uitkomst
        time.sleep(0.1)
    pytest.fail(f"Na {WACHTTIJD} s nog niet: {omschrijving}\n{log() if log else ''}")


class Werker:
    """One `celery worker` process (prefork, one child) in its own process group."""

    def __init__(self, naam: str, broker_url: str, wachtrij: str, logmap: Path, zichtbaarheid: int = 3600):
        self.naam = f"{naam}-{uuid.uuid4().hex[:8]}"
        self.logbestand = logmap / f"{self.naam}.log"
        db = connection.settings_dict
        # The worker uses the test database itself (committed data: transaction=True tests).
        database_url = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
            f"/{db['NAME']}?application_name={self.naam}"
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "PYTEST_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="tests.betrouwbaarheid.werker_instellingen",
            DATABASE_URL=database_url,
            CELERY_BROKER_URL=broker_url,
            CASUSREGIE_TEST_WACHTRIJ=wachtrij,
            CASUSREGIE_TEST_ZICHTBAARHEID=str(zichtbaarheid),
            PYTHONPATH=str(settings.BASE_DIR),
        )
        opdracht = [sys.executable, "-m", "celery", "-A", "casusregie", "worker", "--pool=prefork"]
        opdracht += ["--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle"]
        opdracht += ["--without-heartbeat", "-n", f"{self.naam}@%h"]
        with open(self.logbestand, "wb") as log:
            self.proces = subprocess.Popen(  # noqa: S603 - fixed command line
                opdracht,
                cwd=settings.BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self) -> str:
        return self.logbestand.read_text(errors="replace")

    def kinderen(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                velden = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(velden[1]) == self.proces.pid:
                pids.append(int(stat.parent.name))
        return pids

    def dood(self) -> None:
        """SIGKILL the whole worker: main process and pool child, no chance to clean up."""
        os.killpg(self.proces.pid, signal.SIGKILL)
        self.proces.wait(timeout=10)

    def stop(self) -> None:
        if self.proces.poll() is not None:
            return
        os.killpg(self.proces.pid, signal.SIGTERM)
        try:
            self.proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proces.pid, signal.SIGKILL)
            self.proces.wait(timeout=10)


@pytest.fixture
def werkers(_vereist_postgres, echte_broker, tmp_path):
    url, wachtrij, _ = echte_broker
    gestart = []

    def start(naam: str, **opties) -> Werker:
        werker = Werker(naam, url, wachtrij, tmp_path, **opties)
        gestart.append(werker)
        return werker

    yield start
    for werker in gestart:
        werker.stop()
        print(f"--- {werker.naam}\n{werker.log()}")  # shown when the test failed
    _ruim_onbevestigde_berichten_op(echte_broker[2], wachtrij)


def _ruim_onbevestigde_berichten_op(redis, wachtrij: str) -> None:
    """Remove this run's unacknowledged messages, so no later worker on this database restores them."""
    import json

    for tag, waarde in redis.hgetall("unacked").items():
        try:
            if json.loads(waarde)[2] == wachtrij:
                redis.hdel("unacked", tag)
                redis.zrem("unacked_index", tag)
        except (ValueError, IndexError, TypeError):
            continue


def _om(dag: datetime.date):
    return time_machine.travel(datetime.datetime.combine(dag, datetime.time(9, 0), tzinfo=AMSTERDAM), tick=False)


def _werk_voor_vandaag(vandaag: datetime.date, consulent):
    """Registered in the past, so that today's run has each kind of work to do."""
    with _om(vandaag - datetime.timedelta(days=130)):
        # 6 hours a week: its evaluation was due 8 days ago -> opened and escalated today.
        lang = maak_indicatie(
            consulent,
            ingangsdatum=clock.today(),
            einddatum=clock.today() + relativedelta(months=8) - datetime.timedelta(days=1),
        )
    with _om(vandaag - datetime.timedelta(days=60)):
        # Ended yesterday -> expires today.
        verlopen = maak_indicatie(
            consulent, volume=Decimal("2"), ingangsdatum=clock.today(), einddatum=vandaag - datetime.timedelta(days=1)
        )
    with _om(vandaag - datetime.timedelta(days=30)):
        # Ends in 20 days -> warned about today.
        aflopend = maak_indicatie(
            consulent, volume=Decimal("2"), ingangsdatum=clock.today(), einddatum=vandaag + datetime.timedelta(days=20)
        )
    # The aanbieder reported the start of each (JW305): no zorg_niet_gestart in this scenario.
    Indicatie.objects.filter(pk__in=[lang.pk, verlopen.pk, aflopend.pk]).update(zorg_gestart_op=F("ingangsdatum"))
    return lang, verlopen, aflopend


def _geblokkeerde_backend(naam: str):
    """The worker's database session while it waits for a row lock, with proof it already did work."""
    with connection.cursor() as cursor:
        # Statistics are a snapshot per transaction; the caller polls inside one.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT pid, query FROM pg_stat_activity WHERE application_name = %s AND wait_event_type = 'Lock'",
            [naam],
        )
        rij = cursor.fetchone()
        if rij is None:
            return None
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = %s AND c.relname = 'indicaties_evaluatie' AND l.mode = 'RowExclusiveLock'",
            [rij[0]],
        )
        return {"pid": rij[0], "query": rij[1], "evaluaties_bijgewerkt": cursor.fetchone()[0] > 0}


def _backend_weg(naam: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [naam])
        return cursor.fetchone()[0] == 0


def _ontvangen(log: str) -> int:
    return len(re.findall(r"dagelijkse_taken\[[0-9a-f-]+\] received", log))


def _geslaagd(log: str) -> int:
    return len(re.findall(r"dagelijkse_taken\[[0-9a-f-]+\] succeeded", log))


def _start_dagelijkse_run() -> None:
    from indicaties.tasks import dagelijkse_taken

    dagelijkse_taken.delay()


def _niets_vastgelegd(lang, verlopen) -> None:
    assert not DagelijkseRun.objects.exists()
    assert Evaluatie.objects.get(indicatie=lang).status == "gepland"
    assert Indicatie.objects.get(pk=verlopen.pk).status == "toegewezen"
    assert not Notificatie.objects.exists()


def _mails(log: str) -> int:
    """The mails the console backend printed. Counted by their Message-ID: a subject with a
    non-ASCII name (a generated "François") is encoded, so "Subject: Casusregie:" is not on it."""
    return log.count("\nMessage-ID: <")


def _alles_precies_een_keer(vandaag, lang, verlopen, aflopend, mails: int) -> None:
    assert list(DagelijkseRun.objects.values_list("datum", flat=True)) == [vandaag]
    evaluatie = Evaluatie.objects.get(indicatie=lang)
    assert (evaluatie.status, evaluatie.te_laat_gemeld) == ("open", True)
    assert Indicatie.objects.get(pk=verlopen.pk).status == "verlopen"
    soorten = sorted(Notificatie.objects.values_list("soort", "object_id"))
    assert soorten == sorted(
        [("evaluatie_open", evaluatie.pk), ("evaluatie_te_laat", evaluatie.pk), ("indicatie_loopt_af", aflopend.pk)]
    )
    assert Evaluatie.history.filter(id=evaluatie.pk, history_change_reason__startswith="Evaluatie geopend").count() == 1
    assert Indicatie.history.filter(id=verlopen.pk, history_change_reason__startswith="Verlopen").count() == 1
    assert not Notificatie.objects.filter(email_verzonden_op__isnull=True).exists()
    assert mails == 3


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gedode_worker_midden_in_de_dagelijkse_run_verliest_en_verdubbelt_niets(werkers):
    vandaag = clock.today()
    consulent = gebruiker("consulent")
    lang, verlopen, aflopend = _werk_voor_vandaag(vandaag, consulent)

    eerste = werkers("eerste")
    with transaction.atomic():
        Indicatie.objects.select_for_update().get(pk=verlopen.pk)
        _start_dagelijkse_run()
        vast = _wacht_tot(lambda: _geblokkeerde_backend(eerste.naam), "de run wacht op de vergrendelde rij", eerste.log)
        assert '"indicaties_indicatie"' in vast["query"]
        assert vast["evaluaties_bijgewerkt"], "de run zit niet halverwege"
        eerste.dood()
    # The lock is released; the orphaned session finds its client gone and rolls back.
    _wacht_tot(lambda: _backend_weg(eerste.naam), "de sessie van de gedode worker is weg")
    _niets_vastgelegd(lang, verlopen)

    # The next worker gets the lost task back (visibility timeout) and a new one: the run of today
    # is done once, the other finds it done.
    tweede = werkers("tweede", zichtbaarheid=3)
    _start_dagelijkse_run()
    _wacht_tot(lambda: _geslaagd(tweede.log()) >= 2, "beide taken afgehandeld", tweede.log)
    _wacht_tot(lambda: not Notificatie.objects.filter(email_verzonden_op__isnull=True).exists(), "alles gemaild")
    tweede.stop()
    log = tweede.log()
    # One of them did the work, every other one found the date done (under load the short
    # visibility timeout may hand a task out once more; that too must change nothing).
    assert log.count("Dagelijkse run voor") == _geslaagd(log) - 1, log
    _alles_precies_een_keer(vandaag, lang, verlopen, aflopend, mails=_mails(log))


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gedood_werkproces_midden_in_de_run_wordt_opnieuw_uitgevoerd_zonder_dubbel_werk(werkers):
    """The pool child dies (e.g. out of memory); the worker hands the task out again (acks_late)."""
    vandaag = clock.today()
    consulent = gebruiker("consulent")
    lang, verlopen, aflopend = _werk_voor_vandaag(vandaag, consulent)

    werker = werkers("kind")
    with transaction.atomic():
        Indicatie.objects.select_for_update().get(pk=verlopen.pk)
        _start_dagelijkse_run()
        vast = _wacht_tot(lambda: _geblokkeerde_backend(werker.naam), "de run wacht op de vergrendelde rij", werker.log)
        assert vast["evaluaties_bijgewerkt"]
        kinderen = werker.kinderen()
        assert len(kinderen) == 1
        os.kill(kinderen[0], signal.SIGKILL)
        _wacht_tot(lambda: "WorkerLostError" in werker.log(), "de worker merkt het verloren werkproces op", werker.log)
        # The task is back in the queue and a new child takes it; it waits for the killed run's lock.
        _wacht_tot(lambda: _ontvangen(werker.log()) == 2, "de taak is opnieuw uitgedeeld", werker.log)
    _wacht_tot(lambda: DagelijkseRun.objects.exists(), "de run is voltooid", werker.log)
    _wacht_tot(lambda: not Notificatie.objects.filter(email_verzonden_op__isnull=True).exists(), "alles gemaild")
    werker.stop()
    _alles_precies_een_keer(vandaag, lang, verlopen, aflopend, mails=_mails(werker.log()))


@pytest.mark.redis
@pytest.mark.django_db
def test_na_flush_van_de_broker_verstuurt_de_dagelijkse_run_de_verloren_emails(
    echte_broker, django_capture_on_commit_callbacks
):
    _, wachtrij, redis = echte_broker
    consulent = gebruiker("consulent")
    leden = [gebruiker("schakelteam"), gebruiker("schakelteam")]
    with _om(datetime.date(2027, 1, 4)):
        duur = ProductFactory(tarief="300.00")
        with django_capture_on_commit_callbacks(execute=True):
            indicatie = maak_indicatie(consulent, product=duur)
        assert indicatie.status == "wacht_op_schakelteam"
        assert redis.llen(wachtrij) == 2, "de e-mailtaken staan in de wachtrij"
        assert mail.outbox == []

        # The broker loses everything (as after a restart without persistence). This database
        # belongs to the fault tests alone, so FLUSHDB here is FLUSHALL for the broker.
        redis.flushdb()
        assert redis.llen(wachtrij) == 0

        with django_capture_on_commit_callbacks(execute=True):
            services.voer_dagelijkse_taken_uit()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(lid.email for lid in leden)
    assert not Notificatie.objects.filter(email_verzonden_op__isnull=True).exists()

    # A lost task that turns up after all, or a second run, sends nothing twice.
    from notifications.email import verstuur_email, verstuur_openstaande_emails

    assert all(verstuur_email(n.pk) is False for n in Notificatie.objects.all())
    assert verstuur_openstaande_emails() == 0
    assert len(mail.outbox) == 2


# --- Killed while handing e-mails to the mail server --------------------------------------------


class Gedood(BaseException):
    """SIGKILL, as the code under test sees it: no `except Exception` catches it, no cleanup runs,
    and what its transaction had not committed is rolled back (as the database does for a killed
    client)."""


def _gedood_na(monkeypatch, aantal: int) -> list:
    """A mail backend that accepts `aantal` mails, then dies with the next one in hand (accepted by
    the server, but the process is killed before it hears so)."""
    from django.core.mail.backends.locmem import EmailBackend

    echt = EmailBackend.send_messages
    aangenomen = []

    def sterft(self, berichten):
        echt(self, berichten)
        aangenomen.extend(berichten)
        if len(aangenomen) > aantal:
            raise Gedood

    monkeypatch.setattr(EmailBackend, "send_messages", sterft)
    return aangenomen


@pytest.mark.django_db
def test_gedood_tijdens_het_mailen_na_de_commit_verstuurt_bij_de_herstart_niets_twee_keer(monkeypatch, settings):
    from notifications.email import onderbroken_emails, verstuur_openstaande_emails
    from notifications.services import Melding, notificeer_bulk

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ontvangers = [gebruiker("consulent") for _ in range(200)]
    notificeer_bulk([Melding(o, "evaluatie_open", "e1", "Evaluatie open") for o in ontvangers])
    _gedood_na(monkeypatch, 120)

    with pytest.raises(Gedood):
        verstuur_openstaande_emails()
    assert len(mail.outbox) == 121  # 120 sent and marked, the 121st handed over when it died
    assert Notificatie.objects.filter(email_verzonden_op__isnull=False).count() == 120

    # The restart (the retried task, the next daily run): the other 79 go out, nothing twice.
    monkeypatch.undo()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert verstuur_openstaande_emails() == 79
    assert verstuur_openstaande_emails() == 0
    ontvangen = [m.to[0] for m in mail.outbox]
    assert len(ontvangen) == len(set(ontvangen)) == 200

    # The one in hand is not known to be sent: visible as interrupted, not mailed again.
    [in_de_hand] = Notificatie.objects.filter(email_verzonden_op__isnull=True)
    assert in_de_hand.verzending_gestart is not None
    assert not onderbroken_emails().exists()  # just now: it may still be on its way
    with time_machine.travel(clock.now() + datetime.timedelta(minutes=16)):
        assert list(onderbroken_emails()) == [in_de_hand]


@pytest.mark.django_db
def test_gedood_tijdens_een_enkele_email_verstuurt_de_herhaalde_taak_hem_niet_nog_eens(monkeypatch, settings):
    from notifications.email import verstuur_email
    from notifications.services import notificeer

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    [notificatie] = notificeer([gebruiker("consulent")], soort="evaluatie_open", sleutel="e1", onderwerp="Open")
    _gedood_na(monkeypatch, 0)
    with pytest.raises(Gedood):
        verstuur_email(notificatie.pk)
    monkeypatch.undo()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert verstuur_email(notificatie.pk) is False  # acks_late: the task comes back, the mark stays
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_een_weigering_van_de_mailserver_maakt_de_email_weer_vrij(monkeypatch, settings):
    from django.core.mail.backends.locmem import EmailBackend

    from notifications.email import verstuur_email
    from notifications.services import notificeer

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    [notificatie] = notificeer([gebruiker("consulent")], soort="evaluatie_open", sleutel="e1", onderwerp="Open")
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, berichten: (_ for _ in ()).throw(OSError("weg")))
    with pytest.raises(OSError):
        verstuur_email(notificatie.pk)
    notificatie.refresh_from_db()
    assert (notificatie.verzending_gestart, notificatie.email_verzonden_op) == (None, None)
    monkeypatch.undo()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert verstuur_email(notificatie.pk) is True
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_de_beheerder_ziet_een_onderbroken_email_en_laat_hem_opnieuw_versturen(client, settings):
    from notifications.email import verstuur_openstaande_emails
    from notifications.services import notificeer

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    [notificatie] = notificeer([gebruiker("consulent")], soort="evaluatie_open", sleutel="e1", onderwerp="Open")
    Notificatie.objects.filter(pk=notificatie.pk).update(verzending_gestart=clock.now())
    with time_machine.travel(clock.now() + datetime.timedelta(minutes=16)):
        client.force_login(gebruiker(is_staff=True, is_superuser=True))
        pagina = client.get("/admin/notifications/notificatie/?email=onderbroken")
        assert "niet zeker of verzonden" in pagina.content.decode()
        assert verstuur_openstaande_emails() == 0
        client.post(
            "/admin/notifications/notificatie/",
            {"action": "email_opnieuw_versturen", "_selected_action": [str(notificatie.pk)]},
        )
        assert verstuur_openstaande_emails() == 1
    assert len(mail.outbox) == 1


# --- The file broker is for development only -----------------------------------------------------


@pytest.mark.parametrize("url", ["filesystem://", "memory://"])
def test_check_deploy_weigert_de_bestandsbroker_in_productie(tmp_path, url):
    from tests.betrouwbaarheid.test_privacy import _check_deploy, _productie

    resultaat = _check_deploy(_productie(tmp_path, CELERY_BROKER_URL=url))
    assert resultaat.returncode != 0
    assert "casusregie.E002" in resultaat.stderr
    assert "alleen voor ontwikkeling" in resultaat.stderr


def test_check_deploy_met_redis_in_productie_vindt_geen_brokerfout(tmp_path, istandaarden_vereist):
    from tests.betrouwbaarheid.test_privacy import _check_deploy, _productie

    resultaat = _check_deploy(_productie(tmp_path, CELERY_BROKER_URL="redis://redis.gemeente.intern:6379/0"))
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr


def test_check_deploy_waarschuwt_voor_de_bestandsbroker_in_ontwikkeling(settings):
    from django.core.checks import run_checks

    settings.CELERY_BROKER_URL = "filesystem://"
    ids = [m.id for m in run_checks(include_deployment_checks=True)]
    assert "casusregie.W002" in ids and "casusregie.E002" not in ids
    assert "casusregie.W002" not in [m.id for m in run_checks()]  # only with --deploy


def _ontvangers_in(map_: Path) -> list[str]:
    """Every recipient of every mail the worker's file backend wrote, once per mail."""
    return [
        regel[4:]
        for bestand in map_.glob("*.log")
        for regel in bestand.read_text().splitlines()
        if regel.startswith("To: ")
    ]


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_gedood_met_sigkill_tijdens_het_mailen_verstuurt_na_de_herstart_niets_twee_keer(
    werkers, tmp_path, monkeypatch, settings
):
    from notifications.email import verstuur_openstaande_emails
    from notifications.services import Melding, notificeer_bulk

    map_ = tmp_path / "mail"
    map_.mkdir()
    monkeypatch.setenv("CASUSREGIE_TEST_MAILMAP", str(map_))
    ontvangers = [gebruiker("consulent", team=None) for _ in range(200)]
    eerste = werkers("mailer")
    # Committed: the e-mail tasks go to the queue, 100 to a message, and the worker starts mailing.
    notificeer_bulk([Melding(o, "evaluatie_open", "e1", "Evaluatie open") for o in ontvangers])
    _wacht_tot(lambda: len(_ontvangers_in(map_)) >= 40, "de worker is halverwege het mailen", eerste.log)
    eerste.dood()
    voor_de_dood = len(_ontvangers_in(map_))
    assert voor_de_dood < 200, "de worker was al klaar"
    # Marked before it was handed over, never marked sent: at most the one mail it had in hand.
    in_de_hand = set(
        Notificatie.objects.filter(email_verzonden_op__isnull=True, verzending_gestart__isnull=False).values_list(
            "pk", flat=True
        )
    )
    assert len(in_de_hand) <= 1

    # The restart: the task it had in hand comes back (a short visibility timeout) and mails the
    # rest; then the daily sweep, which finds nothing left to send.
    tweede = werkers("herstart", zichtbaarheid=3)
    _wacht_tot(
        lambda: not Notificatie.objects.filter(email_verzonden_op__isnull=True).exclude(pk__in=in_de_hand).exists(),
        "alles is verstuurd",
        tweede.log,
    )
    tweede.stop()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert verstuur_openstaande_emails() == 0
    assert mail.outbox == []

    ontvangen = _ontvangers_in(map_)
    dubbel = {adres for adres in ontvangen if ontvangen.count(adres) > 1}
    assert dubbel == set(), f"{len(dubbel)} ontvangers kregen dezelfde mail twee keer"
    # The one in hand stays marked, not sent again: it shows as interrupted (docs/operations.md).
    onderbroken = Notificatie.objects.filter(email_verzonden_op__isnull=True)
    assert set(onderbroken.values_list("pk", flat=True)) == in_de_hand
    iedereen = {o.email for o in ontvangers}
    assert set(ontvangen) | {n.ontvanger.email for n in onderbroken} == iedereen
