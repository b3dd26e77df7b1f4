"""Every page for every role: the status code each one gets, from one table."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from .conftest import MODEL_BACKEND

pytestmark = pytest.mark.django_db

# Rows: page -> (url from the world, expected status per role). "geen" is a user without roles;
# anonymous visitors are sent to the login page (tested below for every page).
KOLOMMEN = ("consulent", "schakelteam", "backoffice", "beleid", "beheer", "geen")
PAGINAS = {
    "werkvoorraad": (lambda w: reverse("start"), (200, 200, 200, 200, 200, 200)),
    "inwoners zoeken": (lambda w: reverse("web:inwoners"), (200, 200, 200, 403, 403, 403)),
    "inwoner registreren": (lambda w: reverse("web:inwoner_nieuw"), (200, 403, 403, 403, 403, 403)),
    "inwoner": (lambda w: reverse("web:inwoner", args=[w.inwoner.pk]), (200, 200, 200, 403, 403, 403)),
    "indicatie registreren": (
        lambda w: reverse("web:indicatie_nieuw", args=[w.inwoner.pk]),
        (200, 403, 403, 403, 403, 403),
    ),
    "indicatie verlengen": (
        lambda w: reverse("web:indicatie_nieuw", args=[w.inwoner.pk]) + f"?voorganger={w.indicatie.pk}",
        (200, 403, 403, 403, 403, 403),
    ),
    "indicatie": (lambda w: reverse("web:indicatie", args=[w.indicatie.pk]), (200, 200, 200, 403, 403, 403)),
    "indicatie wijzigen": (
        lambda w: reverse("web:indicatie_wijzigen", args=[w.indicatie.pk]),
        (200, 403, 403, 403, 403, 403),
    ),
    "indicatie intrekken": (
        lambda w: reverse("web:indicatie_intrekken", args=[w.indicatie.pk]),
        (200, 403, 403, 403, 403, 403),
    ),
    "evaluatie afronden": (
        lambda w: reverse("web:evaluatie_afronden", args=[w.evaluatie.pk]),
        (200, 403, 403, 403, 403, 403),
    ),
    "halfjaarcheck afronden": (
        lambda w: reverse("web:halfjaarcheck_afronden", args=[w.check.pk]),
        (200, 403, 403, 403, 403, 403),
    ),
    "advies geven": (
        lambda w: reverse("web:advies_beantwoorden", args=[w.advies.pk]),
        (403, 200, 403, 403, 403, 403),
    ),
    "notificaties": (lambda w: reverse("web:notificaties"), (200, 200, 200, 200, 200, 200)),
    "stuurinformatie": (lambda w: reverse("web:stuurinformatie"), (403, 403, 200, 200, 200, 403)),
    "toetsing (steekproef)": (lambda w: reverse("web:toetsing"), (403, 403, 200, 403, 403, 403)),
    "feedback toetsing": (lambda w: reverse("web:toetsing_feedback"), (200, 403, 403, 403, 403, 403)),
    "mijn caseload": (lambda w: reverse("web:mijn_caseload"), (200, 403, 403, 403, 403, 403)),
    "berichtenverkeer": (lambda w: reverse("web:berichtenverkeer"), (403, 403, 200, 403, 200, 403)),
    "declaraties": (lambda w: reverse("web:declaraties"), (403, 403, 200, 403, 200, 403)),
}
GEVALLEN = [
    pytest.param(pagina, rol, verwacht, id=f"{pagina}-{rol}")
    for pagina, (_, codes) in PAGINAS.items()
    for rol, verwacht in zip(KOLOMMEN, codes, strict=True)
]


@pytest.mark.parametrize(("pagina", "rol", "verwacht"), GEVALLEN)
def test_pagina_per_rol_geeft_de_verwachte_status(client, wereld, pagina, rol, verwacht):
    url = PAGINAS[pagina][0](wereld)
    client.force_login(wereld.gebruiker_voor(rol), backend=MODEL_BACKEND)
    antwoord = client.get(url)
    assert antwoord.status_code == verwacht, f"{pagina} als {rol}: {antwoord.status_code}"
    if verwacht == 403:
        assert "Geen toegang" in antwoord.content.decode()


@pytest.mark.parametrize("pagina", list(PAGINAS))
def test_anoniem_gaat_naar_inloggen_met_de_pagina_als_vervolg(client, wereld, pagina):
    url = PAGINAS[pagina][0](wereld)
    antwoord = client.get(url)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"/inloggen/?next={quote(url, safe='/')}"


def test_inlogpagina_is_open_voor_anoniem_en_stuurt_ingelogden_door(client, wereld):
    assert client.get("/inloggen/").status_code == 200
    client.force_login(wereld.consulent, backend=MODEL_BACKEND)
    antwoord = client.get("/inloggen/")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/"


@pytest.mark.parametrize(
    ("rol", "kop"),
    [
        ("consulent", "Evaluaties open of te laat"),
        ("schakelteam", "Te beoordelen"),
        ("backoffice", "Oordelen te geven"),
        ("beleid", "Naar het overzicht"),
        ("beheer", "Producten en tarieven"),
        ("geen", "U heeft nog geen rol"),
    ],
)
def test_werkvoorraad_toont_het_werk_van_de_rol(client, wereld, rol, kop):
    client.force_login(wereld.gebruiker_voor(rol), backend=MODEL_BACKEND)
    assert kop in client.get("/?volledig=1").content.decode()


def test_rol_wisselen_toont_de_werkvoorraad_van_de_gekozen_rol(als, wereld):
    client = als("consulent", "schakelteam")
    eerst = client.get("/?volledig=1").content.decode()
    assert "Werkvoorraad – Consulent" in eerst
    assert 'name="rol"' in eerst
    antwoord = client.post("/rol/", {"rol": "schakelteam"})
    assert antwoord.status_code == 302
    assert "Werkvoorraad – Schakelteam" in client.get("/?volledig=1").content.decode()


def test_een_rol_die_de_gebruiker_niet_heeft_wordt_niet_gekozen(als, wereld):
    client = als("consulent")
    client.post("/rol/", {"rol": "beheer"})
    assert "Werkvoorraad – Consulent" in client.get("/?volledig=1").content.decode()


def test_rol_wisselen_kan_alleen_met_post(als, wereld):
    assert als("consulent").get("/rol/").status_code == 405


@pytest.mark.parametrize(
    ("naam", "rollen", "verwacht"),
    [
        ("indicatie_voorbeeld", ("consulent",), 200),
        ("indicatie_voorbeeld", ("schakelteam",), 403),
        ("indicatie_voorbeeld", ("backoffice",), 403),
        ("indicatie_voorbeeld", ("beleid",), 403),
        ("indicatie_voorbeeld", ("beheer",), 403),
        ("indicatie_voorbeeld", (), 403),
        ("schakelteam_besluit", ("consulent",), 403),
        ("schakelteam_besluit", ("backoffice",), 403),
        ("schakelteam_besluit", ("schakelteam",), 200),
        ("advies_vragen", ("consulent",), 200),
        ("advies_vragen", ("schakelteam",), 403),
        ("advies_vragen", ("beleid",), 403),
    ],
)
def test_post_acties_per_rol(als, wereld, naam, rollen, verwacht):
    """An empty POST: the roles allowed in get the form back with errors (200), others 403."""
    pk = wereld.inwoner.pk if naam == "indicatie_voorbeeld" else wereld.wachtend.pk
    antwoord = als(*rollen).post(reverse(f"web:{naam}", args=[pk]), {})
    assert antwoord.status_code == verwacht


@pytest.mark.parametrize("naam", ["indicatie_voorbeeld", "schakelteam_besluit", "advies_vragen"])
def test_post_acties_weigeren_get(als, wereld, naam):
    pk = wereld.inwoner.pk if naam == "indicatie_voorbeeld" else wereld.wachtend.pk
    assert als("consulent", "schakelteam").get(reverse(f"web:{naam}", args=[pk])).status_code == 405


def test_onbekende_pagina_is_een_nederlandse_404(als, wereld):
    antwoord = als("consulent").get("/indicaties/00000000-0000-0000-0000-000000000000/")
    assert antwoord.status_code == 404
    assert "Niet gevonden" in antwoord.content.decode()
