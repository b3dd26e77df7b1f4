"""The werkvoorraad: each section counts all its work, also the part beyond the rows it shows,
and the consulent sees the notifications they have not read yet."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from basis import clock
from casusregie.werkvoorraad import WACHTRIJ_LIMIET
from notifications.models import Notificatie

from .conftest import bulk_adviezen, bulk_evaluaties, bulk_indicaties, bulk_notificaties

pytestmark = pytest.mark.django_db


def _pagina(client) -> str:
    antwoord = client.get(reverse("start") + "?volledig=1")
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def test_boven_de_limiet_staat_het_echte_aantal_in_de_kop_en_de_melding_dat_niet_alles_getoond_wordt(als):
    client = als("consulent")
    bulk_evaluaties(bulk_indicaties(WACHTRIJ_LIMIET + 1, consulent=client.user))
    html = _pagina(client)
    assert "Evaluaties open of te laat (51)" in html
    assert "De eerste 50 van 51 worden getoond." in html
    assert html.count("Evaluatie afronden") == WACHTRIJ_LIMIET


def test_precies_op_de_limiet_wordt_alles_getoond_zonder_melding(als):
    client = als("consulent")
    bulk_evaluaties(bulk_indicaties(WACHTRIJ_LIMIET, consulent=client.user))
    html = _pagina(client)
    assert "Evaluaties open of te laat (50)" in html
    assert "De eerste" not in html
    assert html.count("Evaluatie afronden") == WACHTRIJ_LIMIET


def test_schakelteam_ziet_het_echte_aantal_adviesvragen_boven_de_limiet(als):
    vrager = als("consulent").user
    bulk_adviezen(bulk_indicaties(WACHTRIJ_LIMIET + 3, consulent=vrager), vrager)
    html = _pagina(als("schakelteam"))
    assert "Adviesvragen (53)" in html
    assert "De eerste 50 van 53 worden getoond." in html


def test_ongelezen_notificaties_staan_in_de_werkvoorraad_met_een_link_naar_de_inbox(als):
    client = als("consulent")
    Notificatie.objects.create(
        ontvanger=client.user, soort="evaluatie_open", sleutel="a", onderwerp="Evaluatie van J. Jansen staat open"
    )
    html = _pagina(client)
    assert "Ongelezen notificaties (1)" in html
    assert "Evaluatie van J. Jansen staat open" in html
    assert f'href="{reverse("web:notificaties")}"' in html


def test_een_gelezen_notificatie_verdwijnt_uit_de_werkvoorraad(als):
    client = als("consulent")
    notificatie = Notificatie.objects.create(
        ontvanger=client.user, soort="evaluatie_open", sleutel="a", onderwerp="Evaluatie van J. Jansen staat open"
    )
    assert "Evaluatie van J. Jansen staat open" in _pagina(client)

    antwoord = client.post(reverse("web:notificatie_gelezen", args=[notificatie.pk]))
    assert antwoord.status_code == 302

    html = _pagina(client)
    assert "Evaluatie van J. Jansen staat open" not in html
    assert "Ongelezen notificaties (0)" in html
    assert "Geen ongelezen notificaties." in html


def test_werkvoorraad_toont_geen_notificaties_van_een_ander(als):
    andere = als("consulent").user
    Notificatie.objects.create(ontvanger=andere, soort="evaluatie_open", sleutel="a", onderwerp="Voor de collega")
    html = _pagina(als("consulent"))
    assert "Voor de collega" not in html
    assert "Ongelezen notificaties (0)" in html


def test_nieuwste_ongelezen_notificatie_staat_bovenaan(als):
    client = als("consulent")
    oud = Notificatie.objects.create(ontvanger=client.user, soort="evaluatie_open", sleutel="a", onderwerp="Oudste")
    Notificatie.objects.create(ontvanger=client.user, soort="evaluatie_open", sleutel="b", onderwerp="Nieuwste")
    Notificatie.objects.filter(pk=oud.pk).update(aangemaakt=clock.now() - datetime.timedelta(days=1))
    html = _pagina(client)
    assert html.index("Nieuwste") < html.index("Oudste")


def test_ongelezen_notificaties_boven_de_limiet_tellen_allemaal_mee(als):
    client = als("consulent")
    bulk_notificaties(WACHTRIJ_LIMIET + 1, client.user)
    bulk_notificaties(5, client.user, gelezen=True)
    html = _pagina(client)
    assert "Ongelezen notificaties (51)" in html
    assert "De eerste 50 van 51 worden getoond." in html


def _laadt_teller() -> str:
    return f'Werkvoorraad <span hx-get="{reverse("werkvoorraad_teller")}" hx-trigger="load" hx-swap="outerHTML">'


def _teller_later(client) -> int:
    """The badge as it arrives after a page other than the start page."""
    return _teller("Werkvoorraad " + client.get(reverse("werkvoorraad_teller")).content.decode())


def _teller(html: str) -> int:
    gevonden = re.search(r'Werkvoorraad <span class="teller">(\d+)<', html)
    assert gevonden, "geen teller bij Werkvoorraad"
    return int(gevonden.group(1))


@pytest.mark.parametrize("rol", ["consulent", "schakelteam"])
def test_het_menu_neemt_de_aantallen_van_de_werkvoorraad_over_en_telt_niets_twee_keer(als, rol):
    # The badge adds up the same queues as the sections: on the start page it takes their totals,
    # which each section read with its rows in one query (a window), instead of counting again.
    # On any other page the badge loads after the page, and must come to the same number.
    eigen = als("consulent")
    consulent = eigen.user
    indicaties = bulk_indicaties(3, consulent=consulent)
    bulk_evaluaties(indicaties)
    bulk_adviezen(indicaties[:2], consulent)
    bulk_notificaties(2, consulent)
    client = eigen if rol == "consulent" else als(rol)
    with CaptureQueriesContext(connection) as queries:
        html = _pagina(client)
    tellingen = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    # Only the inbox's own badge, where the page has no section of unread notifications.
    assert tellingen == ([] if rol == "consulent" else [t for t in tellingen if "notifications_notificatie" in t])
    assert len(tellingen) <= 1
    elders = client.get(reverse("web:notificaties")).content.decode()
    assert "Werkvoorraad <span" not in elders.replace(_laadt_teller(), "")
    assert _laadt_teller() in elders
    assert _teller(html) == _teller_later(client) >= (3 if rol == "consulent" else 2)
    ongelezen = re.compile(r'Notificaties <span class="teller">(\d+)<')
    assert [m.group(1) for m in ongelezen.finditer(html)] == ([] if rol == "schakelteam" else ["2"])


# --- The page that loads its sections after it ---------------------------------------------------


@pytest.mark.parametrize(
    ("rol", "secties"),
    [
        (
            "consulent",
            [
                "evaluaties",
                "checks",
                "opvolging_nodig",
                "wachtend",
                "wlz_conflicten",
                "aflopend",
                "achttien",
                "opvolgingen",
                "notificaties",
            ],
        ),
        ("schakelteam", ["wachtend", "adviezen"]),
        ("backoffice", ["open_toetsingen", "opvolgingen"]),
        ("beleid", []),
    ],
)
def test_de_pagina_heeft_een_plaats_per_sectie_die_daarna_laadt_en_telt_zelf_niets(als, rol, secties):
    client = als(rol)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("start")).content.decode()
    geladen = re.findall(r'<section id="sectie-([a-z_]+)" hx-get="([^"]+)" hx-trigger="load"', html)
    assert [naam for naam, _ in geladen] == secties
    assert all(url == reverse("werkvoorraad_sectie", args=[naam]) for naam, url in geladen)
    # No queue is read or counted for the page itself, and its badge loads after it too.
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "indicaties_evaluatie" not in sql and "indicaties_indicatie" not in sql
    assert ("werkvoorraad/teller/" in html) is bool(secties)
    # Without JavaScript the same work is one link away.
    assert ('href="?volledig=1"' in html) is bool(secties)


def test_een_sectie_laadt_met_haar_aantal_en_rijen_en_telt_als_op_de_volledige_pagina(als):
    client = als("consulent")
    bulk_evaluaties(bulk_indicaties(WACHTRIJ_LIMIET + 1, consulent=client.user))
    sectie = client.get(reverse("werkvoorraad_sectie", args=["evaluaties"]))
    assert sectie.status_code == 200
    html = sectie.content.decode()
    assert "<h2>Evaluaties open of te laat (51)</h2>" in html
    assert "De eerste 50 van 51 worden getoond." in html
    assert html.count("Evaluatie afronden") == WACHTRIJ_LIMIET
    assert "<html" not in html  # a piece of the page, not a page
    # The badge that loads after the page comes to the same number of open work.
    assert _teller_later(client) == 51


def test_een_sectie_van_een_andere_rol_of_die_niet_bestaat_is_er_niet(als):
    from django.test import Client

    consulent = als("consulent")
    assert consulent.get(reverse("werkvoorraad_sectie", args=["adviezen"])).status_code == 404
    assert consulent.get(reverse("werkvoorraad_sectie", args=["bestaat_niet"])).status_code == 404
    assert als("beleid").get(reverse("werkvoorraad_sectie", args=["evaluaties"])).status_code == 404
    # Not logged in: to the login page.
    antwoord = Client().get(reverse("werkvoorraad_sectie", args=["evaluaties"]))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))


def test_een_sectie_toont_alleen_wat_de_rol_mag_zien(als):
    # The schakelteam does not see its own consulent's queue under "Te beoordelen" (four eyes):
    # the section applies the same selection as the full page.
    from tests.factories import gebruiker

    lid = als("schakelteam")
    bulk_indicaties(2, consulent=lid.user, status="wacht_op_schakelteam")
    anderen = bulk_indicaties(3, consulent=gebruiker("consulent"), status="wacht_op_schakelteam")
    html = lid.get(reverse("werkvoorraad_sectie", args=["wachtend"])).content.decode()
    assert "Te beoordelen (3)" in html
    assert html.count('#besluit">Beoordelen') == len(anderen)
