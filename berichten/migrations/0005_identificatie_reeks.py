"""The BerichtIdentificatie of what this service writes from one PostgreSQL sequence
(berichten.opbouw.volgende_identificatie): it starts above every number the locked rows per kind
handed out before."""

from django.db import migrations

REEKS = "berichten_identificatie_seq"


def reeks(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {REEKS}")
        cursor.execute(
            f"SELECT setval('{REEKS}', COALESCE((SELECT MAX(laatste) FROM indicaties_nummerreeks "
            "WHERE naam LIKE 'bericht-%%'), 0) + 1, false)"
        )


def geen_reeks(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {REEKS}")


class Migration(migrations.Migration):
    dependencies = [
        ("berichten", "0004_rechten_declaraties"),
        ("indicaties", "0027_toewijzingnummer_reeks"),
    ]

    operations = [migrations.RunPython(reeks, geen_reeks)]
