"""The chain's head moves once per insert statement instead of once per row (privacy.keten): an
insert of thousands of log rows took time growing with the square of their number."""

from django.db import migrations

from privacy import keten


def installeer(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Without parameters: the functions' bodies hold % signs and several statements.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(keten.POSTGRES)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_rechten_beheer")]
    # Back: the statement triggers stay; they are correct for the schema of 0003 as well.
    operations = [migrations.RunPython(installeer, migrations.RunPython.noop)]
