"""Declarations in (JW323/WMO323) and their answer out (JW325/WMO325): every check of the standard
at its boundary, both laws, the 325 valid against the official XSD, whole or nothing, and a
constant number of queries however many prestaties a declaration holds."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from berichten import declaratie_antwoord, plafond, services
from berichten.models import Bericht, Declaratie, Prestatie
from berichten.signalen import prestaties_beoordeeld
from indicaties import services as indicatie_services
from indicaties.models import Contract, Indicatie
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, maak_indicatie
from tests.indicaties.hulp import INGANG, om

from .hulp import declaratiebericht, geldig, prestatie, waarden

pytestmark = pytest.mark.django_db

FEB = datetime.date(2027, 2, 1)
FEB_EIND = datetime.date(2027, 2, 28)
NA_FEB = datetime.date(2027, 3, 2)
# 6 uur per week over the 28 days of February 2027: 24 uur, € 58,20 an hour.
FEB_UREN = 24


def _dag(d: datetime.date, n: int) -> datetime.date:
    return d + datetime.timedelta(days=n)


@pytest.fixture
def indicatie():
    with om(INGANG):
        return maak_indicatie(product=ProductFactory(wet="jeugdwet", code="45A65"))


@pytest.fixture
def wmo_indicatie():
    with om(INGANG):
        return maak_indicatie(product=ProductFactory(wet="wmo", code="02A01"))


def _post(api, data: bytes, rol="backoffice"):
    return api.als(rol).generic("POST", "/api/v1/berichten", data, content_type="application/xml")


def _stuur(api, indicatie, prestaties, dag=NA_FEB, **kwargs):
    """POST the 323; (body, 325 as a validated tree)."""
    kwargs.setdefault("wet", indicatie.product.wet)
    with om(dag):
        antwoord = _post(api, declaratiebericht(indicatie.aanbieder.agb_code, prestaties, **kwargs))
    assert antwoord.status_code == 201, antwoord.json()
    retour = Bericht.objects.get(pk=antwoord.json()["retour"])
    soort = "JW325" if indicatie.product.wet == "jeugdwet" else "WMO325"
    assert (retour.soort, retour.status, retour.afzender) == (soort, "klaar", "0826")
    return antwoord.json(), geldig(soort, retour.xml)


def _codes(api, indicatie, *prestaties, **kwargs) -> list[str]:
    """The retourcodes of the (single) rejected prestatie, [] when everything was approved."""
    _, boom = _stuur(api, indicatie, list(prestaties), **kwargs)
    prestatie_codes = [waarden(p, "RetourCode") for p in boom.iter() if p.tag.endswith("}Prestatie") and len(p)]
    if not prestatie_codes:
        assert waarden(boom, "RetourCode")[-1] == "8001"
        return []
    return prestatie_codes[0]


def test_alles_toegekend_geeft_8001_en_het_volle_bedrag(api, indicatie):
    body, boom = _stuur(api, indicatie, [prestatie(indicatie, FEB, FEB_EIND, FEB_UREN)])
    assert body["status"] == "verwerkt"
    assert waarden(boom, "RetourCode") == ["0200", "8001"]
    assert waarden(boom, "TotaalBedrag") == ["139680", "139680"]
    assert waarden(boom, "Bsn") == []  # only rejected prestaties are listed
    d = Declaratie.objects.get()
    assert (d.status, d.ingediend, d.toegekend, d.afgewezen) == ("toegekend", Decimal("1396.80"), Decimal("1396.80"), 0)
    assert str(d.antwoord_id) == body["retour"]
    assert Prestatie.objects.get().indicatie_id == indicatie.pk
    # The 325 refers to the 323 it answers (TR337) with its own header.
    assert waarden(boom, "Identificatie") == [Bericht.objects.get(pk=body["retour"]).bericht_identificatie, "DC0001"]


def test_wmo_gaat_net_zo_met_een_wmo325(api, wmo_indicatie):
    goed = prestatie(wmo_indicatie, FEB, _dag(FEB, 6), 6)
    te_veel = prestatie(wmo_indicatie, _dag(FEB, 7), _dag(FEB, 13), 7)
    body, boom = _stuur(api, wmo_indicatie, [goed, te_veel])
    assert waarden(boom, "RetourCode") == ["0200", "9321", "0200", "0200"]
    assert waarden(boom, "TotaalBedrag") == [str(13 * 5820), str(6 * 5820)]
    assert Declaratie.objects.get().status == "gedeeltelijk"
    assert body["retourcodes"][0]["code"] == "9321"


def test_een_onbekende_andermans_of_andere_wet_toewijzing_is_9338(api, indicatie, wmo_indicatie):
    assert _codes(api, indicatie, prestatie(indicatie, FEB, _dag(FEB, 6), 6, nummer=999999)) == ["9338"]
    with om(INGANG):
        ander = maak_indicatie(product=indicatie.product)
    p = prestatie(ander, FEB, _dag(FEB, 6), 6)
    assert _codes(api, indicatie, p, nummer="D2", ident="DC2") == ["9338"]
    p = prestatie(wmo_indicatie, FEB, _dag(FEB, 6), 6)
    wmo_indicatie.aanbieder = indicatie.aanbieder  # the same aanbieder, the toewijzing under the Wmo
    Indicatie.objects.filter(pk=wmo_indicatie.pk).update(aanbieder=indicatie.aanbieder)
    assert _codes(api, indicatie, p | {"categorie": "45"}, nummer="D3", ident="DC3") == ["9338"]


def test_een_ingetrokken_toewijzing_is_9384(api):
    with om(INGANG - datetime.timedelta(days=20)):
        ind = maak_indicatie(product=ProductFactory(wet="jeugdwet", code="45A65"))
        indicatie_services.trek_in(gebruiker=ind.consulent, indicatie=ind, reden="Verhuisd")
    assert _codes(api, ind, prestatie(ind, FEB, _dag(FEB, 6), 6)) == ["9384"]
    assert Prestatie.objects.get().indicatie_id == ind.pk


def test_een_andere_bsn_is_8187(api, indicatie):
    ander = InwonerFactory()
    assert _codes(api, indicatie, prestatie(indicatie, FEB, _dag(FEB, 6), 6, bsn=ander.bsn)) == ["8187"]
    assert Prestatie.objects.get().indicatie_id is None


def test_categorie_en_code_van_het_contract(api, indicatie):
    assert _codes(api, indicatie, prestatie(indicatie, FEB, _dag(FEB, 6), 6, categorie="46")) == ["9339"]
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 6, code="45A66")
    assert _codes(api, indicatie, p, nummer="D2", ident="DC2") == ["9340"]


def test_eenheid_uren_mogen_in_minuten_maar_niet_in_etmalen(api, indicatie):
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 1, eenheid="14")
    assert _codes(api, indicatie, p) == ["9341"]
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 360, eenheid="01", tarief="0.97")
    assert _codes(api, indicatie, p, nummer="D2", ident="DC2") == []


def test_niet_voor_de_ingangsdatum_en_niet_na_de_einddatum(api):
    with om(INGANG):
        ind = maak_indicatie(product=ProductFactory(wet="jeugdwet", code="45A65"), einddatum=datetime.date(2027, 2, 20))
    jan = datetime.date(2027, 1, 31)
    dag_voor = prestatie(ind, _dag(INGANG, -1), _dag(INGANG, 5), 6)
    assert _codes(api, ind, dag_voor, dag=jan) == ["9307"]
    op_de_dag = prestatie(ind, INGANG, _dag(INGANG, 6), 6)
    assert _codes(api, ind, op_de_dag, dag=jan, nummer="D2", ident="DC2") == []
    eind = datetime.date(2027, 2, 20)
    assert _codes(api, ind, prestatie(ind, _dag(eind, -6), eind, 6), nummer="D3", ident="DC3") == []
    dag_na = prestatie(ind, _dag(eind, -6), _dag(eind, 1), 6)
    assert _codes(api, ind, dag_na, nummer="D4", ident="DC4") == ["9308"]


def test_zorg_van_voor_het_besluit_wordt_niet_betaald(api):
    """A spoed indicatie decided on 6 January from 4 January: paid from the 6th, not before."""
    besluit = _dag(INGANG, 2)
    with om(besluit):
        ind = maak_indicatie(
            product=ProductFactory(wet="jeugdwet", code="45A65"),
            ingangsdatum=INGANG,
            spoed=True,
            spoed_reden="Crisis thuis",
        )
    jan = datetime.date(2027, 1, 31)
    dag_voor = prestatie(ind, _dag(besluit, -1), _dag(besluit, 5), 6)
    assert _codes(api, ind, dag_voor, dag=jan) == ["9307"]
    op_de_dag = prestatie(ind, besluit, _dag(besluit, 6), 6)
    assert _codes(api, ind, op_de_dag, dag=jan, nummer="D2", ident="DC2") == []
    # Imported from an earlier system: decided there, paid from its ingangsdatum.
    Indicatie.objects.filter(pk=ind.pk).update(extern_id="OUD-1")
    van_ingang = prestatie(ind, INGANG, _dag(INGANG, 6), 6)
    assert _codes(api, ind, van_ingang, dag=jan, nummer="D3", ident="DC3") == []


def test_de_productperiode_ligt_in_de_declaratieperiode_en_in_één_maand(api, indicatie):
    over_de_maand = prestatie(indicatie, datetime.date(2027, 1, 29), datetime.date(2027, 2, 4), 6)
    assert _codes(api, indicatie, over_de_maand, periode=(FEB, FEB_EIND)) == ["9319"]
    buiten = prestatie(indicatie, datetime.date(2027, 1, 18), datetime.date(2027, 1, 24), 6)
    assert _codes(api, indicatie, buiten, periode=(FEB, FEB_EIND), nummer="D2", ident="DC2") == ["9319"]


def test_zorg_die_nog_moet_komen_wordt_niet_toegekend(api, indicatie):
    vandaag = datetime.date(2027, 2, 14)
    morgen = prestatie(indicatie, _dag(vandaag, 1), _dag(vandaag, 7), 6)
    assert _codes(api, indicatie, morgen, dag=vandaag, periode=(FEB, FEB_EIND), dagtekening=vandaag) == ["9319"]
    vandaag_zelf = prestatie(indicatie, vandaag, _dag(vandaag, 6), 6)
    kw = {"dag": vandaag, "periode": (FEB, FEB_EIND), "dagtekening": vandaag, "nummer": "D2", "ident": "DC2"}
    assert _codes(api, indicatie, vandaag_zelf, **kw) == []


def test_een_declaratieperiode_in_de_toekomst_wordt_geheel_geweigerd(api, indicatie):
    maart = datetime.date(2027, 3, 1)
    p = prestatie(indicatie, maart, _dag(maart, 6), 6)
    body, boom = _stuur(api, indicatie, [p], dag=FEB_EIND, dagtekening=FEB_EIND)
    assert body["status"] == "afgekeurd"
    assert waarden(boom, "TotaalBedrag") == [str(6 * 5820), "0"]
    assert waarden(boom, "RetourCode") == ["0200", "0233", "0200", "9319"]
    # The current month may be declared.
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 6)
    assert _codes(api, indicatie, p, dag=FEB_EIND, dagtekening=FEB_EIND, nummer="D2", ident="DC2") == []


def test_volume_precies_het_toegewezen_en_één_meer(api, indicatie):
    assert _codes(api, indicatie, prestatie(indicatie, FEB, FEB_EIND, FEB_UREN + 1)) == ["9321"]
    minuten = prestatie(indicatie, FEB, FEB_EIND, FEB_UREN * 60 + 1, eenheid="01", tarief="0.97")
    assert _codes(api, indicatie, minuten, nummer="D2", ident="DC2") == ["9321"]
    p = prestatie(indicatie, FEB, FEB_EIND, FEB_UREN * 60, eenheid="01", tarief="0.97")
    assert _codes(api, indicatie, p, nummer="D3", ident="DC3") == []


def test_volume_opgeteld_met_wat_eerder_is_toegekend(api, indicatie):
    # 18 uur for the first three weeks, then the last week's 6: the month's 24 exactly.
    eerste = prestatie(indicatie, FEB, _dag(FEB, 20), 18)
    assert _codes(api, indicatie, eerste) == []
    laatste_week = prestatie(indicatie, _dag(FEB, 21), FEB_EIND, 6)
    assert _codes(api, indicatie, laatste_week, nummer="D2", ident="DC2") == []
    één_meer = prestatie(indicatie, _dag(FEB, 21), FEB_EIND, 1)
    assert _codes(api, indicatie, één_meer, nummer="D3", ident="DC3") == ["9322"]
    # March is a month of its own.
    maart = prestatie(indicatie, datetime.date(2027, 3, 1), datetime.date(2027, 3, 7), 6)
    assert _codes(api, indicatie, maart, dag=datetime.date(2027, 4, 1), nummer="D4", ident="DC4") == []


def test_volume_totaal_over_de_hele_toewijzing(api):
    with om(INGANG):
        ind = maak_indicatie(
            product=ProductFactory(wet="jeugdwet", code="45A65"), volume=Decimal("10"), frequentie="totaal"
        )
    assert _codes(api, ind, prestatie(ind, FEB, FEB_EIND, 11)) == ["9321"]
    assert _codes(api, ind, prestatie(ind, FEB, FEB_EIND, 10), nummer="D2", ident="DC2") == []
    maart = prestatie(ind, datetime.date(2027, 3, 1), datetime.date(2027, 3, 7), 1)
    assert _codes(api, ind, maart, dag=datetime.date(2027, 4, 1), nummer="D3", ident="DC3") == ["9322"]


def test_bedrag_is_volume_maal_tarief(api, indicatie):
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 6, bedrag="349.21")
    assert _codes(api, indicatie, p) == ["9346"]
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 6, bedrag="349.20")
    assert _codes(api, indicatie, p, nummer="D2", ident="DC2") == []


def test_het_tarief_van_het_contract(api, indicatie):
    assert _codes(api, indicatie, prestatie(indicatie, FEB, _dag(FEB, 6), 6, tarief="58.21")) == ["0611"]
    Contract.objects.filter(aanbieder=indicatie.aanbieder, product=indicatie.product).update(tarief=Decimal("61.00"))
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 6, tarief="58.20")
    assert _codes(api, indicatie, p, nummer="D2", ident="DC2") == ["0611"]
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 6, tarief="61.00")
    assert _codes(api, indicatie, p, nummer="D3", ident="DC3") == []


def test_op_een_taakgericht_contract_wordt_niets_gedeclareerd(api, indicatie):
    Contract.objects.filter(aanbieder=indicatie.aanbieder, product=indicatie.product).update(
        uitvoeringsvariant="taakgericht", tarief=None
    )
    assert _codes(api, indicatie, prestatie(indicatie, FEB, _dag(FEB, 6), 6)) == ["0611"]


def test_een_declaratienummer_wordt_één_keer_aangenomen(api, indicatie):
    data = declaratiebericht(indicatie.aanbieder.agb_code, [prestatie(indicatie, FEB, _dag(FEB, 6), 6)])
    with om(NA_FEB):
        assert _post(api, data).status_code == 201
        dubbel = _post(api, data)
    assert dubbel.status_code == 409
    assert dubbel.json()["code"] == "bericht_dubbel"
    body, boom = _stuur(api, indicatie, [prestatie(indicatie, _dag(FEB, 7), _dag(FEB, 13), 6)], ident="DC2")
    assert body["status"] == "afgekeurd"
    assert waarden(boom, "RetourCode")[-1] == "9333"
    assert waarden(boom, "TotaalBedrag") == [str(6 * 5820), "0"]
    assert Declaratie.objects.count() == 1
    assert Prestatie.objects.count() == 1


def test_een_referentienummer_wordt_één_keer_toegekend(api, indicatie):
    assert _codes(api, indicatie, prestatie(indicatie, FEB, _dag(FEB, 6), 6, referentie="REF1")) == []
    p = prestatie(indicatie, _dag(FEB, 7), _dag(FEB, 13), 6, referentie="REF1")
    assert _codes(api, indicatie, p, nummer="D2", ident="DC2") == ["8021"]
    # A rejected one may be sent again.
    p = prestatie(indicatie, _dag(FEB, 7), _dag(FEB, 13), 7, referentie="REF2")
    assert _codes(api, indicatie, p, nummer="D3", ident="DC3") == ["9321"]
    p = prestatie(indicatie, _dag(FEB, 7), _dag(FEB, 13), 6, referentie="REF2")
    assert _codes(api, indicatie, p, nummer="D4", ident="DC4") == []
    # Twice in one declaration: the second is the duplicate.
    een = prestatie(indicatie, _dag(FEB, 14), _dag(FEB, 20), 6, referentie="REF3")
    twee = prestatie(indicatie, _dag(FEB, 21), _dag(FEB, 27), 6, referentie="REF3")
    assert _codes(api, indicatie, een, twee, nummer="D5", ident="DC5") == ["8021"]


def _credit(debet: dict, referentie: str, **anders) -> dict:
    return {**debet, "referentie": referentie, "vorig": debet["referentie"], "dc": "C", **anders}


def test_een_credit_draait_een_toegekende_debet_terug_en_maakt_ruimte(api, indicatie):
    ontvangen = []

    def ontvanger(sender, **kwargs):
        ontvangen.append(kwargs)

    prestaties_beoordeeld.connect(ontvanger)
    try:
        debet = prestatie(indicatie, FEB, FEB_EIND, FEB_UREN, referentie="D1")
        assert _codes(api, indicatie, debet) == []
        correctie = prestatie(indicatie, FEB, FEB_EIND, FEB_UREN - 2, referentie="D1B", vorig="D1")
        assert _codes(api, indicatie, correctie, nummer="N2", ident="DC2") == ["9389"]
        _, boom = _stuur(api, indicatie, [_credit(debet, "C1"), correctie], nummer="N3", ident="DC3")
    finally:
        prestaties_beoordeeld.disconnect(ontvanger)
    assert waarden(boom, "RetourCode")[-1] == "8001"
    # Credit 24 uur, debet 22 uur: € 116,40 credit declared and approved.
    assert waarden(boom, "TotaalBedrag") == ["11640", "11640"]
    assert waarden(boom, "DebetCredit") == ["C", "C"]
    oud = Prestatie.objects.get(referentienummer="D1")
    assert oud.gecrediteerd_door.referentienummer == "C1"
    laatste = ontvangen[-1]
    assert [p.referentienummer for p in laatste["toegekend"]] == ["D1B"]
    assert [p.referentienummer for p in laatste["gecrediteerd"]] == ["D1"]
    d = Declaratie.objects.get(declaratienummer="N3")
    assert d.ingediend == d.toegekend == Decimal("-116.40")
    # Credited once only (TR390), and never what was not approved (TR323).
    assert _codes(api, indicatie, _credit(debet, "C2"), nummer="N4", ident="DC4") == ["9390"]
    nooit = prestatie(indicatie, FEB, _dag(FEB, 6), 6, referentie="X1")
    assert _codes(api, indicatie, _credit(nooit, "C3"), nummer="N5", ident="DC5") == ["8017"]


def test_een_credit_draait_alleen_het_hele_debet_terug(api, indicatie):
    debet = prestatie(indicatie, FEB, FEB_EIND, FEB_UREN, referentie="D1")
    assert _codes(api, indicatie, debet) == []
    half = _credit(debet, "C1", volume=12, bedrag=Decimal("698.40"))
    assert _codes(api, indicatie, half, nummer="N2", ident="DC2") == ["8017"]


def test_een_totaal_dat_niet_klopt_weigert_de_hele_declaratie(api, indicatie):
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 6)
    body, boom = _stuur(api, indicatie, [p], totaal=Decimal("349.21"))
    assert body["status"] == "afgekeurd"
    assert waarden(boom, "RetourCode") == ["0001", "0233", "0200", "0001"]
    assert waarden(boom, "TotaalBedrag") == ["34921", "0"]
    d = Declaratie.objects.get()
    assert (d.status, d.toegekend, d.afgewezen) == ("afgewezen", 0, Decimal("349.21"))
    assert Prestatie.objects.get().status == "afgewezen"


def test_een_dagtekening_in_de_toekomst_weigert_de_hele_declaratie(api, indicatie):
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 6)
    _, boom = _stuur(api, indicatie, [p], dagtekening=_dag(NA_FEB, 1))
    assert waarden(boom, "RetourCode")[-1] == "8848"


@pytest.mark.parametrize(
    ("wijziging", "reden"),
    [({"volume": -1}, "GeleverdVolume"), ({"bedrag": Decimal("1000000.00")}, "Bedrag")],
)
def test_negatief_volume_of_te_veel_cijfers_is_400_en_er_blijft_niets(api, indicatie, wijziging, reden):
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 6) | wijziging
    with om(NA_FEB):
        antwoord = _post(api, declaratiebericht(indicatie.aanbieder.agb_code, [p]))
    assert antwoord.status_code == 400
    assert "bericht_ongeldig" in str(antwoord.json())
    assert reden in str(antwoord.json())
    assert not Declaratie.objects.exists()
    assert not Bericht.objects.filter(soort__endswith="323").exists()


@pytest.fixture
def plafond_aan():
    beheer = gebruiker("beheer")
    with om(INGANG):
        indicatie_services.stel_beleidsregels_vast(gebruiker=beheer, geldig_van=INGANG, budgetplafond_weigeren=True)


def test_budgetplafond_precies_en_één_cent_erover(api, indicatie, plafond_aan):
    indicatie.aanbieder.budgetplafond = Decimal("349.20")
    indicatie.aanbieder.save()
    assert _codes(api, indicatie, prestatie(indicatie, FEB, _dag(FEB, 6), 6)) == []
    p = prestatie(indicatie, _dag(FEB, 7), _dag(FEB, 13), 1, tarief="0.97", eenheid="01")
    assert _codes(api, indicatie, p, nummer="D2", ident="DC2") == ["9369"]


def test_budgetplafond_uit_waarschuwt_alleen(api, indicatie):
    indicatie.aanbieder.budgetplafond = Decimal("100.00")
    indicatie.aanbieder.save()
    assert _codes(api, indicatie, prestatie(indicatie, FEB, _dag(FEB, 6), 6)) == []


def test_de_stand_van_het_plafond_komt_van_de_geregistreerde_functie(api, indicatie, plafond_aan):
    indicatie.aanbieder.budgetplafond = Decimal("1000.00")
    indicatie.aanbieder.save()
    plafond.registreer_plafondstand(lambda ids, jaar: dict.fromkeys(ids, Decimal("700.00")))
    try:
        assert _codes(api, indicatie, prestatie(indicatie, FEB, _dag(FEB, 6), 6)) == ["9369"]
    finally:
        plafond.registreer_plafondstand(None)
    assert _codes(api, indicatie, prestatie(indicatie, FEB, _dag(FEB, 6), 6), nummer="D2", ident="DC2") == []


def _veel(aantal: int, indicaties: list) -> list[dict]:
    return [
        prestatie(ind, _dag(FEB, dag), _dag(FEB, dag), 0)
        for dag in range(aantal // len(indicaties))
        for ind in indicaties
    ]


def test_het_aantal_queries_groeit_niet_met_de_prestaties(api):
    product = ProductFactory(wet="jeugdwet", code="45A65")
    aanbieder = AanbiederFactory()
    with om(INGANG):
        indicaties = [maak_indicatie(product=product, aanbieder=aanbieder) for _ in range(10)]
    # The first 325 starts its number series: a query the others do not make.
    with om(NA_FEB):
        services.ontvang(declaratiebericht(aanbieder.agb_code, _veel(1, indicaties[:1]), nummer="Q", ident="Q"))
    tellingen = []
    for n, (aantal, groep) in enumerate([(5, indicaties[:5]), (50, indicaties)]):
        data = declaratiebericht(aanbieder.agb_code, _veel(aantal, groep), nummer=f"Q{n}", ident=f"Q{n}")
        with om(NA_FEB), CaptureQueriesContext(connection) as queries:
            services.ontvang(data)
        inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "berichten_prestatie"')]
        tellingen.append((len(queries) - len(inserts), len(inserts)))
    assert Prestatie.objects.filter(status="toegekend").count() == 56
    # The same queries for 5 as for 50; the prestaties go in one insert per batch (SQLite holds
    # fewer rows per statement than PostgreSQL, where 2.000 go in one).
    assert tellingen[0][0] == tellingen[1][0]
    assert tellingen[0][1] == 1
    assert tellingen[1][1] == (1 if connection.vendor == "postgresql" else 2)


def test_een_fout_halverwege_laat_niets_achter(indicatie, monkeypatch):
    data = declaratiebericht(indicatie.aanbieder.agb_code, [prestatie(indicatie, FEB, _dag(FEB, 6), 6)])

    def kapot(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(declaratie_antwoord, "bouw_325", kapot)
    with om(NA_FEB), pytest.raises(RuntimeError):
        services.ontvang(data)
    assert not Declaratie.objects.exists()
    assert not Prestatie.objects.exists()
    assert not Bericht.objects.filter(soort__in=("JW323", "JW325")).exists()


def test_een_ontvanger_die_faalt_laat_niets_achter(indicatie):
    def ontvanger(sender, **kwargs):
        raise RuntimeError("stuurinformatie kapot")

    prestaties_beoordeeld.connect(ontvanger)
    data = declaratiebericht(indicatie.aanbieder.agb_code, [prestatie(indicatie, FEB, _dag(FEB, 6), 6)])
    try:
        with om(NA_FEB), pytest.raises(RuntimeError):
            services.ontvang(data)
    finally:
        prestaties_beoordeeld.disconnect(ontvanger)
    assert not Declaratie.objects.exists()
    assert not Prestatie.objects.exists()


def test_de_map_neemt_een_declaratie_aan_en_zet_de_325_in_uit(tmp_path, indicatie):
    (tmp_path / "in").mkdir()
    p = prestatie(indicatie, FEB, _dag(FEB, 6), 6)
    (tmp_path / "in" / "declaratie.xml").write_bytes(declaratiebericht(indicatie.aanbieder.agb_code, [p]))
    with om(NA_FEB):
        call_command("berichten_uitwisselen", "--map", str(tmp_path))
    assert (tmp_path / "verwerkt" / "declaratie.xml").exists()
    uit = [pad for pad in (tmp_path / "uit").iterdir() if pad.name.startswith("JW325")]
    assert len(uit) == 1
    assert waarden(geldig("JW325", uit[0].read_bytes()), "RetourCode")[-1] == "8001"


def test_beheer_leest_declaraties_en_prestaties_in_het_beheerscherm(api, client, indicatie):
    from django.urls import reverse

    _stuur(api, indicatie, [prestatie(indicatie, FEB, _dag(FEB, 6), 7)])
    client.force_login(gebruiker("beheer", is_staff=True))
    for naam in ("berichten_bericht", "berichten_declaratie", "berichten_prestatie"):
        assert client.get(reverse(f"admin:{naam}_changelist")).status_code == 200, naam
    for obj in (Declaratie.objects.get(), Prestatie.objects.get(), Bericht.objects.get(soort="JW323")):
        naam = f"admin:berichten_{type(obj).__name__.lower()}_change"
        assert client.get(reverse(naam, args=[obj.pk])).status_code == 200, naam
