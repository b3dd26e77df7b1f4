import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import resolve

from indicaties import services as register
from notifications.models import Notificatie
from tests.factories import gebruiker
from toetsing import services
from toetsing.models import Toetsing

from .hulp import AMSTERDAM, DINSDAG_W05, MAANDAG_W06, WEEK, gewone, met_spoed, om

pytestmark = pytest.mark.django_db

ROLLEN = ("consulent", "schakelteam", "backoffice", "beleid", "beheer", None)
NA_DE_TREKKING = datetime.datetime(2027, 2, 9, 11, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def consulent():
    return gebruiker("consulent")


@pytest.fixture
def toetsing(consulent):
    """A drawn toetsing (spoed) of `consulent`'s indicatie; the test runs the day after the draw."""
    with om(DINSDAG_W05):
        met_spoed(consulent)
    with om(MAANDAG_W06):
        steekproef, _ = services.trek_steekproef(WEEK)
    with om(NA_DE_TREKKING):
        yield steekproef.toetsingen.get()


def _als(api, rol, consulent):
    """The `consulent` role is the indicatie's own consulent; anonymous has no credentials."""
    if rol is None:
        return api
    if rol == "consulent":
        return api.als(user=consulent)
    return api.als(rol)


def _niet_akkoord(toetsing):
    services.geef_oordeel(
        gebruiker=gebruiker("backoffice"), toetsing=toetsing, oordeel="niet_akkoord", toelichting="Onvoldoende."
    )


def _aangepast(toetsing, consulent):
    _niet_akkoord(toetsing)
    register.wijzig_indicatie(gebruiker=consulent, indicatie=toetsing.indicatie, wijzigingen={"spoed_reden": "Meer."})


# Per endpoint: how to prepare, the request, and the status for each role (None: anonymous).
ENDPOINTS = {
    "lijst": (None, "get", "/api/v1/toetsingen/", None, {"backoffice": 200}),
    "detail": (None, "get", "/api/v1/toetsingen/{id}/", None, {"backoffice": 200, "consulent": 200}),
    "historie": (None, "get", "/api/v1/toetsingen/{id}/historie/", None, {"backoffice": 200, "consulent": 200}),
    "steekproef": (None, "post", "/api/v1/toetsingen/steekproeven/", {"week": WEEK}, {"backoffice": 200}),
    "oordeel": (None, "post", "/api/v1/toetsingen/{id}/oordeel/", {"oordeel": "akkoord"}, {"backoffice": 200}),
    "reactie": (_niet_akkoord, "post", "/api/v1/toetsingen/{id}/reactie/", {"reactie": "Klopt."}, {"consulent": 200}),
    "opvolging": (
        _aangepast,
        "post",
        "/api/v1/toetsingen/{id}/opvolging-afgehandeld/",
        {"toelichting": "Aangepast."},
        {"consulent": 200},
    ),
    "opvolgingen": (None, "get", "/api/v1/toetsingen/opvolgingen/", None, {"backoffice": 200, "consulent": 200}),
    "overzicht": (None, "get", "/api/v1/toetsingen/overzicht/", None, {"backoffice": 200}),
}


@pytest.mark.parametrize("rol", ROLLEN, ids=[r or "anoniem" for r in ROLLEN])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_elke_rol_tegen_elk_toetsingendpoint(api, consulent, toetsing, endpoint, rol):
    voorbereiding, methode, pad, body, toegestaan = ENDPOINTS[endpoint]
    if voorbereiding == _aangepast:
        voorbereiding(toetsing, consulent)
    elif voorbereiding is not None:
        voorbereiding(toetsing)
    client = _als(api, rol, consulent)
    antwoord = getattr(client, methode)(pad.format(id=toetsing.id), body, format="json")
    verwacht = 401 if rol is None else toegestaan.get(rol, 403)
    assert antwoord.status_code == verwacht, antwoord.content
    if verwacht >= 400:
        assert antwoord["Content-Type"] == "application/problem+json"


# --- Visibility -------------------------------------------------------------------------------------


def test_een_andere_consulent_ziet_de_toetsing_niet(api, toetsing):
    client = api.als("consulent")
    assert client.get(f"/api/v1/toetsingen/{toetsing.id}/").status_code == 404
    assert client.post(f"/api/v1/toetsingen/{toetsing.id}/reactie/", {"reactie": "x"}, format="json").status_code == 404
    assert client.get("/api/v1/toetsingen/opvolgingen/").json()["results"] == []


def test_een_backoffice_medewerker_die_ook_consulent_is_mag_niet_reageren_op_andermans_toetsing(api, toetsing):
    _niet_akkoord(toetsing)
    client = api.als("backoffice", "consulent")
    antwoord = client.post(f"/api/v1/toetsingen/{toetsing.id}/reactie/", {"reactie": "x"}, format="json")
    assert antwoord.status_code == 403


# --- The list -----------------------------------------------------------------------------------------


def test_de_lijst_toont_de_velden_van_api_md(api, toetsing, consulent):
    antwoord = api.als("backoffice").get("/api/v1/toetsingen/")
    assert antwoord.status_code == 200
    [rij] = antwoord.json()["results"]
    assert {k: rij[k] for k in ("id", "indicatie", "week", "reden", "status", "oordeel")} == {
        "id": str(toetsing.id),
        "indicatie": str(toetsing.indicatie_id),
        "week": WEEK,
        "reden": "spoed",
        "status": "open",
        "oordeel": None,
    }
    assert rij["consulent"] == consulent.id
    assert rij["opvolging"] == "geen"


def test_de_lijst_filtert_op_week_reden_status_oordeel_opvolging_indicatie_en_consulent(api, toetsing, consulent):
    client = api.als("backoffice")
    _niet_akkoord(toetsing)
    for query, aantal in [
        ("week=2027-W05", 1),
        ("week=2027-W06", 0),
        ("reden=spoed", 1),
        ("reden=steekproef", 0),
        ("status=beoordeeld", 1),
        ("status=open", 0),
        ("oordeel=niet_akkoord", 1),
        ("oordeel=akkoord", 0),
        ("opvolging=open", 1),
        ("opvolging=afgehandeld", 0),
        (f"indicatie={toetsing.indicatie_id}", 1),
        (f"indicatie={uuid.uuid4()}", 0),
        (f"consulent={consulent.id}", 1),
        (f"consulent={consulent.id + 1000}", 0),
    ]:
        antwoord = client.get(f"/api/v1/toetsingen/?{query}")
        assert antwoord.status_code == 200, query
        assert antwoord.json()["count"] == aantal, query


@pytest.mark.parametrize(
    ("query", "veld", "code"),
    [
        ("week=week5", "week", "week_ongeldig"),
        ("week=2027-W53", "week", "week_ongeldig"),
        ("reden=onbekend", "reden", "invalid_choice"),
        ("status=klaar", "status", "invalid_choice"),
        ("oordeel=goed", "oordeel", "invalid_choice"),
        ("opvolging=misschien", "opvolging", "invalid_choice"),
        ("indicatie=123", "indicatie", "invalid"),
        ("consulent=jan", "consulent", "invalid"),
        ("consulent=-1", "consulent", "invalid"),
    ],
)
def test_een_ongeldig_filter_geeft_400_met_uitleg(api, toetsing, query, veld, code):
    antwoord = api.als("backoffice").get(f"/api/v1/toetsingen/?{query}")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    [fout] = antwoord.json()["invalid_params"]
    assert (fout["name"], fout["code"]) == (veld, code)


@pytest.mark.parametrize("pad", ["/api/v1/toetsingen/geen-id/", f"/api/v1/toetsingen/{uuid.uuid4()}/"])
def test_een_onbekende_toetsing_geeft_404(api, pad):
    assert api.als("backoffice").get(pad).status_code == 404


# --- Drawing through the API -------------------------------------------------------------------------


def test_de_eerste_trekking_geeft_201_met_de_selectie_en_een_herhaling_200_met_dezelfde(api):
    with om(DINSDAG_W05):
        spoed = met_spoed()
        gewoon = [gewone() for _ in range(9)]
    backoffice = gebruiker("backoffice")
    with om(MAANDAG_W06):
        eerste = api.als(user=backoffice).post("/api/v1/toetsingen/steekproeven/", {"week": WEEK}, format="json")
    assert eerste.status_code == 201, eerste.json()
    data = eerste.json()
    assert data["week"] == WEEK
    assert data["percentage"] == "10.00"
    assert data["aangemaakt_door"] == backoffice.id
    assert data["populatie"] == sorted(str(i.id) for i in gewoon)
    assert isinstance(data["seed"], int)
    assert sorted(t["reden"] for t in data["toetsingen"]) == ["spoed", "steekproef"]
    assert {t["indicatie"] for t in data["toetsingen"] if t["reden"] == "spoed"} == {str(spoed.id)}
    assert all(t["week"] == WEEK and t["status"] == "open" for t in data["toetsingen"])

    with om(MAANDAG_W06 + datetime.timedelta(days=2)):
        tweede = api.als("backoffice").post("/api/v1/toetsingen/steekproeven/", {"week": WEEK}, format="json")
    assert tweede.status_code == 200
    assert tweede.json() == data


def test_een_week_zonder_toewijzingen_geeft_een_lege_selectie(api):
    with om(MAANDAG_W06):
        antwoord = api.als("backoffice").post("/api/v1/toetsingen/steekproeven/", {"week": WEEK}, format="json")
    assert antwoord.status_code == 201
    assert (antwoord.json()["populatie"], antwoord.json()["toetsingen"]) == ([], [])


@pytest.mark.parametrize(
    "body",
    [
        {"week": "2027-5"},
        {"week": "2027-W5"},
        {"week": "2027-W00"},
        {"week": "2027-W53"},
        {"week": "week 5"},
        {"week": ""},
        {"week": 202705},
        {"week": "2027-W05' OR 1=1"},
        {"week": "2027-W05" * 500},
    ],
)
def test_een_ongeldige_week_geeft_400_met_een_duidelijke_nederlandse_melding(api, body):
    with om(MAANDAG_W06):
        antwoord = api.als("backoffice").post("/api/v1/toetsingen/steekproeven/", body, format="json")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    [fout] = antwoord.json()["invalid_params"]
    assert (fout["name"], fout["code"]) == ("week", "week_ongeldig")
    assert "JJJJ-Www" in fout["reason"] or "bestaat niet" in fout["reason"]


@pytest.mark.parametrize("body", [{}, {"week": None}, {"week": ["2027-W05"]}, {"week": {"jaar": 2027}}])
def test_een_ontbrekende_of_verkeerd_getypte_week_geeft_400(api, body):
    with om(MAANDAG_W06):
        antwoord = api.als("backoffice").post("/api/v1/toetsingen/steekproeven/", body, format="json")
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["name"] == "week"


def test_geen_json_geeft_400(api):
    with om(MAANDAG_W06):
        antwoord = api.als("backoffice").post(
            "/api/v1/toetsingen/steekproeven/", "{week", content_type="application/json"
        )
    assert antwoord.status_code == 400


def test_de_lopende_week_trekken_geeft_400_en_legt_niets_vast(api):
    with om(datetime.datetime(2027, 2, 5, 12, 0, tzinfo=AMSTERDAM)):
        antwoord = api.als("backoffice").post("/api/v1/toetsingen/steekproeven/", {"week": WEEK}, format="json")
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["code"] == "week_niet_voorbij"


@pytest.mark.parametrize(
    ("pad", "naam"),
    [
        ("/api/v1/toetsingen/steekproeven/", "toetsing-steekproeven"),
        ("/api/v1/toetsingen/overzicht/", "toetsing-overzicht"),
        ("/api/v1/toetsingen/opvolgingen/", "toetsing-opvolgingen"),
    ],
)
def test_de_vaste_paden_worden_niet_als_id_gelezen(pad, naam):
    assert resolve(pad).url_name == naam


# --- Verdicts through the API ------------------------------------------------------------------------


def test_oordeel_geven_via_de_api_en_de_consulent_krijgt_een_notificatie(api, toetsing, consulent):
    antwoord = api.als("backoffice").post(
        f"/api/v1/toetsingen/{toetsing.id}/oordeel/",
        {"oordeel": "akkoord_met_opmerking", "toelichting": "Goed, maar noem de crisisdienst."},
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.json()
    assert (antwoord.json()["status"], antwoord.json()["oordeel"]) == ("beoordeeld", "akkoord_met_opmerking")
    inbox = api.als(user=consulent).get("/api/v1/notificaties/").json()["results"]
    assert [(n["soort"], n["object_id"]) for n in inbox] == [("toetsing_oordeel", str(toetsing.id))]


def test_de_eigen_consulent_in_de_backoffice_krijgt_403(api, toetsing, consulent):
    consulent.groups.add(*gebruiker("backoffice").groups.all())
    antwoord = api.als(user=consulent).post(
        f"/api/v1/toetsingen/{toetsing.id}/oordeel/", {"oordeel": "akkoord"}, format="json"
    )
    assert antwoord.status_code == 403
    assert "vier-ogenprincipe" in antwoord.json()["detail"]


def test_een_tweede_oordeel_geeft_409(api, toetsing):
    client = api.als("backoffice")
    assert (
        client.post(f"/api/v1/toetsingen/{toetsing.id}/oordeel/", {"oordeel": "akkoord"}, format="json").status_code
        == 200
    )
    tweede = client.post(
        f"/api/v1/toetsingen/{toetsing.id}/oordeel/", {"oordeel": "niet_akkoord", "toelichting": "x"}, format="json"
    )
    assert tweede.status_code == 409


@pytest.mark.parametrize(
    ("body", "veld", "code"),
    [
        ({"oordeel": "niet_akkoord"}, "toelichting", "toelichting_verplicht"),
        ({"oordeel": "akkoord_met_opmerking", "toelichting": "   "}, "toelichting", "toelichting_verplicht"),
        ({"oordeel": "goed"}, "oordeel", "invalid_choice"),
        ({"toelichting": "Zonder oordeel."}, "oordeel", "required"),
        ({"oordeel": None}, "oordeel", "null"),
    ],
)
def test_een_ongeldig_oordeel_geeft_400(api, toetsing, body, veld, code):
    antwoord = api.als("backoffice").post(f"/api/v1/toetsingen/{toetsing.id}/oordeel/", body, format="json")
    assert antwoord.status_code == 400
    assert [(f["name"], f["code"]) for f in antwoord.json()["invalid_params"]] == [(veld, code)]
    toetsing.refresh_from_db()
    assert toetsing.status == "open"


def test_reactie_en_opvolging_via_de_api(api, toetsing, consulent):
    _niet_akkoord(toetsing)
    client = api.als(user=consulent)
    assert [t["id"] for t in client.get("/api/v1/toetsingen/opvolgingen/").json()["results"]] == [str(toetsing.id)]

    leeg = client.post(f"/api/v1/toetsingen/{toetsing.id}/reactie/", {"reactie": ""}, format="json")
    assert leeg.status_code == 400
    antwoord = client.post(f"/api/v1/toetsingen/{toetsing.id}/reactie/", {"reactie": "Ik pas het aan."}, format="json")
    assert antwoord.status_code == 200
    assert antwoord.json()["reactie"] == "Ik pas het aan."
    assert (
        client.post(f"/api/v1/toetsingen/{toetsing.id}/reactie/", {"reactie": "Nog"}, format="json").status_code == 409
    )

    te_vroeg = client.post(f"/api/v1/toetsingen/{toetsing.id}/opvolging-afgehandeld/", {}, format="json")
    assert te_vroeg.status_code == 409
    wijziging = client.patch(
        f"/api/v1/indicaties/{toetsing.indicatie_id}/", {"spoed_reden": "Crisis, moeder opgenomen."}, format="json"
    )
    assert wijziging.status_code == 200, wijziging.json()
    klaar = client.post(f"/api/v1/toetsingen/{toetsing.id}/opvolging-afgehandeld/", {}, format="json")
    assert klaar.status_code == 200
    assert klaar.json()["opvolging"] == "afgehandeld"
    assert client.get("/api/v1/toetsingen/opvolgingen/").json()["results"] == []


# --- Overview ---------------------------------------------------------------------------------------


def test_het_overzicht_telt_per_consulent_per_reden_en_per_oordeel(api):
    anna = gebruiker("consulent", first_name="Anna", last_name="Smit")
    bram = gebruiker("consulent")
    with om(DINSDAG_W05):
        a1 = met_spoed(anna)
        a2 = gewone(anna)
        b1 = met_spoed(bram)
    with om(MAANDAG_W06):
        services.trek_steekproef(WEEK, percentage=Decimal("100"))
    with om(NA_DE_TREKKING):
        backoffice = gebruiker("backoffice")
        for indicatie, oordeel in ((a1, "niet_akkoord"), (a2, "akkoord"), (b1, "akkoord_met_opmerking")):
            services.geef_oordeel(
                gebruiker=backoffice,
                toetsing=Toetsing.objects.get(indicatie=indicatie),
                oordeel=oordeel,
                toelichting="t",
            )
        antwoord = api.als("backoffice").get("/api/v1/toetsingen/overzicht/")
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert data["totaal"] == {
        "getrokken": 3,
        "open": 0,
        "beoordeeld": 3,
        "akkoord": 1,
        "akkoord_met_opmerking": 1,
        "niet_akkoord": 1,
        "opvolging_open": 1,
    }
    assert data["per_oordeel"] == {"akkoord": 1, "akkoord_met_opmerking": 1, "niet_akkoord": 1}
    per_consulent = {r["consulent"]: r for r in data["per_consulent"]}
    assert per_consulent[anna.id]["naam"] == "Anna Smit"
    assert per_consulent[anna.id]["getrokken"] == 2
    assert (per_consulent[anna.id]["niet_akkoord"], per_consulent[anna.id]["akkoord"]) == (1, 1)
    assert per_consulent[anna.id]["opvolging_open"] == 1
    assert per_consulent[bram.id]["naam"] == bram.username
    assert per_consulent[bram.id]["akkoord_met_opmerking"] == 1
    per_reden = {r["reden"]: r for r in data["per_reden"]}
    assert set(per_reden) == {
        "steekproef",
        "spoed",
        "motivatie_zwaardere_variant",
        "verlenging",
        "schakelteam_drempel",
        "zorgstapeling",
        "mogelijk_wlz",
        "voortzetten_zonder_resultaat",
        "achttien_jaar",
        "zorg_niet_gestart",
    }
    assert (per_reden["spoed"]["getrokken"], per_reden["spoed"]["niet_akkoord"]) == (2, 1)
    assert (per_reden["steekproef"]["getrokken"], per_reden["steekproef"]["akkoord"]) == (1, 1)
    assert per_reden["verlenging"]["getrokken"] == 0


def test_het_overzicht_kan_op_weken_worden_beperkt(api, toetsing):
    client = api.als("backoffice")
    assert (
        client.get("/api/v1/toetsingen/overzicht/?van_week=2027-W05&tot_week=2027-W05").json()["totaal"]["getrokken"]
        == 1
    )
    assert client.get("/api/v1/toetsingen/overzicht/?van_week=2027-W06").json()["totaal"]["getrokken"] == 0
    assert client.get("/api/v1/toetsingen/overzicht/?tot_week=2027-W04").json()["totaal"]["getrokken"] == 0
    fout = client.get("/api/v1/toetsingen/overzicht/?van_week=gisteren")
    assert fout.status_code == 400
    assert fout.json()["invalid_params"][0]["name"] == "van_week"


def test_het_schema_beschrijft_de_toetsingendpoints(api):
    schema = api.als("backoffice").get("/api/v1/openapi.json").json()
    for pad in (
        "/toetsingen",
        "/toetsingen/steekproeven",
        "/toetsingen/{id}/oordeel",
        "/toetsingen/{id}/reactie",
        "/toetsingen/overzicht",
    ):
        assert pad in schema["paths"], pad
    assert Notificatie.objects.count() == 0
