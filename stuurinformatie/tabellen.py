"""The tables of the dashboard, built once from the figures: the page shows them (with drill-down
links) and the export writes exactly the same rows as CSV or XLSX.

No table holds data of an inwoner: the rows are laws, products, months, providers and
consulenten, each with the teams they belong to.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from basis.codes import SIGNALEN, Code, label
from basis.notatie import euro, maand_tekst

from .filters import Keuze
from .selectors import SIGNAAL_SLEUTELS

WETNAMEN = {"wmo": "Wmo", "jeugdwet": "Jeugdwet"}
# Keys of the figures (stuurinformatie.selectors) to the labels of their codes.
SIGNAALNAMEN = {sleutel: code.label for code, sleutel in SIGNAAL_SLEUTELS.items()}
REDENNAMEN = {reden: label(reden) for reden in (Code.STEEKPROEF, *SIGNALEN)}
UITKOMSTNAMEN = {
    "voortzetten": "Voortzetten",
    "afschalen": "Afschalen",
    "beeindigen": "Beëindigen",
    "anders_inzetten": "Anders inzetten",
}


# A team's figures are not the sum of its consulenten's (an inwoner can be in the caseload of
# two of them), so the rows stay per consulent, with the team they belong to.
TEAMS_TOELICHTING = (
    "Per consulent die de indicaties registreerde, met tussen haakjes het team (of de teams) waarin die "
    "zit; de teams legt beheer vast onder Teams."
)


def consulent_met_team(rij: dict) -> str:
    """Carla Consulent (Wijkteam Centrum)."""
    teams = rij.get("teams") or []
    return f"{rij['naam']} ({', '.join(teams)})" if teams else rij["naam"]


def _getal(waarde: Decimal, decimalen: int) -> str:
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def opmaak(waarde, soort: str) -> str:
    """Dutch notation for the page: 1.234 · € 1.234,56 · 73,6 % · 1.234,50."""
    if waarde is None or waarde == "":
        return "–"
    if soort == "aantal":
        return _getal(Decimal(waarde), 0)
    if soort == "geld":
        return euro(Decimal(waarde))
    if soort == "aandeel":
        return f"{_getal(Decimal(waarde) * 100, 1)} %"
    if soort in ("uren", "dagen"):
        return _getal(Decimal(waarde), 2 if soort == "uren" else 1)
    if soort == "maand":
        return maand_tekst(waarde)
    return str(waarde)


def typeer(waarde, soort: str):
    """The value for an export: a number where the column holds numbers."""
    if waarde is None or waarde == "":
        return None
    if soort == "aantal":
        return int(waarde)
    if soort in ("geld", "aandeel", "uren", "dagen"):
        return Decimal(waarde)
    if soort == "maand":
        return maand_tekst(waarde)
    return str(waarde)


@dataclass
class Kolom:
    titel: str
    soort: str = "tekst"

    @property
    def is_getal(self) -> bool:
        return self.soort not in ("tekst", "maand")


@dataclass
class Cel:
    waarde: object
    soort: str = "tekst"
    link: str | None = None

    @property
    def tekst(self) -> str:
        return opmaak(self.waarde, self.soort)

    @property
    def is_getal(self) -> bool:
        return self.soort not in ("tekst", "maand")


@dataclass
class Tabel:
    naam: str
    titel: str
    kolommen: list[Kolom]
    rijen: list[list[Cel]] = field(default_factory=list)
    toelichting: str = ""
    # The page shows at most this many rows (a long list of providers would bury the dashboard);
    # the export always holds every row.
    max_op_pagina: int | None = None

    @property
    def rijen_op_pagina(self) -> list[list[Cel]]:
        return self.rijen[: self.max_op_pagina] if self.max_op_pagina else self.rijen

    @property
    def niet_getoond(self) -> int:
        return len(self.rijen) - len(self.rijen_op_pagina)

    def rij(self, *waarden, links: dict[int, str | None] | None = None) -> None:
        links = links or {}
        self.rijen.append(
            [Cel(w, k.soort, links.get(i)) for i, (w, k) in enumerate(zip(waarden, self.kolommen, strict=True))]
        )


class Drilldown:
    """Links to the list of indicaties behind a figure, with the current period and filters."""

    def __init__(self, keuze: Keuze):
        self.keuze = keuze
        self.basis = keuze.query()
        self.pad = reverse("web:stuurinformatie_indicaties")  # once: a page makes hundreds of links

    def __call__(self, soort: str, **anders) -> str:
        query = dict(self.basis)
        query.update({k: str(v) for k, v in anders.items() if v is not None})
        query["soort"] = soort
        return f"{self.pad}?{urlencode(query)}"


def _indicaties(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "indicaties",
        "Indicaties per wet",
        [
            Kolom("Wet"),
            Kolom("Geregistreerd", "aantal"),
            Kolom("Geschatte kosten (geregistreerd)", "geld"),
            Kolom("Actief op laatste dag", "aantal"),
            Kolom("Uur per week (actief op laatste dag)", "uren"),
            Kolom("Geschatte kosten in de periode", "geld"),
        ],
    )
    for wet, w in c["per_wet"].items():
        t.rij(
            WETNAMEN.get(wet, wet),
            w["geregistreerd"],
            w["geschatte_kosten"],
            w["actief_op_tot"],
            w["uren_per_week"],
            w["kosten_in_periode"],
            links={1: link("geregistreerd", wet=wet), 3: link("actief_op_tot", wet=wet)},
        )
    i = c["indicaties"]
    t.rij(
        "Totaal",
        i["geregistreerd"],
        i["geschatte_kosten"],
        i["actief_op_tot"],
        i["uren_per_week"],
        i["kosten_in_periode"],
        links={1: link("geregistreerd"), 3: link("actief_op_tot")},
    )
    return t


def _per_product(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "per_product",
        "Per product",
        [
            Kolom("Product"),
            Kolom("Naam"),
            Kolom("Wet"),
            Kolom("Geregistreerd", "aantal"),
            Kolom("Geschatte kosten (geregistreerd)", "geld"),
            Kolom("Actief op laatste dag", "aantal"),
            Kolom("Uur per week (actief op laatste dag)", "uren"),
            Kolom("Uren in de periode", "uren"),
            Kolom("Geschatte kosten in de periode", "geld"),
        ],
    )
    for r in c["per_product"]:
        t.rij(
            r["product"],
            r["naam"],
            WETNAMEN.get(r["wet"], r["wet"]),
            r["geregistreerd"],
            r["geschatte_kosten"],
            r["actief_op_tot"],
            r["uren_per_week"],
            r["uren_in_periode"],
            r["kosten_in_periode"],
            links={
                3: link("geregistreerd", product=r["product"]),
                5: link("actief_op_tot", product=r["product"]),
                7: link("actief_in_periode", product=r["product"]),
            },
        )
    return t


def _productmix(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "productmix",
        "Productmix: zwaardere en lichtere variant",
        [
            Kolom("Product (zwaarder)"),
            Kolom("Lichtere variant"),
            Kolom("Uren zwaar in de periode", "uren"),
            Kolom("Uren licht in de periode", "uren"),
            Kolom("Aandeel licht", "aandeel"),
            Kolom("Basis aandeel licht", "aandeel"),
            Kolom("Besparing tegen tarieven van vandaag", "geld"),
        ],
        toelichting="Een positieve besparing: meer uren in de lichtere variant dan in de basis.",
    )
    for r in c["productmix"]:
        t.rij(
            f"{r['product']} {r['naam']}",
            f"{r['lichtere_variant']} {r['naam_lichtere_variant']}",
            r["uren_zwaar"],
            r["uren_licht"],
            r["aandeel_licht"],
            r["basis_aandeel_licht"] if r["basis_ingesteld"] else None,
            r["besparing"],
            links={
                2: link("actief_in_periode", product=r["product"]),
                3: link("actief_in_periode", product=r["lichtere_variant"]),
            },
        )
    return t


def _kosten_per_maand(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "kosten_per_maand",
        "Geschatte kosten per maand (toegekende zorg)",
        [Kolom("Maand", "maand"), Kolom("Geschatte kosten", "geld")],
    )
    for r in c["kosten_per_maand"]:
        t.rij(r["maand"], r["geschatte_kosten"], links={1: link("actief_in_periode", van=r["van"], tot=r["tot"])})
    return t


def _evaluaties(c: dict, link: Callable) -> Tabel:
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


def _uitkomsten(c: dict, link: Callable) -> Tabel:
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


def _businesscase(c: dict, link: Callable) -> Tabel:
    b = c["businesscase"]
    t = Tabel(
        "businesscase",
        "Besparing tegen de businesscase",
        [
            Kolom("Wet"),
            Kolom("Doel voor de periode", "geld"),
            Kolom("Vermeden kosten", "geld"),
            Kolom("Vervangende zorg", "geld"),
            Kolom("Productmix", "geld"),
            Kolom("Gerealiseerd", "geld"),
            Kolom("Deel van het doel", "aandeel"),
        ],
        toelichting="Het doel per jaar naar rato van de dagen van de periode in dat jaar. Gerealiseerd: vermeden "
        "kosten min de zorg die na anders inzetten ervoor in de plaats kwam, plus de productmix.",
    )
    for w in b["per_wet"]:
        t.rij(
            WETNAMEN.get(w["wet"], w["wet"]),
            w["doel_periode"],
            w["vermeden_kosten"],
            w.get("vervangende_zorg"),
            w["productmix"],
            w["gerealiseerd"],
            w["aandeel_van_doel"],
            links={2: link("bijgesteld", wet=w["wet"])},
        )
    return t


def _schakelteam(c: dict, link: Callable) -> Tabel:
    s = c["schakelteam"]
    t = Tabel("schakelteam", "Schakelteam", [Kolom("Schakelteam"), Kolom("Aantal", "aantal")])
    t.rij("Aangevraagd (boven de drempel)", s["aangevraagd"], links={1: link("signaal_schakelteam_drempel")})
    t.rij("Akkoord", s["akkoord"], links={1: link("schakelteam_akkoord")})
    t.rij("Afgewezen", s["afgewezen"], links={1: link("schakelteam_afgewezen")})
    t.rij("Nog geen besluit", s["open"])
    # The one row that is not a count: its cell carries its own kind.
    t.rijen.append([Cel("Gemiddelde doorlooptijd tot besluit (dagen)"), Cel(s["doorlooptijd_dagen"], "dagen")])
    return t


def _toetsing(c: dict, link: Callable) -> Tabel:
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


def _signalen(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "signalen",
        "Signalen bij indicaties geregistreerd in de periode",
        [Kolom("Signaal"), Kolom("Indicaties", "aantal")],
    )
    for sleutel, naam in SIGNAALNAMEN.items():
        t.rij(naam, c["signalen"][sleutel], links={1: link(f"signaal_{sleutel}")})
    return t


def _per_aanbieder(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "per_aanbieder",
        "Per aanbieder",
        [
            Kolom("Aanbieder"),
            Kolom("Geregistreerd", "aantal"),
            Kolom("Actief op laatste dag", "aantal"),
            Kolom("Uren in de periode", "uren"),
            Kolom("Geschatte kosten in de periode", "geld"),
            Kolom("Uren zwaardere variant", "uren"),
            Kolom("Uren lichtere variant", "uren"),
            Kolom("Aandeel zwaardere variant", "aandeel"),
        ],
        toelichting="Gesorteerd op geschatte kosten in de periode. Zwaardere variant: een product met een "
        "lichtere variant; het aandeel telt alleen uren in producten van zo'n paar.",
        max_op_pagina=25,
    )
    for r in sorted(c["per_aanbieder"], key=lambda r: -Decimal(r["kosten_in_periode"])):
        t.rij(
            r["naam"],
            r["geregistreerd"],
            r["actief_op_tot"],
            r["uren_in_periode"],
            r["kosten_in_periode"],
            r["uren_zwaar"],
            r["uren_licht"],
            r["aandeel_zwaar"],
            links={
                1: link("geregistreerd", aanbieder=r["aanbieder"]),
                2: link("actief_op_tot", aanbieder=r["aanbieder"]),
            },
        )
    return t


def _per_consulent(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "per_team",
        "Per consulent en team",
        [
            Kolom("Consulent (team)"),
            Kolom("Geregistreerd", "aantal"),
            Kolom("Geschatte kosten (geregistreerd)", "geld"),
            Kolom("Actief op laatste dag", "aantal"),
            Kolom("Aandeel zwaardere variant", "aandeel"),
            Kolom("Evaluaties vervallen", "aantal"),
            Kolom("Op tijd", "aantal"),
            Kolom("Te laat", "aantal"),
            Kolom("Niet afgerond (voorbij)", "aantal"),
            Kolom("Vermeden kosten", "geld"),
            Kolom("Getoetst", "aantal"),
            Kolom("Niet akkoord", "aantal"),
        ],
        toelichting=TEAMS_TOELICHTING,
        max_op_pagina=50,
    )
    for r in c["per_consulent"]:
        team = r["consulent"]
        t.rij(
            consulent_met_team(r),
            r["geregistreerd"],
            r["geschatte_kosten"],
            r["actief_op_tot"],
            r["aandeel_zwaar"],
            r["evaluaties_vervallen"],
            r["evaluaties_op_tijd"],
            r["evaluaties_te_laat"],
            r["evaluaties_niet_afgerond_verlopen"],
            r["vermeden_kosten"],
            r["getoetst"],
            r["toetsing_niet_akkoord"],
            links={
                1: link("geregistreerd", team=team),
                3: link("actief_op_tot", team=team),
                5: link("evaluatie_vervallen", team=team),
                6: link("evaluatie_op_tijd", team=team),
                7: link("evaluatie_te_laat", team=team),
                8: link("evaluatie_niet_afgerond_verlopen", team=team),
                9: link("bijgesteld", team=team),
                11: link("toetsing_niet_akkoord", team=team),
            },
        )
    return t


def _verzilvering(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "verzilvering",
        "Gedeclareerd tegen geïndiceerd, per product en aanbieder",
        [
            Kolom("Product"),
            Kolom("Aanbieder"),
            Kolom("Geschatte kosten in de periode", "geld"),
            Kolom("Gedeclareerd in de periode", "geld"),
            Kolom("Gedeclareerd ÷ geschat", "aandeel"),
        ],
        toelichting="Geschatte kosten: van de toegekende indicaties, verdeeld over hun dagen. Gedeclareerd: "
        "wat de aanbieder declareerde voor zorg in de periode, verdeeld over de dagen van de declaratie.",
        max_op_pagina=25,
    )
    for r in c.get("verzilvering", []):
        t.rij(
            f"{r['product']} {r['naam']}",
            r["aanbieder_naam"],
            r["geindiceerd"],
            r["gedeclareerd"],
            r["verzilvering"],
            links={2: link("actief_in_periode", product=r["product"], aanbieder=r["aanbieder"])},
        )
    return t


def _verzilvering_per_product(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "verzilvering_per_product",
        "Gedeclareerd tegen geïndiceerd, per product",
        [
            Kolom("Product"),
            Kolom("Geschatte kosten in de periode", "geld"),
            Kolom("Gedeclareerd in de periode", "geld"),
            Kolom("Gedeclareerd ÷ geschat", "aandeel"),
        ],
    )
    for r in c.get("verzilvering_per_product", []):
        t.rij(
            f"{r['product']} {r['naam']}",
            r["geindiceerd"],
            r["gedeclareerd"],
            r["verzilvering"],
            links={1: link("actief_in_periode", product=r["product"])},
        )
    v = c.get("verzilvering_totaal")
    if v:
        t.rij("Totaal", v["geindiceerd"], v["gedeclareerd"], v["verzilvering"], links={1: link("actief_in_periode")})
    return t


SIGNAALTEKST = {"boven_plafond": "Boven het plafond", "waarschuwing": "Waarschuwing", "binnen": "Binnen het plafond"}


def _budgetplafonds(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "budgetplafonds",
        "Budgetplafonds per aanbieder",
        [
            Kolom("Aanbieder"),
            Kolom("Plafond per jaar", "geld"),
            Kolom("Plafond voor de periode", "geld"),
            Kolom("Geschatte kosten", "geld"),
            Kolom("Deel van plafond (geschat)", "aandeel"),
            Kolom("Gedeclareerd", "geld"),
            Kolom("Deel van plafond (gedeclareerd)", "aandeel"),
            Kolom("Signaal"),
        ],
        toelichting="Het plafond geldt per kalenderjaar; voor een kortere periode naar rato van de dagen. "
        "Waarschuwing vanaf de streefwaarde die beheer instelde (standaard 80 %).",
    )
    for r in c.get("budgetplafonds", []):
        t.rij(
            r["naam"],
            r["plafond_per_jaar"],
            r["plafond_periode"],
            r["geindiceerd"],
            r["aandeel_geindiceerd"],
            r["gedeclareerd"],
            r["aandeel_gedeclareerd"],
            SIGNAALTEKST.get(r["signaal"], r["signaal"]),
            links={3: link("actief_in_periode", aanbieder=r["aanbieder"])},
        )
    return t


def _halfjaarchecks(c: dict, link: Callable) -> Tabel:
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


def _per_maand(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "per_maand",
        "De tegels per maand",
        [
            Kolom("Maand", "maand"),
            Kolom("Besparing opgeteld", "geld"),
            Kolom("Doel opgeteld", "geld"),
            Kolom("Verschuiving naar licht", "aandeel"),
            Kolom("Uren per week per cliënt", "uren"),
            Kolom("Cliënten", "aantal"),
            Kolom("Evaluaties op tijd", "aandeel"),
            Kolom("Halfjaarchecks gedaan", "aandeel"),
            Kolom("Opvolgingen afgehandeld", "aandeel"),
            Kolom("Doorlooptijd schakelteam (mediaan, dagen)", "dagen"),
            Kolom("Toetsing akkoord", "aandeel"),
            Kolom("Geschatte kosten", "geld"),
            Kolom("Gedeclareerd", "geld"),
        ],
    )
    for m in c.get("per_maand", []):
        t.rij(
            m["maand"],
            m["businesscase_gerealiseerd"],
            m["businesscase_doel"],
            m["verschuiving_licht"],
            m["uren_per_week_per_client"],
            m["clienten"],
            m["aandeel_evaluaties_op_tijd"],
            m["aandeel_halfjaarchecks_afgerond"],
            m["aandeel_opvolgingen_afgehandeld"],
            m["schakelteam_mediaan_dagen"],
            m["aandeel_toetsing_akkoord"],
            m["geschatte_kosten"],
            m["gedeclareerd"],
            links={5: link("actief_in_periode", van=m["van"], tot=m["tot"])},
        )
    return t


def _vergelijking_team(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "vergelijking_team",
        "Teams naast elkaar",
        [
            Kolom("Consulent (team)"),
            Kolom("Cliënten", "aantal"),
            Kolom("Geschatte kosten in de periode", "geld"),
            Kolom("Aandeel zwaardere variant", "aandeel"),
            Kolom("Evaluaties op tijd", "aandeel"),
            Kolom("Besparing (vermeden min vervangende zorg)", "geld"),
            Kolom("Toetsing niet akkoord", "aantal"),
        ],
        toelichting=f"{TEAMS_TOELICHTING} Evaluaties op tijd: van de "
        "evaluaties die in de periode vervielen en aan de beurt waren.",
        max_op_pagina=50,
    )
    for r in sorted(c["per_consulent"], key=lambda r: (-r.get("clienten", 0), r["naam"])):
        aan_de_beurt = r["evaluaties_op_tijd"] + r["evaluaties_te_laat"] + r["evaluaties_niet_afgerond_verlopen"]
        t.rij(
            consulent_met_team(r),
            r.get("clienten", 0),
            r["kosten_in_periode"],
            r["aandeel_zwaar"],
            Decimal(r["evaluaties_op_tijd"]) / aan_de_beurt if aan_de_beurt else None,
            Decimal(r["vermeden_kosten"]) - Decimal(r.get("vervangende_zorg", "0")),
            r["toetsing_niet_akkoord"],
            links={
                1: link("actief_in_periode", team=r["consulent"]),
                4: link("evaluatie_op_tijd", team=r["consulent"]),
                5: link("bijgesteld", team=r["consulent"]),
                6: link("toetsing_niet_akkoord", team=r["consulent"]),
            },
        )
    return t


def _vergelijking_aanbieder(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "vergelijking_aanbieder",
        "Aanbieders naast elkaar",
        [
            Kolom("Aanbieder"),
            Kolom("Cliënten", "aantal"),
            Kolom("Geschatte kosten in de periode", "geld"),
            Kolom("Gedeclareerd", "geld"),
            Kolom("Gedeclareerd ÷ geschat", "aandeel"),
            Kolom("Aandeel zwaardere variant", "aandeel"),
        ],
        toelichting="De aanbieders met de hoogste geschatte kosten; de download bevat ze allemaal.",
        max_op_pagina=15,
    )
    for r in sorted(c["per_aanbieder"], key=lambda r: -Decimal(r["kosten_in_periode"])):
        t.rij(
            consulent_met_team(r),
            r.get("clienten", 0),
            r["kosten_in_periode"],
            r.get("gedeclareerd"),
            r.get("verzilvering"),
            r["aandeel_zwaar"],
            links={1: link("actief_in_periode", aanbieder=r["aanbieder"])},
        )
    return t


BOUWERS = (
    _indicaties,
    _per_product,
    _productmix,
    _kosten_per_maand,
    _evaluaties,
    _uitkomsten,
    _businesscase,
    _schakelteam,
    _toetsing,
    _signalen,
    _per_aanbieder,
    _per_consulent,
    _verzilvering,
    _verzilvering_per_product,
    _budgetplafonds,
    _halfjaarchecks,
    _per_maand,
    _vergelijking_team,
    _vergelijking_aanbieder,
)
NAMEN = (
    "indicaties",
    "per_product",
    "productmix",
    "kosten_per_maand",
    "evaluaties",
    "uitkomsten",
    "businesscase",
    "schakelteam",
    "toetsing",
    "signalen",
    "per_aanbieder",
    "per_team",
    "verzilvering",
    "verzilvering_per_product",
    "budgetplafonds",
    "halfjaarchecks",
    "per_maand",
    "vergelijking_team",
    "vergelijking_aanbieder",
)


def tabellen(cijfers: dict, keuze: Keuze, namen: tuple[str, ...] | None = None) -> dict[str, Tabel]:
    """The tables of the figures (only those named, if given)."""
    link = Drilldown(keuze)
    bouwers = [b for n, b in zip(NAMEN, BOUWERS, strict=True) if namen is None or n in namen]
    return {t.naam: t for t in (bouw(cijfers, link) for bouw in bouwers)}
