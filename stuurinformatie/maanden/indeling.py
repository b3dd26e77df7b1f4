"""How a period is counted: its closed whole months from what was kept, the rest live (`plan`); and
the account of that for the API and the overview (`verantwoording`, `beschrijving`)."""

import datetime

from django.utils import timezone

from basis import clock
from basis.notatie import datum_tekst
from indicaties.models import nummers_toekennen

from ..models import Maandcijfers
from ..voorwaarden import Filters
from ..voorwaarden import maanden as kalendermaanden
from .berekening import ALLE, GROEPEN, Deel, catalogus, sleutel_van, tel
from .bewaren import bewaarde, gesloten, maand_einde
from .telling import LIVE, TELLING, eenmaal


class Plan:
    """A period split in kept months and parts counted live; the live parts' client sets are
    counted on first use (the sums use their own live count)."""

    def __init__(self, van, tot, sleutel: tuple, paren: set, delen: list, bewaard: dict, soorten=()) -> None:
        self.van, self.tot, self.sleutel, self.paren, self.soorten = van, tot, sleutel, paren, soorten
        self.indeling = delen  # (begin, eind)
        self.bewaard = bewaard  # begin -> (berekend_op, {key: Deel})
        self._delen: list | None = None

    def live_reeksen(self) -> list[tuple[datetime.date, datetime.date]]:
        """The live parts, consecutive ones joined."""
        reeksen: list = []
        for begin, eind in self.indeling:
            if begin in self.bewaard:
                continue
            if reeksen and reeksen[-1][1] + datetime.timedelta(days=1) == begin:
                reeksen[-1] = (reeksen[-1][0], eind)
            else:
                reeksen.append((begin, eind))
        return reeksen

    @property
    def delen(self) -> list:
        """(begin, eind, {key: Deel}, berekend_op or None) for every part."""
        if self._delen is None:
            geteld: dict = {}
            for begin, eind in self.live_reeksen():
                if self.soorten:
                    geteld.update(tel(begin, eind, self.paren, soorten=(*self.soorten, "")))
                else:
                    geteld.update(tel(begin, eind, self.paren, self.sleutel))
            self._delen = [
                (b, e, *self.bewaard[b][::-1]) if b in self.bewaard else (b, e, geteld.get(b, {}), None)
                for b, e in self.indeling
            ]
        return self._delen

    def voor(self, sleutel: tuple) -> list[tuple[datetime.date, datetime.date, Deel]]:
        return [(b, e, d.get(sleutel) or Deel()) for b, e, d, _ in self.delen]

    def verantwoording(self) -> dict:
        return {
            "bewaard": [
                {"maand": f"{b:%Y-%m}", "berekend_op": timezone.localtime(self.bewaard[b][0]).isoformat()}
                for b, _ in self.indeling
                if b in self.bewaard
            ],
            "live": [{"van": b.isoformat(), "tot": e.isoformat()} for b, e in self.live_reeksen()],
        }


def plan(
    van, tot, filters: Filters, paar_ids: set | None = None, groepen: bool = False, met_groepen: bool = True
) -> Plan | None:
    """How van–tot is counted under `filters`: None when nothing can be kept (no closed whole month
    in it, a combination of filters, everything asked live), else the kept months and the live
    parts. Unfiltered it holds every aanbieder and team value too (`groepen`: only then)."""
    if LIVE.get():
        return None
    sleutel = sleutel_van(filters)
    if sleutel is None or (groepen and sleutel != ALLE):
        return None
    paren, codes, _ = eenmaal("catalogus", catalogus)
    if paar_ids is not None:
        verwacht = {pk for pk in paren if not filters.product or codes[pk] == filters.product}
        if set(paar_ids) != verwacht:
            return None
    met_groepen = met_groepen and sleutel == ALLE
    return eenmaal(("plan", van, tot, sleutel, met_groepen), lambda: _maak_plan(van, tot, sleutel, paren, met_groepen))


def _maak_plan(van, tot, sleutel: tuple, paren: set, met_groepen: bool) -> Plan | None:
    vandaag = clock.today()
    delen = kalendermaanden(van, tot)
    heel = [b for b, e in delen if b.day == 1 and e == maand_einde(b) and gesloten(b, vandaag)]
    if not heel:
        return None
    eenmaal("nummers", nummers_toekennen)
    soorten = GROEPEN if met_groepen else ()
    return Plan(van, tot, sleutel, paren, delen, bewaarde(heel, paren, sleutels=[sleutel], soorten=soorten), soorten)


def verantwoording(van, tot, filters: Filters) -> dict:
    """Which months of the period were kept (and when computed) and which parts were counted live
    (the API's `maandcijfers`); all live without a kept month."""
    sleutel = sleutel_van(filters)
    geheugen = TELLING.get() or {}
    cache = ("plan", van, tot, sleutel, sleutel == ALLE)
    p = geheugen.get(cache)
    if p is None and cache not in geheugen and not LIVE.get() and sleutel is not None:
        vandaag = clock.today()
        delen = kalendermaanden(van, tot)
        heel = [b for b, e in delen if b.day == 1 and e == maand_einde(b) and gesloten(b, vandaag)]
        merken = Maandcijfers.objects.filter(maand__in=heel, soort="").values_list("maand", "berekend_op")
        bewaard = {maand: (op, {}) for maand, op in merken}
        if bewaard:
            p = Plan(van, tot, sleutel, set(), delen, bewaard)
    if p is None:
        return {"bewaard": [], "live": [{"van": van.isoformat(), "tot": tot.isoformat()}]}
    return p.verantwoording()


def beschrijving(verantwoording_: dict) -> str:
    """The overview's sentence on what was kept and what counted live, in Dutch, dates d-m-jjjj."""
    delen = []
    bewaard = verantwoording_["bewaard"]
    if bewaard:
        eerste, laatste = bewaard[0], bewaard[-1]
        momenten = [datetime.datetime.fromisoformat(b["berekend_op"]) for b in bewaard]
        oudste = min(momenten)
        maanden_tekst = (
            _maand_tekst(eerste["maand"])
            if len(bewaard) == 1
            else f"{_maand_tekst(eerste['maand'])} t/m {_maand_tekst(laatste['maand'])}"
        )
        delen.append(
            f"Cliëntcijfers van {len(bewaard)} afgesloten maand{'en' if len(bewaard) > 1 else ''} "
            f"({maanden_tekst}) komen uit bewaarde maandcijfers, berekend vanaf "
            f"{datum_tekst(oudste.date())} {oudste:%H:%M}."
        )
    live = [
        f"{datum_tekst(datetime.date.fromisoformat(d['van']))} t/m {datum_tekst(datetime.date.fromisoformat(d['tot']))}"
        for d in verantwoording_["live"]
    ]
    if live:
        delen.append(f"Live geteld: {', '.join(live)}." if bewaard else "Alle cijfers zijn live geteld.")
    return " ".join(delen)


def _maand_tekst(sleutel: str) -> str:
    jaar, maand = sleutel.split("-")
    return f"{int(maand)}-{jaar}"
