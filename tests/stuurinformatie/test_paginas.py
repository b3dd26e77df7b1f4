"""The dashboard, the drill-down list and the exports: roles, personal data, content."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicaties import services
from indicaties.models import Evaluatie, Indicatie
from stuurinformatie import selectors, voorwaarden
from stuurinformatie.tabellen import NAMEN
from tests.factories import AanbiederFactory, InwonerFactory, ProductFactory, gebruiker, maak_indicatie

from .conftest import JAAR_2027, om

pytestmark = pytest.mark.django_db
D = datetime.date


def _paginas():
    yield reverse("web:stuurinformatie")
    yield reverse("web:stuurinformatie_tabellen")
    yield reverse("web:stuurinformatie_rapport")
    yield reverse("web:stuurinformatie_indicaties") + "?soort=geregistreerd"
    yield reverse("web:stuurinformatie_indicaties_export", args=["csv"]) + "?soort=geregistreerd"
    yield reverse("web:stuurinformatie_indicaties_export", args=["xlsx"]) + "?soort=geregistreerd"
    yield reverse("web:stuurinformatie_export_alles")
    for naam in NAMEN:
        for formaat in ("csv", "xlsx"):
            yield reverse("web:stuurinformatie_export", args=[naam, formaat])


PAGINAS = list(_paginas())


@pytest.fixture
def wereld():
    """A granted indicatie with a completed evaluation and a bijstelling, one of a colleague with
    a lighter variant, and a provider whose name looks like a spreadsheet formula."""
    consulent = gebruiker("consulent", first_name="Carla", last_name="Consulent")
    licht = ProductFactory(tarief="58.20")
    zwaar = ProductFactory(tarief="68.40", lichtere_variant=licht)
    formule = AanbiederFactory(naam='=HYPERLINK("http://example.invalid","klik")')
    with om(2027, 1, 4):
        # Names that cannot occur on a page by accident, as a generated "Bo" can inside any word.
        inwoner = InwonerFactory(voornaam="Wilhelmina", achternaam="Zuiderduijn")
        eerste = maak_indicatie(consulent, inwoner=inwoner, product=zwaar, motivatie="Nodig.", aanbieder=formule)
        maak_indicatie(product=licht, volume=Decimal("3"))
        maak_indicatie(consulent, spoed=True, spoed_reden="Crisis.")
    with om(2027, 5, 4):
        services.rond_evaluatie_af(
            gebruiker=consulent,
            evaluatie=Evaluatie.objects.get(indicatie=eerste),
            uitkomst="afschalen",
            resultaat_behaald="deels",
            toelichting="Minder nodig.",
            nieuw_volume=Decimal("3"),
            per_datum=D(2027, 5, 4),
        )
    return {"eerste": eerste, "consulent": consulent, "formule": formule}


@pytest.mark.parametrize("url", PAGINAS)
@pytest.mark.parametrize(
    ("rol", "status"), [("beleid", 200), ("backoffice", 200), ("beheer", 200), ("consulent", 403), ("schakelteam", 403)]
)
def test_rollen_per_pagina_en_export(als, url, rol, status):
    with om(2027, 6, 1):
        assert als(rol).get(url).status_code == status


@pytest.mark.parametrize("url", PAGINAS)
def test_zonder_inloggen_naar_de_inlogpagina(client, url):
    antwoord = client.get(url)
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("rol", ["beleid", "backoffice", "beheer"])
def test_geen_bsn_of_naam_van_een_inwoner_op_het_dashboard_of_in_een_export(als, wereld, rol):
    inwoner = wereld["eerste"].inwoner
    client = als(rol)
    with om(2027, 6, 1):
        inhoud = [client.get(url).content for url in PAGINAS if "/indicaties/?" not in url]
    for gegeven in (inwoner.bsn, "*" + inwoner.bsn[-4:], inwoner.voornaam, inwoner.achternaam):
        for stuk in inhoud:
            if stuk.startswith(b"PK"):  # xlsx: a zip; read the cells
                waarden = " ".join(
                    str(c)
                    for blad in load_workbook(io.BytesIO(stuk))
                    for rij in blad.iter_rows(values_only=True)
                    for c in rij
                )
                assert gegeven not in waarden
            else:
                assert gegeven.encode() not in stuk


def test_backoffice_ziet_namen_en_een_gemaskeerd_bsn_in_de_lijst_achter_een_cijfer(als, wereld):
    inwoner = wereld["eerste"].inwoner
    with om(2027, 6, 1):
        tekst = als("backoffice").get(reverse("web:stuurinformatie_indicaties"), {"soort": "geregistreerd"}).content
    assert str(inwoner).encode() in tekst
    assert ("*****" + inwoner.bsn[-4:]).encode() in tekst
    assert inwoner.bsn.encode() not in tekst


@pytest.mark.parametrize("rol", ["beleid", "beheer"])
def test_beleid_en_beheer_zien_geen_persoonsgegevens_in_de_lijst(als, wereld, rol):
    inwoner = wereld["eerste"].inwoner
    with om(2027, 6, 1):
        antwoord = als(rol).get(reverse("web:stuurinformatie_indicaties"), {"soort": "geregistreerd"})
    tekst = antwoord.content
    for gegeven in (inwoner.bsn, "*" + inwoner.bsn[-4:], inwoner.voornaam, inwoner.achternaam, str(inwoner.pk)):
        assert gegeven.encode() not in tekst
    # Product, period, cost and status are there.
    assert wereld["eerste"].product.code.encode() in tekst
    assert b'<span class="nb">4-1-2027</span> t/m <span class="nb">3-5-2027</span>' in tekst
    assert "€ ".encode() in tekst
    assert b"status-beeindigd" in tekst


def test_elk_cijfer_van_de_lijst_telt_evenveel_indicaties_als_het_cijfer(wereld):
    with om(2027, 6, 1):
        c = selectors.stuurinformatie(*JAAR_2027)
        verwacht = {
            "geregistreerd": c["indicaties"]["geregistreerd"],
            "actief_op_tot": c["indicaties"]["actief_op_tot"],
            "bijgesteld": sum(w["bijstellingen"] for w in c["vermeden_kosten_per_wet"].values()),
            "schakelteam_akkoord": c["schakelteam"]["akkoord"],
            "schakelteam_afgewezen": c["schakelteam"]["afgewezen"],
            **{f"evaluatie_{s}": c["evaluaties"][s] for s in selectors.EVALUATIE_SOORTEN},
            **{f"uitkomst_{u}": n for u, n in c["evaluaties"]["uitkomsten"].items()},
            **{f"resultaat_{r}": n for r, n in c["evaluaties"]["resultaat_behaald"].items()},
            **{f"signaal_{s}": n for s, n in c["signalen"].items()},
            **{f"toetsing_{o}": c["toetsing"][o] for o in selectors.OORDELEN},
        }
        verwacht["actief_in_periode"] = Indicatie.objects.filter(voorwaarden.actief_in_q(*JAAR_2027)).count()
        assert set(verwacht) == set(selectors.DRILLDOWN)
        for soort, aantal in verwacht.items():
            assert selectors.indicaties_achter(soort, *JAAR_2027).count() == aantal, soort
    assert verwacht["geregistreerd"] == 4
    assert verwacht["bijgesteld"] == verwacht["uitkomst_afschalen"] == 1
    assert verwacht["signaal_spoed"] == 1


def test_dashboard_toont_grafieken_met_tekstalternatief_en_links_naar_de_lijst(als, wereld):
    with om(2027, 6, 1):
        tekst = als("beleid").get(reverse("web:stuurinformatie_tabellen")).content.decode()
    for grafiek in ("grafiek-productmix", "grafiek-evaluaties", "grafiek-besparing"):
        assert f'aria-labelledby="{grafiek}-titel {grafiek}-beschrijving"' in tekst
        assert f'<title id="{grafiek}-titel">' in tekst
    assert 'role="img"' in tekst
    assert "/stuurinformatie/indicaties/?van=2027-01-01&amp;tot=2027-12-31&amp;soort=geregistreerd" in tekst
    assert "style=" not in tekst
    assert "<script>" not in tekst


def _csv(antwoord) -> list[list[str]]:
    # As Dutch Excel reads it: a byte order mark first, `;` between the columns.
    assert antwoord.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))


def _komma(getal, decimalen: int) -> str:
    return f"{Decimal(str(getal)):.{decimalen}f}".replace(".", ",")


def test_export_csv_bevat_de_tabel_zoals_nederlandse_excel_hem_opent(als, wereld):
    with om(2027, 6, 1):
        antwoord = als("beleid").get(reverse("web:stuurinformatie_export", args=["indicaties", "csv"]))
        c = selectors.stuurinformatie(*JAAR_2027)
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="stuurinformatie-indicaties-20270101-20271231.csv"' in antwoord["Content-Disposition"]
    rijen = _csv(antwoord)
    assert rijen[0][:3] == ["Wet", "Geregistreerd", "Geschatte kosten (geregistreerd)"]
    assert rijen[-1] == [
        "Totaal",
        str(c["indicaties"]["geregistreerd"]),
        _komma(c["indicaties"]["geschatte_kosten"], 2),
        str(c["indicaties"]["actief_op_tot"]),
        _komma(c["indicaties"]["uren_per_week"], 2),
        _komma(c["indicaties"]["kosten_in_periode"], 2),
    ]


def test_export_csv_geeft_een_aandeel_met_vier_decimalen():
    from stuurinformatie.export import Blad, csv_antwoord

    blad = Blad(
        "x",
        "x",
        [("Aandeel", "aandeel"), ("Bedrag", "geld"), ("Dag", "datum")],
        [[Decimal("0.4090909090909090909090909091"), Decimal("58.2"), datetime.date(2021, 1, 1)]],
    )
    assert _csv(csv_antwoord(blad, "x"))[1] == ["0,4091", "58,20", "1-1-2021"]


def test_export_xlsx_heeft_getallen_en_een_blad_met_de_selectie(als, wereld):
    with om(2027, 6, 1):
        antwoord = als("beleid").get(
            reverse("web:stuurinformatie_export", args=["per_aanbieder", "xlsx"]), {"wet": "wmo"}
        )
    assert antwoord["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    boek = load_workbook(io.BytesIO(antwoord.content))
    selectie, blad = boek.worksheets
    assert dict(selectie.iter_rows(values_only=True))["wet"] == "wmo"
    kop, *rijen = list(blad.iter_rows(values_only=True))
    assert kop[0] == "Aanbieder"
    assert all(isinstance(r[1], int) for r in rijen)
    assert all(isinstance(r[4], float | int) for r in rijen)
    # A provider name that looks like a formula stays text.
    namen = [r[0] for r in rijen]
    assert '\'=HYPERLINK("http://example.invalid","klik")' in namen
    assert all(cel.data_type != "f" for rij in blad.iter_rows() for cel in rij)


def test_export_csv_schrijft_een_formule_als_tekst(als, wereld):
    with om(2027, 6, 1):
        tekst = als("beleid").get(reverse("web:stuurinformatie_export", args=["per_aanbieder", "csv"])).content.decode()
    assert '"\'=HYPERLINK(""http://example.invalid"",""klik"")"' in tekst


def test_alles_in_een_xlsx_met_een_blad_per_tabel(als, wereld):
    with om(2027, 6, 1):
        antwoord = als("beheer").get(reverse("web:stuurinformatie_export_alles"))
    boek = load_workbook(io.BytesIO(antwoord.content))
    assert len(boek.worksheets) == 1 + len(NAMEN)


def test_export_van_de_lijst_achter_een_cijfer_zonder_persoonsgegevens(als, wereld):
    with om(2027, 6, 1):
        antwoord = als("backoffice").get(
            reverse("web:stuurinformatie_indicaties_export", args=["csv"]), {"soort": "uitkomst_afschalen"}
        )
    rijen = _csv(antwoord)
    assert rijen[0] == [
        "Product",
        "Productnaam",
        "Wet",
        "Aanbieder",
        "Ingangsdatum",
        "Einddatum",
        "Uur per week",
        "Geschatte kosten",
        "Status",
    ]
    eerste = wereld["eerste"]
    eerste.refresh_from_db()
    assert rijen[1][:2] == [eerste.product.code, eerste.product.naam]
    assert rijen[1][4:] == ["4-1-2027", "3-5-2027", "6,00", _komma(eerste.geschatte_kosten, 2), "beëindigd"]
    assert len(rijen) == 2


def test_onbekend_cijfer_of_tabel_is_404(als):
    client = als("beleid")
    assert client.get(reverse("web:stuurinformatie_indicaties"), {"soort": "alles"}).status_code == 404
    assert client.get("/stuurinformatie/export/bestaatniet.csv").status_code == 404
    assert client.get("/stuurinformatie/export/indicaties.pdf").status_code == 404


def test_filters_op_de_pagina_en_een_foutieve_datum(als, wereld):
    with om(2027, 6, 1):
        antwoord = als("beleid").get(reverse("web:stuurinformatie"), {"van": "gisteren", "wet": "jeugdwet"})
    assert antwoord.status_code == 200
    assert b"Ongeldige datum bij &#x27;van&#x27;" in antwoord.content
    assert antwoord.context["cijfers"]["filters"]["wet"] == "jeugdwet"
    assert antwoord.context["cijfers"]["indicaties"]["geregistreerd"] == 0


def test_de_lijst_achter_een_cijfer_toont_elke_indicatie_eenmaal_op_volgorde_van_ingangsdatum(als, monkeypatch):
    """Page by page (three per page here): in order of ingangsdatum and then id, each indicatie of
    the figure once, the count of the figure above every page. Registered on one day, starting on
    different days: the order is not that of registration."""
    from stuurinformatie.web import views

    monkeypatch.setattr(views, "PER_PAGINA", 3)
    consulent = gebruiker("consulent")
    with om(2027, 1, 4):
        gemaakt = [
            maak_indicatie(consulent, ingangsdatum=D(2027, 1, 4) + datetime.timedelta(days=dagen))
            for dagen in (20, 5, 12, 5, 30, 0, 12)
        ]
    with om(2026, 12, 1):
        maak_indicatie(consulent, ingangsdatum=D(2027, 1, 10))  # registered in 2026: not in the figure
    verwacht = [str(i.pk) for i in sorted(gemaakt, key=lambda i: (i.ingangsdatum, str(i.pk)))]
    gezien = []
    with om(2027, 6, 1):
        client = als("backoffice")
        for pagina in (1, 2, 3):
            antwoord = client.get(
                reverse("web:stuurinformatie_indicaties"), {"soort": "geregistreerd", "pagina": pagina}
            )
            assert antwoord.status_code == 200
            assert antwoord.context["pagina"].paginator.count == 7
            rijen = antwoord.context["pagina"].object_list
            assert all(i.betrokkene_bsn == i.inwoner.bsn for i in rijen)
            gezien += [str(i.pk) for i in rijen]
    assert gezien == verwacht
