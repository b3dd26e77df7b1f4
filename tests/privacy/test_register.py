"""The register of processing activities: every entry point names a registered activity and an
existing route, and docs/privacy.md shows the same register."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import get_resolver

from privacy import register


def _routenamen(resolver=None, voorvoegsel="") -> set[str]:
    namen = set()
    for patroon in (resolver or get_resolver()).url_patterns:
        if hasattr(patroon, "url_patterns"):
            namen |= _routenamen(patroon, f"{voorvoegsel}{patroon.namespace}:" if patroon.namespace else voorvoegsel)
        elif patroon.name:
            namen.add(f"{voorvoegsel}{patroon.name}")
    return namen


def test_elke_ingang_noemt_een_bestaande_route_en_een_geregistreerde_activiteit():
    routes = _routenamen()
    for sleutel, activiteit in register.INGANGEN.items():
        methode, naam = sleutel.split(" ")
        assert methode in ("GET", "POST", "PATCH"), sleutel
        assert naam in routes, sleutel
        assert activiteit in register.PER_ID, sleutel
    assert set(register.VOORVOEGSELS.values()) <= set(register.PER_ID)


def test_een_ingang_buiten_het_register_krijgt_toch_een_activiteit():
    assert register.activiteit_van("GET", "web:iets_nieuws") == "inzien-dossier-v1"
    assert register.activiteit_van("POST", "iets-nieuws") == "wijzigen-indicatie-v1"
    assert register.activiteit_van("GET", "admin:indicaties_inwoner_changelist") == "beheer-v1"


def test_ids_zijn_uniek_en_hebben_een_versie():
    ids = [a.id for a in register.ACTIVITEITEN]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z-]+-v\d+", i) for i in ids)


def test_de_documentatie_toont_hetzelfde_register():
    tekst = (Path(settings.BASE_DIR) / "docs" / "privacy.md").read_text(encoding="utf-8")
    rijen = re.findall(r"^\| `([a-z-]+-v\d+)` \| ([^|]+) \|", tekst, flags=re.M)
    assert {i: naam.strip() for i, naam in rijen} == {a.id: a.naam for a in register.ACTIVITEITEN}
