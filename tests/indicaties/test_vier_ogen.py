"""Four eyes after a change: whoever made the change that sends an indicatie to the schakelteam,
or changed it since its last review, does not decide on it (docs/domain.md, "Who uses it")."""

from decimal import Decimal

import pytest

from indicaties import services
from indicaties.models import Indicatie
from tests.factories import ProductFactory, gebruiker

from .hulp import INGANG, indicatie, om

pytestmark = pytest.mark.django_db


@pytest.fixture
def collega():
    return gebruiker("consulent")


@pytest.fixture
def beide():
    """A consulent who is also in the schakelteam, in the same team as the colleague."""
    return gebruiker("consulent", "schakelteam")


@pytest.fixture
def van_collega(collega):
    """A colleague's indicatie under the threshold: 6 uur per week at € 116,40, about € 24.000."""
    with om(INGANG):
        yield indicatie(collega, product=ProductFactory(tarief="116.40"))


def _verhoog(client, ind, volume="16"):
    return client.patch(f"/api/v1/indicaties/{ind.id}", {"volume": volume}, format="json")


def _besluit(client, ind, besluit="akkoord"):
    return client.post(
        f"/api/v1/indicaties/{ind.id}/schakelteam-besluit",
        {"besluit": besluit, "toelichting": "Noodzakelijk na crisis."},
        format="json",
    )


def test_wie_de_indicatie_boven_de_drempel_bracht_mag_er_niet_over_beslissen(api, beide, van_collega):
    client = api.als(user=beide)
    with om(INGANG):
        assert _verhoog(client, van_collega).json()["status"] == "wacht_op_schakelteam"
        antwoord = _besluit(client, van_collega)
    assert antwoord.status_code == 403
    assert antwoord["Content-Type"] == "application/problem+json"
    assert "gewijzigd sinds de laatste beoordeling" in antwoord.json()["detail"]
    assert Indicatie.objects.get(pk=van_collega.pk).status == "wacht_op_schakelteam"


def test_wie_de_indicatie_wijzigde_sinds_de_laatste_beoordeling_mag_niet_beslissen(api, beide, collega, van_collega):
    """Not only the change that sent it to the schakelteam: any change since the last review."""
    with om(INGANG):
        _verhoog(api.als(user=beide), van_collega, "7")  # still under the threshold
        _verhoog(api.als(user=collega), van_collega, "16")
        assert _besluit(api.als(user=beide), van_collega).status_code == 403


def test_een_ander_schakelteamlid_beslist_wel(api, beide, van_collega):
    with om(INGANG):
        _verhoog(api.als(user=beide), van_collega)
        antwoord = _besluit(api.als("schakelteam"), van_collega)
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["status"] == "toegewezen"


def test_na_een_beoordeling_telt_alleen_wie_daarna_wijzigde(api, beide, collega, van_collega):
    """The review judged the change: a member who changed it before that review may decide on a
    later change by someone else."""
    with om(INGANG):
        _verhoog(api.als(user=beide), van_collega)
        assert _besluit(api.als("schakelteam"), van_collega).status_code == 200
        assert _verhoog(api.als(user=collega), van_collega, "20").json()["status"] == "wacht_op_schakelteam"
        antwoord = _besluit(api.als(user=beide), van_collega)
    assert antwoord.status_code == 200, antwoord.json()


def test_de_regel_kijkt_naar_de_historie_ook_bij_wijziging_via_de_service(beide, van_collega):
    with om(INGANG):
        services.wijzig_indicatie(gebruiker=beide, indicatie=van_collega, wijzigingen={"volume": Decimal("16")})
        with pytest.raises(services.schakelteam.NotAllowed):
            services.neem_schakelteambesluit(
                gebruiker=beide, indicatie=van_collega, besluit="akkoord", toelichting="Past."
            )


def test_op_het_scherm_krijgt_wie_wijzigde_geen_besluitformulier_en_een_post_wordt_geweigerd(
    client, beide, van_collega
):
    client.force_login(beide)
    with om(INGANG):
        antwoord = client.post(
            f"/indicaties/{van_collega.pk}/wijzigen/",
            {
                "product": van_collega.product.code,
                "aanbieder": van_collega.aanbieder.pk,
                "volume": "16",
                "eenheid": "uur",
                "frequentie": "per_week",
                "ingangsdatum": van_collega.ingangsdatum.isoformat(),
                "einddatum": van_collega.einddatum.isoformat(),
                "motivatie": "",
                "spoed_reden": "",
            },
        )
        assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
        assert Indicatie.objects.get(pk=van_collega.pk).status == "wacht_op_schakelteam"
        pagina = client.get(f"/indicaties/{van_collega.pk}/").content.decode()
        assert f"/indicaties/{van_collega.pk}/schakelteam-besluit/" not in pagina
        besluit = client.post(
            f"/indicaties/{van_collega.pk}/schakelteam-besluit/",
            {"besluit": "akkoord", "toelichting": "Past."},
        )
    assert besluit.status_code == 403
    assert Indicatie.objects.get(pk=van_collega.pk).status == "wacht_op_schakelteam"
