"""The choices of the domain are plain enums without Django, with the labels and database values
the models had; every status group is defined once, in the register's domain module."""

import re
from pathlib import Path

import pytest

from indicaties import domein
from indicaties.models import Evaluatie, Halfjaarcheck, Indicatie, Product
from indicaties.rules import workflow
from toetsing import domein as toetsing_domein
from toetsing.models import Toetsing

ROOT = Path(__file__).resolve().parent.parent
PAKKETTEN = ("casusregie", "indicaties", "toetsing", "stuurinformatie", "privacy", "notifications", "basis")


@pytest.mark.parametrize(
    ("veld", "keuze"),
    [
        (Indicatie._meta.get_field("status"), domein.IndicatieStatus),
        (Indicatie._meta.get_field("eenheid"), domein.Eenheid),
        (Indicatie._meta.get_field("frequentie"), domein.Frequentie),
        (Product._meta.get_field("wet"), domein.Wet),
        (Evaluatie._meta.get_field("status"), domein.EvaluatieStatus),
        (Halfjaarcheck._meta.get_field("status"), domein.CheckStatus),
        (Toetsing._meta.get_field("oordeel"), toetsing_domein.Oordeel),
        (Toetsing._meta.get_field("reden"), toetsing_domein.Reden),
    ],
)
def test_een_model_neemt_zijn_keuzes_uit_het_domein(veld, keuze):
    assert veld.choices == keuze.choices


def test_waarden_en_labels_zijn_die_van_de_database_en_het_scherm():
    assert domein.IndicatieStatus.BEEINDIGD == "beeindigd"
    assert domein.IndicatieStatus.BEEINDIGD.label == "beëindigd"
    assert domein.Eenheid("dagdeel").label == "dagdeel (4 uur)"
    assert domein.Frequentie.values == ["per_week", "per_maand", "totaal"]
    assert domein.Wet.labels == ["Wmo", "Jeugdwet"]
    assert str(domein.Uitkomst.ANDERS_INZETTEN) == "anders_inzetten"
    # A value read from the database (a plain str) is the member it names.
    assert "toegewezen" in domein.TOEGEKENDE_STATUSSEN
    assert "afgewezen" not in domein.TOEGEKENDE_STATUSSEN


def test_de_statusgroepen_delen_de_statussen_zonder_overlap():
    statussen = set(domein.IndicatieStatus)
    toegekend, nooit, lopend = (
        set(domein.TOEGEKENDE_STATUSSEN),
        set(domein.NOOIT_TOEGEKENDE_STATUSSEN),
        set(domein.LOPENDE_STATUSSEN),
    )
    assert not toegekend & nooit
    assert toegekend | nooit | {domein.IndicatieStatus.WACHT_OP_SCHAKELTEAM} == statussen
    assert lopend - toegekend == {domein.IndicatieStatus.WACHT_OP_SCHAKELTEAM}


def test_de_regels_vergelijken_leden_van_het_domein():
    assert workflow.resultaat_uit_doelen(["ja", "ja"]) is domein.ResultaatBehaald.JA
    assert workflow.resultaat_uit_doelen(["nee"]) is domein.ResultaatBehaald.NEE
    assert workflow.resultaat_uit_doelen(["ja", "nee"]) is domein.ResultaatBehaald.DEELS


def test_de_stuurinformatie_telt_de_oordelen_van_de_toetsing():
    """stuurinformatie does not import the review's code, so it spells the verdicts out: they must
    stay the values of toetsing.domein.Oordeel."""
    from stuurinformatie import voorwaarden

    assert tuple(toetsing_domein.Oordeel.values) == voorwaarden.OORDELEN
    assert set(voorwaarden.AKKOORD_OORDELEN) == {
        toetsing_domein.Oordeel.AKKOORD,
        toetsing_domein.Oordeel.AKKOORD_MET_OPMERKING,
    }


# A tuple of two or more statuses of an indicatie, spelled out (as members or as strings): a status group.
STATUS = r"(IndicatieStatus\.\w+|\"(wacht_op_schakelteam|toegewezen|beeindigd|verlopen|afgewezen|ingetrokken)\")"
STATUSGROEP = re.compile(rf"\(\s*{STATUS}\s*,\s*{STATUS}")


def test_elke_statusgroep_staat_alleen_in_het_domein_van_het_register():
    gevonden = []
    for pakket in PAKKETTEN:
        for pad in sorted((ROOT / pakket).rglob("*.py")):
            if "migrations" in pad.parts or pad == ROOT / "indicaties" / "domein.py":
                continue
            for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1):
                if STATUSGROEP.search(regel):
                    gevonden.append(f"{pad.relative_to(ROOT)}:{nummer}: {regel.strip()}")
    assert gevonden == []


def test_het_apidocument_noemt_de_keuzes_van_het_domein_bij_hun_vaste_naam():
    """The schema names each enum of the domain as before (settings.ENUM_NAME_OVERRIDES), so a
    client generated from it keeps its types."""
    from drf_spectacular.generators import SchemaGenerator

    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    for naam, keuze in (
        ("IndicatieStatusEnum", domein.IndicatieStatus),
        ("PlanningStatusEnum", domein.EvaluatieStatus),
        ("UitkomstEnum", domein.Uitkomst),
        ("ResultaatBehaaldEnum", domein.ResultaatBehaald),
    ):
        assert schemas[naam]["enum"] == keuze.values
    assert "BehaaldEnum" not in schemas
