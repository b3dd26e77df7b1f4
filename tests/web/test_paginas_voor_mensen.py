"""Pages that speak to people: notifications that lead to their case, the backoffice's planning
of the sample, a sample that names who it is about, feedback without a reaction box where none
is needed, and "Alle tabellen" with a table of contents and sections that open and close."""

import datetime
import html
import re

import pytest
import time_machine
from django.urls import reverse

from notifications.models import Notificatie
from tests.toetsing.hulp import AMSTERDAM, DINSDAG_W05, MAANDAG_W06, WEEK, gewone, met_spoed, om
from toetsing import services as toetsing

pytestmark = pytest.mark.django_db


def _tekst(antwoord) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", antwoord.content.decode()))


def test_een_notificatie_leidt_naar_haar_zaak_en_alles_kan_in_een_keer_gelezen(wereld, als):
    client = als(user=wereld.consulent)
    evaluatie = Notificatie.objects.create(
        ontvanger=wereld.consulent,
        soort="evaluatie_te_laat",
        sleutel="x",
        onderwerp="Evaluatie te laat",
        object_id=wereld.evaluatie.pk,
    )
    besluit = Notificatie.objects.create(
        ontvanger=wereld.consulent,
        soort="schakelteam_besluit",
        sleutel="y",
        onderwerp="Besluit",
        object_id=wereld.indicatie.pk,
    )
    pagina = client.get(reverse("web:notificaties")).content.decode()
    assert f'href="{reverse("web:evaluatie_afronden", args=[evaluatie.object_id])}"' in pagina
    assert f'href="{reverse("web:indicatie", args=[besluit.object_id])}"' in pagina
    assert "Alles als gelezen markeren" in pagina

    antwoord = client.post(reverse("web:notificaties_alles_gelezen"))
    assert antwoord.status_code == 302
    assert not Notificatie.objects.filter(ontvanger=wereld.consulent, gelezen=False).exists()
    assert "Alles als gelezen markeren" not in client.get(reverse("web:notificaties")).content.decode()


def test_een_ongelezen_notificatie_op_de_werkvoorraad_leidt_ook_naar_haar_zaak(wereld, als):
    Notificatie.objects.create(
        ontvanger=wereld.consulent,
        soort="halfjaarcheck_open",
        sleutel="h",
        onderwerp="Halfjaarcheck open",
        object_id=wereld.check.pk,
    )
    pagina = als(user=wereld.consulent).get("/?volledig=1").content.decode()
    link = reverse("web:halfjaarcheck_afronden", args=[wereld.check.pk])
    assert f'<a href="{link}">Halfjaarcheck open</a>' in pagina


def test_alles_gelezen_raakt_alleen_de_eigen_notificaties(wereld, als):
    ander = Notificatie.objects.create(ontvanger=wereld.collega, soort="evaluatie_open", sleutel="z", onderwerp="X")
    als(user=wereld.consulent).post(reverse("web:notificaties_alles_gelezen"))
    ander.refresh_from_db()
    assert ander.gelezen is False


def test_alles_gelezen_alleen_met_post(wereld, als):
    assert als(user=wereld.consulent).get(reverse("web:notificaties_alles_gelezen")).status_code == 405


def test_de_backoffice_ziet_wanneer_de_steekproef_getrokken_kan_worden(als):
    # Tuesday of week 5: last week's (week 4) can be drawn, this week's from Monday 8-2.
    with om(DINSDAG_W05):
        client = als("backoffice")
        tekst = _tekst(client.get("/?volledig=1"))
    assert "De steekproef van week 4 (25-1 t/m 31-1-2027) kan nu worden getrokken (vanaf maandag 1-2-2027)." in tekst
    assert "Die van deze week, week 5 (1-2 t/m 7-2-2027), kan worden getrokken vanaf maandag 8-2-2027" in tekst
    # Once drawn, it says so.
    with om(MAANDAG_W06):
        toetsing.trek_steekproef(WEEK)
        tekst = _tekst(als("backoffice").get("/?volledig=1"))
    assert "De steekproef van week 5 (1-2 t/m 7-2-2027) is getrokken." in tekst


def test_de_steekproef_noemt_inwoner_en_consulent(als):
    from tests.factories import gebruiker

    consulent = gebruiker("consulent", first_name="Carla", last_name="Consulent")
    with om(DINSDAG_W05):
        indicatie = met_spoed(consulent)
    with om(MAANDAG_W06):
        toetsing.trek_steekproef(WEEK)
        tekst = _tekst(als("backoffice").get(reverse("web:toetsing"), {"week": WEEK}))
    rij = re.search(r"Spoed.*?Oordeel geven", tekst, re.S).group(0)
    assert str(indicatie.inwoner) in rij
    assert "Carla Consulent" in rij


def test_bij_akkoord_staat_het_reactievak_dicht(als):
    from tests.factories import gebruiker

    consulent = gebruiker("consulent")
    with om(DINSDAG_W05):
        gewone(consulent)
        met_spoed(consulent)
    with om(MAANDAG_W06):
        steekproef, _ = toetsing.trek_steekproef(WEEK, percentage=100)
    dag = datetime.datetime(2027, 2, 9, 10, 0, tzinfo=AMSTERDAM)
    with time_machine.travel(dag, tick=False):
        akkoord, niet = steekproef.toetsingen.order_by("reden")[:2]
        toetsing.geef_oordeel(gebruiker=gebruiker("backoffice"), toetsing=akkoord, oordeel="akkoord", toelichting="")
        toetsing.geef_oordeel(
            gebruiker=gebruiker("backoffice"), toetsing=niet, oordeel="niet_akkoord", toelichting="Motiveer de spoed."
        )
        pagina = als(user=consulent).get(reverse("web:toetsing_feedback")).content.decode()
    assert pagina.count('<details class="reactie">') == 1
    # The one judged "niet akkoord" asks for a reaction in the open.
    open_vak = re.search(rf'<section[^>]*aria-labelledby="t{niet.pk}".*?</section>', pagina, re.S).group(0)
    assert "<details" not in open_vak and f'id="reactie{niet.pk}"' in open_vak
    assert "2 oordelen over uw indicaties" in _tekst_van(pagina)


def _tekst_van(pagina: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", pagina))


def test_alle_tabellen_heeft_een_inhoudsopgave_en_secties_die_dichtgaan(als):
    pagina = als("beleid").get(reverse("web:stuurinformatie_tabellen")).content.decode()
    inhoud = re.search(r'<nav class="inhoudsopgave".*?</nav>', pagina, re.S).group(0)
    doelen = re.findall(r'href="#([^"]+)"', inhoud)
    assert len(doelen) >= 8
    for doel in doelen:
        assert f'<details class="sectie" id="{doel}"' in pagina
    # Only the first section is open when the page opens.
    assert pagina.count('<details class="sectie"') == len(doelen)
    assert len(re.findall(r'<details class="sectie" id="[^"]+" open>', pagina)) == 1


# --- Mijn caseload ---------------------------------------------------------------------------------


@pytest.fixture
def caseload(db):
    from indicaties.models import Halfjaarcheck
    from tests.factories import InwonerFactory, gebruiker, maak_indicatie

    consulent = gebruiker("consulent")
    vandaag = datetime.date.today()
    anna = InwonerFactory(voornaam="Anna", achternaam="Aalders", regisseur=consulent)
    bram = InwonerFactory(voornaam="Bram", achternaam="Bos", regisseur=consulent)
    InwonerFactory(voornaam="Cor", achternaam="Claes", regisseur=gebruiker("consulent"))  # not hers
    maak_indicatie(consulent, inwoner=bram)
    Halfjaarcheck.objects.create(inwoner=anna, vervaldatum=vandaag + datetime.timedelta(days=3), status="open")
    return consulent


def _namen(pagina: str) -> list[str]:
    return re.findall(r'<td><a href="/inwoners/[^"]+/">([^<]+)</a></td>', pagina)


def test_mijn_caseload_toont_alleen_de_eigen_inwoners_gesorteerd(caseload, als):
    client = als(user=caseload)
    pagina = client.get(reverse("web:mijn_caseload")).content.decode()
    assert _namen(pagina) == ["Aalders, Anna", "Bos, Bram"]
    assert "2 inwoners" in _tekst_van(pagina)
    assert 'aria-sort="ascending"' in pagina
    aflopend = client.get(reverse("web:mijn_caseload"), {"sorteer": "-naam"}).content.decode()
    assert _namen(aflopend) == ["Bos, Bram", "Aalders, Anna"]
    assert 'aria-sort="descending"' in aflopend
    # Most running indicaties first; the one with something due first.
    assert _namen(client.get(reverse("web:mijn_caseload"), {"sorteer": "-lopend"}).content.decode())[0] == "Bos, Bram"
    eerst = client.get(reverse("web:mijn_caseload"), {"sorteer": "eerstvolgende"}).content.decode()
    assert _namen(eerst)[0] == "Aalders, Anna"


def test_mijn_caseload_filtert_op_naam_en_lopende_zorg(caseload, als):
    client = als(user=caseload)
    assert _namen(client.get(reverse("web:mijn_caseload"), {"naam": "bram"}).content.decode()) == ["Bos, Bram"]
    assert _namen(client.get(reverse("web:mijn_caseload"), {"lopend": "1"}).content.decode()) == ["Bos, Bram"]
    leeg = client.get(reverse("web:mijn_caseload"), {"naam": "niemand"}).content.decode()
    assert "Geen inwoners voor dit filter." in leeg
    # An unknown column sorts by name instead of failing.
    assert client.get(reverse("web:mijn_caseload"), {"sorteer": "bsn"}).status_code == 200


def test_mijn_caseload_staat_in_het_menu_van_de_consulent(caseload, als):
    assert 'href="/mijn-caseload/"' in als(user=caseload).get("/?volledig=1").content.decode()


def test_het_registratieformulier_staat_in_secties_en_verliest_geen_veld(wereld, als):
    from indicaties.web.forms import IndicatieForm

    pagina = als(user=wereld.consulent).get(reverse("web:indicatie_nieuw", args=[wereld.inwoner.pk])).content.decode()
    assert re.findall(r"<legend>(Zorg|Periode|Onderbouwing)</legend>", pagina) == ["Zorg", "Periode", "Onderbouwing"]
    for naam in IndicatieForm.base_fields:
        assert pagina.count(f'name="{naam}"') == 1, naam
