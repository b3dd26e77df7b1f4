"""The monthly report's tables: a header is never broken in the middle of a word."""

from fpdf import FPDF

from stuurinformatie.rapport import KOP_GROOTTE, KOP_KLEINSTE, kopgrootte


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_page()
    return pdf


def _past(pdf, koppen, breedtes, grootte) -> bool:
    pdf.set_font("helvetica", "B", grootte)
    totaal = sum(breedtes)
    return all(
        pdf.get_string_width(woord) <= pdf.epw * b / totaal - 2 * pdf.c_margin
        for kop, b in zip(koppen, breedtes, strict=True)
        for woord in kop.split()
    )


def test_een_kop_die_past_houdt_de_gewone_grootte():
    pdf = _pdf()
    assert kopgrootte(pdf, ["Aanbieder", "Totaal"], (60, 40)) == KOP_GROOTTE


def test_een_lang_woord_in_een_smalle_kolom_maakt_de_kop_kleiner_tot_het_past():
    pdf = _pdf()
    koppen = ["Product", "Geïndiceerd", "Gedeclareerd", "Verzilvering"]
    breedtes = (80, 9, 9, 9)
    assert not _past(pdf, koppen, breedtes, KOP_GROOTTE), "past al: dan toetst dit niets"
    grootte = kopgrootte(pdf, koppen, breedtes)
    assert KOP_KLEINSTE <= grootte < KOP_GROOTTE
    assert _past(pdf, koppen, breedtes, grootte)


def test_nooit_kleiner_dan_de_ondergrens():
    assert kopgrootte(_pdf(), ["Een", "Budgetplafondoverschrijdingswaarschuwing"], (95, 5)) == KOP_KLEINSTE
