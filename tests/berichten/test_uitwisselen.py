"""The exchange folder: in/ read as the API reads, then verwerkt/ or geweigerd/ (with the reason
beside it); every message klaar written to uit/ and marked verzonden."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from berichten.models import Bericht
from tests.factories import ProductFactory, maak_indicatie
from tests.indicaties.hulp import INGANG, om

from .hulp import geldig, startbericht

pytestmark = pytest.mark.django_db


def test_de_map_verwerkt_wat_binnenkomt_en_zet_klaar_in_uit(tmp_path):
    with om(INGANG):
        indicatie = maak_indicatie(product=ProductFactory(wet="jeugdwet", code="45A65"))
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "start.xml").write_bytes(startbericht(indicatie, INGANG))
        (tmp_path / "in" / "kapot.xml").write_bytes(b"<niet-af")
        call_command("berichten_uitwisselen", "--map", str(tmp_path))
    assert (tmp_path / "verwerkt" / "start.xml").exists()
    assert (tmp_path / "geweigerd" / "kapot.xml").exists()
    assert "geen goed gevormde XML" in (tmp_path / "geweigerd" / "kapot.xml.reden.txt").read_text()
    assert not list((tmp_path / "in").iterdir())
    uit = sorted(p.name for p in (tmp_path / "uit").iterdir())
    assert [naam.split("_")[0] for naam in uit] == ["JW301", "JW306"]
    for pad in (tmp_path / "uit").iterdir():
        geldig(pad.name.split("_")[0], pad.read_bytes())
    assert set(Bericht.objects.filter(richting="uit").values_list("status", flat=True)) == {"verzonden"}
    indicatie.refresh_from_db()
    assert indicatie.zorg_gestart_op == INGANG


def test_een_tweede_keer_stuurt_niets_opnieuw(tmp_path):
    with om(INGANG):
        maak_indicatie()
        call_command("berichten_uitwisselen", "--map", str(tmp_path))
        call_command("berichten_uitwisselen", "--map", str(tmp_path))
    assert len(list((tmp_path / "uit").iterdir())) == 1


def test_een_dubbel_bericht_gaat_naar_geweigerd(tmp_path):
    with om(INGANG):
        indicatie = maak_indicatie()
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "a.xml").write_bytes(startbericht(indicatie, INGANG))
        call_command("berichten_uitwisselen", "--map", str(tmp_path))
        (tmp_path / "in" / "b.xml").write_bytes(startbericht(indicatie, INGANG))
        call_command("berichten_uitwisselen", "--map", str(tmp_path))
    assert "al ontvangen" in (tmp_path / "geweigerd" / "b.xml.reden.txt").read_text()


@override_settings(CASUSREGIE_ISTANDAARDEN="")
def test_zonder_xsds_weigert_de_uitwisseling(tmp_path):
    with pytest.raises(CommandError, match="CASUSREGIE_ISTANDAARDEN"):
        call_command("berichten_uitwisselen", "--map", str(tmp_path))
