"""The hash chain over the processing log, in the database (privacy.keten): a trigger numbers and
links every inserted row, another refuses changes. PostgreSQL and SQLite each their own."""

from django.db import migrations

from privacy import keten


def _postgres(schema_editor, sql):
    # Without parameters: the functions' bodies hold % signs and several statements.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(sql)


def maak(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _postgres(schema_editor, keten.POSTGRES)
    elif schema_editor.connection.vendor == "sqlite":
        for naam in keten.KETENS:
            for sql in keten.sqlite_triggers(naam):
                schema_editor.execute(sql)


def verwijder(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _postgres(schema_editor, keten.POSTGRES_TERUG)
    elif schema_editor.connection.vendor == "sqlite":
        for naam in keten.KETENS:
            for sql in keten.sqlite_terug(naam):
                schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(maak, verwijder)]
