"""Without a database the API answers 503 problem+json — no stack trace, no server error page."""

import pytest
from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper

pytestmark = pytest.mark.django_db


def _database_valt_weg(monkeypatch, alleen_voor: str | None = None):
    echte_execute = CursorWrapper.execute

    def execute(self, sql, params=None):
        if alleen_voor is None or alleen_voor in sql:
            raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")
        return echte_execute(self, sql, params)

    monkeypatch.setattr(CursorWrapper, "execute", execute)


def _is_503_probleem(antwoord) -> None:
    assert antwoord.status_code == 503
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord["Retry-After"] == "30"
    body = antwoord.json()
    assert body["status"] == 503
    assert body["title"] == "Dienst tijdelijk niet beschikbaar"
    assert "Traceback" not in antwoord.content.decode()
    assert "5432" not in antwoord.content.decode()


def test_zonder_database_geeft_de_api_503_ook_voor_het_inloggen_met_een_token(api, monkeypatch):
    client = api.als("consulent")
    _database_valt_weg(monkeypatch)
    _is_503_probleem(client.get("/api/v1/indicaties/"))


def test_zonder_database_geeft_ook_een_schrijfverzoek_503(api, monkeypatch):
    client = api.als("consulent")
    _database_valt_weg(monkeypatch)
    _is_503_probleem(client.post("/api/v1/inwoners/", {"bsn": "111222333"}, format="json"))


def test_valt_de_database_midden_in_het_verzoek_weg_dan_ook_503(api, monkeypatch):
    client = api.als("consulent")
    _database_valt_weg(monkeypatch, alleen_voor='"indicaties_indicatie"')
    _is_503_probleem(client.get("/api/v1/indicaties/"))


def test_zonder_database_met_een_sessie_ook_503(client, monkeypatch):
    from tests.factories import gebruiker

    client.force_login(gebruiker("consulent"))
    _database_valt_weg(monkeypatch)
    _is_503_probleem(client.get("/api/v1/evaluaties/"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_een_onbereikbare_postgresql_server_geeft_503(api, monkeypatch):
    client = api.als("consulent")
    connection.close()
    # Nothing listens on port 1: connecting fails the way it does when the server is down.
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
    try:
        _is_503_probleem(client.get("/api/v1/indicaties/"))
        gezondheid = client.get("/gezondheid/")
        assert gezondheid.status_code == 503
        assert gezondheid.json()["database"] == "onbereikbaar"
    finally:
        connection.close()
        monkeypatch.undo()
    assert client.get("/api/v1/indicaties/").status_code == 200


def test_een_verbroken_verbinding_geeft_ook_503(api, monkeypatch):
    from django.db import InterfaceError

    client = api.als("consulent")

    def execute(self, sql, params=None):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(CursorWrapper, "execute", execute)
    _is_503_probleem(client.get("/api/v1/indicaties/"))


def test_een_integriteitsfout_is_geen_onbereikbare_database(api, monkeypatch):
    """A bug must surface as a server error, not hide behind 'try again later'."""
    from django.db import IntegrityError

    client = api.als("consulent")

    def execute(self, sql, params=None):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(CursorWrapper, "execute", execute)
    with pytest.raises(IntegrityError):
        client.get("/api/v1/indicaties/")
