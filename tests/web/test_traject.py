"""The traject in the web UI (issue 13): goals on the registration and verlenging form, the
evaluation per goal, the traject the schakelteam threshold counted, follow-ups, and the young
people who turn 18 within six months."""

import datetime
import html
import re
from decimal import Decimal
from urllib.parse import quote

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicaties import selectors, services
from indicaties.models import (
    Doel,
    DoelResultaat,
    Evaluatie,
    Halfjaarcheck,
    Indicatie,
    Inwoner,
    Opvolging,
)
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, maak_indicatie

from .conftest import MODEL_BACKEND, bulk_evaluaties, bulk_indicaties, bulk_inwoners

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2027, 1, 4)


def _tekst(antwoord) -> str:
    return html.unescape(antwoord.content.decode())


def _zichtbaar(antwoord) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", _tekst(antwoord)))


def _om(dag: datetime.date):
    return time_machine.travel(datetime.datetime.combine(dag, datetime.time(9, 0), tzinfo=datetime.UTC), tick=False)


@pytest.fixture(autouse=True)
def _evaluatie_vanaf_registratie(evaluatie_vanaf_registratie):
    """These tests complete evaluations on the day of registration (see the fixture)."""


@pytest.fixture
def op_vandaag():
    with _om(VANDAAG):
        yield


@pytest.fixture
def consulent(op_vandaag, als):
    return als(user=gebruiker("consulent", first_name="Carla", last_name="Consulent"))


def _doelen(*rijen: tuple[str, str], totaal: int | None = None, initieel: int = 0) -> dict:
    data = {"doelen-TOTAL_FORMS": str(totaal or len(rijen)), "doelen-INITIAL_FORMS": str(initieel)}
    for i, (omschrijving, leefgebied) in enumerate(rijen):
        data[f"doelen-{i}-omschrijving"] = omschrijving
        data[f"doelen-{i}-leefgebied"] = leefgebied
    return data


def _indicatie_data(product, aanbieder, *doelrijen, **velden) -> dict:
    data = {
        "product": product.code,
        "aanbieder": str(aanbieder.pk),
        "volume": "6",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": "2027-01-04",
        "einddatum": "2027-08-31",
        "motivatie": "",
        "spoed_reden": "",
        **_doelen(*doelrijen, totaal=max(3, len(doelrijen))),
    }
    data.update(velden)
    return data


def _doel(omschrijving: str, leefgebied: str = "") -> services.DoelGegevens:
    return services.DoelGegevens(omschrijving, leefgebied)


# --- Registreren met doelen ------------------------------------------------------------------------


@pytest.fixture
def registratie(consulent):
    return {
        "client": consulent,
        "inwoner": InwonerFactory(regisseur=consulent.user),
        "product": ProductFactory(tarief="58.20"),
        "aanbieder": AanbiederFactory(),
    }


def _nieuw(r):
    return reverse("web:indicatie_nieuw", args=[r["inwoner"].pk])


def test_het_formulier_biedt_lege_doelrijen_met_leefgebieden_als_keuze(registratie):
    tekst = _tekst(registratie["client"].get(_nieuw(registratie)))
    assert 'name="doelen-TOTAL_FORMS" value="3"' in tekst
    for nummer in (1, 2, 3):
        assert f'<label for="id_doelen-{nummer - 1}-omschrijving">Doel {nummer}</label>' in tekst
    assert ">Maatschappelijke participatie</option>" in tekst
    assert "maatschappelijke_participatie</option>" not in tekst
    assert "Nog een doel toevoegen" in tekst


def test_registreren_met_twee_doelen_slaat_ze_op_in_volgorde_en_slaat_lege_rijen_over(registratie):
    r = registratie
    data = _indicatie_data(
        r["product"],
        r["aanbieder"],
        ("Zelf boodschappen doen", "instrumentele_adl"),
        ("", ""),
        ("Twee keer per week naar de dagbesteding", ""),
    )
    antwoord = r["client"].post(_nieuw(r), data)
    assert antwoord.status_code == 302
    indicatie = Indicatie.objects.get(inwoner=r["inwoner"])
    doelen = list(indicatie.doelen.order_by("volgorde").values_list("omschrijving", "leefgebied"))
    assert doelen == [("Zelf boodschappen doen", "instrumentele_adl"), ("Twee keer per week naar de dagbesteding", "")]
    pagina = _zichtbaar(r["client"].get(antwoord["Location"]))
    assert "Zelf boodschappen doen Instrumentele ADL" in pagina
    assert "Twee keer per week naar de dagbesteding" in pagina


def test_registreren_zonder_doelen_toont_de_melding_bij_de_doelen_en_slaat_niets_op(registratie):
    r = registratie
    antwoord = r["client"].post(_nieuw(r), _indicatie_data(r["product"], r["aanbieder"]))
    assert antwoord.status_code == 200
    tekst = _tekst(antwoord)
    melding = "Leg ten minste één doel vast: het resultaat dat u met de inwoner heeft afgesproken."
    assert re.search(r'<p class="foutmelding" id="doelen_fout"><span data-code="doelen_ontbreken">' + melding, tekst)
    assert 'aria-describedby="doelen_hulp doelen_fout"' in tekst
    assert not Indicatie.objects.exists()


def test_alleen_spaties_als_doel_telt_niet_als_doel(registratie):
    r = registratie
    antwoord = r["client"].post(_nieuw(r), _indicatie_data(r["product"], r["aanbieder"], ("   ", "")))
    assert "Leg ten minste één doel vast" in _tekst(antwoord)
    assert not Indicatie.objects.exists()


def test_leefgebied_zonder_omschrijving_geeft_een_fout_bij_die_rij(registratie):
    r = registratie
    data = _indicatie_data(r["product"], r["aanbieder"], ("Zelf koken", ""), ("", "financien"))
    tekst = _tekst(r["client"].post(_nieuw(r), data))
    assert re.search(r'id="id_doelen-1-omschrijving_fout">Beschrijf het doel, of kies geen leefgebied\.<', tekst)
    assert not Indicatie.objects.exists()


def test_nog_een_doel_toevoegen_geeft_een_rij_erbij_zonder_fouten_en_zonder_op_te_slaan(registratie):
    r = registratie
    data = _indicatie_data(r["product"], r["aanbieder"], ("Zelf koken", "basale_adl"), volume="", meer_doelen="1")
    antwoord = r["client"].post(_nieuw(r), data)
    tekst = _tekst(antwoord)
    assert antwoord.status_code == 200
    assert 'name="doelen-TOTAL_FORMS" value="4"' in tekst
    assert 'id="id_doelen-3-omschrijving"' in tekst
    assert "Zelf koken</textarea>" in tekst
    assert "Dit veld is vereist." not in tekst
    assert 'value="2027-08-31"' in tekst, "wat al was ingevuld, blijft staan"
    assert not Indicatie.objects.exists()


def test_voorbeeld_zonder_doelen_meldt_dat_er_een_doel_moet_zijn(registratie):
    r = registratie
    url = reverse("web:indicatie_voorbeeld", args=[r["inwoner"].pk])
    tekst = _tekst(r["client"].post(url, _indicatie_data(r["product"], r["aanbieder"])))
    assert 'data-code="doelen_ontbreken"' in tekst
    tekst = _tekst(r["client"].post(url, _indicatie_data(r["product"], r["aanbieder"], ("Zelf koken", ""))))
    assert 'data-code="doelen_ontbreken"' not in tekst
    assert "Deze indicatie voldoet aan de regels." in tekst
    assert not Indicatie.objects.exists()


def test_wijzigen_toont_de_doelen_zonder_ze_te_laten_wijzigen(registratie):
    r = registratie
    indicatie = maak_indicatie(r["client"].user, inwoner=r["inwoner"], doelen=(_doel("Weer naar school"),))
    tekst = _tekst(r["client"].get(reverse("web:indicatie_wijzigen", args=[indicatie.pk])))
    assert "Weer naar school" in tekst
    assert "doelen-TOTAL_FORMS" not in tekst


# --- Verlengen: de evaluatie van de vorige indicatie ---------------------------------------------------


@pytest.fixture
def voorganger(registratie):
    """A granted indicatie with two goals, evaluated: one reached, one not (continued with a reason)."""
    r = registratie
    indicatie = maak_indicatie(
        r["client"].user,
        inwoner=r["inwoner"],
        product=r["product"],
        aanbieder=r["aanbieder"],
        doelen=(_doel("Zelf de post openen", "financien"), _doel("Een dagritme hebben", "tijdsbesteding")),
    )
    evaluatie = Evaluatie.objects.get(indicatie=indicatie)
    eerste, tweede = indicatie.doelen.order_by("volgorde")
    services.rond_evaluatie_af(
        gebruiker=r["client"].user,
        evaluatie=evaluatie,
        uitkomst="voortzetten",
        doelen=[{"doel": eerste.pk, "behaald": "ja"}, {"doel": tweede.pk, "behaald": "nee"}],
        toelichting="Het dagritme komt langzaam op gang.",
    )
    return indicatie


def _verlengen(r, voorganger) -> str:
    return _nieuw(r) + f"?voorganger={voorganger.pk}"


def test_verlengen_toont_het_resultaat_per_doel_van_de_vorige_evaluatie(registratie, voorganger):
    antwoord = registratie["client"].get(_verlengen(registratie, voorganger))
    tekst = _zichtbaar(antwoord)
    assert "Evaluatie van de vorige indicatie" in tekst
    assert "Zelf de post openen Financiën ja" in tekst
    assert "Een dagritme hebben Tijdsbesteding nee" in tekst
    assert "Een doel is niet behaald. U kunt alleen verlengen met een motivatie" in tekst
    assert "Verplicht: bij de evaluatie van de vorige indicatie is een doel niet behaald." in tekst


def test_verlengen_neemt_de_doelen_van_de_vorige_indicatie_over_als_begin(registratie, voorganger):
    tekst = _tekst(registratie["client"].get(_verlengen(registratie, voorganger)))
    assert 'name="doelen-TOTAL_FORMS" value="5"' in tekst
    assert "Zelf de post openen</textarea>" in tekst
    assert "Een dagritme hebben</textarea>" in tekst


def test_verlengen_zonder_motivatie_na_een_doel_nee_wordt_geweigerd_met_de_melding(registratie, voorganger):
    r = registratie
    data = _indicatie_data(
        r["product"],
        r["aanbieder"],
        ("Een dagritme hebben", "tijdsbesteding"),
        voorganger=str(voorganger.pk),
        ingangsdatum="2027-09-01",
        einddatum="2028-04-30",
    )
    antwoord = r["client"].post(_verlengen(r, voorganger), data)
    assert re.search(
        r'id="id_motivatie_fout">Bij de evaluatie van de vorige indicatie is een doel niet behaald\. '
        r"Motiveer waarom u de zorg verlengt\.<",
        _tekst(antwoord),
    )
    assert Indicatie.objects.count() == 1

    data["motivatie"] = "Met een vaste dagbesteding lukt het dagritme naar verwachting wel."
    antwoord = r["client"].post(_verlengen(r, voorganger), data)
    assert antwoord.status_code == 302
    verlenging = Indicatie.objects.get(voorganger=voorganger)
    assert list(verlenging.doelen.values_list("omschrijving", flat=True)) == ["Een dagritme hebben"]


def test_verlengen_telt_de_voorganger_niet_als_lopende_indicatie_maar_wel_voor_de_drempel(registratie, voorganger):
    """The voorganger ends the day before the verlenging starts: it is no running indicatie in
    that period, though the threshold counts it (it ended less than 12 months before the start)."""
    r = registratie
    # Running in the verlenging's period; of the other law, so its hours do not count with these.
    anders = ProductFactory(tarief="10.00", wet="jeugdwet")
    lopend = maak_indicatie(
        r["client"].user,
        inwoner=r["inwoner"],
        product=anders,
        volume=Decimal("1"),
        einddatum=datetime.date(2027, 12, 31),
    )
    data = _indicatie_data(
        r["product"],
        r["aanbieder"],
        ("Een dagritme hebben", "tijdsbesteding"),
        voorganger=str(voorganger.pk),
        ingangsdatum="2027-09-01",
        einddatum="2028-04-30",
    )
    tekst = _tekst(r["client"].post(reverse("web:indicatie_voorbeeld", args=[r["inwoner"].pk]), data))

    def bedrag(testid: str) -> Decimal:
        gevonden = re.search(rf'data-testid="{testid}">(?:<span[^>]*>)?€ ([\d.]+,\d\d)', tekst)
        return Decimal(gevonden.group(1).replace(".", "").replace(",", "."))

    eigen = bedrag("kosten")
    assert bedrag("kosten-lopend") == eigen + lopend.geschatte_kosten
    assert bedrag("kosten-keten") == eigen + lopend.geschatte_kosten + voorganger.geschatte_kosten
    assert "Met de voorganger die deze indicatie verlengt" in tekst


def test_verlengen_van_een_voorganger_die_langer_dan_12_maanden_geleden_eindigde_telt_hem_nergens(registratie):
    r = registratie
    with _om(datetime.date(2025, 1, 6)):
        oud = maak_indicatie(
            r["client"].user,
            inwoner=r["inwoner"],
            product=r["product"],
            ingangsdatum=datetime.date(2025, 1, 6),
            einddatum=datetime.date(2025, 3, 31),
        )
    data = _indicatie_data(r["product"], r["aanbieder"], ("Een dagritme hebben", ""), voorganger=str(oud.pk))
    tekst = _tekst(r["client"].post(reverse("web:indicatie_voorbeeld", args=[r["inwoner"].pk]), data))
    assert 'data-testid="kosten-keten"' not in tekst
    kosten = re.search(r'data-testid="kosten">((?:<span[^>]*>)?€ [\d.]+,\d\d)<', tekst).group(1)
    assert f'data-testid="kosten-lopend">{kosten}<' in tekst


def test_verlengen_met_een_open_evaluatie_wijst_naar_die_evaluatie(registratie):
    r = registratie
    indicatie = maak_indicatie(r["client"].user, inwoner=r["inwoner"])
    evaluatie = Evaluatie.objects.get(indicatie=indicatie)
    tekst = _tekst(r["client"].get(_verlengen(r, indicatie)))
    assert "De evaluatie van de vorige indicatie is nog niet afgerond" in tekst
    assert reverse("web:evaluatie_afronden", args=[evaluatie.pk]) in tekst


# --- Evaluatie per doel ----------------------------------------------------------------------------


@pytest.fixture
def te_evalueren(registratie):
    r = registratie
    indicatie = maak_indicatie(
        r["client"].user,
        inwoner=r["inwoner"],
        doelen=(_doel("Zelf de post openen", "financien"), _doel("Een dagritme hebben")),
    )
    evaluatie = Evaluatie.objects.get(indicatie=indicatie)
    return {**r, "indicatie": indicatie, "evaluatie": evaluatie, "doelen": list(indicatie.doelen.order_by("volgorde"))}


def _evalueren(e, **data):
    return e["client"].post(reverse("web:evaluatie_afronden", args=[e["evaluatie"].pk]), data)


def test_de_evaluatiepagina_vraagt_per_doel_ja_deels_of_nee(te_evalueren):
    e = te_evalueren
    tekst = _tekst(e["client"].get(reverse("web:evaluatie_afronden", args=[e["evaluatie"].pk])))
    assert "<legend>Doel 1: Zelf de post openen (Financiën)</legend>" in tekst
    assert "<legend>Doel 2: Een dagritme hebben</legend>" in tekst
    for doel in e["doelen"]:
        for keuze in ("ja", "deels", "nee"):
            assert f'name="doel_{doel.pk}" value="{keuze}"' in tekst
    assert "resultaat_behaald" not in tekst


def test_evaluatie_met_elk_doel_beoordeeld_legt_het_resultaat_per_doel_vast(te_evalueren):
    e = te_evalueren
    eerste, tweede = e["doelen"]
    antwoord = _evalueren(e, uitkomst="voortzetten", **{f"doel_{eerste.pk}": "ja", f"doel_{tweede.pk}": "deels"})
    assert antwoord.status_code == 302
    e["evaluatie"].refresh_from_db()
    assert e["evaluatie"].status == "afgerond"
    assert e["evaluatie"].resultaat_behaald == "deels"
    resultaten = dict(DoelResultaat.objects.filter(evaluatie=e["evaluatie"]).values_list("doel_id", "behaald"))
    assert resultaten == {eerste.pk: "ja", tweede.pk: "deels"}
    pagina = _zichtbaar(e["client"].get(antwoord["Location"]))
    assert "Evaluatie: resultaat per doel" in pagina
    assert "Zelf de post openen Financiën ja" in pagina
    assert "Een dagritme hebben – deels" in pagina


def test_evaluatie_met_een_doel_niet_beoordeeld_toont_de_melding_bij_dat_doel(te_evalueren):
    e = te_evalueren
    eerste, tweede = e["doelen"]
    antwoord = _evalueren(e, uitkomst="voortzetten", **{f"doel_{eerste.pk}": "ja"})
    tekst = _tekst(antwoord)
    assert antwoord.status_code == 200
    assert 'id="doelen_fout">Beoordeel elk doel: bij 1 van de 2 doelen ontbreekt ja, deels of nee.' in tekst
    assert f'<p class="foutmelding" id="id_doel_{tweede.pk}_fout">Kies ja, deels of nee.</p>' in tekst
    assert f'id="id_doel_{eerste.pk}_fout"' not in tekst
    e["evaluatie"].refresh_from_db()
    assert e["evaluatie"].status == "gepland"
    assert not DoelResultaat.objects.exists()


def test_voortzetten_met_een_doel_nee_zonder_toelichting_vraagt_om_een_motivatie(te_evalueren):
    e = te_evalueren
    eerste, tweede = e["doelen"]
    antwoord = _evalueren(e, uitkomst="voortzetten", **{f"doel_{eerste.pk}": "ja", f"doel_{tweede.pk}": "nee"})
    assert re.search(
        r'id="id_toelichting_fout">Een doel is niet behaald\. Motiveer waarom de zorg toch wordt voortgezet\.<',
        _tekst(antwoord),
    )
    e["evaluatie"].refresh_from_db()
    assert e["evaluatie"].status == "gepland"
    assert not Opvolging.objects.exists()


def test_voortzetten_met_een_doel_nee_en_motivatie_geeft_de_regisseur_een_opvolging(te_evalueren):
    e = te_evalueren
    eerste, tweede = e["doelen"]
    antwoord = _evalueren(
        e,
        uitkomst="voortzetten",
        toelichting="Nog twee maanden proberen met een vaste dagbesteding.",
        **{f"doel_{eerste.pk}": "ja", f"doel_{tweede.pk}": "nee"},
    )
    assert antwoord.status_code == 302
    opvolging = Opvolging.objects.get()
    assert opvolging.inwoner == e["inwoner"]
    werkvoorraad = _zichtbaar(e["client"].get(reverse("start") + "?volledig=1"))
    assert "Opvolging nodig (1)" in werkvoorraad
    assert f"Bij de evaluatie van {e['indicatie'].product.code} is een doel niet behaald." in werkvoorraad


# --- Het traject voor het schakelteam ---------------------------------------------------------------


@pytest.fixture
def traject(registratie):
    """B (8 hours a week, € 116,40) extends A, which ended the day before, and C runs alongside
    B: together above € 50.000, so B waits for the schakelteam."""
    r = registratie
    c = r["client"].user
    duur = ProductFactory(code="45A65", tarief="116.40")
    licht = ProductFactory(code="43A10", tarief="58.20")
    a = maak_indicatie(c, inwoner=r["inwoner"], product=duur, doelen=(_doel("Zelf de post openen", "financien"),))
    services.rond_evaluatie_af(
        gebruiker=c,
        evaluatie=Evaluatie.objects.get(indicatie=a),
        uitkomst="voortzetten",
        doelen=[{"doel": a.doelen.get().pk, "behaald": "deels"}],
    )
    periode = {"ingangsdatum": datetime.date(2027, 9, 1), "einddatum": datetime.date(2028, 4, 30)}
    c_ = maak_indicatie(c, inwoner=r["inwoner"], product=licht, volume=Decimal("2"), **periode)
    b = maak_indicatie(
        c, inwoner=r["inwoner"], product=duur, volume=Decimal("8"), voorganger=a, motivatie="Nodig.", **periode
    )
    assert b.status == "wacht_op_schakelteam"
    return {"a": a, "b": b, "c": c_}


def test_een_wachtende_indicatie_toont_elke_meegetelde_indicatie_en_het_totaal(traject, als):
    a, b, c = traject["a"], traject["b"], traject["c"]
    antwoord = als("schakelteam").get(reverse("web:indicatie", args=[b.pk]))
    tekst = _zichtbaar(antwoord)
    assert "Traject: wat telt mee voor de drempel" in tekst
    assert "45A65 verlengd door deze 4-1-2027 t/m 31-8-2027 toegewezen" in tekst
    assert "43A10 loopt tegelijk 1-9-2027 t/m 30-4-2028" in tekst
    assert "45A65 deze indicatie 1-9-2027 t/m 30-4-2028 wacht op schakelteam" in tekst
    assert "afgerond: voortzetten Zelf de post openen: deels" in tekst
    totaal = a.geschatte_kosten + b.geschatte_kosten + c.geschatte_kosten
    euro = f"€ {totaal:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert re.search(
        r'data-testid="traject-totaal"><strong><span class="nb">' + re.escape(euro) + "</span><", _tekst(antwoord)
    )
    assert "Drempel schakelteam € 50.000,00 boven de drempel" in tekst


def test_een_toegewezen_indicatie_toont_geen_traject(traject, als):
    tekst = _tekst(als("schakelteam").get(reverse("web:indicatie", args=[traject["a"].pk])))
    assert "Traject: wat telt mee voor de drempel" not in tekst


# --- Opvolging ----------------------------------------------------------------------------------------


@pytest.fixture
def opvolging(registratie):
    """A half-year check that found the care not fitting, for an inwoner of the consulent."""
    r = registratie
    check = Halfjaarcheck.objects.create(inwoner=r["inwoner"], vervaldatum=VANDAAG, status="open")
    services.rond_halfjaarcheck_af(
        gebruiker=r["client"].user,
        check=check,
        zorg_passend=False,
        contact_aanbieder=VANDAAG,
        contact_inwoner=VANDAAG,
        toelichting="De begeleiding sluit niet meer aan.",
    )
    return Opvolging.objects.get(inwoner=r["inwoner"])


def test_de_werkvoorraad_toont_de_open_opvolging_met_links_en_telt_haar_mee(registratie, opvolging):
    antwoord = registratie["client"].get(reverse("start") + "?volledig=1")
    tekst = _tekst(antwoord)
    assert "Opvolging nodig (1)" in tekst
    assert "De zorg is bij de halfjaarcheck niet meer passend bevonden: De begeleiding sluit niet meer aan." in tekst
    assert reverse("web:opvolging_afhandelen", args=[opvolging.pk]) in tekst
    assert reverse("web:inwoner", args=[registratie["inwoner"].pk]) in tekst
    assert re.search(r"Werkvoorraad <span class=\"teller\">1<", tekst)


def test_de_inwonerpagina_toont_de_open_opvolging_met_de_link_om_haar_af_te_handelen(registratie, opvolging):
    tekst = _tekst(registratie["client"].get(reverse("web:inwoner", args=[registratie["inwoner"].pk])))
    assert "Opvolging nodig" in tekst
    assert "De zorg is bij de halfjaarcheck niet meer passend bevonden" in tekst
    assert reverse("web:opvolging_afhandelen", args=[opvolging.pk]) in tekst


def test_een_opvolging_van_een_andere_regisseur_staat_niet_in_mijn_werkvoorraad(registratie, opvolging, als):
    tekst = _tekst(als("consulent").get(reverse("start") + "?volledig=1"))
    assert "Opvolging nodig (0)" in tekst
    assert "Geen opvolgingen die op u wachten." in tekst


def test_opvolging_afhandelen_zonder_toelichting_toont_de_melding(registratie, opvolging):
    url = reverse("web:opvolging_afhandelen", args=[opvolging.pk])
    antwoord = registratie["client"].post(url, {"afhandeling": "gemotiveerd", "toelichting": ""})
    assert antwoord.status_code == 200
    assert re.search(r'id="id_toelichting_fout">Dit veld is vereist\.<', _tekst(antwoord))
    opvolging.refresh_from_db()
    assert opvolging.afgehandeld_op is None


def test_opvolging_afhandelen_sluit_haar_en_haalt_haar_uit_de_werkvoorraad(registratie, opvolging):
    client = registratie["client"]
    url = reverse("web:opvolging_afhandelen", args=[opvolging.pk])
    pagina = _zichtbaar(client.get(url))
    assert "Aanleiding De zorg is bij de halfjaarcheck niet meer passend bevonden" in pagina
    antwoord = client.post(url, {"afhandeling": "gemotiveerd", "toelichting": "Besproken; nieuwe aanbieder gezocht."})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("start")
    opvolging.refresh_from_db()
    assert (opvolging.afhandeling, opvolging.afgehandeld_op) == ("gemotiveerd", VANDAAG)
    werkvoorraad = _tekst(client.get(reverse("start") + "?volledig=1"))
    assert f"De opvolging voor {registratie['inwoner']} is afgehandeld." in werkvoorraad
    assert "Opvolging nodig (0)" in werkvoorraad
    afgehandeld = _zichtbaar(client.get(url))
    assert "Afgehandeld Op 4-1-2027 door Carla Consulent: voortzetting gemotiveerd" in afgehandeld
    assert "Opvolging afhandelen</button>" not in _tekst(client.get(url))


def test_een_afgehandelde_opvolging_nog_eens_afhandelen_geeft_een_melding(registratie, opvolging):
    client = registratie["client"]
    url = reverse("web:opvolging_afhandelen", args=[opvolging.pk])
    client.post(url, {"afhandeling": "beeindigd", "toelichting": "Zorg gestopt."})
    antwoord = client.post(url, {"afhandeling": "gemotiveerd", "toelichting": "Nog eens."}, follow=True)
    assert "Deze opvolging is al afgehandeld." in _tekst(antwoord)
    opvolging.refresh_from_db()
    assert opvolging.afhandeling == "beeindigd"


def test_de_opvolging_na_een_evaluatie_toont_het_resultaat_per_doel(te_evalueren):
    e = te_evalueren
    eerste, tweede = e["doelen"]
    _evalueren(
        e, uitkomst="voortzetten", toelichting="Nog even.", **{f"doel_{eerste.pk}": "ja", f"doel_{tweede.pk}": "nee"}
    )
    opvolging = Opvolging.objects.get()
    tekst = _zichtbaar(e["client"].get(reverse("web:opvolging_afhandelen", args=[opvolging.pk])))
    assert "Een dagritme hebben – nee" in tekst
    assert "Uitkomst evaluatie voortzetten: Nog even." in tekst


# --- 18 jaar binnen 6 maanden ------------------------------------------------------------------------


def _jongere(regisseur, geboortedatum, *, wet="jeugdwet", einddatum=None, status="toegewezen") -> Inwoner:
    inwoner = InwonerFactory(regisseur=regisseur, geboortedatum=geboortedatum)
    bulk_indicaties(
        1,
        consulent=regisseur,
        inwoners=[inwoner],
        product=ProductFactory(wet=wet),
        ingangsdatum=VANDAAG - datetime.timedelta(days=30),
        einddatum=einddatum or VANDAAG + datetime.timedelta(days=400),
        status=status,
    )
    return inwoner


def _achttien(consulent, vandaag=VANDAAG) -> list[Inwoner]:
    return list(selectors.wordt_achttien_van(consulent, vandaag))


@pytest.mark.parametrize(
    ("geboortedatum", "getoond"),
    [
        (datetime.date(2009, 1, 3), False),  # 18 yesterday
        (datetime.date(2009, 1, 4), True),  # 18 today
        (datetime.date(2009, 7, 4), True),  # 18 on the last day of the six months
        (datetime.date(2009, 7, 5), False),  # one day later
    ],
)
def test_achttien_binnen_zes_maanden_op_de_grenzen(db, geboortedatum, getoond):
    c = gebruiker("consulent")
    inwoner = _jongere(c, geboortedatum)
    assert (_achttien(c) == [inwoner]) is getoond


def test_wie_op_29_februari_is_geboren_wordt_18_op_28_februari(db):
    c = gebruiker("consulent")
    inwoner = _jongere(c, datetime.date(2008, 2, 29))
    assert _achttien(c, datetime.date(2026, 2, 28)) == [inwoner]
    assert _achttien(c, datetime.date(2026, 3, 1)) == []
    assert _achttien(c, datetime.date(2025, 8, 28)) == [inwoner]  # six months later is 28-2-2026
    assert _achttien(c, datetime.date(2025, 8, 27)) == []


def test_alleen_lopende_jeugdhulp_van_mijn_inwoners_telt(db):
    c, ander = gebruiker("consulent"), gebruiker("consulent")
    geboren = datetime.date(2009, 3, 1)
    wel = _jongere(c, geboren)
    _jongere(c, geboren, wet="wmo")
    _jongere(c, geboren, einddatum=VANDAAG - datetime.timedelta(days=1))
    _jongere(c, geboren, status="beeindigd")
    _jongere(ander, geboren)
    with _om(VANDAAG):
        assert _achttien(c) == [wel]


def test_de_werkvoorraad_toont_de_verjaardag_en_de_overgang_en_telt_ze_mee(consulent):
    inwoner = _jongere(consulent.user, datetime.date(2009, 3, 1))
    antwoord = consulent.get(reverse("start") + "?volledig=1")
    tekst = _zichtbaar(antwoord)
    assert "18 jaar binnen 6 maanden (1)" in tekst
    assert f"1-3-2027 {inwoner}" in tekst
    assert "loopt door na de 18e verjaardag" in tekst
    assert "Overgang naar verlengde jeugdhulp, Wmo of Zvw" in tekst
    assert re.search(r"Werkvoorraad <span class=\"teller\">1<", _tekst(antwoord))


# --- Toegang per rol ---------------------------------------------------------------------------------

KOLOMMEN = ("consulent", "schakelteam", "backoffice", "beleid", "beheer", "geen")


@pytest.mark.parametrize(
    ("rol", "verwacht"), list(zip(KOLOMMEN, (200, 403, 403, 403, 403, 403), strict=True)), ids=KOLOMMEN
)
def test_opvolging_afhandelen_alleen_voor_de_consulent(client, registratie, opvolging, rol, verwacht):
    user = registratie["client"].user if rol == "consulent" else gebruiker(*([rol] if rol != "geen" else []))
    client.force_login(user, backend=MODEL_BACKEND)
    url = reverse("web:opvolging_afhandelen", args=[opvolging.pk])
    assert client.get(url).status_code == verwacht
    assert client.post(url, {"afhandeling": "gemotiveerd", "toelichting": "x"}).status_code in (verwacht, 302)
    opvolging.refresh_from_db()
    assert (opvolging.afgehandeld_op is not None) is (rol == "consulent")


def test_opvolging_anoniem_gaat_naar_inloggen(client, opvolging):
    client.logout()
    url = reverse("web:opvolging_afhandelen", args=[opvolging.pk])
    antwoord = client.get(url)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"/inloggen/?next={quote(url, safe='/')}"


@pytest.mark.parametrize("rol", ["schakelteam", "backoffice"])
def test_het_traject_is_te_zien_voor_wie_de_indicatie_mag_zien(traject, als, rol):
    assert "Traject: wat telt mee" in _tekst(als(rol).get(reverse("web:indicatie", args=[traject["b"].pk])))


# --- Queries: vast aantal, hoeveel rijen er ook zijn ----------------------------------------------------


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(ctx.captured_queries)


def _afgeronde_evaluaties(indicaties) -> list[Evaluatie]:
    return Evaluatie.objects.bulk_create(
        [
            Evaluatie(indicatie=i, vervaldatum=VANDAAG, status="afgerond", afgerond_op=VANDAAG, uitkomst="voortzetten")
            for i in indicaties
        ]
    )


def _meet(client, url, voeg_toe) -> tuple[int, int]:
    voeg_toe(2)
    bij_2 = _queries(client, url)
    voeg_toe(18)
    return bij_2, _queries(client, url)


def _opvolgingen(inwoners) -> None:
    afgerond = {"status": "afgerond", "afgerond_op": VANDAAG, "zorg_passend": False}
    contact = {"contact_aanbieder": VANDAAG, "contact_inwoner": VANDAAG}
    checks = Halfjaarcheck.objects.bulk_create(
        [Halfjaarcheck(inwoner=i, vervaldatum=VANDAAG, **afgerond, **contact) for i in inwoners]
    )
    Opvolging.objects.bulk_create(
        [
            Opvolging(
                inwoner=c.inwoner,
                bron="halfjaarcheck",
                halfjaarcheck=c,
                aanleiding="Niet passend.",
                aangemaakt_op=VANDAAG,
            )
            for c in checks
        ]
    )


def test_werkvoorraad_met_opvolgingen_en_jongeren_doet_evenveel_queries_bij_2_en_20(consulent):
    c = consulent.user
    jeugd = ProductFactory(wet="jeugdwet")

    def voeg_toe(n):
        _opvolgingen(bulk_inwoners(n, regisseur=c))
        jongeren = Inwoner.objects.bulk_create(
            [
                Inwoner(
                    bsn=i.bsn,
                    voornaam="Jong",
                    achternaam=i.achternaam,
                    geboortedatum=datetime.date(2009, 3, 1),
                    regisseur=c,
                )
                for i in [InwonerFactory.build() for _ in range(n)]
            ]
        )
        bulk_indicaties(n, consulent=c, inwoners=jongeren, product=jeugd)

    bij_2, bij_20 = _meet(consulent, reverse("start") + "?volledig=1", voeg_toe)
    assert bij_2 == bij_20
    tekst = _tekst(consulent.get(reverse("start") + "?volledig=1"))
    assert "Opvolging nodig (20)" in tekst
    assert "18 jaar binnen 6 maanden (20)" in tekst


def test_indicatie_met_traject_doet_evenveel_queries_bij_2_en_20_meegetelde(consulent):
    c = consulent.user
    inwoner = InwonerFactory(regisseur=c)
    product = ProductFactory()
    wachtend = bulk_indicaties(1, consulent=c, inwoners=[inwoner], product=product, status="wacht_op_schakelteam")[0]

    def voeg_toe(n):
        lopend = bulk_indicaties(n, consulent=c, inwoners=[inwoner], product=product)
        evaluaties = _afgeronde_evaluaties(lopend)
        doelen = Doel.objects.bulk_create([Doel(indicatie=i, omschrijving="Doel") for i in lopend])
        DoelResultaat.objects.bulk_create(
            [DoelResultaat(evaluatie=e, doel=d, behaald="ja") for e, d in zip(evaluaties, doelen, strict=True)]
        )

    url = reverse("web:indicatie", args=[wachtend.pk])
    bij_2, bij_20 = _meet(consulent, url, voeg_toe)
    assert bij_2 == bij_20
    assert _tekst(consulent.get(url)).count("loopt tegelijk") == 20


def test_evaluatie_en_verlenging_doen_evenveel_queries_bij_2_en_20_doelen(consulent):
    c = consulent.user
    indicatie = bulk_indicaties(1, consulent=c)[0]
    evaluatie = _afgeronde_evaluaties([indicatie])[0]
    open_ = bulk_indicaties(1, consulent=c)[0]
    open_evaluatie = bulk_evaluaties([open_])[0]

    def voeg_toe(n):
        for i in (indicatie, open_):
            doelen = Doel.objects.bulk_create([Doel(indicatie=i, omschrijving=f"Doel {k}") for k in range(n)])
            if i is indicatie:
                DoelResultaat.objects.bulk_create(
                    [DoelResultaat(evaluatie=evaluatie, doel=d, behaald="nee") for d in doelen]
                )

    verlengen = reverse("web:indicatie_nieuw", args=[indicatie.inwoner_id]) + f"?voorganger={indicatie.pk}"
    evalueren = reverse("web:evaluatie_afronden", args=[open_evaluatie.pk])
    voeg_toe(2)
    bij_2 = (_queries(consulent, verlengen), _queries(consulent, evalueren))
    voeg_toe(18)
    bij_20 = (_queries(consulent, verlengen), _queries(consulent, evalueren))
    assert bij_2 == bij_20
    assert _tekst(consulent.get(evalueren)).count('value="deels"') == 20
