"""A municipality with two teams. Carla (team Noord) directs Anna's case: a granted indicatie drawn
into the sample (judged niet akkoord), its evaluation and an advice question, a half-year check
and a follow-up. Noor is Carla's teammate; Zeno works in team Zuid and directs Bram; Zoë is a
consulent without a team."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from indicaties import services
from indicaties.models import Evaluatie, Halfjaarcheck, Indicatie, Inwoner, Opvolging, SchakelteamAdvies
from privacy import keten
from privacy.models import Handeling, Team, Verwerking
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, doelen_api, gebruiker, maak_indicatie
from toetsing import services as toetsing_services
from toetsing.models import Toetsing

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DINSDAG_W05 = datetime.datetime(2027, 2, 2, 10, 0, tzinfo=AMSTERDAM)
MAANDAG_W06 = datetime.datetime(2027, 2, 8, 9, 0, tzinfo=AMSTERDAM)
NU = datetime.datetime(2027, 2, 9, 11, 0, tzinfo=AMSTERDAM)


@dataclass
class Gemeente:
    carla: object
    noor: object
    zeno: object
    zoe: object
    lid: object
    backoffice: object
    beheer: object
    anna: Inwoner
    bram: Inwoner
    indicatie: Indicatie
    evaluatie: Evaluatie
    check: Halfjaarcheck
    advies: SchakelteamAdvies
    opvolging: Opvolging
    toetsing: Toetsing
    bram_indicatie: Indicatie


@pytest.fixture
def nu():
    with time_machine.travel(NU, tick=False) as reis:
        yield reis


@pytest.fixture
def gemeente(db) -> Gemeente:
    noord, zuid = Team.objects.create(naam="Noord"), Team.objects.create(naam="Zuid")
    carla = gebruiker("consulent", team=noord, first_name="Carla", last_name="de Regisseur")
    noor = gebruiker("consulent", team=noord, first_name="Noor")
    zeno = gebruiker("consulent", team=zuid, first_name="Zeno", last_name="Zuid")
    zoe = gebruiker("consulent", team=None, first_name="Zoë")
    anna = InwonerFactory(regisseur=carla, voornaam="Anna", achternaam="Jansen")
    bram = InwonerFactory(regisseur=zeno, voornaam="Bram", achternaam="de Boer")
    with time_machine.travel(DINSDAG_W05, tick=False):
        indicatie = maak_indicatie(
            carla,
            inwoner=anna,
            spoed=True,
            spoed_reden="Crisis thuis.",
            ingangsdatum=datetime.date(2027, 2, 8),
            einddatum=datetime.date(2027, 8, 31),
        )
    with time_machine.travel(MAANDAG_W06, tick=False):
        steekproef, _ = toetsing_services.trek_steekproef("2027-W05")
    with time_machine.travel(NU, tick=False):
        toetsing = steekproef.toetsingen.get(indicatie=indicatie)
        toetsing_services.geef_oordeel(
            gebruiker=gebruiker("backoffice"), toetsing=toetsing, oordeel="niet_akkoord", toelichting="Te ruim."
        )
        bram_indicatie = maak_indicatie(
            zeno, inwoner=bram, ingangsdatum=datetime.date(2027, 3, 1), einddatum=datetime.date(2027, 8, 31)
        )
        advies = services.vraag_advies(gebruiker=carla, indicatie=indicatie, vraag="Is 6 uur passend?")
        check = Halfjaarcheck.objects.create(inwoner=anna, vervaldatum=datetime.date(2027, 2, 9), status="open")
        opvolging = Opvolging.objects.create(
            inwoner=anna,
            bron="evaluatie",
            evaluatie=Evaluatie.objects.get(indicatie=indicatie),
            aanleiding="Een doel is niet behaald.",
            aangemaakt_op=NU.date(),
        )
    return Gemeente(
        carla=carla,
        noor=noor,
        zeno=zeno,
        zoe=zoe,
        lid=gebruiker("schakelteam"),
        backoffice=gebruiker("backoffice"),
        beheer=gebruiker("beheer", is_staff=True),
        anna=anna,
        bram=bram,
        indicatie=indicatie,
        evaluatie=Evaluatie.objects.get(indicatie=indicatie),
        check=check,
        advies=advies,
        opvolging=opvolging,
        toetsing=Toetsing.objects.get(pk=toetsing.pk),
        bram_indicatie=bram_indicatie,
    )


@pytest.fixture
def leeg_logboek(gemeente):
    """Only what the test itself logs: building the world logged the sample it drew."""
    with transaction.atomic():
        keten.onderhoud()
        Verwerking.objects.all().delete()
        Handeling.objects.all().delete()


def indicatie_body(inwoner: Inwoner) -> dict:
    """A valid registration through the API for `inwoner`: 6 hours a week from 1-3-2027."""
    return {
        "inwoner": str(inwoner.pk),
        "product": ProductFactory().code,
        "aanbieder": str(AanbiederFactory().pk),
        "volume": "6",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": "2027-03-01",
        "einddatum": "2027-08-31",
        "doelen": doelen_api(),
    }
