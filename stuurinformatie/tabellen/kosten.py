"""The tables of the indicaties and their estimated cost: per law and per product, the product mix,
the cost per month and the business case."""

from collections.abc import Callable

from .namen import WETNAMEN
from .tabel import Kolom, Tabel


def indicaties(c: dict, link: Callable) -> Tabel:
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


def per_product(c: dict, link: Callable) -> Tabel:
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


def productmix(c: dict, link: Callable) -> Tabel:
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


def kosten_per_maand(c: dict, link: Callable) -> Tabel:
    t = Tabel(
        "kosten_per_maand",
        "Geschatte kosten per maand (toegekende zorg)",
        [Kolom("Maand", "maand"), Kolom("Geschatte kosten", "geld")],
    )
    for r in c["kosten_per_maand"]:
        t.rij(r["maand"], r["geschatte_kosten"], links={1: link("actief_in_periode", van=r["van"], tot=r["tot"])})
    return t


def businesscase(c: dict, link: Callable) -> Tabel:
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
