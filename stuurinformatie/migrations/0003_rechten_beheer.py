from django.db import migrations

from basis.roles import zet_groepsrechten


class Migration(migrations.Migration):
    dependencies = [("stuurinformatie", "0002_standaardwaarden"), ("indicaties", "0002_rollen")]
    operations = [migrations.RunPython(zet_groepsrechten, migrations.RunPython.noop)]
