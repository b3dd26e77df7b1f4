"""The hash chain: `verwerkingen_controleren` passes on an untouched log and fails on a changed,
removed or smuggled-in row; the database refuses changes; a purge keeps the rest verifiable; and
concurrent appends (PostgreSQL) leave one unbroken chain."""

import datetime
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from privacy import keten, logboek
from privacy.models import Handeling, KetenAnker, KetenKop, Verwerking

pytestmark = pytest.mark.django_db
BSNS = ["123456782", "111222333", "100000009", "100000010"]


def _log(*bsns, actie="test"):
    with logboek.als_taak(actie=actie, activiteit="beheer-v1"):
        logboek.verwerkt(bsns)


def _controle() -> str:
    from io import StringIO

    uit = StringIO()
    call_command("verwerkingen_controleren", stdout=uit, stderr=uit)
    return uit.getvalue()


def _fout() -> str:
    from io import StringIO

    uit = StringIO()
    with pytest.raises(CommandError, match="niet ongeschonden"):
        call_command("verwerkingen_controleren", stdout=uit, stderr=uit)
    return uit.getvalue()


def _buiten_de_regels(sql: str, params=()) -> None:
    """What someone with direct access to the database could do: past the append-only guard (in
    this test's transaction, so undone afterwards)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL privacy.onderhoud = 'aan'")
        else:
            for naam in keten.KETENS:
                cursor.execute(f"DROP TRIGGER IF EXISTS privacy_{naam}_alleen_toevoegen")
        cursor.execute(sql, params)


@pytest.fixture
def logboek_met_regels(db):
    _log(*BSNS[:2])
    _log(BSNS[2])
    _log(BSNS[3])
    return list(Verwerking.objects.order_by("volgnummer"))


def test_een_ongeschonden_logboek_is_in_orde(logboek_met_regels):
    assert list(Verwerking.objects.values_list("volgnummer", flat=True)) == [1, 2, 3, 4]
    assert list(Handeling.objects.values_list("volgnummer", flat=True)) == [1, 2, 3]
    uit = _controle()
    assert "verwerking: 4 regels in orde (1 t/m 4)" in uit and "ongeschonden" in uit


@pytest.mark.parametrize(
    ("sql", "melding"),
    [
        ("UPDATE privacy_verwerking SET status = 'ERROR' WHERE volgnummer = 2", "verwerking 2: de inhoud is gewijzigd"),
        (
            "UPDATE privacy_verwerking SET betrokkene = substr(betrokkene, 2) || 'x' WHERE volgnummer = 1",
            "verwerking 1: de inhoud is gewijzigd",
        ),
        ("UPDATE privacy_verwerking SET keten_hash = inhoud_hash WHERE volgnummer = 3", "verwerking 3"),
        ("DELETE FROM privacy_verwerking WHERE volgnummer = 2", "volgnummer 2 ontbreekt"),
        ("DELETE FROM privacy_verwerking WHERE volgnummer = 4", "de laatste regels zijn weg"),
        ("DELETE FROM privacy_handeling WHERE volgnummer = 1", "handeling: volgnummer 1 ontbreekt"),
        ("UPDATE privacy_handeling SET gebruikersnaam = 'iemand' WHERE volgnummer = 3", "handeling 3"),
    ],
)
def test_een_gewijzigde_of_verwijderde_regel_laat_de_controle_falen(logboek_met_regels, sql, melding):
    _buiten_de_regels(sql)
    assert melding in _fout()


def test_een_regel_buiten_de_keten_om_laat_de_controle_falen(logboek_met_regels):
    eerste = logboek_met_regels[0]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE privacy_verwerking DISABLE TRIGGER privacy_verwerking_keten")
        else:
            cursor.execute("DROP TRIGGER privacy_verwerking_keten")
    Verwerking.objects.create(
        trace_id=eerste.trace_id,
        span_id="0" * 16,
        verwerkingsactiviteit="beheer-v1",
        betrokkene=eerste.betrokkene,
        status="OK",
        start=eerste.start,
        eind=eerste.eind,
        inhoud_hash=eerste.inhoud_hash,
    )
    assert "zonder volgnummer" in _fout()


def test_de_database_weigert_een_regel_te_wijzigen(logboek_met_regels):
    with pytest.raises(DatabaseError), transaction.atomic():
        Verwerking.objects.filter(volgnummer=1).update(status="ERROR")


@pytest.mark.postgres
def test_postgresql_weigert_ook_verwijderen(logboek_met_regels):
    with pytest.raises(DatabaseError), transaction.atomic():
        Verwerking.objects.filter(volgnummer=1).delete()


def test_opschonen_verwijdert_het_oude_deel_en_laat_de_rest_controleerbaar(db):
    with time_machine.travel(datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC), tick=False):
        _log(*BSNS[:3])
    with time_machine.travel(datetime.datetime(2027, 1, 1, 12, tzinfo=datetime.UTC), tick=False):
        _log(BSNS[3])
        call_command("verwerkingen_opschonen", "--dagen", "365", stdout=open("/dev/null", "w"))  # noqa: SIM115
        _log(BSNS[0])
    assert list(Verwerking.objects.values_list("volgnummer", flat=True)) == [4, 5]
    anker = KetenAnker.objects.get(keten="verwerking")
    assert (anker.volgnummer, anker.verwijderd) == (3, 3)
    assert "verwerking: 2 regels in orde (4 t/m 5)" in _controle()
    _buiten_de_regels("DELETE FROM privacy_verwerking WHERE volgnummer = 4")
    assert "volgnummer 4 ontbreekt" in _fout()


def test_opschonen_weigert_een_geschonden_keten(logboek_met_regels):
    _buiten_de_regels("UPDATE privacy_verwerking SET status = 'ERROR' WHERE volgnummer = 1")
    with pytest.raises(CommandError, match="niet in orde"):
        call_command("verwerkingen_opschonen", "--dagen", "1")
    assert Verwerking.objects.count() == 4


def test_de_kop_volgt_de_laatste_regel(logboek_met_regels):
    kop = KetenKop.objects.get(keten="verwerking")
    assert (kop.volgnummer, kop.hash) == (4, logboek_met_regels[-1].keten_hash)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gelijktijdige_verzoeken_maken_een_ononderbroken_keten():
    """Twelve transactions append at once, some with several rows, some rolled back: the numbers
    follow each other without a gap or a double, and every link holds."""
    aantal = 12
    start = threading.Barrier(aantal)
    fouten = []

    def werk(i: int) -> None:
        try:
            start.wait()
            with transaction.atomic():
                with logboek.als_taak(actie=f"gelijktijdig {i}", activiteit="beheer-v1"):
                    logboek.verwerkt(BSNS[: 1 + i % 3])
                if i % 4 == 3:
                    transaction.set_rollback(True)
        except Exception as exc:  # pragma: no cover - reported below
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=werk, args=(i,)) for i in range(aantal)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fouten == []
    verwacht = sum(1 + i % 3 for i in range(aantal) if i % 4 != 3)
    assert list(Verwerking.objects.order_by("volgnummer").values_list("volgnummer", flat=True)) == list(
        range(1, verwacht + 1)
    )
    assert Handeling.objects.count() == aantal - aantal // 4
    assert "ongeschonden" in _controle()


def test_veel_regels_en_een_teruggedraaid_deel_in_een_transactie_blijven_een_keten(db):
    """The head moves once per insert statement (privacy.keten): several statements in one
    transaction, one of them undone with its savepoint, and a statement of 2,500 rows still give
    numbers without a gap and links that hold."""
    veel = [f"{100000000 + i:09d}" for i in range(2500)]
    with transaction.atomic():
        _log(*BSNS[:2])
        try:
            with transaction.atomic():
                _log(BSNS[2], actie="teruggedraaid")
                raise RuntimeError("terug")
        except RuntimeError:
            pass
        _log(*veel, actie="veel")
        _log(BSNS[3])
    assert list(Verwerking.objects.order_by("volgnummer").values_list("volgnummer", flat=True)) == list(
        range(1, 2 + 2500 + 1 + 1)  # two, the 2,500, one; the undone one is not there
    )
    assert KetenKop.objects.get(keten="verwerking").volgnummer == 2503
    assert not Handeling.objects.filter(actie="teruggedraaid").exists()
    assert "ongeschonden" in _controle()
