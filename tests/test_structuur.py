"""The structure of docs/architecture.md that import-linter cannot see: no module uses a private
name (`_bewaar`) of another module. What one module offers another is public and tested."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAKKETTEN = (
    "casusregie",
    "basis",
    "indicaties",
    "toetsing",
    "stuurinformatie",
    "berichten",
    "privacy",
    "notifications",
)


def _modules():
    for pakket in PAKKETTEN:
        for pad in sorted((ROOT / pakket).rglob("*.py")):
            if "migrations" not in pad.parts:
                yield pad


def _privaat(naam: str) -> bool:
    return naam.startswith("_") and not naam.startswith("__")


def _private_namen_van_anderen(bron: str) -> list[str]:
    boom = ast.parse(bron)
    gevonden = []
    modules = set()  # names under which another project module is imported here
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.ImportFrom):
            for alias in knoop.names:
                if _privaat(alias.name):
                    gevonden.append(
                        f"regel {knoop.lineno}: from {'.' * knoop.level}{knoop.module or ''} import {alias.name}"
                    )
                elif (knoop.level or (knoop.module or "").split(".")[0] in PAKKETTEN) and alias.name.islower():
                    modules.add(alias.asname or alias.name)  # a module (classes are CamelCase)
        elif isinstance(knoop, ast.Import):
            for alias in knoop.names:
                if alias.name.split(".")[0] in PAKKETTEN:
                    modules.add(alias.asname or alias.name.split(".")[0])
    for knoop in ast.walk(boom):
        if (
            isinstance(knoop, ast.Attribute)
            and _privaat(knoop.attr)
            and isinstance(knoop.value, ast.Name)
            and knoop.value.id in modules
        ):
            gevonden.append(f"regel {knoop.lineno}: {knoop.value.id}.{knoop.attr}")
    return gevonden


def test_geen_module_gebruikt_een_private_naam_van_een_andere_module():
    fouten = {
        str(pad.relative_to(ROOT)): namen
        for pad in _modules()
        if (namen := _private_namen_van_anderen(pad.read_text(encoding="utf-8")))
    }
    assert fouten == {}


def test_de_controle_vindt_een_private_naam_uit_een_andere_module():
    bron = "from indicaties.services.register import _bewaar\nfrom . import selectors\nselectors._intern()\n"
    assert _private_namen_van_anderen(bron) == [
        "regel 1: from indicaties.services.register import _bewaar",
        "regel 3: selectors._intern",
    ]


def test_elk_beheercommando_van_het_project_laadt():
    """Every management command of the project imports: a command that moved between packages
    with a relative import that no longer resolves fails here, not at `make run`."""
    from django.core.management import get_commands, load_command_class

    eigen = {naam: app for naam, app in get_commands().items() if app.split(".")[0] in PAKKETTEN}
    assert {"demo_data", "demo_declaraties", "run_daily_jobs"} <= eigen.keys()
    for naam, app in eigen.items():
        assert load_command_class(app, naam) is not None, naam
