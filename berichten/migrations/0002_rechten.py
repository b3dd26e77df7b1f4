from django.db import migrations

from basis.roles import zet_groepsrechten


class Migration(migrations.Migration):
    dependencies = [("berichten", "0001_initial"), ("indicaties", "0023_beleidsregel_start_termijn")]

    operations = [migrations.RunPython(zet_groepsrechten, migrations.RunPython.noop)]
