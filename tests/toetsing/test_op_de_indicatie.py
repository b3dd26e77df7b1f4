"""The indicatie itself shows a toetsing 'niet akkoord', and its history tells everything that
happened to it — registration, signals, evaluation, verdicts, messages — with full names."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from indicaties import services as register
from indicaties.models import Evaluatie
from tests.factories import gebruiker
from toetsing import services

from .hulp import AMSTERDAM, DINSDAG_W05, MAANDAG_W06, WEEK, met_spoed, om

pytestmark = pytest.mark.django_db

DAG_VAN_OORDEEL = datetime.datetime(2027, 2, 9, 11, 0, tzinfo=AMSTERDAM)
DAG_VAN_EVALUATIE = datetime.datetime(2027, 6, 10, 11, 0, tzinfo=AMSTERDAM)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def mensen():
    return {
        "consulent": gebruiker("consulent", username="cconsulent", first_name="Carla", last_name="Consulent"),
        "backoffice": gebruiker("backoffice", username="bbackoffice", first_name="Bert", last_name="Beoordelaar"),
    }


@pytest.fixture
def indicatie(mensen):
    with om(DINSDAG_W05):
        indicatie = met_spoed(mensen["consulent"])
    with om(MAANDAG_W06):
        steekproef, _ = services.trek_steekproef(WEEK)
    with om(DAG_VAN_OORDEEL):
        services.geef_oordeel(
            gebruiker=mensen["backoffice"],
            toetsing=steekproef.toetsingen.get(),
            oordeel="niet_akkoord",
            toelichting="De reden van spoed rechtvaardigt geen terugwerkende kracht.",
        )
    with om(DAG_VAN_EVALUATIE):
        evaluatie = Evaluatie.objects.get(indicatie=indicatie)
        register.rond_evaluatie_af(
            gebruiker=mensen["consulent"],
            evaluatie=evaluatie,
            uitkomst="voortzetten",
            doelen=[{"doel": d.pk, "behaald": "ja"} for d in indicatie.doelen.all()],
            toelichting="Gaat goed.",
        )
    return indicatie


def _pagina(client, gebruiker_, indicatie) -> str:
    client.force_login(gebruiker_, backend=MODEL_BACKEND)
    antwoord = client.get(reverse("web:indicatie", args=[indicatie.pk]))
    assert antwoord.status_code == 200
    return html.unescape(antwoord.content.decode())


def _historie(tekst: str) -> list[str]:
    deel = tekst.split(">Historie</h2>")[1]
    rijen = re.findall(r"<tr data-soort[^>]*>(.*?)</tr>", deel, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", r)).strip() for r in rijen]


@pytest.mark.parametrize("rol", ["consulent", "backoffice"])
def test_niet_akkoord_staat_bovenaan_de_indicatie(client, mensen, indicatie, rol):
    with om(DAG_VAN_EVALUATIE):
        tekst = _pagina(client, mensen[rol], indicatie)
    melding = re.search(r'data-testid="toetsing-niet-akkoord">(.*?)</div>', tekst, re.S).group(1)
    assert "Toetsing: niet akkoord (steekproef 2027-W05)" in melding
    assert "Beoordeeld door Bert Beoordelaar op 9-2-2027" in melding
    assert "De reden van spoed rechtvaardigt geen terugwerkende kracht." in melding
    assert "De opvolging door de consulent staat nog open." in melding
    assert tekst.index('data-testid="toetsing-niet-akkoord"') < tekst.index("<h2>Doelen</h2>")


def test_de_historie_toont_registratie_signaal_evaluatie_oordeel_en_berichten_met_volledige_namen(
    client, mensen, indicatie
):
    with om(DAG_VAN_EVALUATIE):
        rijen = _historie(_pagina(client, mensen["consulent"], indicatie))
    tekst = "\n".join(rijen)
    assert rijen[0].startswith("2-2-2027") and "Carla Consulent Indicatie" in rijen[0]
    assert "Carla Consulent Signaal : Spoed: gegeven" in tekst
    assert "Bert Beoordelaar Toetsing : Oordeel steekproef 2027-W05: niet akkoord" in tekst
    assert re.search(r"10-6-2027 \S+ Carla Consulent Evaluatie : .*afgerond", tekst)
    assert re.search(r"systeem Bericht : Toetsing 2027-W05: niet akkoord .* Aan Carla Consulent", tekst)
    # Full names, never the username.
    assert "cconsulent" not in tekst and "bbackoffice" not in tekst
    # Oldest first.
    assert tekst.index("Oordeel steekproef") < tekst.index("Gaat goed.")


def test_zonder_niet_akkoord_geen_melding(client, mensen):
    with om(DINSDAG_W05):
        indicatie = met_spoed(mensen["consulent"])
        tekst = _pagina(client, mensen["consulent"], indicatie)
    assert 'data-testid="toetsing-niet-akkoord"' not in tekst
