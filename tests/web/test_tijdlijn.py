"""The inwoner's timeline: a completed evaluation or half-year check appears on the day it was
completed, with its due date beside it and whether it was late; open work on its due date."""

import datetime
import html
import re

import pytest
import time_machine
from django.urls import reverse

from indicaties import services
from indicaties.models import Evaluatie, Halfjaarcheck
from tests.factories import gebruiker, maak_indicatie

from .conftest import MODEL_BACKEND

pytestmark = pytest.mark.django_db
D = datetime.date


def _om(dag: datetime.date):
    return time_machine.travel(datetime.datetime.combine(dag, datetime.time(9, 0), tzinfo=datetime.UTC), tick=False)


def _tijdlijn(client, inwoner) -> list[str]:
    # Logged in on the day of the visit: a session from months before has expired.
    client.force_login(client.user, backend=MODEL_BACKEND)
    antwoord = client.get(reverse("web:inwoner", args=[inwoner.pk]))
    assert antwoord.status_code == 200, antwoord.status_code
    tekst = html.unescape(antwoord.content.decode())
    lijst = re.search(r'<ol class="tijdlijn">(.*?)</ol>', tekst, re.S).group(1)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]*>", "", li)).strip() for li in re.findall(r"<li>(.*?)</li>", lijst, re.S)
    ]


def _check_afronden(consulent, check):
    services.rond_halfjaarcheck_af(
        gebruiker=consulent,
        check=check,
        zorg_passend=True,
        contact_aanbieder=datetime.date.fromisoformat(str(check.vervaldatum)),
        contact_inwoner=datetime.date.fromisoformat(str(check.vervaldatum)),
        toelichting="Gesproken met aanbieder en inwoner.",
    )


@pytest.fixture
def consulent(als):
    return als(user=gebruiker("consulent", first_name="Carla", last_name="Consulent"))


@pytest.mark.parametrize(
    ("afgerond", "verwacht"),
    [
        (D(2027, 10, 29), "29-10-2027 – halfjaarcheck: afgerond, op tijd (uiterlijk 29-10-2027)"),
        (D(2027, 10, 30), "30-10-2027 – halfjaarcheck: afgerond, te laat (uiterlijk 29-10-2027)"),
        (D(2027, 12, 7), "7-12-2027 – halfjaarcheck: afgerond, te laat (uiterlijk 29-10-2027)"),
    ],
)
def test_een_afgeronde_halfjaarcheck_staat_op_de_dag_van_afronden_met_of_hij_te_laat_was(consulent, afgerond, verwacht):
    with _om(D(2027, 1, 4)):
        indicatie = maak_indicatie(consulent.user, einddatum=D(2027, 8, 31))
        check = Halfjaarcheck.objects.create(inwoner=indicatie.inwoner, vervaldatum=D(2027, 10, 29), status="open")
    with _om(afgerond):
        _check_afronden(consulent.user, check)
        regels = _tijdlijn(consulent, indicatie.inwoner)
    assert any(r.startswith(verwacht) for r in regels), regels
    assert not any(r.startswith("29-10-2027 – halfjaarcheck") for r in regels if afgerond != D(2027, 10, 29))


def test_een_te_laat_afgeronde_evaluatie_staat_op_de_dag_van_afronden(consulent):
    with _om(D(2027, 1, 4)):
        indicatie = maak_indicatie(consulent.user)
    evaluatie = Evaluatie.objects.get(indicatie=indicatie)
    assert evaluatie.vervaldatum == D(2027, 5, 4)
    with _om(D(2027, 5, 20)):
        services.rond_evaluatie_af(
            gebruiker=consulent.user,
            evaluatie=evaluatie,
            uitkomst="voortzetten",
            doelen=[{"doel": d.pk, "behaald": "ja"} for d in indicatie.doelen.all()],
            toelichting="Gaat goed.",
        )
        regels = _tijdlijn(consulent, indicatie.inwoner)
    evaluatieregel = next(r for r in regels if "evaluatie" in r)
    assert evaluatieregel.startswith(
        f"20-5-2027 – evaluatie {indicatie.product.code}: afgerond, te laat (uiterlijk 4-5-2027)"
    ), evaluatieregel


def test_een_open_halfjaarcheck_staat_op_de_uiterste_datum(consulent):
    with _om(D(2027, 1, 4)):
        indicatie = maak_indicatie(consulent.user)
        Halfjaarcheck.objects.create(inwoner=indicatie.inwoner, vervaldatum=D(2027, 7, 4), status="gepland")
        regels = _tijdlijn(consulent, indicatie.inwoner)
    assert any(r.startswith("4-7-2027 – halfjaarcheck: gepland (uiterlijk 4-7-2027)") for r in regels), regels
