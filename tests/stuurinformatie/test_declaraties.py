"""Reading declaraties: a good file is read whole, a file with any bad row is refused whole with
every bad line and its reason, the same file or the same period is never read twice; the
command and the upload page of the backoffice."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from indicaties import services as register
from stuurinformatie.models import Declaratie, Declaratiebestand
from stuurinformatie.services import DeclaratiesGeweigerd, importeer_declaraties
from tests.factories import gebruiker, maak_indicatie

from .conftest import om

pytestmark = pytest.mark.django_db
KOP = "indicatie;begindatum;einddatum;volume;eenheid;bedrag\n"


@pytest.fixture
def indicatie():
    """6 uur per week from 4-1 t/m 31-8-2027, granted."""
    with om(2027, 1, 4):
        return maak_indicatie()


def _bestand(*regels: str) -> bytes:
    return (KOP + "".join(r + "\n" for r in regels)).encode()


def test_een_goed_bestand_wordt_helemaal_ingelezen_met_product_en_aanbieder_van_de_indicatie(indicatie):
    inhoud = _bestand(
        f"{indicatie.pk};2027-01-04;2027-01-31;24;uur;1396,80",
        f"{indicatie.pk};1-2-2027;28-2-2027;24,5;uur;1425.90",
    )
    with om(2027, 3, 10):
        resultaat = importeer_declaraties(inhoud, naam="303-februari.csv")
    assert (resultaat.regels, resultaat.totaal) == (2, Decimal("2822.70"))
    eerste, tweede = Declaratie.objects.order_by("begindatum")
    assert (eerste.product_id, eerste.aanbieder_id, eerste.regel) == (indicatie.product_id, indicatie.aanbieder_id, 2)
    assert (tweede.begindatum, tweede.einddatum, tweede.volume) == (
        datetime.date(2027, 2, 1),
        datetime.date(2027, 2, 28),
        Decimal("24.5"),
    )


def test_het_externe_id_van_een_geimporteerde_indicatie_wordt_herkend(indicatie):
    type(indicatie).objects.filter(pk=indicatie.pk).update(extern_id="OUD-0001")
    with om(2027, 3, 10):
        importeer_declaraties(_bestand("OUD-0001;2027-01-04;2027-01-31;24;uur;1396.80"), naam="a.csv")
    assert Declaratie.objects.get().indicatie_id == indicatie.pk


def test_een_foute_regel_weigert_het_hele_bestand_en_elke_foute_regel_staat_erin(indicatie):
    with om(2027, 1, 4):
        later = maak_indicatie(ingangsdatum=datetime.date(2027, 2, 1))
        ingetrokken = register.trek_in(gebruiker=indicatie.consulent, indicatie=later, reden="Vergissing.")
    inhoud = _bestand(
        f"{indicatie.pk};2027-01-04;2027-01-31;24;uur;1396.80",  # good
        "onbekend;2027-01-04;2027-01-31;24;uur;10",  # 3: unknown indicatie
        f"{indicatie.pk};2027-02-31;2027-02-01;0;liter;-5",  # 4: date, volume, unit, amount
        f"{indicatie.pk};2026-12-28;2027-01-03;1;uur;10",  # 5: before the ingangsdatum
        f"{indicatie.pk};2027-08-01;2027-09-30;1;uur;10",  # 6: after the einddatum and in the future
        f"{indicatie.pk};2027-01-20;2027-02-05;1;etmaal;10",  # 7: overlaps line 2, wrong kind of unit
        f"{ingetrokken.pk};2027-02-01;2027-02-28;1;uur;10",  # 8: not granted
        f"{indicatie.pk};2027-03-01",  # 9: too few fields
    )
    with om(2027, 3, 10), pytest.raises(DeclaratiesGeweigerd) as fout:
        importeer_declaraties(inhoud, naam="fout.csv")
    per_regel = {}
    for f in fout.value.fouten:
        per_regel.setdefault(f.regel, []).append(f.kolom)
    assert per_regel == {
        3: ["indicatie"],
        4: ["begindatum", "volume", "eenheid", "bedrag"],
        5: ["begindatum"],
        6: ["einddatum", "einddatum"],
        7: ["begindatum", "eenheid"],
        8: ["indicatie"],
        9: [""],
    }
    assert "Indicatie 'onbekend' is onbekend." in str(fout.value.fouten[0])
    assert Declaratie.objects.count() == 0
    assert Declaratiebestand.objects.count() == 0


def test_hetzelfde_bestand_of_dezelfde_periode_nogmaals_wordt_geweigerd(indicatie):
    regel = f"{indicatie.pk};2027-01-04;2027-01-31;24;uur;1396.80"
    with om(2027, 3, 10):
        importeer_declaraties(_bestand(regel), naam="jan.csv")
        with pytest.raises(DeclaratiesGeweigerd) as zelfde:
            importeer_declaraties(_bestand(regel), naam="jan-kopie.csv")
        with pytest.raises(DeclaratiesGeweigerd) as periode:
            importeer_declaraties(_bestand(regel.replace("1396.80", "1396.81")), naam="jan-anders.csv")
    assert "al ingelezen op 10-3-2027 (jan.csv)" in zelfde.value.fouten[0].melding
    assert periode.value.fouten[0].melding == "Voor deze indicatie is 4-1-2027 t/m 31-1-2027 al gedeclareerd."
    assert Declaratie.objects.count() == 1


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"", "Het bestand is leeg."),
        (b"indicatie;begindatum;einddatum;volume;bedrag\n", "ontbrekende kolommen: eenheid"),
        (KOP.encode(), "Het bestand bevat geen declaraties."),
        ("indicatie;begindatum\n\xe9".encode("latin-1"), "Het bestand is geen UTF-8-tekst."),
    ],
)
def test_een_onleesbaar_bestand_wordt_geweigerd(inhoud, melding):
    with pytest.raises(DeclaratiesGeweigerd) as fout:
        importeer_declaraties(inhoud, naam="x.csv")
    assert melding in fout.value.fouten[0].melding


def test_het_commando_meldt_elke_foute_regel_en_leest_niets_in(indicatie, tmp_path):
    pad = tmp_path / "303.csv"
    pad.write_bytes(_bestand("x;2027-01-04;2027-01-31;24;uur;1", "y;2027-01-04;2027-01-31;24;uur;1"))
    fouten = StringIO()
    with om(2027, 3, 10), pytest.raises(CommandError, match="2 fouten"):
        call_command("importeer_declaraties", str(pad), stderr=fouten)
    assert fouten.getvalue().splitlines() == [
        "regel 2, indicatie: Indicatie 'x' is onbekend.",
        "regel 3, indicatie: Indicatie 'y' is onbekend.",
    ]
    pad.write_bytes(_bestand(f"{indicatie.pk};2027-01-04;2027-01-31;24;uur;1396.80"))
    uit = StringIO()
    with om(2027, 3, 10):
        call_command("importeer_declaraties", str(pad), stdout=uit)
    assert "1 declaratie ingelezen uit 303.csv, samen € 1.396,80." in uit.getvalue()


@pytest.mark.parametrize(("rol", "status"), [("backoffice", 200), ("beheer", 200), ("beleid", 403), ("consulent", 403)])
def test_de_inleespagina_is_voor_backoffice_en_beheer(als, rol, status):
    assert als(rol).get(reverse("web:stuurinformatie_declaraties")).status_code == status


def test_de_inleespagina_toont_elke_foute_regel_en_leest_een_goed_bestand_in(als, indicatie):
    url = reverse("web:stuurinformatie_declaraties")
    with om(2027, 3, 10):
        client = als("backoffice")
        fout = client.post(url, {"bestand": SimpleUploadedFile("fout.csv", _bestand("x;1-1-2027;31-1-2027;1;uur;1"))})
        assert fout.status_code == 400
        assert "Het bestand is niet ingelezen: 1 fout" in fout.content.decode()
        assert "Indicatie &#x27;x&#x27; is onbekend." in fout.content.decode()
        goed = client.post(
            url, {"bestand": SimpleUploadedFile("goed.csv", _bestand(f"{indicatie.pk};4-1-2027;31-1-2027;24;uur;10"))}
        )
        assert goed.status_code == 302
        lijst = client.get(url).content.decode()
    assert "goed.csv" in lijst
    assert Declaratiebestand.objects.get().ingelezen_door == client.user


def test_demo_declaraties_gaan_door_dezelfde_import(indicatie):
    gebruiker("beheer")
    with om(2027, 3, 10):
        call_command("demo_declaraties", stdout=StringIO())
        call_command("demo_declaraties", stdout=StringIO())  # a second run adds nothing twice
    # January (from the 4th) and February: the care delivered up to the end of last month.
    assert list(Declaratie.objects.order_by("begindatum").values_list("begindatum", "einddatum")) == [
        (datetime.date(2027, 1, 4), datetime.date(2027, 1, 31)),
        (datetime.date(2027, 2, 1), datetime.date(2027, 2, 28)),
    ]
    indicatie.aanbieder.refresh_from_db()
    assert indicatie.aanbieder.budgetplafond is not None


def test_demo_declaraties_sturen_vorige_maand_door_de_keten(indicatie, istandaarden_vereist):
    """With the XSDs: February as a WMO323 through the service of the folder and the API, answered
    with a WMO325, approved and counted; January as a file. A second run sends nothing again."""
    from berichten.models import Bericht
    from berichten.models import Declaratie as Declaratie323

    gebruiker("beheer")
    uit = StringIO()
    with om(2027, 3, 10):
        call_command("demo_declaraties", stdout=uit)
        call_command("demo_declaraties", stdout=StringIO())
    januari, februari = Declaratie.objects.order_by("begindatum")
    assert (januari.bestand_id is not None, januari.prestatie_id) == (True, None)
    assert (februari.begindatum, februari.einddatum, februari.bestand_id) == (
        datetime.date(2027, 2, 1),
        datetime.date(2027, 2, 28),
        None,
    )
    d = Declaratie323.objects.get()
    assert (d.declaratienummer, d.status, d.toegekend) == ("DEMO202702W", "toegekend", februari.bedrag)
    assert februari.prestatie.declaratie == d
    assert d.antwoord.soort == "WMO325"
    assert list(
        Bericht.objects.filter(soort__in=("WMO323", "WMO325")).values_list("soort", flat=True).order_by("soort")
    ) == [
        "WMO323",
        "WMO325",
    ]
    assert "WMO323 DEMO202702W" in uit.getvalue()


@override_settings(CASUSREGIE_ISTANDAARDEN="")
def test_demo_declaraties_zonder_xsds_alles_als_bestand(indicatie):
    gebruiker("beheer")
    uit = StringIO()
    with om(2027, 3, 10):
        call_command("demo_declaraties", stdout=uit)
    assert not Declaratie.objects.filter(prestatie__isnull=False).exists()
    assert Declaratie.objects.count() == 2
    assert "Declaraties alleen als bestand" in uit.getvalue()
