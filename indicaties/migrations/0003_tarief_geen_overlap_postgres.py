"""On PostgreSQL the database itself refuses overlapping tariff periods of one product."""

from django.db import migrations

SQL = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE indicaties_tarief ADD CONSTRAINT tarief_periodes_overlappen_niet
    EXCLUDE USING gist (product_id WITH =, daterange(geldig_van, geldig_tot, '[]') WITH &&);
"""
REVERSE = "ALTER TABLE indicaties_tarief DROP CONSTRAINT IF EXISTS tarief_periodes_overlappen_niet;"


def vooruit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL)


def terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("indicaties", "0002_rollen")]
    operations = [migrations.RunPython(vooruit, terug)]
