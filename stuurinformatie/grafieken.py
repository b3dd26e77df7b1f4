"""Bar charts as data for an inline SVG that the server renders (no script, no external library).

Each chart has a title and a short description for screen readers; the same figures, with the
drill-down links, are in the table beside it. Colours are presentation attributes (the CSP
forbids inline style) and have at least 3:1 contrast against white.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .tabellen import UITKOMSTNAMEN, WETNAMEN, opmaak

BLAUW = "#01689b"
GRIJS = "#767676"
GROEN = "#2b6a1a"
ROOD = "#b00020"
BRUIN = "#7a4d00"

LABEL_BREEDTE = 200
STAAF_RUIMTE = 330
TEKST_RUIMTE = 110
STAAF_HOOGTE = 18
STAAF_TUSSEN = 4
GROEP_TUSSEN = 14
BOVEN = 8


@dataclass
class Staaf:
    reeks: str
    tekst: str
    kleur: str
    x: int = LABEL_BREEDTE
    y: int = 0
    breedte: int = 0
    tekst_x: int = 0
    tekst_y: int = 0


@dataclass
class Groep:
    label: str
    staven: list[Staaf]
    label_y: int = 0


@dataclass
class Grafiek:
    id: str
    titel: str
    beschrijving: str
    groepen: list[Groep]
    legenda: list[tuple[str, str]] = field(default_factory=list)
    breedte: int = LABEL_BREEDTE + STAAF_RUIMTE + TEKST_RUIMTE
    hoogte: int = 0
    as_x: int = LABEL_BREEDTE


def _schaal(grafiek: Grafiek, waarden: dict[int, Decimal], maximum: Decimal | None = None) -> Grafiek:
    """Lay the bars out: one row per bar, groups apart; widths relative to the largest value."""
    grootste = maximum if maximum is not None else max([w for w in waarden.values() if w > 0], default=Decimal(1))
    y = BOVEN
    for groep in grafiek.groepen:
        begin = y
        for staaf in groep.staven:
            waarde = waarden[id(staaf)]
            staaf.y = y
            staaf.breedte = int(STAAF_RUIMTE * max(waarde, Decimal(0)) / grootste) if grootste else 0
            staaf.tekst_x = LABEL_BREEDTE + staaf.breedte + 6
            staaf.tekst_y = y + STAAF_HOOGTE - 5
            y += STAAF_HOOGTE + STAAF_TUSSEN
        groep.label_y = (begin + y - STAAF_TUSSEN) // 2 + 4
        y += GROEP_TUSSEN
    grafiek.hoogte = y
    return grafiek


def _bouw(grafiek_id, titel, beschrijving, rijen, legenda=(), maximum=None) -> Grafiek:
    """rijen: (group label, [(series, value, text, colour), ...])."""
    waarden: dict[int, Decimal] = {}
    groepen = []
    for label, reeksen in rijen:
        staven = []
        for reeks, waarde, tekst, kleur in reeksen:
            staaf = Staaf(reeks, tekst, kleur)
            waarden[id(staaf)] = Decimal(waarde or 0)
            staven.append(staaf)
        groepen.append(Groep(label, staven))
    return _schaal(Grafiek(grafiek_id, titel, beschrijving, groepen, list(legenda)), waarden, maximum)


def productmix(cijfers: dict) -> Grafiek | None:
    paren = cijfers["productmix"]
    if not paren:
        return None
    rijen, zinnen = [], []
    for p in paren:
        basis = p["basis_aandeel_licht"] if p["basis_ingesteld"] else None
        nu_tekst, basis_tekst = opmaak(p["aandeel_licht"], "aandeel"), opmaak(basis, "aandeel")
        rijen.append(
            (
                f"{p['product']} → {p['lichtere_variant']}",
                [("Nu", p["aandeel_licht"], nu_tekst, BLAUW), ("Basis", basis, basis_tekst, GRIJS)],
            )
        )
        zinnen.append(f"{p['product']}: nu {nu_tekst}, basis {basis_tekst}")
    return _bouw(
        "grafiek-productmix",
        "Aandeel uren in de lichtere variant, nu en in de basis",
        "; ".join(zinnen) + ".",
        rijen,
        [("Nu", BLAUW), ("Basis", GRIJS)],
        maximum=Decimal(1),
    )


def evaluaties(cijfers: dict) -> Grafiek:
    e = cijfers["evaluaties"]
    soorten = [
        ("Op tijd", e["op_tijd"], GROEN),
        ("Te laat", e["te_laat"], ROOD),
        ("Niet afgerond, voorbij", e["niet_afgerond_verlopen"], BRUIN),
        ("Nog niet aan de beurt", e["nog_niet_vervallen"], GRIJS),
    ]
    return _bouw(
        "grafiek-evaluaties",
        f"Evaluaties met vervaldatum in de periode ({e['vervallen']})",
        ", ".join(f"{naam}: {aantal}" for naam, aantal, _ in soorten) + ".",
        [(naam, [(naam, aantal, opmaak(aantal, "aantal"), kleur)]) for naam, aantal, kleur in soorten],
    )


def uitkomsten(cijfers: dict) -> Grafiek:
    u = cijfers["evaluaties"]["uitkomsten"]
    return _bouw(
        "grafiek-uitkomsten",
        "Uitkomsten van evaluaties afgerond in de periode",
        ", ".join(f"{naam}: {u[s]}" for s, naam in UITKOMSTNAMEN.items()) + ".",
        [(naam, [(naam, u[s], opmaak(u[s], "aantal"), BLAUW)]) for s, naam in UITKOMSTNAMEN.items()],
    )


def besparing(cijfers: dict) -> Grafiek:
    rijen, zinnen = [], []
    for w in cijfers["businesscase"]["per_wet"]:
        naam = WETNAMEN.get(w["wet"], w["wet"])
        doel, echt = opmaak(w["doel_periode"], "geld"), opmaak(w["gerealiseerd"], "geld")
        rijen.append(
            (naam, [("Gerealiseerd", w["gerealiseerd"], echt, BLAUW), ("Doel", w["doel_periode"], doel, GRIJS)])
        )
        zinnen.append(f"{naam}: gerealiseerd {echt}, doel {doel}")
    return _bouw(
        "grafiek-besparing",
        "Vermeden kosten en productmix tegen het doel van de businesscase",
        "; ".join(zinnen) + ".",
        rijen,
        [("Gerealiseerd", BLAUW), ("Doel", GRIJS)],
    )


def kosten_per_maand(cijfers: dict) -> Grafiek | None:
    maanden = cijfers["kosten_per_maand"]
    if len(maanden) > 36:
        return None
    return _bouw(
        "grafiek-kosten",
        "Geschatte kosten per maand",
        ", ".join(f"{m['maand']}: {opmaak(m['geschatte_kosten'], 'geld')}" for m in maanden) + ".",
        [
            (m["maand"], [("Kosten", m["geschatte_kosten"], opmaak(m["geschatte_kosten"], "geld"), BLAUW)])
            for m in maanden
        ],
    )


def alle(cijfers: dict) -> dict[str, Grafiek | None]:
    return {
        "productmix": productmix(cijfers),
        "evaluaties": evaluaties(cijfers),
        "uitkomsten": uitkomsten(cijfers),
        "besparing": besparing(cijfers),
        "kosten_per_maand": kosten_per_maand(cijfers),
    }
