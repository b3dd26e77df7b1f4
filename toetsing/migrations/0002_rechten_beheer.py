from django.db import migrations

from basis.roles import zet_groepsrechten


class Migration(migrations.Migration):
    dependencies = [
        ("toetsing", "0001_initial"),
        ("indicaties", "0002_rollen"),
        ("stuurinformatie", "0003_rechten_beheer"),
    ]
    operations = [migrations.RunPython(zet_groepsrechten, migrations.RunPython.noop)]
