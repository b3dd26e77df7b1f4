"""The register of processing activities: unique, versioned ids, and docs/privacy.md shows the same
register. That every entry point declares one of them: test_verwerkingsactiviteiten.py."""

import re
from pathlib import Path

from django.conf import settings

from privacy import register


def test_ids_zijn_uniek_en_hebben_een_versie():
    ids = [a.id for a in register.ACTIVITEITEN]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z-]+-v\d+", i) for i in ids)


def test_de_documentatie_toont_hetzelfde_register():
    tekst = (Path(settings.BASE_DIR) / "docs" / "privacy.md").read_text(encoding="utf-8")
    rijen = re.findall(r"^\| `([a-z-]+-v\d+)` \| ([^|]+) \|", tekst, flags=re.M)
    assert {i: naam.strip() for i, naam in rijen} == {a.id: a.naam for a in register.ACTIVITEITEN}
