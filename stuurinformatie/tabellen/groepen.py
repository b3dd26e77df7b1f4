"""The tables per aanbieder and per consulent (with their teams), and the two comparisons side by side."""

from collections.abc import Callable
from decimal import Decimal

from .namen import TEAMS_TOELICHTING, consulent_met_team
from .tabel import Kolom, Tabel


def per_aanbieder(c: dict, link: Callable) -> Tabel:
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


def per_consulent(c: dict, link: Callable) -> Tabel:
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


def vergelijking_team(c: dict, link: Callable) -> Tabel:
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


def vergelijking_aanbieder(c: dict, link: Callable) -> Tabel:
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
