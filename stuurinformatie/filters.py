"""Reading the period and the filters from a query string, the same way for the API and the pages."""

import datetime
import uuid
from dataclasses import dataclass, field

from basis import clock
from basis.exceptions import OngeldigeInvoer
from basis.notatie import datum_tekst
from indicaties.models import Wet
from indicaties.rules import EERSTE_DATUM, LAATSTE_DATUM


class FilterFout(OngeldigeInvoer):
    """A period or filter that cannot be used. `omgewisseld`: the end lies before the start (the
    pages swap them and say so; the API refuses)."""

    def __init__(self, veld: str, bericht: str, *, omgewisseld: bool = False):
        super().__init__(veld, bericht)
        self.omgewisseld = omgewisseld


@dataclass
class Keuze:
    van: datetime.date
    tot: datetime.date
    filters: dict = field(default_factory=dict)

    def query(self) -> dict:
        """The query parameters that select this again (for links and exports)."""
        waarden = {"van": self.van.isoformat(), "tot": self.tot.isoformat()}
        waarden.update({k: str(v) for k, v in self.filters.items() if v not in (None, "")})
        return waarden


def lees_datum(waarde: str, *, nederlands: bool) -> datetime.date:
    """JJJJ-MM-DD (the API and links); on the pages also d-m-jjjj, as people type a date."""
    waarde = waarde.strip()
    try:
        return datetime.date.fromisoformat(waarde)
    except ValueError:
        if not nederlands:
            raise
    return datetime.datetime.strptime(waarde, "%d-%m-%Y").date()


def lees_filters_mild(params, *, nederlands: bool = False) -> tuple[Keuze, list[FilterFout]]:
    """Period (default: this calendar year) and filters; an invalid value is left out and reported.
    `nederlands`: the page's form, where a date may also be typed as d-m-jjjj."""
    fouten: list[FilterFout] = []
    vandaag = clock.today()
    van, tot = datetime.date(vandaag.year, 1, 1), datetime.date(vandaag.year, 12, 31)
    datums = {"van": van, "tot": tot}
    for naam in datums:
        waarde = params.get(naam)
        if waarde:
            try:
                datum = lees_datum(waarde, nederlands=nederlands)
            except ValueError:
                voorbeeld = "d-m-jjjj, bijvoorbeeld 1-1-2027" if nederlands else "JJJJ-MM-DD"
                fouten.append(FilterFout(naam, f"Ongeldige datum bij '{naam}' ('{waarde}'): gebruik {voorbeeld}."))
                continue
            if not EERSTE_DATUM <= datum <= LAATSTE_DATUM:
                fouten.append(
                    FilterFout(
                        naam,
                        f"Kies bij '{naam}' een datum van {datum_tekst(EERSTE_DATUM)} tot en met {datum_tekst(LAATSTE_DATUM)}.",
                    )
                )
            else:
                datums[naam] = datum
    van, tot = datums["van"], datums["tot"]
    if tot < van:
        fouten.append(FilterFout("tot", "De einddatum ligt vóór de begindatum: ze zijn omgewisseld.", omgewisseld=True))
        van, tot = tot, van
    filters: dict = {"wet": None, "product": None, "aanbieder": None, "team": None}
    wet = params.get("wet") or None
    if wet is not None and wet not in Wet.values:
        fouten.append(FilterFout("wet", "Kies wmo of jeugdwet."))
    else:
        filters["wet"] = wet
    product = (params.get("product") or "").strip()[:10] or None
    if product is not None and "\x00" in product:  # PostgreSQL refuses a NUL character in a query
        fouten.append(FilterFout("product", "Onbekende productcode."))
    else:
        filters["product"] = product
    aanbieder = params.get("aanbieder") or None
    if aanbieder is not None:
        try:
            filters["aanbieder"] = str(uuid.UUID(aanbieder))
        except ValueError:
            fouten.append(FilterFout("aanbieder", "Onbekende aanbieder."))
    team = params.get("team") or None
    if team is not None:
        try:
            filters["team"] = int(team)
        except ValueError:
            fouten.append(FilterFout("team", "Onbekend team."))
    return Keuze(van, tot, filters), fouten


def lees_filters(params) -> Keuze:
    """Like lees_filters_mild, but the first invalid value raises FilterFout (the API's 400)."""
    keuze, fouten = lees_filters_mild(params)
    if fouten:
        if fouten[0].omgewisseld:
            raise FilterFout("tot", "'tot' ligt vóór 'van'.", omgewisseld=True)
        raise fouten[0]
    return keuze
