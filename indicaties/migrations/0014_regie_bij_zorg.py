"""Every inwoner with care gets a regisseur: need to know (privacy.caseload) asks only who directs
an inwoner. An inwoner without one gets the consulent of their latest indicatie who is still an
active consulent, with a line in the inwoner's history; an inwoner without such care keeps none
until beheer names one."""

from django.db import migrations
from django.utils import timezone

REDEN = "Regisseur: de consulent van de laatste indicatie van deze inwoner zonder regisseur"


def wijs_regisseur_toe(apps, schema_editor):
    Inwoner = apps.get_model("indicaties", "Inwoner")
    Indicatie = apps.get_model("indicaties", "Indicatie")
    HistoricalInwoner = apps.get_model("indicaties", "HistoricalInwoner")
    zonder = Inwoner.objects.filter(regisseur__isnull=True, indicaties__isnull=False).distinct()
    nu = timezone.now()
    historie = []
    for inwoner in zonder.iterator(chunk_size=1000):
        laatste = (
            Indicatie.objects.filter(inwoner=inwoner, consulent__is_active=True, consulent__groups__name="consulent")
            .order_by("-aangemaakt", "-id")
            .first()
        )
        if laatste is None:  # only care by people who left or no longer are consulent: beheer decides
            continue
        inwoner.regisseur_id = laatste.consulent_id
        Inwoner.objects.filter(pk=inwoner.pk).update(regisseur_id=laatste.consulent_id)
        historie.append(
            HistoricalInwoner(
                id=inwoner.pk,
                bsn=inwoner.bsn,
                voornaam=inwoner.voornaam,
                achternaam=inwoner.achternaam,
                geboortedatum=inwoner.geboortedatum,
                wlz_indicatie=inwoner.wlz_indicatie,
                regisseur_id=inwoner.regisseur_id,
                history_date=nu,
                history_type="~",
                history_change_reason=REDEN,
            )
        )
    HistoricalInwoner.objects.bulk_create(historie, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("indicaties", "0013_lopend_werk_per_datum")]

    operations = [migrations.RunPython(wijs_regisseur_toe, migrations.RunPython.noop)]
