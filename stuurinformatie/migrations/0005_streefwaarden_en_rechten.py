"""The targets of the overview's tiles, and beheer's rights on them and on the declaraties.

Seed 000 names two targets: a 25% shift of hours from the heavier to the lighter variant and 10%
less volume. The others are the municipality's own choice; beheer changes them in the admin.
"""

from decimal import Decimal

from django.db import migrations

from basis.roles import zet_groepsrechten

EIGEN_KEUZE = "Keuze van de gemeente; beheer kan deze aanpassen."
STREEFWAARDEN = [
    ("verschuiving_licht", "0.25", "Seed 000: verschuiving van 25% van de uren naar de lichtere variant."),
    ("volume_per_client", "0.10", "Seed 000: 10% afschaling van de ingezette uren."),
    ("evaluaties_op_tijd", "0.95", EIGEN_KEUZE),
    ("halfjaarchecks_afgerond", "0.95", EIGEN_KEUZE),
    ("opvolgingen_afgehandeld", "0.90", EIGEN_KEUZE),
    ("schakelteam_doorlooptijd", "14", EIGEN_KEUZE + " In kalenderdagen, hoogstens."),
    ("toetsing_akkoord", "0.90", EIGEN_KEUZE),
    ("verzilvering", "1.00", "Gedeclareerd hoort niet boven geïndiceerd uit te komen."),
    ("budgetplafond_signaal", "0.80", "Waarschuwing vanaf 80% van het budgetplafond."),
]


def vul(apps, schema_editor):
    Streefwaarde = apps.get_model("stuurinformatie", "Streefwaarde")
    for kpi, waarde, bron in STREEFWAARDEN:
        Streefwaarde.objects.get_or_create(kpi=kpi, defaults={"waarde": Decimal(waarde), "bron": bron})


class Migration(migrations.Migration):
    dependencies = [("stuurinformatie", "0004_declaraties_streefwaarden")]
    operations = [
        migrations.RunPython(vul, migrations.RunPython.noop),
        migrations.RunPython(zet_groepsrechten, migrations.RunPython.noop),
    ]
