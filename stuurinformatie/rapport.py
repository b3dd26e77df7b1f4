"""The monthly report for the wethouder: the tiles of the overview with their trend lines, a short
explanation per figure, and the figures behind them as tables, in one PDF.

Drawn with fpdf2: pure Python (its dependencies Pillow, fontTools and defusedxml install as wheels),
so `make run` on a machine with only Python 3.11 can build it; the lines are vector graphics. The
built-in Helvetica with the Windows-1252 encoding covers Dutch text and the euro sign, so no font
file is shipped. Every chart has its numbers printed next to it.
"""

import datetime

from fpdf import FPDF, ViewerPreferences
from fpdf.enums import TableCellFillMode, XPos, YPos
from fpdf.fonts import FontFace

from basis import clock
from basis.notatie import datum_tekst

from . import selectors
from .filters import Keuze
from .tabellen import WETNAMEN, tabellen
from .tegels import Tegel, tegels
from .trendlijn import maandnaam

BLAUW = (1, 104, 155)
GRIJS = (89, 89, 89)
LICHTGRIJS = (200, 200, 200)
GROEN = (43, 106, 26)
ROOD = (176, 0, 32)
ZWART = (26, 26, 26)
VERVANGINGEN = {"→": "->", "≥": ">=", "≤": "<=", "−": "-", "\u00a0": " ", "\u202f": " "}


def _tekst(tekst: str) -> str:
    """Text the built-in font can print (Windows-1252); anything else becomes a plain stand-in."""
    for teken, vervanging in VERVANGINGEN.items():
        tekst = tekst.replace(teken, vervanging)
    return tekst.encode("cp1252", errors="replace").decode("cp1252")


class _Pdf(FPDF):
    def __init__(self, kop: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.kop = kop
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)

    def footer(self):
        self.set_y(-11)
        self.set_font("helvetica", size=8)
        self.set_text_color(*GRIJS)
        self.cell(0, 5, _tekst(f"{self.kop} · pagina {self.page_no()} van {{nb}}"), align="C")


def _status_kleur(tegel: Tegel) -> tuple[int, int, int]:
    return {"gehaald": GROEN, "niet_gehaald": ROOD}.get(tegel.status, GRIJS)


def _lijn(pdf: _Pdf, tegel: Tegel, x: float, y: float, breedte: float, hoogte: float) -> None:
    """The trend line of a tile as vector lines, with the first and last month and the top value."""
    lijn = tegel.lijn
    if lijn is None:
        pdf.set_font("helvetica", size=7)
        pdf.set_text_color(*GRIJS)
        pdf.set_xy(x, y + hoogte / 2 - 2)
        pdf.cell(breedte, 4, _tekst("Geen verloop per maand bij deze periode."), align="C")
        return
    schaal_x, schaal_y = breedte / lijn.breedte, hoogte / lijn.hoogte

    def punt(tekst: str) -> tuple[float, float]:
        px, py = tekst.split(",")
        return x + float(px) * schaal_x, y + float(py) * schaal_y

    pdf.set_line_width(0.2)
    pdf.set_draw_color(*LICHTGRIJS)
    pdf.line(x, y + lijn.as_y * schaal_y, x + breedte, y + lijn.as_y * schaal_y)
    if lijn.streef_lijn:
        pdf.set_draw_color(*GRIJS)
        pdf.set_line_width(0.35)
        pdf.set_dash_pattern(dash=1.2, gap=1)
        pdf.polyline([punt(p) for p in lijn.streef_lijn.split()])
        pdf.set_dash_pattern()
    pdf.set_draw_color(*BLAUW)
    pdf.set_fill_color(*BLAUW)
    pdf.set_line_width(0.6)
    for stuk in lijn.lijnen:
        punten = [punt(p) for p in stuk.split()]
        if len(punten) > 1:
            pdf.polyline(punten)
    for p in lijn.punten:
        if p.y is not None:
            cx, cy = x + p.x * schaal_x, y + p.y * schaal_y
            pdf.ellipse(cx - 0.6, cy - 0.6, 1.2, 1.2, style="F")
    pdf.set_font("helvetica", size=6.5)
    pdf.set_text_color(*GRIJS)
    pdf.set_xy(x, y - 1)
    pdf.cell(breedte, 3, _tekst(lijn.label_boven))
    pdf.set_xy(x, y + hoogte - 3)
    pdf.cell(breedte / 2, 3, _tekst(lijn.eerste_maand))
    pdf.set_xy(x + breedte / 2, y + hoogte - 3)
    pdf.cell(breedte / 2, 3, _tekst(lijn.laatste_maand), align="R")


def _tegel(pdf: _Pdf, tegel: Tegel, x: float, y: float, breedte: float, hoogte: float) -> None:
    pdf.set_draw_color(*LICHTGRIJS)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, breedte, hoogte)
    pdf.set_fill_color(*_status_kleur(tegel))
    pdf.rect(x, y, breedte, 1.6, style="F")
    binnen = breedte - 6
    pdf.set_text_color(*ZWART)
    pdf.set_font("helvetica", "B", 9.5)
    pdf.set_xy(x + 3, y + 3)
    pdf.cell(binnen, 4.5, _tekst(tegel.titel))
    pdf.set_font("helvetica", "B", 15)
    pdf.set_xy(x + 3, y + 7.5)
    pdf.cell(binnen, 7, _tekst(tegel.waarde))
    pdf.set_font("helvetica", "B", 7.5)
    pdf.set_text_color(*_status_kleur(tegel))
    pdf.set_xy(x + 3, y + 14.5)
    status = f"{tegel.status_tekst} · {tegel.streef}" if tegel.status != "geen_doel" else tegel.streef.capitalize()
    pdf.cell(binnen, 4, _tekst(status))
    if tegel.extra:
        pdf.set_font("helvetica", size=7)
        pdf.set_text_color(*GRIJS)
        pdf.set_xy(x + 3, y + 18.5)
        pdf.multi_cell(binnen, 3.1, _tekst(tegel.extra), align="L", max_line_height=3.1)
    _lijn(pdf, tegel, x + 3, y + 27, binnen, hoogte - 28.5)


def _uitleg(pdf: _Pdf, alle: list[Tegel]) -> None:
    pdf.add_page()
    pdf.set_text_color(*ZWART)
    pdf.set_font("helvetica", "B", 13)
    pdf.cell(0, 8, _tekst("Wat de cijfers betekenen"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for tegel in alle:
        pdf.set_font("helvetica", "B", 9.5)
        pdf.set_text_color(*ZWART)
        pdf.cell(0, 5.5, _tekst(f"{tegel.titel}: {tegel.waarde} ({tegel.streef})"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("helvetica", size=8.5)
        pdf.set_text_color(*GRIJS)
        pdf.multi_cell(
            0,
            4.2,
            _tekst(tegel.uitleg + (f" {tegel.extra}" if tegel.extra else "")),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        if tegel.lijn is not None:
            reeks = "; ".join(
                f"{maandnaam(p.maand)} {p.tekst}"
                + (f" ({tegel.lijn.streef_naam} {p.streef_tekst})" if p.streef_tekst else "")
                for p in tegel.lijn.punten
            )
            pdf.set_font("helvetica", size=7)
            pdf.multi_cell(0, 3.5, _tekst(f"Per maand: {reeks}."), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)


KOP_GROOTTE = 7.5
KOP_KLEINSTE = 5.5


def kopgrootte(pdf: FPDF, koppen: list[str], breedtes: tuple) -> float:
    """The font size of a table's header row at which every word of every header fits its column
    (cell margins included), so no header is broken in the middle of a word ("Gedeclaree / rd");
    7.5 pt when it fits, never below 5.5 pt."""
    totaal = sum(breedtes)
    grootte = KOP_GROOTTE
    for kop, breedte in zip(koppen, breedtes, strict=True):
        ruimte = pdf.epw * breedte / totaal - 2 * pdf.c_margin
        pdf.set_font("helvetica", "B", KOP_GROOTTE)
        langste = max((pdf.get_string_width(w) for w in _tekst(kop).split()), default=0)
        if langste > ruimte > 0:
            grootte = min(grootte, KOP_GROOTTE * ruimte / langste)
    return max(KOP_KLEINSTE, int(grootte * 10) / 10)


def _tabel(
    pdf: _Pdf, titel: str, koppen: list[str], rijen: list[list[str]], breedtes: tuple, toelichting: str = ""
) -> None:
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    pdf.set_font("helvetica", "B", 10.5)
    pdf.set_text_color(*ZWART)
    pdf.cell(0, 7, _tekst(titel), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if not rijen:
        pdf.set_font("helvetica", "I", 8.5)
        pdf.cell(0, 5, _tekst("Geen gegevens voor deze periode."), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return
    pdf.set_font("helvetica", size=7.5)
    pdf.set_draw_color(*LICHTGRIJS)
    pdf.set_text_color(*ZWART)
    pdf.set_fill_color(255, 255, 255)
    uitlijning = ["LEFT"] + ["RIGHT"] * (len(koppen) - 1)
    kop = FontFace(emphasis="BOLD", color=ZWART, fill_color=(243, 243, 243), size_pt=kopgrootte(pdf, koppen, breedtes))
    pdf.set_font("helvetica", size=7.5)
    with pdf.table(
        col_widths=breedtes,
        text_align=uitlijning,
        line_height=4,
        first_row_as_headings=True,
        headings_style=kop,
        cell_fill_mode=TableCellFillMode.NONE,
    ) as tabel:
        tabel.row([_tekst(k) for k in koppen])
        for rij in rijen:
            tabel.row([_tekst(str(c)) for c in rij])
    if toelichting:
        pdf.set_font("helvetica", size=7)
        pdf.set_text_color(*GRIJS)
        pdf.multi_cell(0, 3.5, _tekst(toelichting), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _rijen(tabel, maximum: int | None = None) -> list[list[str]]:
    return [[cel.tekst for cel in rij] for rij in tabel.rijen[:maximum]]


def maak_rapport(van: datetime.date, tot: datetime.date, filters: dict | None = None) -> bytes:
    """The report for van–tot (and the optional filters of the overview) as PDF bytes."""
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    cijfers = selectors.stuurinformatie(van, tot, **filters)
    keuze = Keuze(van, tot, filters)
    alle = tegels(cijfers)
    lijst = tabellen(
        cijfers,
        keuze,
        ("businesscase", "verzilvering_per_product", "budgetplafonds", "vergelijking_team", "vergelijking_aanbieder"),
    )
    periode = f"{datum_tekst(van)} t/m {datum_tekst(tot)}"
    pdf = _Pdf(f"Stuurinformatie actieve casusregie, {periode}")
    pdf.set_title(_tekst(f"Stuurinformatie actieve casusregie {periode}"))
    pdf.set_author("Voormekaar")
    pdf.set_lang("nl")
    # A reader shows the title, not the file name (PDF/UA). fpdf2 writes no structure tree for
    # text, so the report is not a tagged PDF; the same figures are on the accessible web page.
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_creation_date(datetime.datetime.now(datetime.UTC))
    pdf.add_page()

    pdf.set_font("helvetica", "B", 17)
    pdf.set_text_color(*BLAUW)
    pdf.cell(0, 9, _tekst("Stuurinformatie actieve casusregie"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=9.5)
    pdf.set_text_color(*ZWART)
    keuzes = []
    if filters.get("wet"):
        keuzes.append(WETNAMEN.get(filters["wet"], filters["wet"]))
    if filters.get("product"):
        keuzes.append(f"product {filters['product']}")
    if filters.get("aanbieder"):
        keuzes.append("één aanbieder")
    if filters.get("team"):
        keuzes.append("één team")
    pdf.multi_cell(
        0,
        5,
        _tekst(
            f"Periode {periode}{' (' + ', '.join(keuzes) + ')' if keuzes else ''}. Gemaakt op "
            f"{datum_tekst(clock.today())}. Per cijfer: de waarde, het doel en of het gehaald is, en het verloop "
            "per maand (blauwe lijn; de stippellijn is het doel). De uitleg en de getallen per maand staan op de "
            "volgende pagina's."
        ),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(2)
    kolommen, breedte, hoogte, tussen = 2, (pdf.w - 30 - 5) / 2, 43, 3.5
    begin_y = pdf.get_y()
    for i, tegel in enumerate(alle):
        rij, kolom = divmod(i, kolommen)
        y = begin_y + rij * (hoogte + tussen)
        if y + hoogte > pdf.h - 15:
            pdf.add_page()
            begin_y, y = 15 - rij * (hoogte + tussen), 15
        _tegel(pdf, tegel, 15 + kolom * (breedte + 5), y, breedte, hoogte)

    _uitleg(pdf, alle)

    pdf.add_page()
    pdf.set_font("helvetica", "B", 13)
    pdf.set_text_color(*ZWART)
    pdf.cell(0, 8, _tekst("De cijfers erachter"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    b = lijst["businesscase"]
    _tabel(pdf, b.titel, [k.titel for k in b.kolommen], _rijen(b), (22, 27, 25, 25, 25, 27, 24), b.toelichting)
    v = lijst["verzilvering_per_product"]
    _tabel(pdf, v.titel, [k.titel for k in v.kolommen], _rijen(v), (85, 35, 35, 25), "")
    p = lijst["budgetplafonds"]
    if p.rijen:
        _tabel(
            pdf, p.titel, [k.titel for k in p.kolommen], _rijen(p, 15), (40, 20, 20, 21, 18, 21, 18, 22), p.toelichting
        )
    t = lijst["vergelijking_team"]
    _tabel(pdf, t.titel, [k.titel for k in t.kolommen], _rijen(t, 20), (45, 15, 28, 22, 20, 30, 20), t.toelichting)
    a = lijst["vergelijking_aanbieder"]
    _tabel(pdf, a.titel, [k.titel for k in a.kolommen], _rijen(a, 15), (55, 15, 30, 30, 25, 25), a.toelichting)
    return bytes(pdf.output())
