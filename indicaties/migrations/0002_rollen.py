from django.db import migrations

from basis.roles import zet_groepsrechten


class Migration(migrations.Migration):
    dependencies = [
        ("indicaties", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(zet_groepsrechten, migrations.RunPython.noop)]
