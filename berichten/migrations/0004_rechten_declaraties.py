from django.db import migrations

from basis.roles import zet_groepsrechten


class Migration(migrations.Migration):
    dependencies = [("berichten", "0003_declaraties")]

    operations = [migrations.RunPython(zet_groepsrechten, migrations.RunPython.noop)]
