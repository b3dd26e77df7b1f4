"""Every role, and no login at all, against every endpoint of the workflow.

Each role's request runs in a savepoint that is rolled back, so every role meets the same state.
The `consulent` is the consulent of the indicaties (and asked the advice); others are new users.
"""

from dataclasses import dataclass

import pytest
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indicaties import services
from indicaties.models import Evaluatie, Halfjaarcheck, Indicatie, SchakelteamAdvies
from notifications.models import Notificatie
from tests.factories import InwonerFactory, gebruiker

from .hulp import EVALUATIE, boven_drempel, dag, evaluatie_van, indicatie, om, run

pytestmark = pytest.mark.django_db

ROLLEN = ("consulent", "schakelteam", "backoffice", "beleid", "beheer", None)
ZORG = {"consulent": 200, "schakelteam": 200, "backoffice": 200}
IEDEREEN = {rol: 200 for rol in ROLLEN if rol}
NU = dag(EVALUATIE, -10)


@dataclass
class Wereld:
    gebruikers: dict
    toegewezen: Indicatie
    wachtend: Indicatie
    evaluatie: Evaluatie
    check: Halfjaarcheck
    advies: SchakelteamAdvies
    notificatie: dict  # per role: a notification of that role's user


@pytest.fixture
def wereld():
    consulent = gebruiker("consulent")
    gebruikers = {"consulent": consulent, **{rol: gebruiker(rol) for rol in ROLLEN[1:] if rol}}
    toegewezen = indicatie(consulent, inwoner=InwonerFactory(regisseur=consulent))
    wachtend = boven_drempel(consulent)
    run(dag(EVALUATIE, -14))
    with om(NU):
        advies = services.vraag_advies(gebruiker=consulent, indicatie=toegewezen, vraag="Passend?")
    for user in gebruikers.values():
        Token.objects.get_or_create(user=user)
    return Wereld(
        gebruikers=gebruikers,
        toegewezen=toegewezen,
        wachtend=wachtend,
        evaluatie=evaluatie_van(toegewezen),
        check=Halfjaarcheck.objects.get(inwoner=toegewezen.inwoner),
        advies=advies,
        notificatie={
            rol: Notificatie.objects.create(
                ontvanger=user, soort="evaluatie_open", sleutel=f"toegang-{rol}", onderwerp="Test"
            )
            for rol, user in gebruikers.items()
        },
    )


# name -> (method, path, body, the roles allowed with their status; every other role 403, no login 401)
ENDPOINTS = {
    "schakelteam-besluit": (
        "post",
        lambda w, rol: f"/api/v1/indicaties/{w.wachtend.id}/schakelteam-besluit/",
        {"besluit": "akkoord", "toelichting": "Noodzakelijk."},
        {"schakelteam": 200},
    ),
    "advies": (
        "post",
        lambda w, rol: f"/api/v1/indicaties/{w.toegewezen.id}/advies/",
        {"vraag": "Is dit passend?"},
        {"consulent": 201},
    ),
    "bijstellen": (
        "post",
        lambda w, rol: f"/api/v1/indicaties/{w.toegewezen.id}/bijstellen/",
        {"uitkomst": "beeindigen", "reden": "Doelen bereikt.", "per_datum": NU.isoformat()},
        {"consulent": 200},
    ),
    "evaluaties-lijst": ("get", lambda w, rol: "/api/v1/evaluaties/", None, ZORG),
    "evaluatie": ("get", lambda w, rol: f"/api/v1/evaluaties/{w.evaluatie.id}/", None, ZORG),
    "evaluatie-historie": ("get", lambda w, rol: f"/api/v1/evaluaties/{w.evaluatie.id}/historie/", None, ZORG),
    "evaluatie-afronden": (
        "post",
        lambda w, rol: f"/api/v1/evaluaties/{w.evaluatie.id}/afronden/",
        {"uitkomst": "voortzetten", "resultaat_behaald": "ja"},
        {"consulent": 200},
    ),
    "halfjaarchecks-lijst": ("get", lambda w, rol: "/api/v1/halfjaarchecks/", None, ZORG),
    "halfjaarcheck": ("get", lambda w, rol: f"/api/v1/halfjaarchecks/{w.check.id}/", None, ZORG),
    "halfjaarcheck-historie": ("get", lambda w, rol: f"/api/v1/halfjaarchecks/{w.check.id}/historie/", None, ZORG),
    "halfjaarcheck-afronden": (
        "post",
        lambda w, rol: f"/api/v1/halfjaarchecks/{w.check.id}/afronden/",
        {
            "zorg_passend": True,
            "contact_aanbieder": NU.isoformat(),
            "contact_inwoner": NU.isoformat(),
            "toelichting": "Zorg past.",
        },
        {"consulent": 200},
    ),
    "schakelteam-adviezen-lijst": (
        "get",
        lambda w, rol: "/api/v1/schakelteam-adviezen/",
        None,
        {"consulent": 200, "schakelteam": 200},
    ),
    "schakelteam-advies": (
        "get",
        lambda w, rol: f"/api/v1/schakelteam-adviezen/{w.advies.id}/",
        None,
        {"consulent": 200, "schakelteam": 200},
    ),
    "schakelteam-advies-antwoord": (
        "post",
        lambda w, rol: f"/api/v1/schakelteam-adviezen/{w.advies.id}/antwoord/",
        {"antwoord": "Probeer eerst dagbesteding."},
        {"schakelteam": 200},
    ),
    "notificaties-lijst": ("get", lambda w, rol: "/api/v1/notificaties/", None, IEDEREEN),
    "notificatie-gelezen": (
        "patch",
        lambda w, rol: f"/api/v1/notificaties/{w.notificatie[rol or 'consulent'].id}/",
        {"gelezen": True},
        IEDEREEN,
    ),
}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_alleen_de_rollen_die_het_mogen_bereiken_het_endpoint(wereld, endpoint):
    methode, pad, gegevens, toegestaan = ENDPOINTS[endpoint]
    uitkomst = {}
    with om(NU):
        for rol in ROLLEN:
            client = APIClient()
            if rol is not None:
                client.credentials(HTTP_AUTHORIZATION=f"Token {wereld.gebruikers[rol].auth_token.key}")
            with transaction.atomic():
                antwoord = getattr(client, methode)(pad(wereld, rol), gegevens, format="json")
                transaction.set_rollback(True)
            uitkomst[rol] = antwoord.status_code
    assert uitkomst == {rol: toegestaan.get(rol, 401 if rol is None else 403) for rol in ROLLEN}
