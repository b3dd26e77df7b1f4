from django.db import migrations

from basis.roles import zet_groepsrechten


class Migration(migrations.Migration):
    dependencies = [("indicaties", "0010_traject")]

    operations = [migrations.RunPython(zet_groepsrechten, migrations.RunPython.noop)]
