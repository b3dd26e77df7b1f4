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


# --- Accounts: beheer gives roles, only a superuser gives privileges ------------------------------


def _gebruiker_formulier(account, **extra):
    velden = {
        "username": account.username,
        "first_name": "Sanne",
        "last_name": "de Vries",
        "email": account.email,
        "is_active": "on",
        "groups": [g.pk for g in account.groups.all()],
        "date_joined_0": "04-01-2027",
        "date_joined_1": "08:00:00",
        "last_login_0": "",
        "last_login_1": "",
    }
    return {**velden, **extra}


@pytest.mark.parametrize("privilege", ["is_superuser", "is_staff"])
def test_beheer_kan_geen_superuser_of_medewerkerstatus_toekennen(beheer, privilege):
    account = gebruiker("consulent")
    pad = f"/admin/auth/user/{account.pk}/change/"
    with om(INGANG):
        pagina = beheer.get(pad).content.decode()
        assert f'name="{privilege}"' not in pagina
        antwoord = beheer.post(pad, _gebruiker_formulier(account, **{privilege: "on"}))
    assert antwoord.status_code == 403
    account.refresh_from_db()
    assert not account.is_superuser and not account.is_staff


def test_beheer_kan_zichzelf_geen_superuser_maken(client):
    with om(INGANG):
        zelf = gebruiker("beheer", is_staff=True)
        client.force_login(zelf)
        antwoord = client.post(
            f"/admin/auth/user/{zelf.pk}/change/", _gebruiker_formulier(zelf, is_superuser="on", is_staff="on")
        )
    assert antwoord.status_code == 403
    zelf.refresh_from_db()
    assert not zelf.is_superuser


def test_beheer_geeft_wel_een_rol(beheer):
    from django.contrib.auth.models import Group

    account = gebruiker("consulent")
    schakelteam = Group.objects.get(name="schakelteam")
    formulier = _gebruiker_formulier(account)
    formulier["groups"] = [*formulier["groups"], schakelteam.pk]
    with om(INGANG):
        antwoord = beheer.post(f"/admin/auth/user/{account.pk}/change/", formulier)
    assert antwoord.status_code == 302
    assert set(account.groups.values_list("name", flat=True)) == {"consulent", "schakelteam"}
    account.refresh_from_db()
    assert not account.is_superuser and not account.is_staff


def test_beheer_wijzigt_het_account_van_een_superuser_niet(beheer):
    baas = gebruiker(is_staff=True, is_superuser=True)
    with om(INGANG):
        assert beheer.get(f"/admin/auth/user/{baas.pk}/password/").status_code == 403
        antwoord = beheer.post(f"/admin/auth/user/{baas.pk}/change/", _gebruiker_formulier(baas))
    assert antwoord.status_code == 403


def test_een_superuser_kent_medewerkerstatus_toe(superuser):
    account = gebruiker("beheer")
    with om(INGANG):
        antwoord = superuser.post(
            f"/admin/auth/user/{account.pk}/change/", _gebruiker_formulier(account, is_staff="on")
        )
    assert antwoord.status_code == 302
    account.refresh_from_db()
    assert account.is_staff


# --- The inwoner: read-only in the beheerscherm for everybody ---------------------------------------


def test_de_inwoner_is_ook_voor_een_superuser_alleen_te_lezen(superuser):
    from tests.factories import InwonerFactory

    inwoner = InwonerFactory()
    bsn = inwoner.bsn
    pad = f"/admin/indicaties/inwoner/{inwoner.pk}/change/"
    with om(INGANG):
        pagina = superuser.get(pad)
        assert pagina.status_code == 200
        assert 'name="bsn"' not in pagina.content.decode()
        antwoord = superuser.post(pad, {"bsn": "111222333", "voornaam": "Ander", "achternaam": "Iemand"})
        assert superuser.get("/admin/indicaties/inwoner/add/").status_code == 403
    assert antwoord.status_code == 403
    inwoner.refresh_from_db()
    assert inwoner.bsn == bsn
