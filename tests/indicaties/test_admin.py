"""The beheerscherm of the register: what beheer may open, and what nobody changes there."""

import pytest

from tests.factories import gebruiker

from .hulp import INGANG, indicatie, om

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheer(client):
    """The demo's beheer account: staff and in the group beheer, no superuser."""
    with om(INGANG):
        client.force_login(gebruiker("beheer", is_staff=True))
    return client


@pytest.fixture
def superuser(client):
    with om(INGANG):
        client.force_login(gebruiker("beheer", is_staff=True, is_superuser=True))
    return client


def test_beheer_opent_de_wijzigpagina_van_een_indicatie(beheer):
    with om(INGANG):
        ind = indicatie()
        antwoord = beheer.get(f"/admin/indicaties/indicatie/{ind.pk}/change/")
    assert antwoord.status_code == 200
    assert "Zelfstandig de dag indelen" in antwoord.content.decode()


def test_een_superuser_opent_de_wijzigpagina_van_een_indicatie(superuser):
    with om(INGANG):
        ind = indicatie()
        assert superuser.get(f"/admin/indicaties/indicatie/{ind.pk}/change/").status_code == 200
