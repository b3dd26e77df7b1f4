"""Who may call which API endpoint: one table, every role against every routed endpoint.

`RECHTEN` is the source of truth. docs/permissions.md shows the same table to the functional
administrator; a test below fails when the two differ, and another when an endpoint is routed
that the table does not list (a new endpoint must be placed in the table deliberately).
"""

import datetime
import re
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import transaction
from drf_spectacular.generators import EndpointEnumerator

from berichten.models import Bericht, Verzoek
from indicaties import services
from indicaties.models import Contract, Evaluatie, Halfjaarcheck, Indicatie, Inwoner, SchakelteamAdvies
from notifications.models import Notificatie
from tests.factories import (
    AanbiederFactory,
    InwonerFactory,
    ProductFactory,
    doelen_api,
    gebruiker,
    geldig_bsn,
    maak_indicatie,
)
from toetsing import services as toetsing_services
from toetsing.models import Toetsing

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEEK = "2027-W05"
DINSDAG_W05 = datetime.datetime(2027, 2, 2, 10, 0, tzinfo=AMSTERDAM)
MAANDAG_W06 = datetime.datetime(2027, 2, 8, 9, 0, tzinfo=AMSTERDAM)
# Every request is made on the day after the weekly sample of week 5 was drawn.
NU = datetime.datetime(2027, 2, 9, 11, 0, tzinfo=AMSTERDAM)

KOLOMMEN = ("consulent", "schakelteam", "backoffice", "beleid", "beheer", "geen rol")
ALLE_ROLLEN = ("consulent", "schakelteam", "backoffice", "beleid", "beheer")
ZORG = ("consulent", "schakelteam", "backoffice")
INGELOGD = KOLOMMEN  # any logged-in user, also one without a role

# (method, path) -> the columns that may use it. Everyone else: 403; not logged in: 401.
RECHTEN: dict[tuple[str, str], tuple[str, ...]] = {
    ("GET", "/api/v1/inwoners/"): ZORG,
    ("POST", "/api/v1/inwoners/"): ("consulent",),
    ("GET", "/api/v1/inwoners/{id}/"): ZORG,
    ("PATCH", "/api/v1/inwoners/{id}/"): ("consulent",),
    ("POST", "/api/v1/inwoners/{id}/toegang/"): ("consulent",),
    ("POST", "/api/v1/inwoners/{id}/regisseur/"): ("consulent", "beheer"),
    ("GET", "/api/v1/aanbieders/"): ALLE_ROLLEN,
    ("POST", "/api/v1/aanbieders/"): ("beheer",),
    ("GET", "/api/v1/aanbieders/{id}/"): ALLE_ROLLEN,
    ("PATCH", "/api/v1/aanbieders/{id}/"): ("beheer",),
    ("GET", "/api/v1/producten/"): ALLE_ROLLEN,
    ("POST", "/api/v1/producten/"): ("beheer",),
    ("GET", "/api/v1/producten/{id}/"): ALLE_ROLLEN,
    ("PATCH", "/api/v1/producten/{id}/"): ("beheer",),
    ("GET", "/api/v1/contracten/"): ALLE_ROLLEN,
    ("POST", "/api/v1/contracten/"): ("beheer",),
    ("GET", "/api/v1/contracten/{id}/"): ALLE_ROLLEN,
    ("PATCH", "/api/v1/contracten/{id}/"): ("beheer",),
    ("GET", "/api/v1/contracten/{id}/historie/"): ALLE_ROLLEN,
    ("GET", "/api/v1/berichten/"): ("consulent", "backoffice", "beheer"),
    ("POST", "/api/v1/berichten/"): ("backoffice", "beheer"),
    ("GET", "/api/v1/berichten/{id}/"): ("consulent", "backoffice", "beheer"),
    ("GET", "/api/v1/berichten/{id}/xml/"): ("consulent", "backoffice", "beheer"),
    ("POST", "/api/v1/berichten/{id}/verzonden/"): ("backoffice", "beheer"),
    ("GET", "/api/v1/verzoeken/"): ("consulent", "backoffice", "beheer"),
    ("GET", "/api/v1/verzoeken/{id}/"): ("consulent", "backoffice", "beheer"),
    ("POST", "/api/v1/verzoeken/{id}/afwijzen/"): ("consulent",),
    ("GET", "/api/v1/declaraties/"): ("backoffice", "beleid", "beheer"),
    ("GET", "/api/v1/indicaties/"): ZORG,
    ("POST", "/api/v1/indicaties/"): ("consulent",),
    ("GET", "/api/v1/indicaties/{id}/"): ZORG,
    ("PATCH", "/api/v1/indicaties/{id}/"): ("consulent",),
    ("GET", "/api/v1/indicaties/{id}/historie/"): ZORG,
    ("POST", "/api/v1/indicaties/{id}/intrekken/"): ("consulent",),
    ("POST", "/api/v1/indicaties/{id}/bijstellen/"): ("consulent",),
    ("POST", "/api/v1/indicaties/{id}/advies/"): ("consulent",),
    ("POST", "/api/v1/indicaties/{id}/schakelteam-besluit/"): ("schakelteam",),
    ("GET", "/api/v1/schakelteam-adviezen/"): ("consulent", "schakelteam"),
    ("GET", "/api/v1/schakelteam-adviezen/{id}/"): ("consulent", "schakelteam"),
    ("POST", "/api/v1/schakelteam-adviezen/{id}/antwoord/"): ("schakelteam",),
    ("GET", "/api/v1/evaluaties/"): ZORG,
    ("GET", "/api/v1/evaluaties/{id}/"): ZORG,
    ("GET", "/api/v1/evaluaties/{id}/historie/"): ZORG,
    ("POST", "/api/v1/evaluaties/{id}/afronden/"): ("consulent",),
    ("GET", "/api/v1/halfjaarchecks/"): ZORG,
    ("GET", "/api/v1/halfjaarchecks/{id}/"): ZORG,
    ("GET", "/api/v1/halfjaarchecks/{id}/historie/"): ZORG,
    ("POST", "/api/v1/halfjaarchecks/{id}/afronden/"): ("consulent",),
    ("GET", "/api/v1/toetsingen/"): ("backoffice",),
    ("GET", "/api/v1/toetsingen/{id}/"): ("consulent", "backoffice"),
    ("GET", "/api/v1/toetsingen/{id}/historie/"): ("consulent", "backoffice"),
    ("POST", "/api/v1/toetsingen/steekproeven/"): ("backoffice",),
    ("POST", "/api/v1/toetsingen/{id}/oordeel/"): ("backoffice",),
    ("POST", "/api/v1/toetsingen/{id}/reactie/"): ("consulent",),
    ("POST", "/api/v1/toetsingen/{id}/opvolging-afgehandeld/"): ("consulent",),
    ("GET", "/api/v1/toetsingen/opvolgingen/"): ("consulent", "backoffice"),
    ("GET", "/api/v1/toetsingen/overzicht/"): ("backoffice",),
    ("GET", "/api/v1/notificaties/"): INGELOGD,
    ("PATCH", "/api/v1/notificaties/{id}/"): INGELOGD,
    ("GET", "/api/v1/beleidsregels/"): ("consulent", "schakelteam", "backoffice", "beleid", "beheer"),
    ("POST", "/api/v1/beleidsregels/"): ("beheer",),
    ("GET", "/api/v1/stuurinformatie/"): ("backoffice", "beleid", "beheer"),
    ("GET", "/api/v1/stuurinformatie/rapport"): ("backoffice", "beleid", "beheer"),
    ("GET", "/api/v1/verwerkingen/"): ("beheer",),
    ("POST", "/api/v1/verwerkingen/zoeken/"): ("beheer",),
    ("GET", "/api/v1/openapi.json"): INGELOGD,
    ("GET", "/api/v1/schema/"): INGELOGD,
    ("GET", "/api/v1/docs/"): INGELOGD,
    ("GET", "/api/v1/redoc/"): INGELOGD,
}


# --- The world every request runs in ---------------------------------------------------------------


@dataclass
class Wereld:
    consulent: object  # the consulent of every indicatie below, except `wachtend`
    schakelteamlid: object
    inwoner: Inwoner
    andere_inwoner: Inwoner  # has no indicatie yet
    getrokken: Indicatie  # spoed, granted in week 5, drawn into the sample: has a toetsing and an evaluation
    toekomstig: Indicatie  # granted, starts next month: can be changed and withdrawn
    wachtend: Indicatie  # above the threshold, registered by a colleague
    toetsing: Toetsing
    advies: SchakelteamAdvies
    check: Halfjaarcheck

    def gebruiker_voor(self, kolom: str):
        if kolom == "consulent":
            return self.consulent
        if kolom == "schakelteam":
            return self.schakelteamlid
        if kolom == "geen rol":
            return gebruiker()
        return gebruiker(kolom)


def _bouw_wereld() -> Wereld:
    consulent, collega = gebruiker("consulent"), gebruiker("consulent")
    schakelteamlid = gebruiker("schakelteam")
    inwoner = InwonerFactory(regisseur=consulent)
    einde = datetime.date(2027, 8, 31)
    with time_machine.travel(DINSDAG_W05, tick=False):
        getrokken = maak_indicatie(
            consulent,
            inwoner=inwoner,
            spoed=True,
            spoed_reden="Crisis thuis.",
            ingangsdatum=datetime.date(2027, 2, 8),
            einddatum=einde,
        )
    with time_machine.travel(MAANDAG_W06, tick=False):
        steekproef, _ = toetsing_services.trek_steekproef(WEEK)
    with time_machine.travel(NU, tick=False):
        toekomstig = maak_indicatie(consulent, ingangsdatum=datetime.date(2027, 3, 1), einddatum=einde)
        wachtend = maak_indicatie(
            collega,
            product=ProductFactory(tarief="116.40"),
            volume=Decimal("20"),
            ingangsdatum=datetime.date(2027, 3, 1),
            einddatum=einde,
        )
        advies = services.vraag_advies(gebruiker=consulent, indicatie=getrokken, vraag="Is 6 uur passend?")
        check = Halfjaarcheck.objects.create(inwoner=inwoner, vervaldatum=datetime.date(2027, 2, 9), status="open")
        # The table is about who may complete an evaluation, not from when: a policy under which
        # it can be completed on any day (`evaluatie_vroegst_dagen`, tests/indicaties/test_evaluaties.py).
        services.stel_beleidsregels_vast(
            gebruiker=gebruiker("beheer"), geldig_van=NU.date(), evaluatie_vroegst_dagen=366
        )
    assert wachtend.status == "wacht_op_schakelteam"
    return Wereld(
        consulent=consulent,
        schakelteamlid=schakelteamlid,
        inwoner=inwoner,
        andere_inwoner=InwonerFactory(),
        getrokken=getrokken,
        toekomstig=toekomstig,
        wachtend=wachtend,
        toetsing=steekproef.toetsingen.get(indicatie=getrokken),
        advies=advies,
        check=check,
    )


@pytest.fixture(scope="module")
def _gedeelde_wereld(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back at its end. Every test runs in
    a savepoint within it, so what one test changes is gone before the next one starts."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _bouw_wereld()
        transaction.set_rollback(True)


@pytest.fixture
def wereld(_gedeelde_wereld, db) -> Wereld:
    # Fresh instances: a service may have changed the shared ones in memory.
    return Wereld(
        **{
            veld.name: type(obj).objects.get(pk=obj.pk)
            for veld in fields(Wereld)
            for obj in [getattr(_gedeelde_wereld, veld.name)]
        }
    )


def _niet_akkoord(w: Wereld):
    toetsing_services.geef_oordeel(
        gebruiker=gebruiker("backoffice"), toetsing=w.toetsing, oordeel="niet_akkoord", toelichting="Onvoldoende."
    )


def _niet_akkoord_en_aangepast(w: Wereld):
    _niet_akkoord(w)
    services.wijzig_indicatie(gebruiker=w.consulent, indicatie=w.getrokken, wijzigingen={"spoed_reden": "Meer uitleg."})


def _eigen_notificatie(w: Wereld, user) -> str:
    notificatie = Notificatie.objects.create(ontvanger=user, soort="evaluatie_open", sleutel="test", onderwerp="Test")
    return str(notificatie.id)


def _indicatie_body(w: Wereld) -> dict:
    return {
        "inwoner": str(w.andere_inwoner.id),
        "product": ProductFactory().code,
        "aanbieder": str(AanbiederFactory().id),
        "volume": "6",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": "2027-02-09",
        "einddatum": "2027-08-31",
        "doelen": doelen_api(),
    }


def _product_body(w: Wereld) -> dict:
    tarief = {"geldig_van": "2027-01-01", "geldig_tot": None, "bedrag": "60.00"}
    return {"code": "45A65", "naam": "Behandeling", "wet": "jeugdwet", "eenheid": "uur", "tarieven": [tarief]}


def _contract_body(w: Wereld) -> dict:
    return {
        "aanbieder": str(AanbiederFactory(gecontracteerd=False).pk),
        "product": w.getrokken.product.code,
        "productcategorie": "02",
        "productcode": "02A01",
        "uitvoeringsvariant": "inspanningsgericht",
        "tarief": "61.00",
        "geldig_van": "2027-01-01",
        "geldig_tot": None,
    }


def _contract_van(w: Wereld, u=None):
    return Contract.objects.get(aanbieder=w.getrokken.aanbieder_id, product=w.getrokken.product_id).pk


def _bericht(w: Wereld, u=None) -> str:
    """A 301 of the world's inwoner waiting to be sent (its content is not what these tests are about)."""
    bericht = Bericht.objects.create(
        soort="JW301",
        richting="uit",
        status="klaar",
        inwoner=w.inwoner,
        aanbieder=w.getrokken.aanbieder,
        afzender="0826",
        ontvanger=w.getrokken.aanbieder.agb_code,
        bericht_identificatie=f"T{Bericht.objects.count():011d}",
        dagtekening=datetime.date(2027, 2, 9),
        xml="<Bericht/>",
    )
    return str(bericht.pk)


def _verzoek(w: Wereld, u=None) -> str:
    aanbieder = w.getrokken.aanbieder
    bericht = Bericht.objects.create(
        soort="JW315",
        richting="in",
        status="verwerkt",
        inwoner=w.inwoner,
        aanbieder=aanbieder,
        afzender=aanbieder.agb_code,
        ontvanger="0826",
        bericht_identificatie=f"V{Bericht.objects.count():011d}",
        dagtekening=datetime.date(2027, 2, 9),
        xml="<Bericht/>",
    )
    verzoek = Verzoek.objects.create(
        soort="toewijzing",
        inwoner=w.inwoner,
        aanbieder=aanbieder,
        referentie_aanbieder=f"REF-{bericht.pk}"[:36],
        uiterste_datum=datetime.date(2027, 2, 16),
        bericht=bericht,
    )
    return str(verzoek.pk)


def _inwoner_body(w: Wereld) -> dict:
    return {"bsn": geldig_bsn(), "voornaam": "Fatima", "achternaam": "El Amrani", "geboortedatum": "1990-03-12"}


# (method, path) -> (the id for {id}, the body, the status a permitted role gets, preparation).
# The id and body are functions of the world (and, for notifications, of the acting user).
VERZOEKEN = {
    ("GET", "/api/v1/inwoners/"): (None, None, 200, None),
    ("POST", "/api/v1/inwoners/"): (None, _inwoner_body, 201, None),
    ("GET", "/api/v1/inwoners/{id}/"): (lambda w, u: w.inwoner.id, None, 200, None),
    ("PATCH", "/api/v1/inwoners/{id}/"): (lambda w, u: w.inwoner.id, lambda w: {"voornaam": "Anna"}, 200, None),
    ("POST", "/api/v1/inwoners/{id}/toegang/"): (
        lambda w, u: w.andere_inwoner.id,
        lambda w: {"reden": "De regisseur is ziek en de zorg stopt morgen."},
        201,
        None,
    ),
    ("POST", "/api/v1/inwoners/{id}/regisseur/"): (
        lambda w, u: w.inwoner.id,
        lambda w: {"regisseur": gebruiker("consulent").pk, "reden": "Verhuisd naar wijk Noord."},
        200,
        None,
    ),
    ("GET", "/api/v1/aanbieders/"): (None, None, 200, None),
    ("POST", "/api/v1/aanbieders/"): (None, lambda w: {"naam": "Zorg BV", "agb_code": "12345678"}, 201, None),
    ("GET", "/api/v1/aanbieders/{id}/"): (lambda w, u: w.getrokken.aanbieder_id, None, 200, None),
    ("PATCH", "/api/v1/aanbieders/{id}/"): (
        lambda w, u: w.getrokken.aanbieder_id,
        lambda w: {"naam": "Zorg Nieuw BV"},
        200,
        None,
    ),
    ("GET", "/api/v1/producten/"): (None, None, 200, None),
    ("POST", "/api/v1/producten/"): (None, _product_body, 201, None),
    ("GET", "/api/v1/producten/{id}/"): (lambda w, u: w.getrokken.product_id, None, 200, None),
    ("PATCH", "/api/v1/producten/{id}/"): (lambda w, u: w.getrokken.product_id, lambda w: {"naam": "Nieuw"}, 200, None),
    ("GET", "/api/v1/contracten/"): (None, None, 200, None),
    ("POST", "/api/v1/contracten/"): (None, _contract_body, 201, None),
    ("GET", "/api/v1/contracten/{id}/"): (_contract_van, None, 200, None),
    ("PATCH", "/api/v1/contracten/{id}/"): (_contract_van, lambda w: {"tarief": "59.00"}, 200, None),
    ("GET", "/api/v1/contracten/{id}/historie/"): (_contract_van, None, 200, None),
    ("GET", "/api/v1/berichten/"): (None, None, 200, None),
    # The harness sends JSON: a role that may post a message gets past the role check to 415.
    ("POST", "/api/v1/berichten/"): (None, lambda w: {"bericht": "geen xml"}, 415, None),
    ("GET", "/api/v1/berichten/{id}/"): (_bericht, None, 200, None),
    ("GET", "/api/v1/berichten/{id}/xml/"): (_bericht, None, 200, None),
    ("POST", "/api/v1/berichten/{id}/verzonden/"): (_bericht, None, 200, None),
    ("GET", "/api/v1/verzoeken/"): (None, None, 200, None),
    ("GET", "/api/v1/verzoeken/{id}/"): (_verzoek, None, 200, None),
    ("POST", "/api/v1/verzoeken/{id}/afwijzen/"): (
        _verzoek,
        lambda w: {"reden": "3", "toelichting": "Geen contract voor dit product."},
        200,
        None,
    ),
    ("GET", "/api/v1/declaraties/"): (None, None, 200, None),
    ("GET", "/api/v1/indicaties/"): (None, None, 200, None),
    ("POST", "/api/v1/indicaties/"): (None, _indicatie_body, 201, None),
    ("GET", "/api/v1/indicaties/{id}/"): (lambda w, u: w.getrokken.id, None, 200, None),
    ("PATCH", "/api/v1/indicaties/{id}/"): (lambda w, u: w.toekomstig.id, lambda w: {"motivatie": "Meer."}, 200, None),
    ("GET", "/api/v1/indicaties/{id}/historie/"): (lambda w, u: w.getrokken.id, None, 200, None),
    ("POST", "/api/v1/indicaties/{id}/intrekken/"): (
        lambda w, u: w.toekomstig.id,
        lambda w: {"reden": "Verhuisd."},
        200,
        None,
    ),
    ("POST", "/api/v1/indicaties/{id}/bijstellen/"): (
        lambda w, u: w.getrokken.id,
        lambda w: {"uitkomst": "beeindigen", "reden": "Doel bereikt.", "per_datum": "2027-05-31"},
        200,
        None,
    ),
    ("POST", "/api/v1/indicaties/{id}/advies/"): (
        lambda w, u: w.toekomstig.id,
        lambda w: {"vraag": "Past dit?"},
        201,
        None,
    ),
    ("POST", "/api/v1/indicaties/{id}/schakelteam-besluit/"): (
        lambda w, u: w.wachtend.id,
        lambda w: {"besluit": "akkoord", "toelichting": "Noodzakelijk."},
        200,
        None,
    ),
    ("GET", "/api/v1/schakelteam-adviezen/"): (None, None, 200, None),
    ("GET", "/api/v1/schakelteam-adviezen/{id}/"): (lambda w, u: w.advies.id, None, 200, None),
    ("POST", "/api/v1/schakelteam-adviezen/{id}/antwoord/"): (
        lambda w, u: w.advies.id,
        lambda w: {"antwoord": "Ja."},
        200,
        None,
    ),
    ("GET", "/api/v1/evaluaties/"): (None, None, 200, None),
    ("GET", "/api/v1/evaluaties/{id}/"): (
        lambda w, u: Evaluatie.objects.get(indicatie=w.getrokken).id,
        None,
        200,
        None,
    ),
    ("GET", "/api/v1/evaluaties/{id}/historie/"): (
        lambda w, u: Evaluatie.objects.get(indicatie=w.getrokken).id,
        None,
        200,
        None,
    ),
    ("POST", "/api/v1/evaluaties/{id}/afronden/"): (
        lambda w, u: Evaluatie.objects.get(indicatie=w.getrokken).id,
        lambda w: {"uitkomst": "voortzetten", "resultaat_behaald": "ja", "toelichting": "Gaat goed."},
        200,
        None,
    ),
    ("GET", "/api/v1/halfjaarchecks/"): (None, None, 200, None),
    ("GET", "/api/v1/halfjaarchecks/{id}/"): (lambda w, u: w.check.id, None, 200, None),
    ("GET", "/api/v1/halfjaarchecks/{id}/historie/"): (lambda w, u: w.check.id, None, 200, None),
    ("POST", "/api/v1/halfjaarchecks/{id}/afronden/"): (
        lambda w, u: w.check.id,
        lambda w: {
            "zorg_passend": True,
            "contact_aanbieder": "2027-02-08",
            "contact_inwoner": "2027-02-08",
            "toelichting": "Passend.",
        },
        200,
        None,
    ),
    ("GET", "/api/v1/toetsingen/"): (None, None, 200, None),
    ("GET", "/api/v1/toetsingen/{id}/"): (lambda w, u: w.toetsing.id, None, 200, None),
    ("GET", "/api/v1/toetsingen/{id}/historie/"): (lambda w, u: w.toetsing.id, None, 200, None),
    ("POST", "/api/v1/toetsingen/steekproeven/"): (None, lambda w: {"week": WEEK}, 200, None),
    ("POST", "/api/v1/toetsingen/{id}/oordeel/"): (
        lambda w, u: w.toetsing.id,
        lambda w: {"oordeel": "akkoord", "toelichting": "Prima."},
        200,
        None,
    ),
    ("POST", "/api/v1/toetsingen/{id}/reactie/"): (
        lambda w, u: w.toetsing.id,
        lambda w: {"reactie": "Klopt."},
        200,
        _niet_akkoord,
    ),
    ("POST", "/api/v1/toetsingen/{id}/opvolging-afgehandeld/"): (
        lambda w, u: w.toetsing.id,
        lambda w: {"toelichting": "Aangepast."},
        200,
        _niet_akkoord_en_aangepast,
    ),
    ("GET", "/api/v1/toetsingen/opvolgingen/"): (None, None, 200, None),
    ("GET", "/api/v1/toetsingen/overzicht/"): (None, None, 200, None),
    ("GET", "/api/v1/notificaties/"): (None, None, 200, None),
    ("PATCH", "/api/v1/notificaties/{id}/"): (_eigen_notificatie, lambda w: {"gelezen": True}, 200, None),
    ("GET", "/api/v1/beleidsregels/"): (None, None, 200, None),
    ("POST", "/api/v1/beleidsregels/"): (None, lambda w: {"geldig_van": "2027-12-01", "spoed_dagen": 5}, 201, None),
    ("GET", "/api/v1/stuurinformatie/"): (None, None, 200, None),
    ("GET", "/api/v1/stuurinformatie/rapport"): (None, None, 200, None),
    ("GET", "/api/v1/verwerkingen/"): (None, lambda w: {"van": "2027-02-01"}, 200, None),
    ("POST", "/api/v1/verwerkingen/zoeken/"): (None, lambda w: {"bsn": "111222333"}, 200, None),
    ("GET", "/api/v1/openapi.json"): (None, None, 200, None),
    ("GET", "/api/v1/schema/"): (None, None, 200, None),
    ("GET", "/api/v1/docs/"): (None, None, 200, None),
    ("GET", "/api/v1/redoc/"): (None, None, 200, None),
}


def _zonder_slash(pad: str) -> str:
    """The path as documented since v1.1; the table keeps the v1.0 form, which answers the same."""
    return pad.rstrip("/")


GEVALLEN = [
    pytest.param(methode, pad, kolom, vorm, id=f"{methode} {vorm(pad)} als {kolom}")
    for (methode, pad) in RECHTEN
    for kolom in (*KOLOMMEN, "anoniem")
    for vorm in ((str, _zonder_slash) if pad.endswith("/") else (str,))
]


def _verwacht(methode: str, pad: str, kolom: str) -> int:
    if kolom == "anoniem":
        return 401
    if kolom in RECHTEN[(methode, pad)]:
        return VERZOEKEN[(methode, pad)][2]
    return 403


@pytest.mark.parametrize(("methode", "pad", "kolom", "vorm"), GEVALLEN)
def test_elke_rol_krijgt_bij_elk_endpoint_de_status_uit_de_tabel(api, wereld, methode, pad, kolom, vorm, request):
    if methode == "POST" and pad.startswith(("/api/v1/berichten/{id}/", "/api/v1/verzoeken/{id}/")):
        request.getfixturevalue("istandaarden_vereist")  # these send a message
    kies_id, maak_body, _, voorbereiding = VERZOEKEN[(methode, pad)]
    with time_machine.travel(NU, tick=False):
        if voorbereiding is not None:
            voorbereiding(wereld)
        user = None if kolom == "anoniem" else wereld.gebruiker_voor(kolom)
        client = api if user is None else api.als(user=user)
        url = vorm(pad).format(id=kies_id(wereld, user or gebruiker())) if kies_id else vorm(pad)
        body = maak_body(wereld) if maak_body else None
        antwoord = getattr(client, methode.lower())(url, body, format="json")
    verwacht = _verwacht(methode, pad, kolom)
    assert antwoord.status_code == verwacht, f"{methode} {url} als {kolom}: {antwoord.content[:500]!r}"
    if verwacht >= 400:
        assert antwoord["Content-Type"] == "application/problem+json"
        assert antwoord.json()["status"] == verwacht


def test_anoniem_krijgt_een_www_authenticate_header_bij_401(api):
    antwoord = api.get("/api/v1/indicaties/")
    assert antwoord.status_code == 401
    assert antwoord["WWW-Authenticate"] == "Token"


def test_een_ongeldig_token_is_401_en_geen_403(api):
    api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    antwoord = api.get("/api/v1/producten/")
    assert antwoord.status_code == 401
    assert antwoord["Content-Type"] == "application/problem+json"


def test_wie_meerdere_rollen_heeft_mag_wat_elk_van_die_rollen_mag(api):
    client = api.als("beleid", "beheer")
    antwoord = client.post("/api/v1/aanbieders/", {"naam": "Zorg BV", "agb_code": "87654321"}, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert client.get("/api/v1/stuurinformatie/").status_code == 200


# --- The table against the code and against the documentation ---------------------------------------


def _gerouteerd() -> set[tuple[str, str]]:
    return {(methode, pad.replace("{pk}", "{id}")) for pad, _, methode, _ in EndpointEnumerator().get_api_endpoints()}


def _tabel_zonder_slash() -> set[tuple[str, str]]:
    return {(methode, _zonder_slash(pad)) for methode, pad in RECHTEN}


def test_elk_gerouteerd_endpoint_staat_in_de_tabel():
    assert _gerouteerd() - _tabel_zonder_slash() == set()


def test_de_tabel_noemt_geen_endpoint_dat_niet_bestaat():
    assert _tabel_zonder_slash() - _gerouteerd() == set()


def test_elk_endpoint_in_de_tabel_heeft_een_verzoek():
    assert set(RECHTEN) == set(VERZOEKEN)


RIJ = re.compile(r"^\|\s*`([A-Z]+)`\s*\|\s*`(/api/v1/[^`]*)`\s*\|(.*)\|\s*$")


def _tabel_uit_documentatie() -> dict[tuple[str, str], tuple[str, ...]]:
    tekst = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text(encoding="utf-8")
    tabel = {}
    for regel in tekst.splitlines():
        gevonden = RIJ.match(regel.strip())
        if not gevonden:
            continue
        methode, pad, rest = gevonden.groups()
        cellen = [c.strip() for c in rest.split("|")][: len(KOLOMMEN)]
        assert all(c in ("ja", "–") for c in cellen), regel
        assert (methode, pad) not in tabel, f"dubbele regel: {regel}"
        tabel[(methode, pad)] = tuple(k for k, c in zip(KOLOMMEN, cellen, strict=True) if c == "ja")
    return tabel


def test_de_documentatie_toont_dezelfde_tabel_als_deze_test():
    assert _tabel_uit_documentatie() == {
        (methode, _zonder_slash(pad)): tuple(k for k in KOLOMMEN if k in rollen)
        for (methode, pad), rollen in RECHTEN.items()
    }
