"""The tables of what follows an indicatie: evaluations and their outcomes, the schakelteam, the
review's verdicts, the signals, half-year checks and follow-ups."""

from collections.abc import Callable

from .namen import REDENNAMEN, SIGNAALNAMEN, UITKOMSTNAMEN
from .tabel import Cel, Kolom, Tabel


def evaluaties(c: dict, link: Callable) -> Tabel:
    e = c["evaluaties"]
    t = Tabel(
        "evaluaties",
        "Evaluaties (5 uur per week of meer) met vervaldatum in de periode",
        [Kolom("Evaluaties"), Kolom("Aantal", "aantal")],
    )
    for sleutel, titel in (
        ("vervallen", "Vervaldatum in de periode"),
        ("op_tijd", "Op tijd afgerond (uiterlijk op de vervaldatum)"),
        ("te_laat", "Te laat afgerond (na de vervaldatum)"),
        ("niet_afgerond_verlopen", "Niet afgerond, vervaldatum voorbij"),
        ("nog_niet_vervallen", "Nog niet afgerond, vervaldatum nog niet voorbij"),
    ):
        t.rij(titel, e[sleutel], links={1: link(f"evaluatie_{sleutel}")})
    return t


def uitkomsten(c: dict, link: Callable) -> Tabel:
    e = c["evaluaties"]
    t = Tabel(
        "uitkomsten",
        "Uitkomsten van evaluaties afgerond in de periode",
        [
            Kolom("Uitkomst"),
            Kolom("Aantal", "aantal"),
            Kolom("Resultaat behaald: ja", "aantal"),
            Kolom("Deels", "aantal"),
            Kolom("Nee", "aantal"),
        ],
    )
    for sleutel, naam in UITKOMSTNAMEN.items():
        r = e["resultaat_per_uitkomst"].get(sleutel, {})
        t.rij(
            naam,
            e["uitkomsten"][sleutel],
            r.get("ja", 0),
            r.get("deels", 0),
            r.get("nee", 0),
            links={1: link(f"uitkomst_{sleutel}")},
        )
    rb = e["resultaat_behaald"]
    t.rij(
        "Totaal",
        sum(e["uitkomsten"].values()),
        rb["ja"],
        rb["deels"],
        rb["nee"],
        links={2: link("resultaat_ja"), 3: link("resultaat_deels"), 4: link("resultaat_nee")},
    )
    return t


def schakelteam(c: dict, link: Callable) -> Tabel:
    s = c["schakelteam"]
    t = Tabel("schakelteam", "Schakelteam", [Kolom("Schakelteam"), Kolom("Aantal", "aantal")])
    t.rij("Aangevraagd (boven de drempel)", s["aangevraagd"], links={1: link("signaal_schakelteam_drempel")})
    t.rij("Akkoord", s["akkoord"], links={1: link("schakelteam_akkoord")})
    t.rij("Afgewezen", s["afgewezen"], links={1: link("schakelteam_afgewezen")})
    t.rij("Nog geen besluit", s["open"])
    # The one row that is not a count: its cell carries its own kind.
    t.rijen.append([Cel("Gemiddelde doorlooptijd tot besluit (dagen)"), Cel(s["doorlooptijd_dagen"], "dagen")])
    return t


def toetsing(c: dict, link: Callable) -> Tabel:
    s = c["toetsing"]
    t = Tabel(
        "toetsing",
        "Toetsing: oordelen gegeven in de periode",
        [
            Kolom("Reden"),
            Kolom("Getoetst", "aantal"),
            Kolom("Akkoord", "aantal"),
            Kolom("Akkoord met opmerking", "aantal"),
            Kolom("Niet akkoord", "aantal"),
        ],
    )
    for r in s["per_reden"]:
        t.rij(
            REDENNAMEN.get(r["reden"], r["reden"]),
            r["getoetst"],
            r["akkoord"],
            r["akkoord_met_opmerking"],
            r["niet_akkoord"],
        )
    t.rij(
        "Totaal",
        s["getoetst"],
        s["akkoord"],
        s["akkoord_met_opmerking"],
        s["niet_akkoord"],
        links={
            2: link("toetsing_akkoord"),
            3: link("toetsing_akkoord_met_opmerking"),
            4: link("toetsing_niet_akkoord"),
        },
    )
    return t


def signalen(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "signalen",
        "Signalen bij indicaties geregistreerd in de periode",
        [Kolom("Signaal"), Kolom("Indicaties", "aantal")],
    )
    for sleutel, naam in SIGNAALNAMEN.items():
        t.rij(naam, c["signalen"][sleutel], links={1: link(f"signaal_{sleutel}")})
    return t


def halfjaarchecks(c: dict, link: Callable) -> Tabel:
    h = c["halfjaarchecks"]
    o = c["opvolgingen"]
    t = Tabel(
        "halfjaarchecks",
        "Halfjaarchecks en opvolgingen",
        [Kolom("Halfjaarchecks en opvolgingen"), Kolom("Aantal", "aantal")],
        toelichting="Halfjaarchecks met vervaldatum in de periode (niet geannuleerd). Opvolgingen: zorg niet "
        "passend of een doel niet behaald.",
    )
    for titel, waarde in (
        ("Halfjaarchecks met vervaldatum in de periode", h["vervallen"]),
        ("Daarvan al aan de beurt", h["aan_de_beurt"]),
        ("Afgerond", h["afgerond"]),
        ("Afgerond op tijd", h["op_tijd"]),
        ("Zorg niet passend", h["niet_passend"]),
        ("Niet afgerond, vervaldatum voorbij", h["niet_afgerond_verlopen"]),
        ("Opvolgingen ontstaan in de periode", o["gestart"]),
        ("Daarvan afgehandeld", o["gestart_afgehandeld"]),
        ("Opvolgingen afgehandeld in de periode", o["afgehandeld"]),
        ("Opvolgingen open op de laatste dag", o["open_op_tot"]),
    ):
        t.rij(titel, waarde)
    return t
