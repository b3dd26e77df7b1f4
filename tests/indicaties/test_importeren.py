"""Import of existing registrations: `manage.py importeer_indicaties` (docs/import.md)."""

import csv
import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from indicaties.models import Doel, Evaluatie, Indicatie, IndicatieSignaal, Inwoner
from indicaties.services.importeren import KOLOMMEN, lees, verdeel
from notifications.models import Notificatie
from tests.factories import (
    DOELEN_KOLOM,
    AanbiederFactory,
    InwonerFactory,
    ProductFactory,
    gebruiker,
    geldig_bsn,
    maak_indicatie,
)

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2027, 1, 4)


@pytest.fixture(autouse=True)
def _op_4_januari_2027():
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def consulent():
    return gebruiker("consulent", username="carla")


@pytest.fixture
def catalogus():
    licht = ProductFactory(code="02A01")
    ProductFactory(code="02A02", lichtere_variant=licht, tarief="68.40")
    ProductFactory(code="45C02", wet="jeugdwet")
    AanbiederFactory(agb_code="73730101")
    # A second one: the same product with the same aanbieder may not overlap (toewijzing_overlapt).
    AanbiederFactory(agb_code="73730202")


def rij(**velden) -> dict:
    waarden = {
        "extern_id": "OUD-1",
        "bsn": geldig_bsn(),
        "voornaam": "Sanne",
        "achternaam": "de Vries",
        "geboortedatum": "1984-03-12",
        "wlz_indicatie": "nee",
        "product_code": "02A01",
        "agb_code": "73730101",
        "volume": "6",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": "2027-01-04",
        "einddatum": "2027-08-31",
        "motivatie": "",
        "spoed": "nee",
        "spoed_reden": "",
        "doelen": DOELEN_KOLOM,
    }
    waarden.update(velden)
    return waarden


def schrijf(tmp_path, rijen, kolommen=(*KOLOMMEN, "registratiedatum", "doelen"), naam="oud.csv"):
    pad = tmp_path / naam
    with pad.open("w", encoding="utf-8", newline="") as f:
        schrijver = csv.DictWriter(f, fieldnames=kolommen, delimiter=";", extrasaction="ignore")
        schrijver.writeheader()
        schrijver.writerows(rijen)
    return pad


def importeer(pad, *args):
    rapport = pad.with_name("rapport.csv")
    call_command("importeer_indicaties", str(pad), "--rapport", str(rapport), *args)
    with rapport.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_geldige_regels_worden_geimporteerd_met_historie_signalen_en_evaluatie(tmp_path, consulent, catalogus):
    pad = schrijf(
        tmp_path,
        [
            rij(extern_id="OUD-1", bsn="111222333"),
            rij(extern_id="OUD-2", bsn="111222333", product_code="02A02", volume="2", motivatie="Nodig na crisis."),
        ],
    )
    assert importeer(pad, "--consulent", "carla") == []

    inwoner = Inwoner.objects.get(bsn="111222333")
    assert inwoner.regisseur == consulent
    assert inwoner.history.get().history_change_reason == "Inwoner geïmporteerd uit oud.csv, regel 2"
    eerste, tweede = Indicatie.objects.get(extern_id="OUD-1"), Indicatie.objects.get(extern_id="OUD-2")
    assert (eerste.status, eerste.consulent, str(eerste.geschatte_kosten)) == ("toegewezen", consulent, "11972.57")
    assert Evaluatie.objects.get(indicatie=eerste).vervaldatum == datetime.date(2027, 5, 4)
    # 2 hours alone, but 8 together with the first (same law, same period): the traject is evaluated.
    assert Evaluatie.objects.get(indicatie=tweede).vervaldatum == datetime.date(2027, 5, 4)
    assert list(tweede.signaalregels.values_list("code", flat=True)) == ["motivatie_zwaardere_variant"]
    historie = eerste.history.get()
    assert historie.history_user == consulent
    assert historie.history_change_reason == "Geïmporteerd uit oud.csv, regel 2 (extern id OUD-1)"


def test_geweigerde_regels_staan_in_het_rapport_met_regelnummer_en_regelcode(tmp_path, consulent, catalogus):
    pad = schrijf(
        tmp_path,
        [
            rij(extern_id="A"),
            rij(extern_id="B", einddatum="2027-09-04"),
            rij(extern_id="C", bsn="123456789"),
            rij(extern_id="D", product_code="99Z99"),
            rij(extern_id="E", ingangsdatum="2027-01-03"),
            rij(extern_id="F", product_code="02A02"),
            rij(extern_id="G", volume="zes", eenheid="week"),
            rij(extern_id="A"),
        ],
    )
    rapport = importeer(pad, "--consulent", "carla")

    assert list(Indicatie.objects.values_list("extern_id", flat=True)) == ["A"]
    assert [(r["regel"], r["extern_id"], r["uitkomst"], r["code"]) for r in rapport] == [
        ("3", "B", "geweigerd", "max_duur_8_maanden"),
        ("4", "C", "geweigerd", "bsn_ongeldig"),
        ("5", "D", "geweigerd", "product_onbekend"),
        ("6", "E", "geweigerd", "geen_terugwerkende_kracht"),
        ("7", "F", "geweigerd", "motivatie_zwaardere_variant"),
        ("8", "G", "geweigerd", "invalid"),
        ("8", "G", "geweigerd", "invalid_choice"),
        ("9", "A", "geweigerd", "extern_id_dubbel"),
    ]
    assert all(r["melding"] for r in rapport)


def test_een_datum_waarmee_niet_te_rekenen_valt_wordt_geweigerd_en_stopt_de_import_niet(tmp_path, consulent, catalogus):
    pad = schrijf(
        tmp_path,
        [
            rij(extern_id="A", ingangsdatum="9999-12-01", einddatum=""),
            rij(extern_id="B", einddatum="9999-12-31"),
            rij(extern_id="C"),
        ],
    )
    rapport = importeer(pad, "--consulent", "carla")

    assert list(Indicatie.objects.values_list("extern_id", flat=True)) == ["C"]
    assert [(r["regel"], r["extern_id"], r["code"], r["veld"]) for r in rapport] == [
        ("2", "A", "datum_buiten_bereik", "ingangsdatum"),
        ("3", "B", "datum_buiten_bereik", "einddatum"),
    ]


def test_nogmaals_importeren_importeert_niets_dubbel(tmp_path, consulent, catalogus, capsys):
    pad = schrijf(tmp_path, [rij(extern_id=f"OUD-{i}") for i in range(3)])
    importeer(pad, "--consulent", "carla")
    capsys.readouterr()
    historie = Indicatie.history.count()

    rapport = importeer(pad, "--consulent", "carla")

    assert Indicatie.objects.count() == 3
    assert Indicatie.history.count() == historie
    assert [(r["regel"], r["uitkomst"]) for r in rapport] == [
        ("2", "al_geimporteerd"),
        ("3", "al_geimporteerd"),
        ("4", "al_geimporteerd"),
    ]
    assert "0 geïmporteerd" in capsys.readouterr().out


def test_een_tweede_bestand_met_dezelfde_inwoner_gebruikt_de_bestaande_inwoner(tmp_path, consulent, catalogus):
    bestaand = InwonerFactory(bsn="111222333", voornaam="Bestaand", regisseur=consulent)
    pad = schrijf(tmp_path, [rij(bsn="111222333", voornaam="", achternaam="", geboortedatum="")])
    assert importeer(pad) == []  # without --consulent: the regisseur registers
    assert Indicatie.objects.get().inwoner == bestaand
    assert Inwoner.objects.count() == 1


def test_een_bestaande_inwoner_zonder_regisseur_krijgt_de_consulent_van_de_import(tmp_path, consulent, catalogus):
    InwonerFactory(bsn="111222333", regisseur=None)
    regels = [
        rij(bsn="111222333", extern_id=f"OUD-{n}", voornaam="", achternaam="", geboortedatum="", agb_code=agb)
        for n, agb in ((1, "73730101"), (2, "73730202"))
    ]
    assert importeer(schrijf(tmp_path, regels), "--consulent", "carla") == []
    inwoner = Inwoner.objects.get(bsn="111222333")
    assert inwoner.regisseur == consulent
    assert [(h.history_user, h.regisseur_id) for h in inwoner.history.all()] == [
        (consulent, consulent.pk),
        (None, None),
    ]


def test_zonder_consulent_en_zonder_regisseur_wordt_de_regel_geweigerd(tmp_path, catalogus):
    pad = schrijf(tmp_path, [rij()])
    assert [r["code"] for r in importeer(pad)] == ["consulent_onbekend"]
    assert not Indicatie.objects.exists()


def test_wlz_inwoner_krijgt_geen_wmo_en_geen_jeugdhulp(tmp_path, consulent, catalogus):
    InwonerFactory(bsn="111222333", wlz_indicatie=True)
    pad = schrijf(tmp_path, [rij(bsn="111222333"), rij(extern_id="J", bsn="111222333", product_code="45C02")])
    assert [(r["regel"], r["code"]) for r in importeer(pad, "--consulent", "carla")] == [
        ("2", "wlz_geen_wmo"),
        ("3", "wlz_jeugdwet"),
    ]
    assert not Indicatie.objects.exists()


def test_de_drempel_telt_eerdere_regels_uit_hetzelfde_bestand_mee(tmp_path, consulent, catalogus):
    lid = gebruiker("schakelteam")
    bsn = geldig_bsn()
    # 14 hours a week from 4-1 to 31-8 (240 days): € 27,936.00 each; together above € 50,000.
    pad = schrijf(
        tmp_path,
        [rij(extern_id="X", bsn=bsn, volume="14"), rij(extern_id="Y", bsn=bsn, volume="14", agb_code="73730202")],
    )
    importeer(pad, "--consulent", "carla")
    assert dict(Indicatie.objects.values_list("extern_id", "status")) == {
        "X": "toegewezen",
        "Y": "wacht_op_schakelteam",
    }
    y = Indicatie.objects.get(extern_id="Y")
    assert list(y.signaalregels.values_list("code", flat=True)) == ["schakelteam_drempel"]
    assert Notificatie.objects.filter(ontvanger=lid, soort="schakelteam_gevraagd", object_id=y.pk).count() == 1
    assert not Notificatie.objects.filter(ontvanger=consulent).exists()
    assert not Evaluatie.objects.filter(indicatie=y).exists()


def test_migratie_toetst_de_ingangsdatum_aan_de_registratiedatum(tmp_path, consulent, catalogus):
    rijen = [
        # Registered in the old system before it started: allowed.
        rij(extern_id="M1", ingangsdatum="2026-11-02", einddatum="2027-06-30", registratiedatum="2026-10-28"),
        # Started before its registration without spoed: refused, as it would have been then.
        rij(extern_id="M2", ingangsdatum="2026-10-01", einddatum="2027-04-30", registratiedatum="2026-10-28"),
        # Already ended: imported as verlopen, nothing left to evaluate.
        rij(extern_id="M3", ingangsdatum="2026-03-02", einddatum="2026-10-31", registratiedatum="2026-03-01"),
        # The registration date is required in a migration.
        rij(extern_id="M4"),
    ]
    rapport = importeer(schrijf(tmp_path, rijen), "--consulent", "carla", "--migratie")

    assert [(r["extern_id"], r["code"]) for r in rapport] == [
        ("M2", "geen_terugwerkende_kracht"),
        ("M4", "required"),
    ]
    m1, m3 = Indicatie.objects.get(extern_id="M1"), Indicatie.objects.get(extern_id="M3")
    assert m1.status == "toegewezen"
    assert Evaluatie.objects.get(indicatie=m1).vervaldatum == datetime.date(2027, 3, 2)
    assert m3.status == "verlopen"
    assert not Evaluatie.objects.filter(indicatie=m3).exists()
    assert m1.aangemaakt.date() == datetime.date(2026, 10, 28)
    assert "geregistreerd op 28-10-2026" in m1.history.get().history_change_reason


def test_zonder_migratie_is_een_historische_registratie_terugwerkende_kracht(tmp_path, consulent, catalogus):
    pad = schrijf(tmp_path, [rij(ingangsdatum="2026-11-02", einddatum="2027-06-30", registratiedatum="2026-10-28")])
    assert [r["code"] for r in importeer(pad, "--consulent", "carla")] == ["geen_terugwerkende_kracht"]


def test_een_kopregel_met_ontbrekende_kolom_importeert_niets(tmp_path, consulent, catalogus):
    pad = schrijf(tmp_path, [rij()], kolommen=tuple(k for k in KOLOMMEN if k != "einddatum"))
    with pytest.raises(CommandError, match="ontbrekende kolommen: einddatum"):
        importeer(pad, "--consulent", "carla")
    assert not Indicatie.objects.exists()


def test_een_regel_met_te_weinig_velden_wordt_geweigerd_en_niet_overgeslagen(tmp_path, consulent, catalogus):
    pad = schrijf(tmp_path, [rij(extern_id="A"), rij(extern_id="B")])
    with pad.open("a", encoding="utf-8") as f:
        f.write("C;111222333\n")
    assert [(r["regel"], r["code"]) for r in importeer(pad, "--consulent", "carla")] == [("4", "aantal_kolommen")]
    assert Indicatie.objects.count() == 2


def test_een_onbekende_consulent_stopt_de_import(tmp_path, catalogus):
    gebruiker("backoffice", username="bo")
    with pytest.raises(CommandError, match="geen actieve consulent"):
        importeer(schrijf(tmp_path, [rij()]), "--consulent", "bo")


def _queries_voor(tmp_path, aantal: int, begin: int) -> int:
    rijen = [rij(extern_id=f"R{begin + i}", product_code="02A02", motivatie="Nodig.") for i in range(aantal)]
    pad = schrijf(tmp_path, rijen, naam=f"bestand{begin}.csv")
    with CaptureQueriesContext(connection) as queries:
        assert importeer(pad, "--consulent", "carla") == []
    return len(queries)


def test_de_feiten_worden_per_batch_opgehaald_niet_per_regel(tmp_path, consulent, catalogus):
    # 25 rows: on SQLite Django inserts history in batches of 999 parameters (30 indicaties).
    assert _queries_voor(tmp_path, 3, 0) == _queries_voor(tmp_path, 25, 100)
    assert IndicatieSignaal.objects.count() == 28


# --- Goals (the optional `doelen` column) ------------------------------------------------------


def _doelen(extern_id: str) -> list[tuple[str, str]]:
    return list(Doel.objects.filter(indicatie__extern_id=extern_id).values_list("omschrijving", "leefgebied"))


def test_doelen_gescheiden_door_een_streep_worden_in_volgorde_vastgelegd_met_hun_leefgebied(
    tmp_path, consulent, catalogus
):
    kolom = "Huisvesting: Zelfstandig wonen | Schulden onder controle | financien:Budget per week"
    assert importeer(schrijf(tmp_path, [rij(doelen=kolom)]), "--consulent", "carla") == []
    assert _doelen("OUD-1") == [
        ("Zelfstandig wonen", "huisvesting"),
        ("Schulden onder controle", ""),
        ("Budget per week", "financien"),
    ]


def test_een_dubbele_punt_in_een_zin_is_geen_leefgebied(tmp_path, consulent, catalogus):
    assert importeer(schrijf(tmp_path, [rij(doelen="Afspraken om 9:00 nakomen")]), "--consulent", "carla") == []
    assert _doelen("OUD-1") == [("Afspraken om 9:00 nakomen", "")]


def test_een_onbekend_leefgebied_weigert_de_regel(tmp_path, consulent, catalogus):
    rapport = importeer(schrijf(tmp_path, [rij(doelen="wonen: Zelfstandig wonen")]), "--consulent", "carla")
    assert [(r["regel"], r["code"]) for r in rapport] == [("2", "invalid_choice")]
    assert "'wonen'" in rapport[0]["melding"]
    assert not Indicatie.objects.exists()


@pytest.mark.parametrize("kolom", ["", " | "])
def test_een_regel_zonder_doelen_wordt_geweigerd(tmp_path, consulent, catalogus, kolom):
    rapport = importeer(schrijf(tmp_path, [rij(doelen=kolom)]), "--consulent", "carla")
    assert [(r["regel"], r["code"]) for r in rapport] == [("2", "doelen_ontbreken")]
    assert not Indicatie.objects.exists()


def test_een_bestand_zonder_doelenkolom_wordt_buiten_een_migratie_per_regel_geweigerd(tmp_path, consulent, catalogus):
    pad = schrijf(tmp_path, [rij(), rij(extern_id="OUD-2")], kolommen=KOLOMMEN)
    rapport = importeer(pad, "--consulent", "carla")
    assert [(r["regel"], r["code"]) for r in rapport] == [("2", "doelen_ontbreken"), ("3", "doelen_ontbreken")]


def test_een_migratie_zonder_doelen_legt_het_doel_niet_vastgelegd_vast(tmp_path, consulent, catalogus):
    oud = rij(
        extern_id="M1", doelen="", ingangsdatum="2026-11-02", einddatum="2027-06-30", registratiedatum="2026-10-28"
    )
    assert importeer(schrijf(tmp_path, [oud]), "--consulent", "carla", "--migratie") == []
    assert _doelen("M1") == [(Doel.NIET_VASTGELEGD, "")]


def test_een_migratie_met_doelen_legt_die_doelen_vast(tmp_path, consulent, catalogus):
    oud = rij(
        extern_id="M1",
        doelen="sociaal_netwerk: Wekelijks contact met de buren",
        ingangsdatum="2026-11-02",
        einddatum="2027-06-30",
        registratiedatum="2026-10-28",
    )
    assert importeer(schrijf(tmp_path, [oud]), "--consulent", "carla", "--migratie") == []
    assert _doelen("M1") == [("Wekelijks contact met de buren", "sociaal_netwerk")]


def test_de_doelen_van_een_import_hebben_historie_met_de_regel(tmp_path, consulent, catalogus):
    importeer(schrijf(tmp_path, [rij()]), "--consulent", "carla")
    historie = Doel.history.get()
    assert historie.history_user == consulent
    assert historie.history_change_reason == "Geïmporteerd uit oud.csv, regel 2 (extern id OUD-1)"


# --- In several processes (--processen) --------------------------------------------------------


def _regels(*paren):
    """(bsn, extern_id) per row, as `lees` gives them with their line numbers from 2."""
    return [(n, {"bsn": bsn, "extern_id": extern_id}) for n, (bsn, extern_id) in enumerate(paren, start=2)]


def test_verdelen_houdt_de_regels_van_een_inwoner_en_van_een_extern_id_bij_elkaar_op_volgorde_van_het_bestand():
    regels = _regels(("1", "A"), ("2", "B"), ("1", "C"), ("3", "D"), ("4", "B"), ("5", "E"), ("4", "F"))
    delen = verdeel(regels, 2)
    # Lines 2 and 4 share BSN 1; 3, 6 and 8 are joined by extern id B and BSN 4; 5 and 7 alone.
    groep_van = {regel: i for i, deel in enumerate(delen) for regel, _ in deel}
    assert groep_van[2] == groep_van[4]
    assert groep_van[3] == groep_van[6] == groep_van[8]
    assert all([r[0] for r in deel] == sorted(r[0] for r in deel) for deel in delen)
    assert sorted(r for deel in delen for r, _ in deel) == [2, 3, 4, 5, 6, 7, 8]
    assert sorted(map(len, delen)) == [3, 4]


def test_verdelen_maakt_niet_meer_delen_dan_er_groepen_zijn():
    assert [len(d) for d in verdeel(_regels(("1", "A"), ("1", "B")), 4)] == [2]


@given(
    paren=st.lists(st.tuples(st.sampled_from("123456"), st.sampled_from("ABCDEFGH")), max_size=30),
    aantal=st.integers(min_value=1, max_value=4),
)
def test_elke_regel_komt_in_precies_een_deel_en_wat_samenhangt_blijft_samen(paren, aantal):
    regels = _regels(*paren)
    delen = verdeel(regels, aantal)
    assert len(delen) <= aantal
    assert sorted(r for deel in delen for r, _ in deel) == [r for r, _ in regels]
    deel_van = {r: i for i, deel in enumerate(delen) for r, _ in deel}
    for r1, w1 in regels:
        for r2, w2 in regels:
            if w1["bsn"] == w2["bsn"] or w1["extern_id"] == w2["extern_id"]:
                assert deel_van[r1] == deel_van[r2]


def test_meer_processen_kan_alleen_met_postgresql_en_minstens_een(tmp_path, consulent, catalogus, monkeypatch):
    pad = schrijf(tmp_path, [rij()])
    with pytest.raises(CommandError, match="1 of meer"):
        importeer(pad, "--consulent", "carla", "--processen", "0")
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="alleen met PostgreSQL"):
        importeer(pad, "--consulent", "carla", "--processen", "2")
    assert not Indicatie.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("processen", ["1", "2"])
def test_in_twee_processen_is_de_uitkomst_die_van_een_proces(tmp_path, consulent, catalogus, processen):
    from privacy.models import Verwerking
    from privacy.pseudoniem import pseudoniem

    lid = gebruiker("schakelteam")
    samen, dubbel = geldig_bsn(), geldig_bsn()
    anderen = [geldig_bsn() for _ in range(6)]
    rijen = [
        # Together above the threshold: the second waits for the schakelteam, in either process.
        rij(extern_id="X", bsn=samen, volume="14"),
        *(rij(extern_id=f"N{n}", bsn=bsn) for n, bsn in enumerate(anderen[:3])),
        rij(extern_id="Y", bsn=samen, volume="14", agb_code="73730202"),
        # An extern id refused on its first row is imported from a later one, of another inwoner;
        # the row after that is a double.
        rij(extern_id="D", bsn=dubbel, product_code="99Z99"),
        rij(extern_id="D", bsn=anderen[3]),
        rij(extern_id="D", bsn=anderen[4]),
        rij(extern_id="F", bsn="123456789"),
        *(rij(extern_id=f"M{n}", bsn=bsn) for n, bsn in enumerate(anderen[5:])),
    ]
    pad = schrijf(tmp_path, rijen)
    with pad.open(encoding="utf-8") as f:
        assert len(verdeel(list(lees(f)), 2)) == 2  # this file is really divided

    rapport = importeer(pad, "--consulent", "carla", "--processen", processen)

    assert [(r["regel"], r["extern_id"], r["code"]) for r in rapport] == [
        ("7", "D", "product_onbekend"),
        ("9", "D", "extern_id_dubbel"),
        ("10", "F", "bsn_ongeldig"),
    ]
    assert dict(Indicatie.objects.values_list("extern_id", "status")) == {
        "X": "toegewezen",
        "N0": "toegewezen",
        "N1": "toegewezen",
        "N2": "toegewezen",
        "Y": "wacht_op_schakelteam",
        "D": "toegewezen",
        "M0": "toegewezen",
    }
    assert Indicatie.objects.get(extern_id="D").inwoner.bsn == anderen[3]
    y = Indicatie.objects.get(extern_id="Y")
    assert Notificatie.objects.filter(ontvanger=lid, soort="schakelteam_gevraagd", object_id=y.pk).count() == 1
    assert Inwoner.objects.filter(regisseur=consulent).count() == 6
    # Every imported inwoner once in the processing log, and the chain unbroken.
    assert sorted(
        Verwerking.objects.filter(verwerkingsactiviteit="importeren-v1").values_list("betrokkene", flat=True)
    ) == sorted(pseudoniem(bsn) for bsn in (samen, *anderen[:4], anderen[5]))
    uit = io.StringIO()
    call_command("verwerkingen_controleren", stdout=uit, stderr=uit)
    assert "ongeschonden" in uit.getvalue()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_een_deel_dat_faalt_stopt_de_import_met_zijn_fout_en_het_andere_deel_blijft(
    tmp_path, consulent, catalogus, monkeypatch
):
    from indicaties.services import importeren

    echt = importeren._verwerk

    def verwerk(rijen, ctx, resultaat):
        if any(r.extern_id == "KAPOT" for r in rijen):
            raise RuntimeError("database weg")
        return echt(rijen, ctx, resultaat)

    # The processes are forked: they inherit the replaced function.
    monkeypatch.setattr(importeren, "_verwerk", verwerk)
    pad = schrijf(tmp_path, [rij(extern_id="GOED", bsn=geldig_bsn()), rij(extern_id="KAPOT", bsn=geldig_bsn())])
    with pytest.raises(RuntimeError, match="database weg"):
        importeer(pad, "--consulent", "carla", "--processen", "2")
    assert list(Indicatie.objects.values_list("extern_id", flat=True)) == ["GOED"]


def test_de_database_weigert_een_extern_id_twee_keer_maar_niet_twee_lege():
    """The uniqueness of `extern_id` is the database's too (a second run imports nothing twice,
    also when two imports run at once); indicaties registered here have none, and many of them."""
    eerste, tweede, derde = maak_indicatie(), maak_indicatie(), maak_indicatie()
    assert eerste.extern_id is None and tweede.extern_id is None
    Indicatie.objects.filter(pk=eerste.pk).update(extern_id="BRON-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicatie.objects.filter(pk=tweede.pk).update(extern_id="BRON-1")
    Indicatie.objects.filter(pk=derde.pk).update(extern_id="BRON-2")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'indicaties_indicatie' AND indexdef LIKE %s",
                ["%extern_id%"],
            )
            # One index, the constraint's: no second one for LIKE queries (varchar_pattern_ops).
            assert [d.split(" ON ")[0] for (d,) in cursor.fetchall()] == [
                "CREATE UNIQUE INDEX indicatie_extern_id_uniek"
            ]


def test_een_nieuwe_inwoner_krijgt_geslacht_en_adres_uit_de_optionele_kolommen(tmp_path, consulent, catalogus):
    kolommen = (*KOLOMMEN, "doelen", "geslacht", "straat", "huisnummer", "postcode", "woonplaats")
    regel = rij(
        bsn="111222333",
        geslacht="vrouw",
        straat="Kerkstraat",
        huisnummer="12",
        postcode="4901 ab",
        woonplaats="Oosterhout",
    )
    assert importeer(schrijf(tmp_path, [regel], kolommen=kolommen), "--consulent", "carla") == []
    inwoner = Inwoner.objects.get(bsn="111222333")
    assert (inwoner.geslacht, inwoner.straat, inwoner.huisnummer, inwoner.postcode, inwoner.woonplaats) == (
        "vrouw",
        "Kerkstraat",
        12,
        "4901AB",
        "Oosterhout",
    )


def test_een_ongeldige_postcode_weigert_de_regel(tmp_path, consulent, catalogus):
    kolommen = (*KOLOMMEN, "doelen", "postcode")
    rapport = importeer(schrijf(tmp_path, [rij(postcode="0123AB")], kolommen=kolommen), "--consulent", "carla")
    assert [(r["regel"], r["code"]) for r in rapport] == [("2", "invalid")]
