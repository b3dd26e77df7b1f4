"""CSV and XLSX of the dashboard tables and of the drill-down list.

CSV as Dutch Excel opens it by a double click: separated by `;`, UTF-8 with a byte order mark (or
€ and ë come out garbled), a decimal comma without a thousands separator, amounts to the cent,
shares as a fraction to four decimals (0,4091), dates d-m-jjjj. XLSX is for spreadsheets: real numbers and dates with Dutch formats. Text that a spreadsheet
would run as a formula (starting with =, +, -, @) is written as plain text.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.http import HttpResponse

from basis.notatie import datum_tekst

from .tabellen import Tabel, typeer

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
NUMMERFORMATEN = {
    "aantal": "#,##0",
    "geld": '"€" #,##0.00',
    "uren": "#,##0.00",
    "dagen": "#,##0.0",
    "aandeel": "0.0%",
    "datum": "dd-mm-yyyy",
}


@dataclass
class Blad:
    """One sheet: a title, column (title, kind) pairs and rows of typed values."""

    naam: str
    titel: str
    kolommen: list[tuple[str, str]]
    rijen: Iterable[list]


def blad_van(tabel: Tabel) -> Blad:
    return Blad(
        tabel.naam,
        tabel.titel,
        [(k.titel, k.soort) for k in tabel.kolommen],
        ([typeer(cel.waarde, cel.soort) for cel in rij] for rij in tabel.rijen),
    )


def _veilige_tekst(waarde: str) -> str:
    return f"'{waarde}" if waarde.startswith(FORMULE_TEKENS) else waarde


# Decimals per kind of column in the CSV; a count column's one average (a Decimal) gets one.
CSV_DECIMALEN = {"geld": 2, "aandeel": 4, "uren": 2, "dagen": 1, "aantal": 1}


def _csv_waarde(waarde, soort: str = "tekst") -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, str):
        return _veilige_tekst(waarde)
    if isinstance(waarde, datetime.datetime):
        return f"{datum_tekst(waarde)} {waarde:%H:%M}"
    if isinstance(waarde, datetime.date):
        return datum_tekst(waarde)
    if isinstance(waarde, Decimal | float):
        decimalen = CSV_DECIMALEN.get(soort, 2)
        getal = Decimal(str(waarde)).quantize(Decimal(1).scaleb(-decimalen), ROUND_HALF_UP)
        return format(getal, "f").replace(".", ",")
    return str(waarde)


def csv_antwoord(blad: Blad, bestandsnaam: str) -> HttpResponse:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([_veilige_tekst(titel) for titel, _ in blad.kolommen])
    soorten = [soort for _, soort in blad.kolommen]
    for rij in blad.rijen:
        schrijver.writerow([_csv_waarde(w, s) for w, s in zip(rij, soorten, strict=True)])
    antwoord = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.csv"'
    return antwoord


def _bladnaam(naam: str, gebruikt: set) -> str:
    schoon = "".join("_" if c in "[]:*?/\\" else c for c in naam)[:31] or "Blad"
    kandidaat, n = schoon, 2
    while kandidaat in gebruikt:
        kandidaat = f"{schoon[:28]} {n}"
        n += 1
    gebruikt.add(kandidaat)
    return kandidaat


def xlsx_antwoord(bladen: list[Blad], bestandsnaam: str, selectie: dict[str, str] | None = None) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    boek = Workbook(write_only=True)
    gebruikt: set = set()
    vet = Font(bold=True)
    if selectie:
        blad = boek.create_sheet(_bladnaam("Selectie", gebruikt))
        for sleutel, waarde in selectie.items():
            blad.append([sleutel, _veilige_tekst(waarde or "")])
    for bron in bladen:
        blad = boek.create_sheet(_bladnaam(bron.titel or bron.naam, gebruikt))
        blad.freeze_panes = "A2"
        for i, (_, soort) in enumerate(bron.kolommen):
            blad.column_dimensions[_kolomletter(i)].width = 14 if soort != "tekst" else 30
        kop = []
        for titel, _ in bron.kolommen:
            cel = WriteOnlyCell(blad, value=_veilige_tekst(titel))
            cel.font = vet
            kop.append(cel)
        blad.append(kop)
        for rij in bron.rijen:
            cellen = []
            for waarde, (_, soort) in zip(rij, bron.kolommen, strict=True):
                if isinstance(waarde, str):
                    cel = WriteOnlyCell(blad, value=_veilige_tekst(waarde))
                    cel.data_type = "s"
                else:
                    cel = WriteOnlyCell(blad, value=waarde)
                    if isinstance(waarde, Decimal) and soort == "aantal":
                        cel.number_format = NUMMERFORMATEN["dagen"]  # a count column's one average
                    elif waarde is not None and soort in NUMMERFORMATEN:
                        cel.number_format = NUMMERFORMATEN[soort]
                cellen.append(cel)
            blad.append(cellen)
    buffer = io.BytesIO()
    boek.save(buffer)
    antwoord = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.xlsx"'
    return antwoord


def _kolomletter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
