"""The format of a row of an import file (docs/import.md): types, choices and references that do
not exist. What the row means is judged afterwards by the same rules as a registration."""

import datetime
from collections.abc import Collection
from decimal import Decimal, InvalidOperation

from basis.codes import NON_FIELD, Code, Violation

from .algemeen import verplicht
from .inwoner import geboortedatum_in_toekomst

JA = frozenset({"ja", "j", "true", "1", "waar", "yes"})
NEE = frozenset({"nee", "n", "false", "0", "onwaar", "no", ""})
MAX_VOLUME = Decimal("9999999.99")
MAX_EXTERN_ID = 100


def aantal_kolommen(aantal: int) -> list[Violation]:
    return [
        Violation(
            Code.AANTAL_KOLOMMEN,
            NON_FIELD,
            f"De regel heeft {aantal} velden in plaats van de kolommen van de kopregel.",
        )
    ]


def extern_id_fouten(extern_id: str) -> list[Violation]:
    if not extern_id:
        return [verplicht("extern_id")]
    if len(extern_id) > MAX_EXTERN_ID:
        return [Violation(Code.MAX_LENGTH, "extern_id", f"Het extern id is langer dan {MAX_EXTERN_ID} tekens.")]
    return []


def datum(waarde: str, veld: str, *, verplicht_veld: bool) -> tuple[datetime.date | None, list[Violation]]:
    if not waarde:
        return None, [verplicht(veld)] if verplicht_veld else []
    try:
        return datetime.date.fromisoformat(waarde), []
    except ValueError:
        return None, [Violation(Code.INVALID, veld, f"'{waarde}' is geen datum (JJJJ-MM-DD).")]


def ja_nee(waarde: str, veld: str) -> tuple[bool, list[Violation]]:
    waarde = waarde.lower()
    if waarde in JA:
        return True, []
    if waarde in NEE:
        return False, []
    return False, [Violation(Code.INVALID, veld, f"'{waarde}' is geen ja of nee.")]


def volume(waarde: str) -> tuple[Decimal | None, list[Violation]]:
    try:
        getal = Decimal(waarde.replace(",", "."))
        if not getal.is_finite() or getal <= 0 or getal > MAX_VOLUME:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        return None, [Violation(Code.INVALID, "volume", f"'{waarde}' is geen geldig volume.")]
    if getal != getal.quantize(Decimal("0.01")):
        return getal, [Violation(Code.MAX_DECIMAL_PLACES, "volume", "Het volume heeft meer dan 2 decimalen.")]
    return getal, []


def keuze(waarde: str, keuzes: Collection[str], veld: str, wat: str) -> list[Violation]:
    return [] if waarde in keuzes else [Violation(Code.INVALID_CHOICE, veld, f"Onbekende {wat} '{waarde}'.")]


def adres(straat: str, huisnummer: str, postcode: str, woonplaats: str) -> tuple[dict, list[Violation]]:
    """The optional address of a new inwoner (what JW301/WMO301 carry); empty fields stay empty."""
    fouten = []
    postcode = postcode.replace(" ", "").upper()
    if postcode and not (
        len(postcode) == 6
        and postcode[:4].isdigit()
        and postcode[0] != "0"
        and postcode[4:].isalpha()
        and postcode.isascii()
    ):
        fouten.append(
            Violation(Code.INVALID, "postcode", f"Postcode '{postcode}' is geen Nederlandse postcode (1234AB).")
        )
    nummer = None
    if huisnummer:
        if huisnummer.isascii() and huisnummer.isdigit() and 1 <= int(huisnummer) <= 99999:
            nummer = int(huisnummer)
        else:
            fouten.append(
                Violation(Code.INVALID, "huisnummer", f"Huisnummer '{huisnummer}' is geen getal van 1 tot 99999.")
            )
    for veld, waarde, lengte in (("straat", straat, 24), ("woonplaats", woonplaats, 80)):
        if len(waarde) > lengte:
            fouten.append(Violation(Code.MAX_LENGTH, veld, f"De {veld} is langer dan {lengte} tekens."))
    return {"straat": straat, "huisnummer": nummer, "postcode": postcode, "woonplaats": woonplaats}, fouten


def registratiedatum_in_toekomst(registratiedatum: datetime.date | None, vandaag: datetime.date) -> list[Violation]:
    if registratiedatum is None or registratiedatum <= vandaag:
        return []
    return [
        Violation(Code.REGISTRATIEDATUM_IN_TOEKOMST, "registratiedatum", "De registratiedatum ligt in de toekomst.")
    ]


def extern_id_dubbel() -> list[Violation]:
    return [Violation(Code.EXTERN_ID_DUBBEL, "extern_id", "Dit extern id staat al op een eerdere regel.")]


def al_geimporteerd() -> Violation:
    return Violation(Code.AL_GEIMPORTEERD, "extern_id", "Al eerder geïmporteerd.", blokkerend=False)


def verwijzing_fouten(*, product_code: str | None, agb_code: str | None) -> list[Violation]:
    """`product_code`/`agb_code`: the value from the row when no such product/aanbieder exists."""
    fouten = []
    if product_code is not None:
        fouten.append(Violation(Code.PRODUCT_ONBEKEND, "product_code", f"Onbekend product '{product_code}'."))
    if agb_code is not None:
        fouten.append(Violation(Code.AANBIEDER_ONBEKEND, "agb_code", f"Onbekende AGB-code '{agb_code}'."))
    return fouten


def nieuwe_inwoner_fouten(
    *, voornaam: str, achternaam: str, geboortedatum: datetime.date | None, vandaag: datetime.date
) -> list[Violation]:
    """A row for an inwoner the register does not know yet must name them fully."""
    fouten = [
        verplicht(veld, "Verplicht voor een nieuwe inwoner.")
        for veld, w in (("voornaam", voornaam), ("achternaam", achternaam))
        if not w
    ]
    if geboortedatum is None:
        fouten.append(verplicht("geboortedatum", "Verplicht voor een nieuwe inwoner."))
    return fouten + geboortedatum_in_toekomst(geboortedatum, vandaag)


def consulent_onbekend() -> list[Violation]:
    return [Violation(Code.CONSULENT_ONBEKEND, NON_FIELD, "Geef --consulent op: deze inwoner heeft geen regisseur.")]


DOEL_SCHEIDING = "|"


def doelen(waarde: str, leefgebieden: Collection[str]) -> tuple[list[tuple[str, str]], list[Violation]]:
    """Goals in one column, separated by `|`; a goal may start with its leefgebied and a colon
    (`huisvesting: zelfstandig wonen`). Returns (omschrijving, leefgebied) per goal."""
    gevonden, fouten = [], []
    for deel in (d.strip() for d in waarde.split(DOEL_SCHEIDING)):
        if not deel:
            continue
        leefgebied, _, rest = deel.partition(":")
        if rest and leefgebied.strip().lower() in leefgebieden:
            gevonden.append((rest.strip(), leefgebied.strip().lower()))
        elif rest and " " not in leefgebied.strip():
            fouten.append(Violation(Code.INVALID_CHOICE, "doelen", f"Onbekend leefgebied '{leefgebied.strip()}'."))
        else:
            gevonden.append((deel, ""))
    return gevonden, fouten
