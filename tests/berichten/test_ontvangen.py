"""Messages in through POST /api/v1/berichten: control level 1 (XSD, 400 and nothing stored), the
content rules answered with retourcodes in a retour that validates, duplicates (409), hostile
input (413, XXE, entity expansion, ZIP), and one transaction per message."""

import datetime
import io
import zipfile

import pytest
from django.test import override_settings

from berichten.models import Bericht
from indicaties.models import Indicatie
from notifications.models import Notificatie
from tests.factories import AanbiederFactory, ProductFactory, maak_indicatie
from tests.indicaties.hulp import INGANG, om

from .hulp import geldig, startbericht, stopbericht, toewijzing_retour, waarden

pytestmark = pytest.mark.django_db

DAG_VOOR = INGANG - datetime.timedelta(days=1)


@pytest.fixture
def indicatie():
    with om(INGANG):
        return maak_indicatie(product=ProductFactory(wet="jeugdwet", code="45A65"))


def _post(api, data: bytes, rol="backoffice", content_type="application/xml"):
    return api.als(rol).generic("POST", "/api/v1/berichten", data, content_type=content_type)


def _retour(antwoord) -> Bericht:
    return Bericht.objects.get(pk=antwoord.json()["retour"])


def test_een_start_op_de_ingangsdatum_zet_zorg_gestart_op_en_krijgt_een_lege_retour(api, indicatie):
    with om(INGANG):
        antwoord = _post(api, startbericht(indicatie, INGANG))
    assert antwoord.status_code == 201, antwoord.json()
    body = antwoord.json()
    assert (body["soort"], body["richting"], body["status"]) == ("JW305", "in", "verwerkt")
    indicatie.refresh_from_db()
    assert indicatie.zorg_gestart_op == INGANG
    retour = _retour(antwoord)
    assert (retour.soort, retour.status) == ("JW306", "klaar")
    boom = geldig("JW306", retour.xml)
    assert waarden(boom, "RetourCode") == []
    assert waarden(boom, "Bsn") == []  # no errors: the header alone (IV028)


def test_een_start_en_een_stop_schrijven_geen_301_maar_wel_historie(api, indicatie):
    # The 301 of the decision left; a start or stop is no decision and changes nothing it said.
    Bericht.objects.filter(soort="JW301").update(status="verzonden")
    with om(INGANG):
        _post(api, startbericht(indicatie, INGANG))
    with om(INGANG + datetime.timedelta(days=30)):
        _post(api, stopbericht(indicatie, INGANG, INGANG + datetime.timedelta(days=30)))
    assert Bericht.objects.filter(soort="JW301").count() == 1
    indicatie.refresh_from_db()
    assert indicatie.zorg_gestopt_op == INGANG + datetime.timedelta(days=30)
    laatste = indicatie.history.order_by("-history_date").first()
    assert (laatste.zorg_gestart_op, laatste.zorg_gestopt_op) == (INGANG, indicatie.zorg_gestopt_op)
    assert laatste.history_change_reason.startswith("JW307")


def test_een_beslissing_na_een_start_schrijft_wel_een_301(api, indicatie):
    from indicaties import services as register

    Bericht.objects.filter(soort="JW301").update(status="verzonden")
    with om(INGANG):
        _post(api, startbericht(indicatie, INGANG))
        indicatie.refresh_from_db()
        register.wijzig_indicatie(
            gebruiker=indicatie.consulent, indicatie=indicatie, wijzigingen={"einddatum": datetime.date(2027, 6, 30)}
        )
    assert Bericht.objects.filter(soort="JW301").count() == 2


def test_een_start_de_dag_voor_de_ingangsdatum_wordt_afgekeurd_met_9019(api, indicatie):
    with om(INGANG):
        antwoord = _post(api, startbericht(indicatie, DAG_VOOR, dagtekening=DAG_VOOR))
    assert antwoord.status_code == 201
    assert antwoord.json()["status"] == "afgekeurd"
    assert [r["code"] for r in antwoord.json()["retourcodes"]] == ["9019"]
    assert antwoord.json()["retourcodes"][0]["omschrijving"].startswith("Het regie bericht")
    indicatie.refresh_from_db()
    assert indicatie.zorg_gestart_op is None
    boom = geldig("JW306", _retour(antwoord).xml)
    assert sorted(waarden(boom, "RetourCode")) == ["0200", "9019"]  # client 0200, the product 9019


def test_een_onbekend_toewijzingnummer_krijgt_9019(api, indicatie):
    with om(INGANG):
        antwoord = _post(api, startbericht(indicatie, INGANG, nummer=999999))
    assert [r["code"] for r in antwoord.json()["retourcodes"]] == ["9019"]


def test_de_toewijzing_van_een_andere_aanbieder_krijgt_9019(api, indicatie):
    ander = AanbiederFactory()
    with om(INGANG):
        antwoord = _post(api, startbericht(indicatie, INGANG, agb=ander.agb_code))
    assert [r["code"] for r in antwoord.json()["retourcodes"]] == ["9019"]
    indicatie.refresh_from_db()
    assert indicatie.zorg_gestart_op is None


def test_een_tweede_start_terwijl_de_eerste_loopt_krijgt_9326(api, indicatie):
    volgende = INGANG + datetime.timedelta(days=3)
    with om(volgende):
        _post(api, startbericht(indicatie, INGANG, ident="A1"))
        antwoord = _post(api, startbericht(indicatie, volgende, ident="A2"))
    assert [r["code"] for r in antwoord.json()["retourcodes"]] == ["9326"]


def test_dezelfde_identificatie_van_dezelfde_afzender_is_409_en_wordt_niet_nog_eens_verwerkt(api, indicatie):
    with om(INGANG):
        _post(api, startbericht(indicatie, INGANG))
        aantal = Bericht.objects.count()
        antwoord = _post(api, startbericht(indicatie, INGANG))
    assert antwoord.status_code == 409
    assert antwoord.json()["code"] == "bericht_dubbel"
    assert Bericht.objects.count() == aantal


def test_een_stop_na_de_start_zet_zorg_gestopt_op(api, indicatie):
    einde = datetime.date(2027, 3, 31)
    with om(einde):
        _post(api, startbericht(indicatie, INGANG))
        antwoord = _post(api, stopbericht(indicatie, INGANG, einde))
    assert antwoord.json()["status"] == "verwerkt", antwoord.json()
    indicatie.refresh_from_db()
    assert indicatie.zorg_gestopt_op == einde
    geldig("JW308", _retour(antwoord).xml)


def test_een_stop_zonder_start_krijgt_9069(api, indicatie):
    einde = datetime.date(2027, 3, 31)
    with om(einde):
        antwoord = _post(api, stopbericht(indicatie, INGANG, einde))
    assert [r["code"] for r in antwoord.json()["retourcodes"]] == ["9069"]
    geldig("JW308", _retour(antwoord).xml)


def test_een_dagtekening_in_de_toekomst_krijgt_8848(api, indicatie):
    with om(INGANG):
        antwoord = _post(api, startbericht(indicatie, INGANG, dagtekening=INGANG + datetime.timedelta(days=1)))
    assert [r["code"] for r in antwoord.json()["retourcodes"]] == ["8848"]


def test_wmo_start_en_retour_volgen_het_wmo_xsd(api):
    with om(INGANG):
        indicatie = maak_indicatie()
        antwoord = _post(api, startbericht(indicatie, INGANG))
    assert antwoord.json()["soort"] == "WMO305"
    geldig("WMO306", _retour(antwoord).xml)


# --- 302: the aanbieder's answer to our 301 ---------------------------------------------------------------


def test_een_302_zonder_retourcodes_accepteert_de_301(api, indicatie):
    toewijzing = Bericht.objects.get(soort="JW301")
    with om(INGANG):
        antwoord = _post(api, toewijzing_retour(toewijzing))
    assert antwoord.status_code == 201, antwoord.json()
    toewijzing.refresh_from_db()
    assert toewijzing.status == "geaccepteerd"
    assert antwoord.json()["antwoord_op"] == str(toewijzing.pk)


def test_een_302_met_retourcodes_keurt_de_301_af_en_meldt_het_de_consulent(api, indicatie):
    toewijzing = Bericht.objects.get(soort="JW301")
    with om(INGANG):
        antwoord = _post(api, toewijzing_retour(toewijzing, codes=["0001"]))
    toewijzing.refresh_from_db()
    assert toewijzing.status == "afgekeurd"
    assert toewijzing.retourcodes == ["0001"]
    melding = Notificatie.objects.get(soort="bericht_afgekeurd", ontvanger=indicatie.consulent)
    assert "technische redenen" in melding.onderwerp
    assert antwoord.json()["retour"] is None


# --- Control level 1 and hostile input: 400/413, nothing stored ------------------------------------------


def _niets_opgeslagen(voor: int) -> None:
    assert Bericht.objects.count() == voor


def test_een_bericht_dat_het_xsd_niet_volgt_is_400_bericht_ongeldig(api, indicatie):
    data = startbericht(indicatie, INGANG).replace(b"<jw305:StatusAanlevering>1<", b"<jw305:StatusAanlevering>7<")
    voor = Bericht.objects.count()
    antwoord = _post(api, data)
    assert antwoord.status_code == 400
    fout = antwoord.json()["invalid_params"][0]
    assert fout["code"] == "bericht_ongeldig"
    assert "JW305.xsd" in fout["reason"]
    _niets_opgeslagen(voor)


def test_een_bericht_voor_een_andere_gemeente_is_400(api, indicatie):
    antwoord = _post(api, startbericht(indicatie, INGANG, gemeente="0363"))
    assert antwoord.status_code == 400
    assert "0363" in antwoord.json()["invalid_params"][0]["reason"]


def test_xxe_wordt_geweigerd(api, tmp_path):
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("GEHEIM")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{geheim}">]>'
        "<Bericht xmlns='http://www.istandaarden.nl/ijw/3_2/jw305/schema'>&e;</Bericht>"
    ).encode()
    antwoord = _post(api, data)
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["code"] == "bericht_ongeldig"
    assert "GEHEIM" not in antwoord.content.decode()


def test_billion_laughs_wordt_geweigerd(api):
    lagen = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    entiteiten = "".join(lagen)
    data = f'<?xml version="1.0"?><!DOCTYPE lolz [{entiteiten}]><lolz>&l9;</lolz>'.encode()
    antwoord = _post(api, data)
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["code"] == "bericht_ongeldig"


def test_een_zip_wordt_niet_aangenomen(api, indicatie):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("bericht.xml", startbericht(indicatie, INGANG))
    antwoord = _post(api, buffer.getvalue())
    assert antwoord.status_code == 400
    assert "ZIP" in antwoord.json()["invalid_params"][0]["reason"]


def test_een_bericht_van_100_mb_is_413(api):
    data = b"<a>" + b" " * (100 * 1024 * 1024) + b"</a>"
    antwoord = _post(api, data)
    assert antwoord.status_code == 413
    assert antwoord["Content-Type"] == "application/problem+json"


@override_settings(BERICHT_MAX_BYTES=1000)
def test_de_grens_van_de_grootte_geldt_tot_en_met_de_laatste_byte(api):
    assert _post(api, b"<a>" + b" " * 993 + b"</a>").status_code == 400  # 1000 bytes: read, not XML of the standard
    assert _post(api, b"<a>" + b" " * 994 + b"</a>").status_code == 413


def test_json_is_geen_bericht(api):
    antwoord = _post(api, b'{"a": 1}', content_type="application/json")
    assert antwoord.status_code == 415


def test_een_bericht_dat_de_gemeente_zelf_verstuurt_wordt_niet_aangenomen(api, indicatie):
    toewijzing = Bericht.objects.get(soort="JW301")
    antwoord = _post(api, toewijzing.xml.encode())
    assert antwoord.status_code == 400
    assert "verstuurd, niet ontvangen" in antwoord.json()["invalid_params"][0]["reason"]


# --- Reading and sending ------------------------------------------------------------------------------


def test_het_bericht_is_terug_te_lezen_precies_zoals_ontvangen(api, indicatie):
    data = startbericht(indicatie, INGANG)
    with om(INGANG):
        antwoord = _post(api, data)
    xml = api.als("beheer").get(f"/api/v1/berichten/{antwoord.json()['id']}/xml")
    assert xml.status_code == 200
    assert xml["Content-Type"].startswith("application/xml")
    assert xml.content == data


def test_de_lijst_filtert_op_richting_soort_en_status(api, indicatie):
    with om(INGANG):
        _post(api, startbericht(indicatie, DAG_VOOR, dagtekening=DAG_VOOR))
    client = api.als("backoffice")
    assert {b["soort"] for b in client.get("/api/v1/berichten?richting=uit").json()["results"]} == {"JW301", "JW306"}
    afgekeurd = client.get("/api/v1/berichten?status=afgekeurd&soort=JW305").json()["results"]
    assert [b["retourcodes"][0]["code"] for b in afgekeurd] == ["9019"]


def test_een_consulent_ziet_de_berichten_van_de_eigen_caseload_en_niet_van_een_ander(api, indicatie):
    eigen = api.als(user=indicatie.consulent).get("/api/v1/berichten").json()["results"]
    assert [b["soort"] for b in eigen] == ["JW301"]
    from tests.factories import gebruiker

    ander = api.als(user=gebruiker("consulent", team=None)).get("/api/v1/berichten").json()["results"]
    assert ander == []


def test_verzonden_markeren_kan_eenmaal(api, indicatie):
    toewijzing = Bericht.objects.get(soort="JW301")
    client = api.als("beheer")
    assert client.post(f"/api/v1/berichten/{toewijzing.pk}/verzonden").json()["status"] == "verzonden"
    tweede = client.post(f"/api/v1/berichten/{toewijzing.pk}/verzonden")
    assert tweede.status_code == 409


def test_een_consulent_plaatst_geen_bericht(api, indicatie):
    assert _post(api, startbericht(indicatie, INGANG), rol="consulent").status_code == 403
    assert Indicatie.objects.get(pk=indicatie.pk).zorg_gestart_op is None
