import datetime
from decimal import Decimal

import pytest
import time_machine

from indicaties import services
from indicaties.models import Evaluatie, Halfjaarcheck, Indicatie
from notifications.models import Notificatie
from tests.factories import ProductFactory, gebruiker, maak_indicatie

pytestmark = pytest.mark.django_db


def _om(dag: datetime.date):
    return time_machine.travel(datetime.datetime.combine(dag, datetime.time(8, 0), tzinfo=datetime.UTC), tick=False)


def test_volledige_levenscyclus_boven_drempel_tot_afschalen(api):
    consulent = gebruiker("consulent", "schakelteam")
    lid = gebruiker("schakelteam")
    with _om(datetime.date(2027, 1, 4)):
        duur = ProductFactory(tarief="116.40")
        indicatie = maak_indicatie(consulent, product=duur, volume=Decimal("14"))
        assert indicatie.status == "wacht_op_schakelteam"
        assert Notificatie.objects.filter(ontvanger=lid, soort="schakelteam_gevraagd").count() == 1
        assert not Notificatie.objects.filter(ontvanger=consulent, soort="schakelteam_gevraagd").exists()

        eigen = api.als(user=consulent)
        antwoord = eigen.post(
            f"/api/v1/indicaties/{indicatie.id}/schakelteam-besluit/",
            {"besluit": "akkoord", "toelichting": "ok"},
            format="json",
        )
        assert antwoord.status_code == 403
        client = api.als(user=lid)
        antwoord = client.post(
            f"/api/v1/indicaties/{indicatie.id}/schakelteam-besluit/",
            {"besluit": "akkoord", "toelichting": "Noodzakelijk na crisis."},
            format="json",
        )
        assert antwoord.status_code == 200, antwoord.json()
        assert antwoord.json()["status"] == "toegewezen"
        assert Notificatie.objects.filter(ontvanger=consulent, soort="schakelteam_besluit").count() == 1
        evaluatie = Evaluatie.objects.get(indicatie=indicatie)
        assert evaluatie.vervaldatum == datetime.date(2027, 5, 4)

    with _om(datetime.date(2027, 4, 20)):
        services.voer_dagelijkse_taken_uit()
        evaluatie.refresh_from_db()
        assert evaluatie.status == "open"
        assert services.voer_dagelijkse_taken_uit() is None

    with _om(datetime.date(2027, 5, 10)):
        services.voer_dagelijkse_taken_uit()
        assert Notificatie.objects.filter(soort="evaluatie_te_laat", object_id=evaluatie.pk).exists()
        client = api.als(user=consulent)
        antwoord = client.post(
            f"/api/v1/evaluaties/{evaluatie.id}/afronden/",
            {
                "uitkomst": "afschalen",
                "resultaat_behaald": "deels",
                "toelichting": "Minder uren volstaan.",
                "nieuw_volume": "8",
                "per_datum": "2027-06-01",
            },
            format="json",
        )
        assert antwoord.status_code == 200, antwoord.json()
        indicatie.refresh_from_db()
        assert indicatie.einddatum == datetime.date(2027, 5, 31)
        assert indicatie.status == "beeindigd"
        opvolger = Indicatie.objects.get(vervangt=indicatie)
        assert opvolger.volume == Decimal("8")
        assert (opvolger.ingangsdatum, opvolger.einddatum) == (datetime.date(2027, 6, 1), datetime.date(2027, 8, 31))
        tweede = client.post(
            f"/api/v1/evaluaties/{evaluatie.id}/afronden/",
            {"uitkomst": "voortzetten", "resultaat_behaald": "ja"},
            format="json",
        )
        assert tweede.status_code == 409

    assert Halfjaarcheck.objects.filter(inwoner=indicatie.inwoner, status__in=["gepland", "open"]).count() == 1
    with _om(datetime.date(2027, 9, 2)):
        services.voer_dagelijkse_taken_uit()
        opvolger.refresh_from_db()
        assert opvolger.status == "verlopen"
