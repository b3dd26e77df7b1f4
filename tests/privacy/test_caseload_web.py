"""Need to know on the pages: a consulent of another team gets a 404 on every page under an inwoner
outside the caseload. Every page with an id in its address is in the list below or named as an
exception, so a new page cannot slip through."""

import pytest
from django.urls import get_resolver

from .conftest import Gemeente

pytestmark = pytest.mark.django_db

# url name -> (method, the id in the address, the form the page posts)
PAGINAS = {
    "inwoner": ("get", lambda g: g.anna.pk, None),
    "indicatie_nieuw": ("get", lambda g: g.anna.pk, None),
    "indicatie_voorbeeld": ("post", lambda g: g.anna.pk, {"volume": "6"}),
    "indicatie": ("get", lambda g: g.indicatie.pk, None),
    "indicatie_wijzigen": ("get", lambda g: g.indicatie.pk, None),
    "indicatie_intrekken": ("post", lambda g: g.indicatie.pk, {"reden": "Verhuisd."}),
    "advies_vragen": ("post", lambda g: g.indicatie.pk, {"vraag": "Past dit?"}),
    "evaluatie_afronden": ("get", lambda g: g.evaluatie.pk, None),
    "halfjaarcheck_afronden": ("get", lambda g: g.check.pk, None),
    "opvolging_afhandelen": ("get", lambda g: g.opvolging.pk, None),
    "toetsing_reactie": ("post", lambda g: g.toetsing.pk, {"reactie": "Klopt."}),
    "toetsing_opvolging": ("post", lambda g: g.toetsing.pk, {"toelichting": "Aangepast."}),
    "regisseur_overdragen": ("get", lambda g: g.anna.pk, None),
}
UITGEZONDERD = {
    "schakelteam_besluit": "schakelteam: zie test_schakelteam_op_het_scherm",
    "advies_beantwoorden": "schakelteam: een adviesvraag is zijn werk",
    "toetsing_oordeel": "backoffice: toetst elke indicatie",
    "notificatie_gelezen": "alleen de eigen notificaties",
    "declaratie": "backoffice en beheer: een declaratie van een aanbieder, over veel inwoners",
}


def _met_id(resolver=None, voorvoegsel="") -> set[str]:
    """Names of the web pages whose address holds an id (a converter in the pattern)."""
    gevonden = set()
    for patroon in (resolver or get_resolver()).url_patterns:
        if hasattr(patroon, "url_patterns"):
            naam = f"{voorvoegsel}{patroon.namespace}:" if patroon.namespace else voorvoegsel
            gevonden |= _met_id(patroon, naam)
        elif patroon.pattern.converters and voorvoegsel == "web:":
            gevonden.add(patroon.name)
    return gevonden


def test_elke_pagina_met_een_id_is_ingedeeld():
    assert _met_id() == set(PAGINAS) | set(UITGEZONDERD)


def _open(client, g: Gemeente, naam: str):
    from django.urls import reverse

    methode, kies_id, data = PAGINAS[naam]
    return getattr(client, methode)(reverse(f"web:{naam}", args=[kies_id(g)]), data or {})


@pytest.mark.parametrize("naam", list(PAGINAS))
def test_een_pagina_buiten_de_caseload_is_404(client, gemeente, nu, naam):
    client.force_login(gemeente.zeno)
    antwoord = _open(client, gemeente, naam)
    assert antwoord.status_code == 404
    assert "Anna" not in antwoord.content.decode()


@pytest.mark.parametrize("naam", [n for n, (methode, _, _) in PAGINAS.items() if methode == "get"])
def test_dezelfde_pagina_opent_voor_de_regisseur(client, gemeente, nu, naam):
    client.force_login(gemeente.carla)
    assert _open(client, gemeente, naam).status_code == 200


def test_schakelteam_op_het_scherm(client, gemeente, nu):
    client.force_login(gemeente.lid)
    assert client.get(f"/indicaties/{gemeente.indicatie.pk}/").status_code == 200
    assert client.get(f"/indicaties/{gemeente.bram_indicatie.pk}/").status_code == 404
    besluit = {"besluit": "akkoord", "toelichting": "Noodzakelijk."}
    assert client.post(f"/indicaties/{gemeente.bram_indicatie.pk}/schakelteam-besluit/", besluit).status_code == 404


def test_zoeken_toont_alleen_de_caseload(client, gemeente, nu):
    client.force_login(gemeente.zeno)
    inhoud = client.post("/inwoners/", {"naam": "de"}).content.decode()
    assert "de Boer" in inhoud and "Jansen" not in inhoud


def test_een_ongeldig_bsn_zegt_niets_over_een_inwoner_buiten_de_caseload(client, gemeente, nu):
    client.force_login(gemeente.zeno)
    fout = gemeente.anna.bsn[:-1] + str((int(gemeente.anna.bsn[-1]) + 1) % 10)
    inhoud = client.post("/inwoners/", {"bsn": fout}).content.decode()
    assert "Er is een inwoner met dit BSN" not in inhoud


def test_de_werkvoorraad_toont_alleen_werk_binnen_de_caseload_en_logt_het(client, gemeente, nu):
    from privacy import services
    from privacy.models import Verwerking
    from privacy.pseudoniem import pseudoniem

    gemeente.evaluatie.status = "open"
    gemeente.evaluatie.save()
    afronden = f"/evaluaties/{gemeente.evaluatie.pk}/afronden/"
    client.force_login(gemeente.carla)
    assert afronden in client.get("/?volledig=1").content.decode()
    assert Verwerking.objects.filter(
        betrokkene=pseudoniem(gemeente.anna.bsn), verwerkingsactiviteit="raadplegen-v1"
    ).exists()

    services.draag_regie_over(gebruiker=gemeente.carla, inwoner=gemeente.anna, regisseur=gemeente.zeno, reden="Zuid.")
    # Carla registered the indicatie, but Anna is no longer hers to see. (Her inbox keeps its
    # messages: they name an initial and a surname only.)
    assert afronden not in client.get("/?volledig=1").content.decode()


def test_de_teller_in_het_menu_telt_alleen_werk_binnen_de_caseload(client, gemeente, nu):
    import re

    from privacy import services

    gemeente.evaluatie.status = "open"
    gemeente.evaluatie.save()
    client.force_login(gemeente.carla)

    def teller() -> int:
        assert 'hx-get="/werkvoorraad/teller/"' in client.get("/inwoners/").content.decode()
        gevonden = re.search(r'<span class="teller">(\d+)', client.get("/werkvoorraad/teller/").content.decode())
        return int(gevonden.group(1)) if gevonden else 0

    voor = teller()
    services.draag_regie_over(gebruiker=gemeente.carla, inwoner=gemeente.anna, regisseur=gemeente.zeno, reden="Zuid.")
    assert 0 <= teller() < voor
