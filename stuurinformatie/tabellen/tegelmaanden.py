"""The table of the tiles per month: every tile's figure for each month of the period."""

from collections.abc import Callable

from .tabel import Kolom, Tabel


def per_maand(c: dict, link: Callable) -> Tabel:
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
