"""The inwoner's traject through the services and the API (issue 13): goals on an indicatie and
per evaluation, follow-ups that stay until acted on, continuing without result, the hours of the
same law together and the voorganger chain, and a registration whose number of queries does not
grow with the inwoner's indicaties.

The standard indicatie of hulp.py runs 4-1 to 3-9-2027 (6 uur per week); its evaluation, due on
4-5-2027, is completed on 1-6-2027 (OP_TIJD) unless a test says otherwise.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from basis.exceptions import InvalidTransition, RuleViolation
from indicaties import services
from indicaties.models import Doel, DoelResultaat, Evaluatie, Indicatie, Opvolging
from notifications.models import Notificatie
from tests.factories import InwonerFactory, ProductFactory, doelen_api, gebruiker

from .hulp import EINDE, HALFJAARCHECK, INGANG, dag, evaluatie_van, indicatie, om, run

pytestmark = pytest.mark.django_db

OP_TIJD = datetime.date(2027, 6, 1)
DRIE_DOELEN = (
    services.DoelGegevens("Zelfstandig wonen", "huisvesting"),
    services.DoelGegevens("Een vaste dagindeling"),
    services.DoelGegevens("Rekeningen op tijd betaald", "financien"),
)


@pytest.fixture
def regisseur():
    return gebruiker("consulent")


@pytest.fixture
def inwoner(regisseur):
    return InwonerFactory(regisseur=regisseur)


@pytest.fixture
def client(api, regisseur):
    return api.als(user=regisseur)


@pytest.fixture
def ind(regisseur, inwoner):
    """The standard indicatie with three goals, registered by the regisseur."""
    return indicatie(regisseur, inwoner=inwoner, doelen=DRIE_DOELEN)


def _doel_ids(indicatie_) -> list:
    return list(indicatie_.doelen.order_by("volgorde").values_list("pk", flat=True))


def _oordelen(indicatie_, *behaald) -> list[dict]:
    return [{"doel": str(d), "behaald": b} for d, b in zip(_doel_ids(indicatie_), behaald, strict=True)]


def _afronden(client, indicatie_, **velden):
    with om(OP_TIJD):
        return client.post(f"/api/v1/evaluaties/{evaluatie_van(indicatie_).id}/afronden/", velden, format="json")


def _codes(antwoord) -> list[str]:
    return [p["code"] for p in antwoord.json()["invalid_params"]]


def _rond_af(gebruiker_, indicatie_, uitkomst="voortzetten", behaald=("ja", "ja", "ja"), **velden):
    """Complete the evaluation through the service: each goal judged in order."""
    oordelen = [{"doel": d, "behaald": b} for d, b in zip(_doel_ids(indicatie_), behaald, strict=True)]
    with om(OP_TIJD):
        return services.rond_evaluatie_af(
            gebruiker=gebruiker_, evaluatie=evaluatie_van(indicatie_), uitkomst=uitkomst, doelen=oordelen, **velden
        )


def _signalen(indicatie_) -> list[str]:
    return sorted(indicatie_.signaalregels.values_list("code", flat=True))


# --- Goals on an indicatie (API) --------------------------------------------------------------


def test_een_indicatie_leest_haar_doelen_terug_met_id_in_de_opgegeven_volgorde(client, ind):
    antwoord = client.get(f"/api/v1/indicaties/{ind.id}/")
    assert antwoord.status_code == 200
    doelen = antwoord.json()["doelen"]
    assert [set(d) for d in doelen] == [{"id", "omschrijving", "leefgebied"}] * 3
    assert [(d["omschrijving"], d["leefgebied"]) for d in doelen] == [
        ("Zelfstandig wonen", "huisvesting"),
        ("Een vaste dagindeling", None),
        ("Rekeningen op tijd betaald", "financien"),
    ]
    assert [d["id"] for d in doelen] == [str(pk) for pk in _doel_ids(ind)]


def test_het_antwoord_op_een_registratie_bevat_de_doelen_zoals_het_lezen_ze_geeft(client, inwoner, ind):
    doelen = [
        {"omschrijving": "Zelfstandig boodschappen doen", "leefgebied": "instrumentele_adl"},
        {"omschrijving": "Weer naar de sportclub", "leefgebied": None},
    ]
    with om(INGANG):
        antwoord = client.post("/api/v1/indicaties/", _registratie(ind, doelen=doelen), format="json")
        assert antwoord.status_code == 201, antwoord.json()
        gelezen = client.get(f"/api/v1/indicaties/{antwoord.json()['id']}/").json()
    assert antwoord.json()["doelen"] == gelezen["doelen"]
    assert [(d["omschrijving"], d["leefgebied"]) for d in gelezen["doelen"]] == [
        ("Zelfstandig boodschappen doen", "instrumentele_adl"),
        ("Weer naar de sportclub", None),
    ]


def _registratie(naast, **velden) -> dict:
    """A second registration for the inwoner of `naast`: 1 uur per week in the same period."""
    body = {
        "inwoner": str(naast.inwoner_id),
        "product": ProductFactory().code,
        "aanbieder": str(naast.aanbieder_id),
        "volume": "1",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": INGANG.isoformat(),
        "einddatum": EINDE.isoformat(),
        "doelen": doelen_api(),
    }
    body.update(velden)
    return body


@pytest.mark.parametrize("doelen", [[], None], ids=["lege lijst", "zonder doelen"])
def test_een_registratie_zonder_doelen_is_400_doelen_ontbreken_en_slaat_niets_op(client, ind, doelen):
    body = _registratie(ind, doelen=doelen)
    if doelen is None:
        del body["doelen"]
    with om(INGANG):
        antwoord = client.post("/api/v1/indicaties/", body, format="json")
    assert antwoord.status_code == 400
    assert [(p["name"], p["code"]) for p in antwoord.json()["invalid_params"]] == [("doelen", "doelen_ontbreken")]
    assert Indicatie.objects.count() == 1


def test_een_onbekend_leefgebied_is_400(client, ind):
    doelen = [{"omschrijving": "Zelfstandig wonen", "leefgebied": "wonen"}]
    with om(INGANG):
        antwoord = client.post("/api/v1/indicaties/", _registratie(ind, doelen=doelen), format="json")
    assert antwoord.status_code == 400
    [param] = antwoord.json()["invalid_params"]
    assert "leefgebied" in param["name"]
    assert param["code"] == "invalid_choice"
    assert Doel.objects.count() == 3


def test_doelen_wijzigen_met_patch_is_niet_wijzigbaar(client, ind):
    with om(INGANG):
        antwoord = client.patch(f"/api/v1/indicaties/{ind.id}/", {"doelen": doelen_api()}, format="json")
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["niet_wijzigbaar"]
    assert list(ind.doelen.values_list("omschrijving", flat=True)) == [d.omschrijving for d in DRIE_DOELEN]


# --- The evaluation per goal (API) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("behaald", "resultaat"),
    [
        (("ja", "ja", "ja"), "ja"),
        (("ja", "ja", "deels"), "deels"),
        (("ja", "ja", "nee"), "deels"),
        (("deels", "deels", "deels"), "deels"),
        (("nee", "deels", "nee"), "deels"),
        (("nee", "nee", "nee"), "nee"),
    ],
)
def test_het_resultaat_van_de_evaluatie_volgt_uit_de_doelen(client, ind, behaald, resultaat):
    antwoord = _afronden(
        client, ind, uitkomst="voortzetten", doelen=_oordelen(ind, *behaald), toelichting="Met de inwoner besproken."
    )
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["resultaat_behaald"] == resultaat
    assert evaluatie_van(ind).resultaat_behaald == resultaat


def test_een_afgeronde_evaluatie_leest_per_doel_het_oordeel_terug(client, ind):
    antwoord = _afronden(client, ind, uitkomst="voortzetten", doelen=_oordelen(ind, "ja", "deels", "ja"))
    assert antwoord.status_code == 200, antwoord.json()
    verwacht = [
        {"doel": str(d), "omschrijving": g.omschrijving, "behaald": b}
        for d, g, b in zip(_doel_ids(ind), DRIE_DOELEN, ("ja", "deels", "ja"), strict=True)
    ]
    assert antwoord.json()["doelen"] == verwacht
    assert client.get(f"/api/v1/evaluaties/{evaluatie_van(ind).id}/").json()["doelen"] == verwacht


def test_een_evaluatie_die_nog_open_staat_heeft_geen_oordelen_per_doel(client, ind):
    assert client.get(f"/api/v1/evaluaties/{evaluatie_van(ind).id}/").json()["doelen"] == []


def test_een_client_van_de_eerste_versie_beoordeelt_met_resultaat_behaald_elk_doel(client, ind):
    antwoord = _afronden(client, ind, uitkomst="voortzetten", resultaat_behaald="deels")
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["resultaat_behaald"] == "deels"
    assert [d["behaald"] for d in antwoord.json()["doelen"]] == ["deels"] * 3


def test_een_doel_van_een_andere_indicatie_is_doel_onbekend_en_slaat_niets_op(client, regisseur, inwoner, ind):
    ander = indicatie(regisseur, inwoner=inwoner, volume=Decimal("1"))
    vreemd = [*_oordelen(ind, "ja", "ja", "ja"), {"doel": str(_doel_ids(ander)[0]), "behaald": "ja"}]
    antwoord = _afronden(client, ind, uitkomst="voortzetten", doelen=vreemd)
    assert antwoord.status_code == 400
    assert [(p["name"], p["code"]) for p in antwoord.json()["invalid_params"]] == [("doelen.3.doel", "doel_onbekend")]
    assert evaluatie_van(ind).status == "gepland"
    assert not DoelResultaat.objects.exists()


def test_een_doel_dat_niet_is_beoordeeld_is_doelen_onvolledig(client, ind):
    antwoord = _afronden(client, ind, uitkomst="voortzetten", doelen=_oordelen(ind, "ja", "ja", "ja")[:2])
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["doelen_onvolledig"]
    assert "bij 1 van de 3 doelen ontbreekt" in antwoord.json()["invalid_params"][0]["reason"]
    assert evaluatie_van(ind).status == "gepland"


def test_een_doel_dat_twee_keer_is_beoordeeld_is_doelen_onvolledig(client, ind):
    oordelen = _oordelen(ind, "ja", "ja", "ja")
    oordelen[2]["doel"] = oordelen[0]["doel"]
    antwoord = _afronden(client, ind, uitkomst="voortzetten", doelen=oordelen)
    assert antwoord.status_code == 400
    assert _codes(antwoord) == ["doelen_onvolledig"]


# --- Continuing while a goal is not reached ---------------------------------------------------


def test_voortzetten_met_een_doel_nee_zonder_toelichting_is_400_en_slaat_niets_op(client, ind):
    antwoord = _afronden(client, ind, uitkomst="voortzetten", doelen=_oordelen(ind, "ja", "nee", "ja"))
    assert antwoord.status_code == 400
    assert [(p["name"], p["code"]) for p in antwoord.json()["invalid_params"]] == [
        ("toelichting", "motivatie_voortzetten")
    ]
    assert (evaluatie_van(ind).status, evaluatie_van(ind).resultaat_behaald) == ("gepland", "")
    assert not DoelResultaat.objects.exists()
    assert not Opvolging.objects.exists()
    assert _signalen(ind) == []
    assert not Notificatie.objects.filter(soort="opvolging_nodig").exists()


def test_voortzetten_met_een_doel_nee_en_alleen_spaties_als_toelichting_is_400(client, ind):
    antwoord = _afronden(
        client, ind, uitkomst="voortzetten", doelen=_oordelen(ind, "ja", "nee", "ja"), toelichting="   "
    )
    assert _codes(antwoord) == ["motivatie_voortzetten"]


def test_voortzetten_met_een_doel_nee_en_toelichting_geeft_signaal_opvolging_en_melding_aan_de_regisseur(
    regisseur, inwoner, ind
):
    collega = gebruiker("consulent")
    _rond_af(collega, ind, behaald=("ja", "nee", "ja"), toelichting="Nieuwe aanpak afgesproken.")
    assert _signalen(ind) == ["voortzetten_zonder_resultaat"]
    assert "Nieuwe aanpak afgesproken." in ind.signaalregels.get().toelichting
    opvolging = Opvolging.objects.get()
    assert (opvolging.inwoner, opvolging.bron, opvolging.evaluatie) == (inwoner, "evaluatie", evaluatie_van(ind))
    assert (opvolging.aangemaakt_op, opvolging.afgehandeld_op, opvolging.afhandeling) == (OP_TIJD, None, "")
    melding = Notificatie.objects.get(soort="opvolging_nodig")
    assert (melding.ontvanger, melding.object_id) == (regisseur, opvolging.pk)
    assert not Notificatie.objects.filter(soort="opvolging_nodig", ontvanger=collega).exists()


def test_voortzetten_met_alle_doelen_ja_geeft_geen_signaal_en_geen_opvolging(regisseur, ind):
    _rond_af(regisseur, ind)
    assert _signalen(ind) == []
    assert not Opvolging.objects.exists()


@pytest.mark.parametrize(
    ("uitkomst", "velden", "afhandeling"),
    [
        ("afschalen", {"nieuw_volume": Decimal("3"), "per_datum": OP_TIJD}, "bijgesteld"),
        ("beeindigen", {"per_datum": OP_TIJD}, "beeindigd"),
        ("anders_inzetten", {"per_datum": OP_TIJD}, "beeindigd"),
    ],
)
def test_bijstellen_met_een_doel_nee_legt_de_opvolging_meteen_als_afgehandeld_vast(
    regisseur, ind, uitkomst, velden, afhandeling
):
    _rond_af(regisseur, ind, uitkomst, ("nee", "ja", "ja"), toelichting="Doel niet haalbaar.", **velden)
    opvolging = Opvolging.objects.get()
    assert (opvolging.afgehandeld_op, opvolging.afhandeling) == (OP_TIJD, afhandeling)
    assert (opvolging.afgehandeld_door, opvolging.toelichting) == (regisseur, "Doel niet haalbaar.")
    assert not Notificatie.objects.filter(soort="opvolging_nodig").exists()
    assert "voortzetten_zonder_resultaat" not in _signalen(ind)


# --- Half-year checks and closing follow-ups --------------------------------------------------


def _halfjaarcheck(inwoner, gebruiker_, zorg_passend: bool):
    run(dag(HALFJAARCHECK, -14))
    check = inwoner.halfjaarchecks.get(status="open")
    with om(dag(HALFJAARCHECK, -2)):
        return services.rond_halfjaarcheck_af(
            gebruiker=gebruiker_,
            check=check,
            zorg_passend=zorg_passend,
            contact_aanbieder=dag(HALFJAARCHECK, -5),
            contact_inwoner=dag(HALFJAARCHECK, -4),
            toelichting="Begeleiding sluit niet meer aan." if not zorg_passend else "Loopt goed.",
        )


def test_een_halfjaarcheck_die_de_zorg_niet_passend_vindt_laat_de_regisseur_een_opvolging(regisseur, inwoner, ind):
    check = _halfjaarcheck(inwoner, gebruiker("consulent"), zorg_passend=False)
    opvolging = Opvolging.objects.get()
    assert (opvolging.bron, opvolging.halfjaarcheck, opvolging.afgehandeld_op) == ("halfjaarcheck", check, None)
    assert "Begeleiding sluit niet meer aan." in opvolging.aanleiding
    melding = Notificatie.objects.get(soort="opvolging_nodig")
    assert (melding.ontvanger, melding.object_id) == (regisseur, opvolging.pk)


def test_een_halfjaarcheck_die_de_zorg_passend_vindt_laat_geen_opvolging(regisseur, inwoner, ind):
    _halfjaarcheck(inwoner, regisseur, zorg_passend=True)
    assert not Opvolging.objects.exists()


def test_de_zorg_bijstellen_handelt_de_opvolging_van_de_halfjaarcheck_af(regisseur, inwoner, ind):
    _halfjaarcheck(inwoner, regisseur, zorg_passend=False)
    dag_ = dag(HALFJAARCHECK, -1)
    with om(dag_):
        services.stel_indicatie_bij(
            gebruiker=regisseur, indicatie=ind, uitkomst="beeindigen", reden="Past niet meer.", per_datum=dag_
        )
    opvolging = Opvolging.objects.get()
    assert (opvolging.afgehandeld_op, opvolging.afhandeling, opvolging.afgehandeld_door) == (
        dag_,
        "beeindigd",
        regisseur,
    )
    assert "Past niet meer." in opvolging.toelichting


def test_de_zorg_bijstellen_laat_de_opvolging_van_een_andere_indicatie_open(regisseur, inwoner, ind):
    andere = indicatie(regisseur, inwoner=inwoner, volume=Decimal("1"), doelen=DRIE_DOELEN[:1])
    # 7 uur together: the other one has an evaluation of its own.
    _rond_af(regisseur, andere, behaald=("nee",), toelichting="Nog een maand proberen.")
    with om(OP_TIJD):
        services.stel_indicatie_bij(
            gebruiker=regisseur,
            indicatie=ind,
            uitkomst="afschalen",
            reden="Minder nodig.",
            nieuw_volume=Decimal("4"),
            per_datum=dag(OP_TIJD, 1),
        )
    assert Opvolging.objects.get().afgehandeld_op is None


def test_een_evaluatie_die_afschaalt_handelt_ook_de_opvolging_van_de_halfjaarcheck_af(regisseur, inwoner, ind):
    _halfjaarcheck(inwoner, regisseur, zorg_passend=False)
    with om(dag(HALFJAARCHECK, -1)):
        services.rond_evaluatie_af(
            gebruiker=regisseur,
            evaluatie=evaluatie_van(ind),
            uitkomst="afschalen",
            doelen=[{"doel": d, "behaald": "ja"} for d in _doel_ids(ind)],
            toelichting="Minder uren nodig.",
            nieuw_volume=Decimal("3"),
            per_datum=HALFJAARCHECK,
        )
    opvolging = Opvolging.objects.get(bron="halfjaarcheck")
    assert opvolging.afhandeling == "bijgesteld"


# --- handel_opvolging_af ----------------------------------------------------------------------


@pytest.fixture
def open_opvolging(regisseur, ind) -> Opvolging:
    _rond_af(regisseur, ind, behaald=("nee", "ja", "ja"), toelichting="Nog twee maanden.")
    return Opvolging.objects.get()


def test_de_regisseur_handelt_een_opvolging_af_met_een_motivatie(regisseur, open_opvolging):
    with om(dag(OP_TIJD, 3)):
        services.handel_opvolging_af(
            gebruiker=regisseur, opvolging=open_opvolging, afhandeling="gemotiveerd", toelichting=" Goed besproken. "
        )
    open_opvolging.refresh_from_db()
    assert (open_opvolging.afgehandeld_op, open_opvolging.afhandeling) == (dag(OP_TIJD, 3), "gemotiveerd")
    assert (open_opvolging.afgehandeld_door, open_opvolging.toelichting) == (regisseur, "Goed besproken.")
    assert open_opvolging.history.first().history_change_reason == "Opvolging afgehandeld: voortzetting gemotiveerd"


def test_een_opvolging_twee_keer_afhandelen_is_een_ongeldige_overgang(regisseur, open_opvolging):
    velden = {"gebruiker": regisseur, "opvolging": open_opvolging, "afhandeling": "gemotiveerd", "toelichting": "Ok."}
    services.handel_opvolging_af(**velden)
    with pytest.raises(InvalidTransition):
        services.handel_opvolging_af(**{**velden, "afhandeling": "beeindigd"})
    open_opvolging.refresh_from_db()
    assert open_opvolging.afhandeling == "gemotiveerd"


@pytest.mark.parametrize(
    ("afhandeling", "toelichting", "code"),
    [("vergeten", "Ok.", "invalid_choice"), ("gemotiveerd", "  ", "toelichting_verplicht")],
)
def test_een_opvolging_afhandelen_zonder_geldige_keuze_of_toelichting_is_geweigerd(
    regisseur, open_opvolging, afhandeling, toelichting, code
):
    with pytest.raises(RuleViolation) as fout:
        services.handel_opvolging_af(
            gebruiker=regisseur, opvolging=open_opvolging, afhandeling=afhandeling, toelichting=toelichting
        )
    assert [v.code for v in fout.value.violations] == [code]
    open_opvolging.refresh_from_db()
    assert open_opvolging.afgehandeld_op is None


# --- Verlenging after a goal nee --------------------------------------------------------------


def _verlenging(voorganger, **velden) -> dict:
    body = _registratie(
        voorganger,
        product=voorganger.product.code,
        volume="6",
        ingangsdatum=dag(EINDE, 1).isoformat(),
        einddatum=dag(EINDE, 120).isoformat(),
        voorganger=str(voorganger.id),
    )
    body.update(velden)
    return body


def test_een_verlenging_na_een_doel_nee_zonder_motivatie_is_400(client, regisseur, ind):
    _rond_af(regisseur, ind, behaald=("ja", "nee", "ja"), toelichting="Nog even.")
    with om(OP_TIJD):
        antwoord = client.post("/api/v1/indicaties/", _verlenging(ind), format="json")
    assert antwoord.status_code == 400
    assert [(p["name"], p["code"]) for p in antwoord.json()["invalid_params"]] == [
        ("motivatie", "motivatie_voortzetten")
    ]


def test_een_verlenging_na_een_doel_nee_met_motivatie_krijgt_het_signaal(client, regisseur, ind):
    _rond_af(regisseur, ind, behaald=("ja", "nee", "ja"), toelichting="Nog even.")
    with om(OP_TIJD):
        antwoord = client.post(
            "/api/v1/indicaties/", _verlenging(ind, motivatie="Wachtlijst voor de vervolgzorg."), format="json"
        )
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["signalen"] == ["verlenging", "voortzetten_zonder_resultaat"]
    verlenging = Indicatie.objects.get(pk=antwoord.json()["id"])
    assert (
        "Wachtlijst voor de vervolgzorg."
        in verlenging.signaalregels.get(code="voortzetten_zonder_resultaat").toelichting
    )


def test_een_verlenging_na_alleen_behaalde_doelen_heeft_geen_motivatie_nodig(client, regisseur, ind):
    _rond_af(regisseur, ind, behaald=("ja", "deels", "ja"))
    with om(OP_TIJD):
        antwoord = client.post("/api/v1/indicaties/", _verlenging(ind), format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["signalen"] == ["verlenging"]


def test_een_wijziging_na_voortzetten_zonder_resultaat_houdt_het_signaal(regisseur, ind):
    _rond_af(regisseur, ind, behaald=("ja", "nee", "ja"), toelichting="Nog even.")
    with om(OP_TIJD):
        services.wijzig_indicatie(gebruiker=regisseur, indicatie=ind, wijzigingen={"einddatum": dag(EINDE, -3)})
    assert _signalen(ind) == ["voortzetten_zonder_resultaat"]


# --- Hours and the threshold over the traject (services) --------------------------------------


def test_twee_indicaties_van_3_uur_tegelijk_krijgen_samen_een_evaluatie(regisseur, inwoner):
    eerste = indicatie(regisseur, inwoner=inwoner, volume=Decimal("3"), einddatum=datetime.date(2027, 12, 31))
    tweede = indicatie(regisseur, inwoner=inwoner, volume=Decimal("3"))
    assert not Evaluatie.objects.filter(indicatie=eerste).exists()
    assert evaluatie_van(tweede).vervaldatum == datetime.date(2027, 5, 4)


def test_een_tweede_indicatie_van_3_uur_die_langer_loopt_dan_8_maanden_wordt_geweigerd(regisseur, inwoner):
    indicatie(regisseur, inwoner=inwoner, volume=Decimal("3"), product=ProductFactory(code="02A01"))
    with pytest.raises(RuleViolation) as fout:
        indicatie(regisseur, inwoner=inwoner, volume=Decimal("3"), einddatum=datetime.date(2027, 12, 31))
    [overtreding] = fout.value.violations
    assert overtreding.code == "max_duur_8_maanden"
    assert "samen met 02A01 (4-1-2027 t/m 3-9-2027): 6,00 uur" in overtreding.bericht


def test_een_verlenging_telt_de_kosten_van_haar_voorganger_mee_voor_het_schakelteam(regisseur, inwoner):
    # 9 uur per week at € 116,40: about € 36.000 for each 8 months, € 72.000 together.
    product = ProductFactory(tarief="116.40")
    voorganger = indicatie(regisseur, inwoner=inwoner, product=product, volume=Decimal("9"), einddatum=EINDE)
    assert voorganger.status == "toegewezen"
    _rond_af(regisseur, voorganger, behaald=("ja",))
    with om(OP_TIJD):
        verlenging = services.registreer_indicatie(
            gebruiker=regisseur,
            gegevens=services.IndicatieGegevens(
                inwoner=inwoner,
                product=product,
                aanbieder=voorganger.aanbieder,
                volume=Decimal("9"),
                eenheid="uur",
                frequentie="per_week",
                ingangsdatum=dag(EINDE, 1),
                einddatum=datetime.date(2028, 5, 3),
                voorganger=voorganger,
                doelen=DRIE_DOELEN[:1],
            ),
        )
    assert verlenging.geschatte_kosten < Decimal("50000")
    assert verlenging.status == "wacht_op_schakelteam"
    assert "schakelteam_drempel" in _signalen(verlenging)


# --- Queries of a registration -----------------------------------------------------------------


def _queries_van_een_registratie(api, aantal_bestaand: int) -> int:
    consulent = gebruiker("consulent")
    inwoner = InwonerFactory(regisseur=consulent)
    for _ in range(aantal_bestaand):
        # Half an hour a week each, same law and period: counted for the hours and the cost.
        indicatie(consulent, inwoner=inwoner, volume=Decimal("0.5"))
    client = api.als(user=consulent)
    naast = Indicatie.objects.filter(inwoner=inwoner).first()
    with om(INGANG), CaptureQueriesContext(connection) as queries:
        antwoord = client.post("/api/v1/indicaties/", _registratie(naast, volume="6"), format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["status"] == "toegewezen"
    return len(queries)


def test_het_aantal_queries_van_een_registratie_groeit_niet_met_de_indicaties_van_de_inwoner(api):
    assert _queries_van_een_registratie(api, 10) == _queries_van_een_registratie(api, 1)


def test_een_opvolging_van_een_inwoner_zonder_regisseur_bereikt_wie_de_halfjaarcheck_afrondde(inwoner, ind):
    from indicaties import selectors

    inwoner.regisseur = None
    inwoner.save()
    consulent = gebruiker("consulent")
    _halfjaarcheck(inwoner, consulent, zorg_passend=False)
    opvolging = Opvolging.objects.get()
    assert list(selectors.open_opvolgingen_van(consulent)) == [opvolging]
    assert list(selectors.open_opvolgingen_van(gebruiker("consulent"))) == []
    assert Notificatie.objects.filter(ontvanger=consulent, soort="opvolging_nodig").count() == 1


def test_een_wijziging_van_alleen_de_motivatie_wordt_niet_opnieuw_aan_de_maximale_duur_gehouden(regisseur, inwoner):
    """12 months of 3 hours, then a second 3 hours in the same period (6 together): the first
    stays changeable in what does not touch its hours or period."""
    eerste = indicatie(regisseur, inwoner=inwoner, volume=Decimal("3"), einddatum=dag(INGANG, 364))
    indicatie(regisseur, inwoner=inwoner, volume=Decimal("3"), einddatum=dag(INGANG, 200))
    with om(INGANG):
        gewijzigd = services.wijzig_indicatie(
            gebruiker=regisseur, indicatie=eerste, wijzigingen={"motivatie": "Afgestemd met de aanbieder."}
        )
        assert gewijzigd.motivatie == "Afgestemd met de aanbieder."
        with pytest.raises(RuleViolation) as fout:
            services.wijzig_indicatie(
                gebruiker=regisseur, indicatie=eerste, wijzigingen={"einddatum": dag(INGANG, 363)}
            )
    assert [v.code for v in fout.value.violations] == ["max_duur_8_maanden"]
