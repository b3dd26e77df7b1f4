"""Requests in (315): a request in the werkvoorraad with its deadline, a 316, and an answer by an
indicatie (whose 301 carries the ReferentieAanbieder) or by a refusal (319)."""

import datetime

import pytest

from berichten.models import Bericht, Verzoek
from indicaties.models import Inwoner
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, doelen_api, gebruiker
from tests.indicaties.hulp import om

from .hulp import geldig, verzoek_om_toewijzing, waarden

pytestmark = pytest.mark.django_db

VRIJDAG = datetime.date(2027, 1, 8)
MAANDAG = datetime.date(2027, 1, 11)


@pytest.fixture
def product():
    return ProductFactory(wet="jeugdwet", code="45A65")


@pytest.fixture
def aanbieder(product):
    return AanbiederFactory()


def _post(api, data):
    return api.als("backoffice").generic("POST", "/api/v1/berichten", data, content_type="application/xml")


def _vot(inwoner, aanbieder, **kwargs):
    kwargs.setdefault("ingangsdatum", MAANDAG)
    return verzoek_om_toewijzing(inwoner, aanbieder, categorie="45", code="45A65", **kwargs)


def test_een_verzoek_om_toewijzing_komt_in_de_werkvoorraad_met_een_termijn_van_5_werkdagen(api, aanbieder, product):
    inwoner = InwonerFactory()
    with om(VRIJDAG):
        antwoord = _post(api, _vot(inwoner, aanbieder, dagtekening=VRIJDAG))
    assert antwoord.status_code == 201, antwoord.json()
    verzoek = Verzoek.objects.get()
    assert (verzoek.soort, verzoek.status, verzoek.product, verzoek.inwoner) == ("toewijzing", "open", product, inwoner)
    assert verzoek.uiterste_datum == datetime.date(2027, 1, 15)  # Friday + 5 working days
    geldig("JW316", Bericht.objects.get(soort="JW316").xml)


def test_een_onbekend_bsn_maakt_de_inwoner_uit_het_bericht(api, aanbieder, product):
    nieuw = Inwoner(bsn="123456782", voornaam="Lotte", achternaam="Verbeek", geboortedatum=datetime.date(2015, 4, 1))
    with om(VRIJDAG):
        antwoord = _post(api, _vot(nieuw, aanbieder, dagtekening=VRIJDAG))
    assert antwoord.status_code == 201, antwoord.json()
    inwoner = Inwoner.objects.get(bsn="123456782")
    assert (inwoner.achternaam, inwoner.geboortedatum) == ("Verbeek", datetime.date(2015, 4, 1))
    assert Verzoek.objects.get().inwoner == inwoner


def test_dezelfde_referentie_tweemaal_krijgt_9347(api, aanbieder, product):
    inwoner = InwonerFactory()
    with om(VRIJDAG):
        _post(api, _vot(inwoner, aanbieder, dagtekening=VRIJDAG, ident="V1"))
        antwoord = _post(api, _vot(inwoner, aanbieder, dagtekening=VRIJDAG, ident="V2"))
    assert [r["code"] for r in antwoord.json()["retourcodes"]] == ["9347"]
    assert Verzoek.objects.count() == 1
    boom = geldig("JW316", Bericht.objects.get(soort="JW316", antwoord_op=antwoord.json()["id"]).xml)
    assert "9347" in waarden(boom, "RetourCode")


def test_een_tweede_verzoek_terwijl_het_eerste_openstaat_krijgt_9374(api, aanbieder, product):
    inwoner = InwonerFactory()
    with om(VRIJDAG):
        _post(api, _vot(inwoner, aanbieder, dagtekening=VRIJDAG, ident="V1", referentie="A"))
        antwoord = _post(api, _vot(inwoner, aanbieder, dagtekening=VRIJDAG, ident="V2", referentie="B"))
    assert [r["code"] for r in antwoord.json()["retourcodes"]] == ["9374"]


def test_afwijzen_stuurt_een_jw319_met_de_reden(api, aanbieder, product):
    consulent = gebruiker("consulent")
    inwoner = InwonerFactory(regisseur=consulent)
    with om(VRIJDAG):
        _post(api, _vot(inwoner, aanbieder, dagtekening=VRIJDAG))
        verzoek = Verzoek.objects.get()
        antwoord = api.als(user=consulent).post(
            f"/api/v1/verzoeken/{verzoek.pk}/afwijzen", {"reden": "6", "toelichting": "Stapeling."}, format="json"
        )
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["status"] == "afgewezen"
    boom = geldig("JW319", Bericht.objects.get(soort="JW319").xml)
    assert waarden(boom, "VerzoekAntwoord") == ["1"]
    assert waarden(boom, "RedenAfwijzingVerzoek") == ["6"]
    assert waarden(boom, "ReferentieAanbieder") == ["REF-1"]
    tweede = api.als(user=consulent).post(
        f"/api/v1/verzoeken/{verzoek.pk}/afwijzen", {"reden": "6", "toelichting": "Nogmaals."}, format="json"
    )
    assert tweede.status_code == 409


def test_afwijzen_zonder_toelichting_is_400(api, aanbieder, product):
    consulent = gebruiker("consulent")
    inwoner = InwonerFactory(regisseur=consulent)
    with om(VRIJDAG):
        _post(api, _vot(inwoner, aanbieder, dagtekening=VRIJDAG))
        antwoord = api.als(user=consulent).post(
            f"/api/v1/verzoeken/{Verzoek.objects.get().pk}/afwijzen", {"reden": "6", "toelichting": " "}, format="json"
        )
    assert antwoord.status_code == 400
    assert Bericht.objects.filter(soort="JW319").count() == 0


def test_een_indicatie_met_verzoek_beantwoordt_het_en_haar_301_draagt_de_referentie(api, aanbieder, product):
    consulent = gebruiker("consulent")
    inwoner = InwonerFactory(regisseur=consulent)
    with om(VRIJDAG):
        _post(api, _vot(inwoner, aanbieder, dagtekening=VRIJDAG))
        verzoek = Verzoek.objects.get()
        body = {
            "inwoner": str(inwoner.pk),
            "product": product.code,
            "aanbieder": str(aanbieder.pk),
            "volume": "4",
            "eenheid": "uur",
            "frequentie": "per_week",
            "ingangsdatum": MAANDAG.isoformat(),
            "einddatum": "2027-06-30",
            "doelen": doelen_api(),
            "verzoek": str(verzoek.pk),
        }
        antwoord = api.als(user=consulent).post("/api/v1/indicaties", body, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    verzoek.refresh_from_db()
    assert verzoek.status == "toegewezen"
    assert str(verzoek.indicatie_id) == antwoord.json()["id"]
    boom = geldig("JW301", Bericht.objects.get(soort="JW301").xml)
    assert waarden(boom, "ReferentieAanbieder") == ["REF-1"]


def test_de_lijst_van_verzoeken_voor_een_consulent_toont_ook_verzoeken_zonder_regisseur(api, aanbieder, product):
    zonder = InwonerFactory(regisseur=None)
    ander_team = InwonerFactory(regisseur=gebruiker("consulent", team=None))
    with om(VRIJDAG):
        _post(api, _vot(zonder, aanbieder, dagtekening=VRIJDAG, ident="V1", referentie="A"))
        _post(api, _vot(ander_team, aanbieder, dagtekening=VRIJDAG, ident="V2", referentie="B"))
    lijst = api.als("consulent").get("/api/v1/verzoeken").json()["results"]
    assert [v["inwoner"] for v in lijst] == [str(zonder.pk)]
    assert len(api.als("backoffice").get("/api/v1/verzoeken").json()["results"]) == 2


def test_een_verzoek_over_zijn_uiterste_datum_meldt_het_de_regisseur_eenmaal(api, aanbieder, product):
    from berichten.verzoeken import meld_verlopen_termijnen
    from notifications.models import Notificatie

    consulent = gebruiker("consulent")
    inwoner = InwonerFactory(regisseur=consulent)
    with om(VRIJDAG):
        _post(api, _vot(inwoner, aanbieder, dagtekening=VRIJDAG))
    uiterste = Verzoek.objects.get().uiterste_datum
    with om(uiterste):
        assert meld_verlopen_termijnen() == 0  # on the last day itself there is still time
    with om(uiterste + datetime.timedelta(days=1)):
        assert meld_verlopen_termijnen() == 1
        assert meld_verlopen_termijnen() == 0
    assert Notificatie.objects.filter(soort="verzoek_termijn", ontvanger=consulent).count() == 1


def test_een_verzoek_om_wijziging_komt_in_de_werkvoorraad_met_een_318(api, aanbieder, product):
    from tests.factories import maak_indicatie

    from .hulp import verzoek_om_wijziging

    with om(MAANDAG):
        indicatie = maak_indicatie(product=product, aanbieder=aanbieder, ingangsdatum=MAANDAG)
        antwoord = _post(
            api,
            verzoek_om_wijziging(indicatie, te_wijzigen=[(indicatie.toewijzingnummer, datetime.date(2027, 12, 31))]),
        )
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["status"] == "verwerkt"
    verzoek = Verzoek.objects.get()
    assert (verzoek.soort, verzoek.referentie_aanbieder) == ("wijziging", "VOW-1")
    assert verzoek.gegevens["te_wijzigen"][0]["einddatum"] == "2027-12-31"
    geldig("JW318", Bericht.objects.get(soort="JW318").xml)


def test_een_te_wijzigen_product_dat_geen_actuele_toewijzing_is_krijgt_9351(api, aanbieder, product):
    from tests.factories import maak_indicatie

    from .hulp import verzoek_om_wijziging

    with om(MAANDAG):
        indicatie = maak_indicatie(product=product, aanbieder=aanbieder, ingangsdatum=MAANDAG)
        antwoord = _post(api, verzoek_om_wijziging(indicatie, te_wijzigen=[(424242, datetime.date(2027, 12, 31))]))
    assert [r["code"] for r in antwoord.json()["retourcodes"]] == ["9351"]
    assert not Verzoek.objects.exists()
    boom = geldig("JW318", Bericht.objects.get(soort="JW318").xml)
    assert "9351" in waarden(boom, "RetourCode")


def test_een_320_op_de_319_zet_haar_status(api, aanbieder, product):
    from .hulp import toewijzing_retour

    consulent = gebruiker("consulent")
    inwoner = InwonerFactory(regisseur=consulent)
    with om(VRIJDAG):
        _post(api, _vot(inwoner, aanbieder, dagtekening=VRIJDAG))
        api.als(user=consulent).post(
            f"/api/v1/verzoeken/{Verzoek.objects.get().pk}/afwijzen",
            {"reden": "3", "toelichting": "Geen contract."},
            format="json",
        )
        antwoord319 = Bericht.objects.get(soort="JW319")
        antwoord = _post(api, toewijzing_retour(antwoord319))
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["soort"] == "JW320"
    antwoord319.refresh_from_db()
    assert antwoord319.status == "geaccepteerd"
