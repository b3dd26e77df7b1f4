"""The tables of the declared cost: declared against indicated (verzilvering), per product and
aanbieder, and the budget ceilings."""

from collections.abc import Callable

from .tabel import Kolom, Tabel


def verzilvering(c: dict, link: Callable) -> Tabel:
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


def verzilvering_per_product(c: dict, link: Callable) -> Tabel:
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


def budgetplafonds(c: dict, link: Callable) -> Tabel:
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
