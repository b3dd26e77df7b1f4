"""The ToewijzingNummer from a PostgreSQL sequence (indicaties.models.volgende_nummers): it starts
above every number handed out from the locked row before and every number in use."""

from django.db import migrations

REEKS = "indicaties_toewijzingnummer_seq"


def reeks(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {REEKS}")
        cursor.execute(
            f"SELECT setval('{REEKS}', GREATEST("
            "COALESCE((SELECT laatste FROM indicaties_nummerreeks WHERE naam = 'toewijzingnummer'), 0), "
            "COALESCE((SELECT MAX(toewijzingnummer) FROM indicaties_indicatie), 0)) + 1, false)"
        )


def geen_reeks(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {REEKS}")


class Migration(migrations.Migration):
    dependencies = [
        ("indicaties", "0026_beleidsregel_budgetplafond_weigeren"),
    ]

    operations = [migrations.RunPython(reeks, geen_reeks)]
