import pytest

from tests.factories import gebruiker
from toetsing import services

from .hulp import DINSDAG_W05, MAANDAG_W06, WEEK, met_spoed, om

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client):
    gebruiker_ = gebruiker("beheer", is_staff=True, is_superuser=True)
    client.force_login(gebruiker_)
    return client


def test_steekproef_en_toetsing_zijn_in_de_admin_te_lezen_maar_niet_te_wijzigen(beheerder):
    with om(DINSDAG_W05):
        met_spoed()
    with om(MAANDAG_W06):
        steekproef, _ = services.trek_steekproef(WEEK)
    toetsing = steekproef.toetsingen.get()
    for pad in (
        "/admin/toetsing/steekproef/",
        f"/admin/toetsing/steekproef/{steekproef.pk}/change/",
        "/admin/toetsing/toetsing/",
        f"/admin/toetsing/toetsing/{toetsing.pk}/change/",
        f"/admin/toetsing/toetsing/{toetsing.pk}/history/",
    ):
        assert beheerder.get(pad).status_code == 200, pad
    assert beheerder.get("/admin/toetsing/toetsing/add/").status_code == 403
    wijziging = beheerder.post(f"/admin/toetsing/toetsing/{toetsing.pk}/change/", {"reden": "steekproef"})
    assert wijziging.status_code == 403
    assert beheerder.post(f"/admin/toetsing/steekproef/{steekproef.pk}/delete/", {"post": "yes"}).status_code == 403
    toetsing.refresh_from_db()
    assert toetsing.reden == "spoed"


def test_functioneel_beheer_zonder_superuser_leest_steekproeven_en_toetsingen(client):
    """The demo's beheer account: staff and in the group beheer, no superuser. Its group gives
    it these screens read-only, as the migration sets them."""
    client.force_login(gebruiker("beheer", is_staff=True))
    with om(DINSDAG_W05):
        met_spoed()
    with om(MAANDAG_W06):
        steekproef, _ = services.trek_steekproef(WEEK)
    assert client.get("/admin/toetsing/steekproef/").status_code == 200
    assert client.get(f"/admin/toetsing/steekproef/{steekproef.pk}/change/").status_code == 200
    assert client.get("/admin/toetsing/toetsing/").status_code == 200
    assert client.get("/admin/toetsing/toetsing/add/").status_code == 403


def test_een_consulent_in_het_beheerscherm_ziet_geen_toetsingen(client):
    client.force_login(gebruiker("consulent", is_staff=True))
    assert client.get("/admin/toetsing/toetsing/").status_code == 403
