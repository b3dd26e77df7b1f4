"""Need to know through the API: a consulent of another team gets a 404 on every endpoint under an
inwoner outside their caseload, and finds nothing of it in any list. The list of endpoints is
checked against the router, so a new endpoint cannot slip through unclassified."""

import datetime

import pytest
from drf_spectacular.generators import EndpointEnumerator

from berichten.models import Bericht, Verzoek
from indicaties import services
from indicaties.models import Evaluatie, Indicatie, Inwoner
from indicaties.services.vastleggen import regie_bij_zorg
from privacy import caseload
from privacy.models import ToegangBuitenCaseload
from tests.factories import InwonerFactory
from tests.indicaties.hulp import INGANG, boven_drempel, om

from .conftest import NU, indicatie_body

pytestmark = pytest.mark.django_db


# Every endpoint about one object under an inwoner: (method, path, the object's id, a valid body).
ONDER_INWONER = {
    ("GET", "/api/v1/inwoners/{id}"): (lambda g: g.anna.pk, None),
    ("PATCH", "/api/v1/inwoners/{id}"): (lambda g: g.anna.pk, lambda g: {"voornaam": "Annie"}),
    ("POST", "/api/v1/inwoners/{id}/regisseur"): (
        lambda g: g.anna.pk,
        lambda g: {"regisseur": g.zeno.pk, "reden": "Zeno neemt het over."},
    ),
    ("GET", "/api/v1/indicaties/{id}"): (lambda g: g.indicatie.pk, None),
    ("PATCH", "/api/v1/indicaties/{id}"): (lambda g: g.indicatie.pk, lambda g: {"motivatie": "Meer."}),
    ("GET", "/api/v1/indicaties/{id}/historie"): (lambda g: g.indicatie.pk, None),
    ("POST", "/api/v1/indicaties/{id}/intrekken"): (lambda g: g.indicatie.pk, lambda g: {"reden": "Verhuisd."}),
    ("POST", "/api/v1/indicaties/{id}/bijstellen"): (
        lambda g: g.indicatie.pk,
        lambda g: {"uitkomst": "beeindigen", "reden": "Doel bereikt.", "per_datum": "2027-05-31"},
    ),
    ("POST", "/api/v1/indicaties/{id}/advies"): (lambda g: g.indicatie.pk, lambda g: {"vraag": "Past dit?"}),
    ("GET", "/api/v1/schakelteam-adviezen/{id}"): (lambda g: g.advies.pk, None),
    ("GET", "/api/v1/evaluaties/{id}"): (lambda g: g.evaluatie.pk, None),
    ("GET", "/api/v1/evaluaties/{id}/historie"): (lambda g: g.evaluatie.pk, None),
    ("POST", "/api/v1/evaluaties/{id}/afronden"): (
        lambda g: g.evaluatie.pk,
        lambda g: {"uitkomst": "voortzetten", "resultaat_behaald": "ja", "toelichting": "Gaat goed."},
    ),
    ("GET", "/api/v1/halfjaarchecks/{id}"): (lambda g: g.check.pk, None),
    ("GET", "/api/v1/halfjaarchecks/{id}/historie"): (lambda g: g.check.pk, None),
    ("POST", "/api/v1/halfjaarchecks/{id}/afronden"): (
        lambda g: g.check.pk,
        lambda g: {
            "zorg_passend": True,
            "contact_aanbieder": "2027-02-08",
            "contact_inwoner": "2027-02-08",
            "toelichting": "Passend.",
        },
    ),
    ("GET", "/api/v1/toetsingen/{id}"): (lambda g: g.toetsing.pk, None),
    ("GET", "/api/v1/toetsingen/{id}/historie"): (lambda g: g.toetsing.pk, None),
    ("POST", "/api/v1/toetsingen/{id}/reactie"): (lambda g: g.toetsing.pk, lambda g: {"reactie": "Klopt."}),
    ("POST", "/api/v1/toetsingen/{id}/opvolging-afgehandeld"): (
        lambda g: g.toetsing.pk,
        lambda g: {"toelichting": "Aangepast."},
    ),
}


def _bericht(g, soort="JW301", richting="uit", status="klaar"):
    indicatie = g.indicatie
    return Bericht.objects.create(
        soort=soort,
        richting=richting,
        status=status,
        inwoner=indicatie.inwoner,
        aanbieder=indicatie.aanbieder,
        afzender="0826",
        ontvanger=indicatie.aanbieder.agb_code,
        bericht_identificatie=f"T{Bericht.objects.count():011d}",
        dagtekening=datetime.date(2027, 2, 8),
        xml="<Bericht/>",
    )


def _verzoek(g):
    bericht = _bericht(g, "JW315", "in", "verwerkt")
    return Verzoek.objects.create(
        soort="toewijzing",
        inwoner=g.indicatie.inwoner,
        aanbieder=g.indicatie.aanbieder,
        referentie_aanbieder=f"R{bericht.pk}"[:36],
        uiterste_datum=datetime.date(2027, 2, 15),
        bericht=bericht,
    )


ONDER_INWONER |= {
    ("GET", "/api/v1/berichten/{id}"): (lambda g: _bericht(g).pk, None),
    ("GET", "/api/v1/berichten/{id}/xml"): (lambda g: _bericht(g).pk, None),
    ("GET", "/api/v1/verzoeken/{id}"): (lambda g: _verzoek(g).pk, None),
    ("POST", "/api/v1/verzoeken/{id}/afwijzen"): (
        lambda g: _verzoek(g).pk,
        lambda g: {"reden": "3", "toelichting": "Geen contract."},
    ),
}

# Endpoints with an id that are deliberately outside the rule, and why.
UITGEZONDERD = {
    ("POST", "/api/v1/inwoners/{id}/toegang"): "toegang buiten de caseload: juist voor een inwoner daarbuiten",
    ("POST", "/api/v1/indicaties/{id}/schakelteam-besluit"): "schakelteam: zie test_schakelteam_*",
    ("POST", "/api/v1/schakelteam-adviezen/{id}/antwoord"): "schakelteam: een adviesvraag is zijn werk",
    ("POST", "/api/v1/toetsingen/{id}/oordeel"): "backoffice: toetst elke indicatie",
    ("GET", "/api/v1/aanbieders/{id}"): "geen gegevens van een inwoner",
    ("PATCH", "/api/v1/aanbieders/{id}"): "geen gegevens van een inwoner",
    ("GET", "/api/v1/producten/{id}"): "geen gegevens van een inwoner",
    ("PATCH", "/api/v1/producten/{id}"): "geen gegevens van een inwoner",
    ("GET", "/api/v1/contracten/{id}"): "geen gegevens van een inwoner",
    ("PATCH", "/api/v1/contracten/{id}"): "geen gegevens van een inwoner",
    ("GET", "/api/v1/contracten/{id}/historie"): "geen gegevens van een inwoner",
    ("POST", "/api/v1/berichten/{id}/verzonden"): "backoffice en beheer: zij versturen alle berichten",
    ("PATCH", "/api/v1/notificaties/{id}"): "alleen de eigen notificaties",
}


def test_elk_endpoint_met_een_id_is_ingedeeld():
    met_id = {
        (methode, pad.replace("{pk}", "{id}"))
        for pad, _, methode, _ in EndpointEnumerator().get_api_endpoints()
        if "{pk}" in pad or "{id}" in pad
    }
    assert met_id - set(ONDER_INWONER) - set(UITGEZONDERD) == set()
    assert set(ONDER_INWONER) | set(UITGEZONDERD) <= met_id


@pytest.mark.parametrize(("methode", "pad"), list(ONDER_INWONER), ids=[f"{m} {p}" for m, p in ONDER_INWONER])
@pytest.mark.parametrize("wie", ["zeno", "zoe"])
def test_een_consulent_buiten_de_caseload_krijgt_404(api, gemeente, nu, methode, pad, wie):
    kies_id, body = ONDER_INWONER[(methode, pad)]
    client = api.als(user=getattr(gemeente, wie))
    antwoord = getattr(client, methode.lower())(
        pad.format(id=kies_id(gemeente)), body(gemeente) if body else None, format="json"
    )
    assert antwoord.status_code == 404, antwoord.content[:300]
    assert antwoord["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(("methode", "pad"), [k for k in ONDER_INWONER if k[0] == "GET"])
@pytest.mark.parametrize("wie", ["carla", "noor"])
def test_regisseur_en_teamgenoot_zien_alles_onder_de_inwoner(api, gemeente, nu, methode, pad, wie):
    kies_id, _ = ONDER_INWONER[(methode, pad)]
    client = api.als(user=getattr(gemeente, wie))
    # A toetsing is the business of the indicatie's own consulent only (docs/permissions.md).
    verwacht = 404 if wie == "noor" and "toetsingen" in pad else 200
    assert client.get(pad.format(id=kies_id(gemeente))).status_code == verwacht


def test_teamgenoot_kan_ook_handelen(api, gemeente, nu):
    antwoord = api.als(user=gemeente.noor).patch(
        f"/api/v1/inwoners/{gemeente.anna.pk}", {"voornaam": "Annie"}, format="json"
    )
    assert antwoord.status_code == 200


LIJSTEN = [
    "/api/v1/inwoners",
    "/api/v1/indicaties",
    "/api/v1/evaluaties",
    "/api/v1/halfjaarchecks",
    "/api/v1/schakelteam-adviezen",
    "/api/v1/toetsingen/opvolgingen",
]


@pytest.mark.parametrize("pad", LIJSTEN)
def test_lijsten_tonen_alleen_de_caseload(api, gemeente, nu, pad):
    anna_ids = {
        str(x)
        for x in (gemeente.anna.pk, gemeente.indicatie.pk, gemeente.evaluatie.pk, gemeente.check.pk, gemeente.advies.pk)
    } | {str(gemeente.toetsing.pk)}

    def ids(user) -> set[str]:
        return {r["id"] for r in api.als(user=user).get(pad).json()["results"]}

    assert ids(gemeente.zeno) & anna_ids == set()
    if pad != "/api/v1/toetsingen/opvolgingen":  # only the consulent's own verdicts
        assert ids(gemeente.noor) & anna_ids
    assert ids(gemeente.carla) & anna_ids


def test_een_filter_op_een_inwoner_buiten_de_caseload_geeft_een_lege_lijst(api, gemeente, nu):
    antwoord = api.als(user=gemeente.zeno).get(f"/api/v1/indicaties?inwoner={gemeente.anna.pk}")
    assert antwoord.status_code == 200
    assert antwoord.json()["results"] == []


def test_registreren_voor_een_inwoner_buiten_de_caseload_kan_niet(api, gemeente, nu):
    antwoord = api.als(user=gemeente.zeno).post("/api/v1/indicaties", indicatie_body(gemeente.anna), format="json")
    assert antwoord.status_code == 400
    assert [(p["name"], p["code"]) for p in antwoord.json()["invalid_params"]] == [("inwoner", "does_not_exist")]


def test_registreren_door_een_teamgenoot_kan_wel(api, gemeente, nu):
    antwoord = api.als(user=gemeente.noor).post("/api/v1/indicaties", indicatie_body(gemeente.anna), format="json")
    assert antwoord.status_code == 201, antwoord.json()


def test_schakelteam_ziet_een_inwoner_met_een_adviesvraag_maar_niet_een_zonder_schakelteamwerk(api, gemeente, nu):
    client = api.als(user=gemeente.lid)
    assert client.get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 200
    assert client.get(f"/api/v1/indicaties/{gemeente.bram_indicatie.pk}").status_code == 404
    besluit = {"besluit": "akkoord", "toelichting": "Noodzakelijk."}
    schakel = client.post(
        f"/api/v1/indicaties/{gemeente.bram_indicatie.pk}/schakelteam-besluit", besluit, format="json"
    )
    assert schakel.status_code == 404


def test_backoffice_leest_elke_inwoner(api, gemeente, nu):
    client = api.als(user=gemeente.backoffice)
    assert client.get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 200
    assert client.get(f"/api/v1/inwoners/{gemeente.bram.pk}").status_code == 200


def test_wie_ook_backoffice_is_handelt_als_consulent_alleen_binnen_de_caseload(api, gemeente, nu):
    # Reading through the backoffice role is allowed; changing acts through the consulent role.
    gemeente.zeno.groups.add(gemeente.backoffice.groups.get())
    client = api.als(user=type(gemeente.zeno).objects.get(pk=gemeente.zeno.pk))
    assert client.get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 200
    assert client.patch(f"/api/v1/inwoners/{gemeente.anna.pk}", {"voornaam": "X"}, format="json").status_code == 404


def test_een_inwoner_zonder_regisseur_hoort_bij_niemands_caseload(api, gemeente, nu):
    Inwoner.objects.filter(pk=gemeente.anna.pk).update(regisseur=None)
    # Carla registered Anna's care, but need to know asks who directs her: nobody does now.
    for consulent in (gemeente.carla, gemeente.noor, gemeente.zeno):
        assert api.als(user=consulent).get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 404
    assert api.als(user=gemeente.backoffice).get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 200


def test_wie_zorg_registreert_voor_een_inwoner_zonder_regisseur_wordt_zijn_regisseur(api, gemeente, nu):
    Inwoner.objects.filter(pk=gemeente.anna.pk).update(regisseur=None)
    client = api.als(user=gemeente.zeno)
    assert client.post(f"/api/v1/inwoners/{gemeente.anna.pk}/toegang", {"reden": "Carla is ziek."}).status_code == 201
    antwoord = client.post("/api/v1/indicaties", indicatie_body(gemeente.anna), format="json")
    assert antwoord.status_code == 201, antwoord.json()
    anna = Inwoner.objects.get(pk=gemeente.anna.pk)
    assert anna.regisseur == gemeente.zeno
    laatste = anna.history.first()
    assert (laatste.history_user, laatste.regisseur_id) == (gemeente.zeno, gemeente.zeno.pk)
    assert "zonder regisseur" in laatste.history_change_reason
    # ...and it stays in his caseload after today's opened access has ended.
    nu.move_to(NU + datetime.timedelta(days=1))
    assert client.get(f"/api/v1/inwoners/{gemeente.anna.pk}").status_code == 200


def test_zorg_voor_een_inwoner_met_regisseur_laat_de_regisseur_staan(api, gemeente, nu):
    antwoord = api.als(user=gemeente.noor).post("/api/v1/indicaties", indicatie_body(gemeente.anna), format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert Inwoner.objects.get(pk=gemeente.anna.pk).regisseur == gemeente.carla


def test_wie_geen_consulent_is_wordt_geen_regisseur_door_zorg_te_registreren(gemeente, nu):
    Inwoner.objects.filter(pk=gemeente.anna.pk).update(regisseur=None)
    anna = Inwoner.objects.get(pk=gemeente.anna.pk)
    regie_bij_zorg([(anna, gemeente.beheer)])
    assert Inwoner.objects.get(pk=gemeente.anna.pk).regisseur is None
    regie_bij_zorg([(anna, gemeente.noor), (anna, gemeente.carla)])
    assert Inwoner.objects.get(pk=gemeente.anna.pk).regisseur == gemeente.noor


@pytest.mark.parametrize("pad", LIJSTEN)
@pytest.mark.parametrize("wie", ["carla", "noor", "zeno", "zoe", "backoffice"])
def test_de_telling_van_een_lijst_telt_precies_de_rijen_van_de_lijst(api, gemeente, nu, pad, wie):
    """The count comes from a query of its own (privacy.caseload, `voor_telling`): the same rows."""
    gebruiker_ = getattr(gemeente, wie)
    client = api.als(user=gebruiker_)
    if wie == "zoe":  # access outside the caseload, opened today, counts as well
        geopend = client.post(f"/api/v1/inwoners/{gemeente.anna.pk}/toegang", {"reden": "Spoed"}, format="json")
        assert geopend.status_code == 201
    if client.get(pad).status_code == 403:  # a list this role has no part in
        assert (wie, pad) == ("backoffice", "/api/v1/schakelteam-adviezen")
        return
    _telling_en_rijen_gelijk(client, pad)


def _telling_en_rijen_gelijk(client, pad: str) -> set[str]:
    """Reads the list page by page: the count of every page is the number of rows, none twice."""
    alle, pagina = [], 1
    while True:
        antwoord = client.get(pad, {"pageSize": 1, "page": pagina}).json()
        alle += [r["id"] for r in antwoord["results"]]
        if not antwoord["next"]:
            break
        pagina += 1
    assert antwoord["count"] == len(alle) == len(set(alle))
    return set(alle)


def test_de_telling_van_het_schakelteam_telt_elke_weg_naar_zijn_werk(api, gemeente, nu):
    """Three ways into the schakelteam's lists, each a part of the count's query (privacy.caseload,
    `voor_telling`): an indicatie waiting for a decision, one decided, an advice question (anna's).
    Bram has none of them."""
    wachtend = boven_drempel(gemeente.zeno, inwoner=InwonerFactory(regisseur=gemeente.zeno))
    besloten = boven_drempel(gemeente.zeno, inwoner=InwonerFactory(regisseur=gemeente.zeno))
    with om(INGANG):
        services.neem_schakelteambesluit(
            gebruiker=gemeente.lid, indicatie=besloten, besluit="akkoord", toelichting="Noodzakelijk na crisis."
        )
    client = api.als(user=gemeente.lid)
    inwoners = _telling_en_rijen_gelijk(client, "/api/v1/inwoners")
    assert inwoners == {str(i.pk) for i in (gemeente.anna, wachtend.inwoner, besloten.inwoner)}
    indicaties = _telling_en_rijen_gelijk(client, "/api/v1/indicaties")
    assert {str(wachtend.pk), str(besloten.pk), str(gemeente.indicatie.pk)} <= indicaties
    assert str(gemeente.bram_indicatie.pk) not in indicaties
    assert str(Evaluatie.objects.get(indicatie=besloten).pk) in _telling_en_rijen_gelijk(client, "/api/v1/evaluaties")
    assert str(gemeente.check.pk) in _telling_en_rijen_gelijk(client, "/api/v1/halfjaarchecks")


@pytest.mark.parametrize("wie", ["carla", "noor", "zeno", "zoe", "lid"])
@pytest.mark.parametrize("pad", ["", "inwoner", "indicatie__inwoner"])
def test_de_caseload_voor_een_telling_is_dezelfde_verzameling(gemeente, nu, wie, pad):
    model = {"": Inwoner, "inwoner": Indicatie, "indicatie__inwoner": Evaluatie}[pad]
    gebruiker_ = getattr(gemeente, wie)
    vandaag = NU.date()
    ToegangBuitenCaseload.objects.create(
        gebruiker=gebruiker_, inwoner=gemeente.bram, datum=vandaag, reden="Spoed", geopend_op=NU
    )
    ToegangBuitenCaseload.objects.create(
        gebruiker=gebruiker_,
        inwoner=gemeente.anna,
        datum=vandaag - datetime.timedelta(days=1),
        reden="Gisteren",
        geopend_op=NU - datetime.timedelta(days=1),
    )
    lijst = set(caseload.zichtbaar(model.objects.all(), gebruiker_, pad).values_list("pk", flat=True))
    telling = caseload.zichtbaar(model.objects.all(), gebruiker_, pad, voor_telling=True)
    assert set(telling.values_list("pk", flat=True)) == lijst
    assert telling.count() == len(lijst)


def _zonder_id(antwoord, *ids) -> dict:
    """The answer with the ids of the request taken out of its messages, to compare two answers."""
    tekst = antwoord.content.decode()
    for i in ids:
        tekst = tekst.replace(str(i), "<id>")
    return {"status": antwoord.status_code, "inhoud": tekst}


@pytest.mark.parametrize("veld", ["voorganger", "vervangt"])
@pytest.mark.parametrize("met_andere_fout", [False, True], ids=["alleen_de_verwijzing", "met_een_andere_fout"])
def test_een_verwijzing_naar_een_indicatie_buiten_de_caseload_antwoordt_als_een_onbekend_id(
    api, gemeente, nu, veld, met_andere_fout
):
    """Zeno (team Zuid) may not learn that Anna's indicatie exists: naming it as voorganger or
    vervangt answers exactly what a made-up id answers."""
    import uuid

    client = api.als(user=gemeente.zeno)
    onbekend = uuid.uuid4()
    extra = {"volume": "-1"} if met_andere_fout else {}
    verborgen = client.post(
        "/api/v1/indicaties",
        {**indicatie_body(gemeente.bram), veld: str(gemeente.indicatie.pk), **extra},
        format="json",
    )
    verzonnen = client.post(
        "/api/v1/indicaties", {**indicatie_body(gemeente.bram), veld: str(onbekend), **extra}, format="json"
    )
    assert verborgen.status_code == 400
    assert (veld, "does_not_exist") in [(p["name"], p["code"]) for p in verborgen.json()["invalid_params"]]
    assert _zonder_id(verborgen, gemeente.indicatie.pk) == _zonder_id(verzonnen, onbekend)


@pytest.mark.parametrize("met_andere_fout", [False, True], ids=["alleen_de_verwijzing", "met_een_andere_fout"])
def test_een_inwoner_buiten_de_caseload_antwoordt_als_een_onbekend_id(api, gemeente, nu, met_andere_fout):
    import uuid

    client = api.als(user=gemeente.zeno)
    onbekend = uuid.uuid4()
    extra = {"volume": "-1"} if met_andere_fout else {}
    verborgen = client.post("/api/v1/indicaties", {**indicatie_body(gemeente.anna), **extra}, format="json")
    verzonnen = client.post(
        "/api/v1/indicaties", {**indicatie_body(gemeente.anna), "inwoner": str(onbekend), **extra}, format="json"
    )
    assert _zonder_id(verborgen, gemeente.anna.pk) == _zonder_id(verzonnen, onbekend)


def test_een_verwijzing_naar_een_indicatie_in_de_caseload_werkt_nog(api, gemeente, nu):
    body = {**indicatie_body(gemeente.anna), "voorganger": str(gemeente.indicatie.pk)}
    antwoord = api.als(user=gemeente.noor).post("/api/v1/indicaties", body, format="json")
    assert ("voorganger", "does_not_exist") not in [
        (p["name"], p["code"]) for p in antwoord.json().get("invalid_params", [])
    ]
