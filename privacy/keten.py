"""The hash chain over the processing log: how a row is hashed, how the database links it to the
row before, and how the chain is checked.

The application computes the hash of a row's content (`inhoud_hash`) before it inserts it. The
database does the rest in the insert itself, with triggers: it gives each row the next number and
`keten_hash = sha256(keten_hash of the row before + inhoud_hash)`, and moves the chain's head
(`privacy_ketenkop`) on to the last row.

Why in the database: concurrent requests each append at the end of their own transaction. The
trigger locks the head row, and that row lock is held until the transaction ends, so a second
transaction that appends waits for the first to commit (or roll back) and then links to what the
first left: numbers follow commit order without a gap, and a rolled-back append leaves nothing.
The lock is held only from the insert to the commit, because the log is written last
(privacy.logboek). On SQLite, which lets one writer in at a time, an AFTER INSERT trigger does
the same with a hash function the application registers on each connection.

The rows are append-only: on PostgreSQL a trigger refuses UPDATE and DELETE unless the session
says it is maintenance (`SET LOCAL privacy.onderhoud = 'aan'`, the purge), on SQLite an UPDATE
of a chained row. The chain is what makes a change visible regardless.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection
from django.db.backends.signals import connection_created

GENESIS = "0" * 64
KETENS = ("verwerking", "handeling")
# The content of a row, in this order, is what its `inhoud_hash` covers.
VELDEN = {
    "verwerking": (
        "trace_id",
        "span_id",
        "parent_span_id",
        "verwerkingsactiviteit",
        "betrokkene",
        "status",
        "start",
        "eind",
    ),
    "handeling": (
        "trace_id",
        "span_id",
        "parent_span_id",
        "gebruiker_id",
        "gebruikersnaam",
        "rollen",
        "grond",
        "reden",
        "verwerkingsactiviteit",
        "actie",
        "status",
        "betrokkenen",
        "tijdstip",
    ),
}


def _canoniek(waarde):
    if isinstance(waarde, datetime):
        return waarde.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return waarde


def inhoud_hash(keten: str, waarden: dict) -> str:
    """sha256 of the chain's name and the row's fields as canonical JSON (times in UTC, to the
    microsecond): the same text in Python at insert and at every check."""
    tekst = json.dumps(
        [keten, *(_canoniek(waarden[v]) for v in VELDEN[keten])], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(tekst.encode()).hexdigest()


def schakel(vorige: str, inhoud: str) -> str:
    return hashlib.sha256((vorige + inhoud).encode()).hexdigest()


# --- The triggers (migrations 0002 and 0004) ---------------------------------------------------

# Fixed text; the one table name in it comes from the trigger and is quoted by format('%I').
#
# The head moves once per statement, not once per row: a statement trigger locks and reads it
# before the first row, each row continues from the transaction-local setting
# `privacy.keten_<chain>`, and a statement trigger writes the head back after the last row.
# Updating the head for every row left a new version of that one row per appended row, each
# found by walking the versions before it, so a statement cost more per row the more rows it had
# (docs/performance.md). The lock is the same: taken by the first statement, held to the
# end of the transaction. The setting is reset when a (sub)transaction rolls back, as the head is.
# Idempotent, so a later migration can install it again over an earlier version.
POSTGRES = """
CREATE OR REPLACE FUNCTION privacy_keten_begin() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    nummer bigint;
    schakelhash text;
BEGIN
    LOOP
        -- The head's row lock, held until the transaction ends, serialises the appends.
        SELECT volgnummer, hash INTO nummer, schakelhash FROM privacy_ketenkop
         WHERE keten = TG_ARGV[0] FOR UPDATE;
        EXIT WHEN FOUND;
        -- No head yet (a new or emptied database): continue from the table's last row.
        EXECUTE format(
            'INSERT INTO privacy_ketenkop (keten, volgnummer, hash) '
            'SELECT $1, COALESCE(MAX(volgnummer), 0), '
            'COALESCE((SELECT keten_hash FROM %1$I WHERE volgnummer = (SELECT MAX(volgnummer) FROM %1$I)), $2) '
            'FROM %1$I ON CONFLICT (keten) DO NOTHING', TG_TABLE_NAME)
        USING TG_ARGV[0], repeat('0', 64);
    END LOOP;
    PERFORM set_config('privacy.keten_' || TG_ARGV[0], nummer || ':' || schakelhash, true);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION privacy_keten_schakel() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stand text := current_setting('privacy.keten_' || TG_ARGV[0], true);
    nummer bigint;
    schakelhash text;
BEGIN
    IF stand IS NULL OR stand = '' THEN
        RAISE EXCEPTION 'De keten % is niet vergrendeld voor deze opdracht.', TG_ARGV[0];
    END IF;
    nummer := split_part(stand, ':', 1)::bigint + 1;
    schakelhash := encode(sha256(convert_to(split_part(stand, ':', 2) || NEW.inhoud_hash, 'UTF8')), 'hex');
    PERFORM set_config('privacy.keten_' || TG_ARGV[0], nummer || ':' || schakelhash, true);
    NEW.volgnummer := nummer;
    NEW.keten_hash := schakelhash;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION privacy_keten_einde() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stand text := current_setting('privacy.keten_' || TG_ARGV[0], true);
BEGIN
    UPDATE privacy_ketenkop
       SET volgnummer = split_part(stand, ':', 1)::bigint, hash = split_part(stand, ':', 2)
     WHERE keten = TG_ARGV[0];
    PERFORM set_config('privacy.keten_' || TG_ARGV[0], '', true);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION privacy_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('privacy.onderhoud', true) = 'aan' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Het verwerkingenlogboek kan alleen worden aangevuld (% op %).', TG_OP, TG_TABLE_NAME;
END
$$;
""" + "".join(  # noqa: S608
    f"""
DROP TRIGGER IF EXISTS privacy_{keten}_keten_begin ON privacy_{keten};
CREATE TRIGGER privacy_{keten}_keten_begin BEFORE INSERT ON privacy_{keten}
    FOR EACH STATEMENT EXECUTE FUNCTION privacy_keten_begin('{keten}');
DROP TRIGGER IF EXISTS privacy_{keten}_keten ON privacy_{keten};
CREATE TRIGGER privacy_{keten}_keten BEFORE INSERT ON privacy_{keten}
    FOR EACH ROW EXECUTE FUNCTION privacy_keten_schakel('{keten}');
DROP TRIGGER IF EXISTS privacy_{keten}_keten_einde ON privacy_{keten};
CREATE TRIGGER privacy_{keten}_keten_einde AFTER INSERT ON privacy_{keten}
    FOR EACH STATEMENT EXECUTE FUNCTION privacy_keten_einde('{keten}');
DROP TRIGGER IF EXISTS privacy_{keten}_alleen_toevoegen ON privacy_{keten};
CREATE TRIGGER privacy_{keten}_alleen_toevoegen BEFORE UPDATE OR DELETE ON privacy_{keten}
    FOR EACH ROW EXECUTE FUNCTION privacy_alleen_toevoegen();
"""
    for keten in KETENS
)

POSTGRES_TERUG = "".join(
    f"DROP TRIGGER IF EXISTS privacy_{keten}_keten_begin ON privacy_{keten};"
    f"DROP TRIGGER IF EXISTS privacy_{keten}_keten ON privacy_{keten};"
    f"DROP TRIGGER IF EXISTS privacy_{keten}_keten_einde ON privacy_{keten};"
    f"DROP TRIGGER IF EXISTS privacy_{keten}_alleen_toevoegen ON privacy_{keten};"
    for keten in KETENS
) + (
    "DROP FUNCTION IF EXISTS privacy_keten_begin(); DROP FUNCTION IF EXISTS privacy_keten_schakel();"
    " DROP FUNCTION IF EXISTS privacy_keten_einde(); DROP FUNCTION IF EXISTS privacy_alleen_toevoegen();"
)


def sqlite_triggers(keten: str) -> list[str]:
    tabel = f"privacy_{keten}"
    return [
        f"""

CREATE TRIGGER {tabel}_keten AFTER INSERT ON {tabel}
BEGIN
    INSERT INTO privacy_ketenkop (keten, volgnummer, hash)
        SELECT '{keten}', COALESCE(MAX(volgnummer), 0),
               COALESCE((SELECT keten_hash FROM {tabel} WHERE volgnummer = (SELECT MAX(volgnummer) FROM {tabel})),
                        '{GENESIS}')
          FROM {tabel} WHERE true
        ON CONFLICT (keten) DO NOTHING;
    UPDATE privacy_ketenkop SET volgnummer = volgnummer + 1, hash = privacy_sha256(hash || NEW.inhoud_hash)
     WHERE keten = '{keten}';
    UPDATE {tabel}
       SET volgnummer = (SELECT volgnummer FROM privacy_ketenkop WHERE keten = '{keten}'),
           keten_hash = (SELECT hash FROM privacy_ketenkop WHERE keten = '{keten}')
     WHERE id = NEW.id;
END
""",  # noqa: S608
        f"""
CREATE TRIGGER {tabel}_alleen_toevoegen BEFORE UPDATE ON {tabel} WHEN OLD.volgnummer IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'Het verwerkingenlogboek kan alleen worden aangevuld.');
END
""",
    ]


def sqlite_terug(keten: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS privacy_{keten}_keten",
        f"DROP TRIGGER IF EXISTS privacy_{keten}_alleen_toevoegen",
    ]


def _sha256_hex(tekst: str) -> str:
    return hashlib.sha256(tekst.encode()).hexdigest()


def _registreer_functie(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("privacy_sha256", 1, _sha256_hex, deterministic=True)


def koppel_sqlite() -> None:
    """Every SQLite connection gets `privacy_sha256`, which the chain's trigger calls."""
    connection_created.connect(_registreer_functie, dispatch_uid="privacy_sha256")
    if connection.vendor == "sqlite" and connection.connection is not None:
        _registreer_functie(None, connection)


def onderhoud() -> None:
    """Allow this transaction to remove rows (the purge). PostgreSQL only; SQLite does not guard
    deletes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL privacy.onderhoud = 'aan'")


# --- Checking ----------------------------------------------------------------------------------


def _reeks(van: int, tot: int) -> str:
    return f"volgnummer {van}" if van == tot else f"volgnummer {van} tot en met {tot}"


@dataclass
class Uitkomst:
    keten: str
    rijen: int = 0
    eerste: int | None = None
    laatste: int | None = None
    fouten: list[str] = field(default_factory=list)

    @property
    def in_orde(self) -> bool:
        return not self.fouten


def controleer(
    keten: str, rijen: Iterable[dict], anker: tuple[int, str] | None, kop: tuple[int, str] | None
) -> Uitkomst:
    """Walk the rows in number order from the anchor (or the start) and report every row whose
    content or link does not match, every missing number, and a head that the last row does not
    reach. `rijen` are dicts with the content fields, `volgnummer`, `inhoud_hash` and `keten_hash`."""
    uitkomst = Uitkomst(keten)
    verwacht_nummer, vorige = (anker[0] + 1, anker[1]) if anker else (1, GENESIS)

    def fout(tekst: str) -> None:
        if len(uitkomst.fouten) < 50:
            uitkomst.fouten.append(tekst)
        elif len(uitkomst.fouten) == 50:
            uitkomst.fouten.append("… en meer.")

    for rij in rijen:
        nummer = rij["volgnummer"]
        uitkomst.rijen += 1
        if nummer is None:
            fout(f"{keten} id {rij['id']}: zonder volgnummer (buiten de keten om toegevoegd).")
            continue
        if uitkomst.eerste is None:
            uitkomst.eerste = nummer
        uitkomst.laatste = nummer
        if nummer != verwacht_nummer:
            if nummer > verwacht_nummer:
                fout(f"{keten}: {_reeks(verwacht_nummer, nummer - 1)} ontbreekt.")
            else:
                fout(f"{keten}: volgnummer {nummer} komt dubbel of te vroeg voor.")
        if inhoud_hash(keten, rij) != rij["inhoud_hash"]:
            fout(f"{keten} {nummer}: de inhoud is gewijzigd.")
        if schakel(vorige, rij["inhoud_hash"]) != rij["keten_hash"]:
            fout(f"{keten} {nummer}: de schakel met de vorige regel klopt niet.")
        vorige = rij["keten_hash"]
        verwacht_nummer = nummer + 1
    laatste = verwacht_nummer - 1
    if kop is None:
        if laatste > (anker[0] if anker else 0):
            fout(f"{keten}: de kop van de keten ontbreekt.")
    elif kop[0] != laatste or kop[1] != vorige:
        if kop[0] > laatste:
            fout(f"{keten}: {_reeks(laatste + 1, kop[0])} ontbreekt (de laatste regels zijn weg).")
        else:
            fout(f"{keten}: de kop van de keten (volgnummer {kop[0]}) past niet bij de laatste regel ({laatste}).")
    return uitkomst
