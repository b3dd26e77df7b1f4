"""Kept months: the client figures of a closed calendar month, computed once and kept
(`Maandcijfers`), so that the overview of a year adds twelve kept months instead of counting the
register again (docs/stuurinformatie.md, "Kept months").

What a month keeps, unfiltered and for every single value of every filter (wet, product,
aanbieder, team): the SET of inwoners with a granted indicatie running in the month, the same for
the products of a heavier/lighter pair, those with two or more such indicaties in the month, the
client-days in the pair products (capped at the month and not), and the hours in those products.
Sets are roaring bitmaps of inwoner numbers, so distinct clients of any run of months are the size
of the union: exact, not an estimate.

A kept month is checked before it is used: an indicatie changed after the month was computed
(its history, indexed on `history_date`, which every service and bulk change leaves behind:
a schakelteam decision, an ending, a bijstelling, an import) whose period in any of its versions
touches the month makes it computed again. The open month and the days of a partial month at
either edge of the period are counted live, by the same code; so is a combination of filters.
Evaluations, half-year checks, declarations and the other figures are not kept: they are counted
live as before.
"""

import contextlib
import contextvars
import datetime
import functools
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, connection, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    DateField,
    F,
    FloatField,
    IntegerField,
    Max,
    Min,
    Q,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, Round
from django.utils import timezone
from pyroaring import BitMap

from basis import clock
from basis.notatie import datum_tekst
from indicaties.domein import NOOIT_TOEGEKENDE_STATUSSEN
from indicaties.models import Indicatie, Product, nummers_toekennen

from .models import Maandcijfers
from .sql import AlsGetal, DagenTussen
from .voorwaarden import (
    NUL,
    Filters,
    actief_in_q,
    dagen_in,
    datum_waarde,
    geregistreerd_q,
    kosten_in,
)
from .voorwaarden import maanden as kalendermaanden

SOORTEN = ("wet", "product", "aanbieder", "team")
GROEPEN = ("aanbieder", "team")
ALLE = ("", "")
VER_WEG = datetime.date(9999, 12, 31)

_LIVE = contextvars.ContextVar("stuurinformatie_alles_live", default=False)


@contextlib.contextmanager
def alles_live():
    """Count every figure live, without kept months (the comparison in the tests and benchmarks)."""
    token = _LIVE.set(True)
    try:
        yield
    finally:
        _LIVE.reset(token)


# --- What a month (or a part of one) holds ------------------------------------------------------


@dataclass
class Deel:
    """The client figures of one calendar month or a part of it, for one filter value."""

    inwoners: BitMap = field(default_factory=BitMap)
    paren: BitMap = field(default_factory=BitMap)
    meervoudig: BitMap = field(default_factory=BitMap)
    clientdagen: int = 0  # per inwoner capped at the days of the part
    clientdagen_ruw: int = 0
    uren: Decimal = NUL  # hours per week × days, pair products
    sommen: list = field(default_factory=list)  # [product, aanbieder, consulent, *SOMMEN as floats]


class _Teller:
    def __init__(self) -> None:
        self.inwoners: list = []
        self.paren: list = []
        self.dagen: dict = {}
        self.aantal: dict = {}
        self.uren = 0  # hundredths of an hour per week × days

    def deel(self, lengte: int) -> Deel:
        return Deel(
            inwoners=BitMap(self.inwoners),
            paren=BitMap(self.paren),
            meervoudig=BitMap([n for n, a in self.aantal.items() if a > 1]),
            clientdagen=sum(min(d, lengte) for d in self.dagen.values()),
            clientdagen_ruw=sum(self.dagen.values()),
            uren=Decimal(self.uren) / 100,
        )


def _deel_rijen(begin: datetime.date, eind: datetime.date, sleutel: tuple | None):
    """(inwoner number, product, aanbieder, consulent, first and last day in begin–eind as days
    after `begin`, hundredths of hours per week) of the granted indicaties running in begin–eind,
    ids as text; read with a plain cursor (Django's conversion of a hundred thousand UUIDs and
    decimals costs more than the query)."""
    qs = Indicatie.objects.filter(actief_in_q(begin, eind))
    if sleutel is not None and sleutel != ALLE:
        qs = qs.filter(_filter_q(sleutel))
    qs = qs.annotate(
        w=F("inwoner__nummer"),
        p=Cast("product_id", TextField()),
        a=Cast("aanbieder_id", TextField()),
        b=DagenTussen(Greatest(F("ingangsdatum"), datum_waarde(begin)), datum_waarde(begin)),
        e=DagenTussen(Least(Coalesce(F("einddatum"), datum_waarde(eind)), datum_waarde(eind)), datum_waarde(begin)),
        u=Cast(Round(F("uren_per_week") * 100), BigIntegerField()),
    ).values_list("w", "p", "a", "consulent_id", "b", "e", "u")
    sql, params = qs.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def tel(van: datetime.date, tot: datetime.date, paren: set, sleutel: tuple | None = None, soorten=()) -> dict:
    """Count the parts (calendar months cut to van–tot) live: {begin of the part: {key: Deel}}, for
    every key (`sleutel` None and no `soorten`), one key, or every value of `soorten`. Every inwoner
    must have a number (`nummers_toekennen`)."""
    _, codes, wetten = _eenmaal("catalogus", catalogus)
    paar_tekst = {str(pk) for pk in paren}
    producten: dict = {}  # product as text (with or without dashes) -> (in a pair, its keys)
    aanbieders: dict = {}
    teams: dict = {}
    delen = [((b - van).days, (e - van).days) for b, e in kalendermaanden(van, tot)]
    tellers_per_deel: list[dict] = [{} for _ in delen]
    for nummer, product, aanbieder, consulent, eerste, laatste, uren in _deel_rijen(van, tot, sleutel):
        info = producten.get(product)
        if info is None:
            pk = uuid.UUID(product)
            info = producten[product] = (
                str(pk) in paar_tekst,
                (ALLE, ("wet", wetten.get(pk, "")), ("product", codes.get(pk, ""))),
            )
        in_paar, eigen = info
        if sleutel is not None:
            sleutels = (sleutel,)
        else:
            a = aanbieders.get(aanbieder)
            if a is None:
                a = aanbieders[aanbieder] = ("aanbieder", str(uuid.UUID(aanbieder)))
            t = teams.get(consulent)
            if t is None:
                t = teams[consulent] = ("team", str(consulent))
            sleutels = (*eigen, a, t)
            if soorten:
                sleutels = tuple(k for k in sleutels if k[0] in soorten)
        for i, (deel_begin, deel_eind) in enumerate(delen):
            if eerste > deel_eind or laatste < deel_begin:
                continue
            dagen = min(laatste, deel_eind) - max(eerste, deel_begin) + 1
            tellers = tellers_per_deel[i]
            for k in sleutels:
                teller = tellers.get(k)
                if teller is None:
                    teller = tellers[k] = _Teller()
                teller.inwoners.append(nummer)
                if in_paar:
                    teller.paren.append(nummer)
                    teller.dagen[nummer] = teller.dagen.get(nummer, 0) + dagen
                    teller.aantal[nummer] = teller.aantal.get(nummer, 0) + 1
                    if uren is not None:
                        teller.uren += uren * dagen
    return {
        van + datetime.timedelta(days=b): {k: t.deel(e - b + 1) for k, t in tellers.items()}
        for (b, e), tellers in zip(delen, tellers_per_deel, strict=True)
    }


def _filter_q(sleutel: tuple) -> Q:
    soort, waarde = sleutel
    return {
        "wet": Q(product__wet=waarde),
        "product": Q(product__code=waarde),
        "aanbieder": Q(aanbieder_id=waarde),
        "team": Q(consulent_id=waarde),
    }[soort]


def sleutel_van(filters: Filters) -> tuple | None:
    """The kept key of the filters: ("", "") unfiltered, (soort, waarde) for one filter, None for a
    combination (not kept) or a value that cannot be one."""
    gezet = [(s, getattr(filters, s)) for s in SOORTEN if getattr(filters, s) not in (None, "")]
    if not gezet:
        return ALLE
    if len(gezet) > 1:
        return None
    soort, waarde = gezet[0]
    try:
        if soort == "aanbieder":
            waarde = uuid.UUID(str(waarde))
        elif soort == "team":
            waarde = int(waarde)
    except (TypeError, ValueError):
        return None
    return soort, str(waarde)


def catalogus() -> tuple[set, dict, dict]:
    """The products of every heavier/lighter pair (as selectors.stuurinformatie), and every
    product's code and law."""
    codes, wetten, paren = {}, {}, set()
    for pk, code, wet, licht in Product.objects.values_list("pk", "code", "wet", "lichtere_variant_id"):
        codes[pk], wetten[pk] = code, wet
        if licht:
            paren |= {pk, licht}
    return paren, codes, wetten


def _handtekening(paren: Iterable) -> str:
    return hashlib.sha256(",".join(sorted(str(p) for p in paren)).encode()).hexdigest()


# --- The sums per product, aanbieder and consulent (selectors._groepscijfers) -----------------------


def _maandsommen(begin: datetime.date, eind: datetime.date, wetten: dict) -> dict:
    """The sums of selectors._groepscijfers for one month, for every key: {key: {(product,
    aanbieder, consulent): [six floats]}}, in the grouping sets per product, per product and
    aanbieder, per product and consulent (the others None). Two queries grouped by all three: the
    registrations of the month (index on `aangemaakt`) and the care running in it (index on status
    and einddatum); as one query with `OR` it read the whole register."""
    registratie = geregistreerd_q(begin, eind)
    actief = actief_in_q(begin, eind)
    op_tot = actief_in_q(eind, eind)
    getal = FloatField()
    groep = ("product_id", "aanbieder_id", "consulent_id")
    geregistreerd = (
        Indicatie.objects.filter(registratie)
        .values(*groep)
        .annotate(
            s_reg=Count("id"),
            s_kosten=Sum(
                Case(
                    When(~Q(status__in=NOOIT_TOEGEKENDE_STATUSSEN), then=AlsGetal(F("geschatte_kosten"))),
                    default=Value(0.0),
                    output_field=getal,
                )
            ),
        )
        .values_list(*groep, "s_reg", "s_kosten")
        .order_by()
    )
    lopend = (
        Indicatie.objects.filter(actief)
        .values(*groep)
        .annotate(
            s_tot=Sum(Case(When(op_tot, then=Value(1)), default=Value(0), output_field=IntegerField())),
            s_uren_tot=Sum(
                Case(When(op_tot, then=AlsGetal(F("uren_per_week"))), default=Value(0.0), output_field=getal)
            ),
            s_uren_dagen=Sum(AlsGetal(F("uren_per_week")) * dagen_in(begin, eind), output_field=getal),
            s_kosten_periode=Sum(kosten_in(begin, eind), output_field=getal),
        )
        .values_list(*groep, "s_tot", "s_uren_tot", "s_uren_dagen", "s_kosten_periode")
        .order_by()
    )
    per_rij: dict = {}
    for rij in geregistreerd:
        per_rij.setdefault(rij[:3], [0.0] * 6)[0:2] = rij[3:]
    for rij in lopend:
        per_rij.setdefault(rij[:3], [0.0] * 6)[2:6] = rij[3:]
    rijen = [(*sleutel, *waarden) for sleutel, waarden in per_rij.items()]
    uit: dict = {}
    for product_id, aanbieder_id, consulent_id, *waarden in rijen:
        waarden = [float(w or 0.0) for w in waarden]
        p, a = str(product_id), str(aanbieder_id)
        for sleutel in (ALLE, ("wet", wetten.get(product_id, "")), ("aanbieder", a), ("team", str(consulent_id))):
            per_groep = uit.setdefault(sleutel, {})
            for groep in ((p, None, None), (p, a, None), (p, None, consulent_id)):
                som = per_groep.get(groep)
                if som is None:
                    per_groep[groep] = list(waarden)
                else:
                    for i, w in enumerate(waarden):
                        som[i] += w
    return uit


SOMMEN = (
    "geregistreerd",
    "kosten_geregistreerd",
    "actief_op_tot",
    "uren_actief_op_tot",
    "uren_maal_dagen",
    "kosten_in_periode",
)
OP_TOT = (2, 3)  # the sums on the last day: only from the part that holds `tot`


def groepscijfers(van, tot, filters: Filters, live) -> list[dict]:
    """selectors._groepscijfers from kept months and live parts (`live`: that function itself, for
    the parts not kept, and for everything when nothing is kept). Its sums ignore a product filter,
    so the months kept unfiltered serve it too."""
    zonder_product = Filters(wet=filters.wet, aanbieder=filters.aanbieder, team=filters.team)
    p = plan(van, tot, zonder_product)
    if p is None:
        return live(van, tot, filters)
    totaal: dict = {}

    def tel_op(groep, waarden, met_op_tot: bool):
        som = totaal.setdefault(groep, [0.0] * len(SOMMEN))
        for i, w in enumerate(waarden):
            if met_op_tot or i not in OP_TOT:
                som[i] += w

    laatste = p.indeling[-1][0]
    for begin, _ in p.indeling:
        if begin in p.bewaard and (deel := p.bewaard[begin][1].get(p.sleutel)) is not None:
            for product_id, aanbieder_id, consulent_id, *waarden in deel.sommen:
                tel_op((product_id, aanbieder_id, consulent_id), waarden, begin == laatste)
    for begin, eind in p.live_reeksen():
        for rij in live(begin, eind, filters):
            groep = (
                str(rij["product_id"]),
                str(rij["aanbieder_id"]) if rij["aanbieder_id"] is not None else None,
                rij["consulent_id"],
            )
            tel_op(groep, [float(rij[naam]) for naam in SOMMEN], eind == tot)
    return [
        {
            "product_id": uuid.UUID(product_id),
            "aanbieder_id": uuid.UUID(aanbieder_id) if aanbieder_id is not None else None,
            "consulent_id": consulent_id,
            **{naam: Decimal(str(w)) for naam, w in zip(SOMMEN, waarden, strict=True)},
        }
        for (product_id, aanbieder_id, consulent_id), waarden in totaal.items()
    ]


# --- Keeping and checking ------------------------------------------------------------------------


def maand_einde(begin: datetime.date) -> datetime.date:
    return begin + relativedelta(months=1) - datetime.timedelta(days=1)


def gesloten(begin: datetime.date, vandaag: datetime.date | None = None) -> bool:
    """A calendar month that has ended (`begin` its first day)."""
    return maand_einde(begin) < (vandaag or clock.today())


def bereken_maand(begin: datetime.date, paren: set | None = None) -> int:
    """Compute one closed month for every key and keep it (replacing what was kept); the rows kept."""
    catalogus_paren, _, wetten = _eenmaal("catalogus", catalogus)
    if paren is None:
        paren = catalogus_paren
    nummers_toekennen()
    berekend_op = timezone.now()
    delen = tel(begin, maand_einde(begin), paren)[begin]
    delen.setdefault(ALLE, Deel())  # the month's marker: kept even when nothing ran
    for sleutel, rijen in _maandsommen(begin, maand_einde(begin), wetten).items():
        delen.setdefault(sleutel, Deel()).sommen = [[*g, *v] for g, v in rijen.items()]
    handtekening = _handtekening(paren)
    rijen = [
        Maandcijfers(
            maand=begin,
            soort=soort,
            waarde=waarde,
            berekend_op=berekend_op,
            paren=handtekening,
            inwoners=d.inwoners.serialize(),
            inwoners_paren=d.paren.serialize(),
            meervoudig_paren=d.meervoudig.serialize(),
            clientdagen_paren=d.clientdagen,
            clientdagen_paren_ruw=d.clientdagen_ruw,
            uren_paren=d.uren,
            sommen=d.sommen,
        )
        for (soort, waarde), d in delen.items()
    ]
    try:
        with transaction.atomic():
            Maandcijfers.objects.filter(maand=begin).delete()
            Maandcijfers.objects.bulk_create(rijen, batch_size=500)
    except IntegrityError:  # computed at the same moment by another request: theirs is as good
        pass
    return len(rijen)


def verouderd(berekend: dict[datetime.date, datetime.datetime]) -> set[datetime.date]:
    """The kept months (first day → when computed) that an indicatie changed since touches: the
    month it was registered in, or its period in any of its versions (the history keeps them all)."""
    if not berekend:
        return set()
    geschiedenis = Indicatie.history.model
    vanaf = min(berekend.values())
    gewijzigd = geschiedenis.objects.filter(history_date__gt=vanaf).values("id")
    spannen = {
        pk: (laatst, begin, einde)
        for pk, laatst, begin, einde in geschiedenis.objects.filter(id__in=gewijzigd)
        .values("id")
        .annotate(
            laatst=Max("history_date"),
            begin=Min("ingangsdatum"),
            einde=Max(Coalesce("einddatum", Value(VER_WEG, output_field=DateField()))),
        )
        .values_list("id", "laatst", "begin", "einde")
        .order_by()
    }
    if spannen:
        for pk, aangemaakt in Indicatie.objects.filter(id__in=gewijzigd).values_list("id", "aangemaakt"):
            laatst, begin, einde = spannen[pk]
            spannen[pk] = (laatst, min(begin, timezone.localdate(aangemaakt)), einde)
    uit: set = set()
    for laatst, begin, einde in spannen.values():
        for maand, op in berekend.items():
            if maand not in uit and laatst > op and begin <= maand_einde(maand) and einde >= maand:
                uit.add(maand)
    return uit


def _lees(maanden: list[datetime.date], sleutels, soorten) -> dict:
    """In one query: the months' markers, the rows of `sleutels` whole, and of every value of
    `soorten` only the set of inwoners (the clients per aanbieder and team need no more; their
    sums are most of the data and are not even sent)."""
    uit: dict = {m: [None, None, {}] for m in maanden}
    eigen = Q(pk__in=[])
    for soort, waarde in sleutels:
        eigen |= Q(soort=soort, waarde=waarde)
    rijen = (
        Maandcijfers.objects.filter(Q(soort="") | eigen | Q(soort__in=soorten), maand__in=maanden)
        .annotate(eigen=Case(When(eigen, then=Value(True)), default=Value(False), output_field=BooleanField()))
        .annotate(s=Case(When(eigen, then=Cast("sommen", TextField())), default=Value(""), output_field=TextField()))
        .values_list(
            "maand",
            "soort",
            "waarde",
            "berekend_op",
            "paren",
            "eigen",
            "inwoners",
            "inwoners_paren",
            "meervoudig_paren",
            "clientdagen_paren",
            "clientdagen_paren_ruw",
            "uren_paren",
            "s",
        )
    )
    for maand, soort, waarde, op, paren, is_eigen, inwoners, in_paren, meervoudig, dagen, ruw, uren, sommen in rijen:
        if soort == "":
            uit[maand][0], uit[maand][1] = op, paren
        if is_eigen:
            uit[maand][2][(soort, waarde)] = Deel(
                inwoners=BitMap.deserialize(bytes(inwoners)),
                paren=BitMap.deserialize(bytes(in_paren)),
                meervoudig=BitMap.deserialize(bytes(meervoudig)),
                clientdagen=dagen,
                clientdagen_ruw=ruw,
                uren=uren,
                sommen=json.loads(sommen) if sommen else [],
            )
        elif soort in soorten:
            uit[maand][2][(soort, waarde)] = Deel(inwoners=BitMap.deserialize(bytes(inwoners)))
    return uit


def _kept(maanden: list[datetime.date], paren: set, sleutels=(), soorten=()) -> dict:
    """The kept months (computed again where missing or changed): {begin: (berekend_op, {key: Deel})}.
    One read of the months' rows; a month missing or touched is computed and read again."""
    if not maanden:
        return {}
    handtekening = _handtekening(paren)
    uit = _lees(maanden, list(sleutels), soorten)
    opnieuw = {m for m, (op, h, _) in uit.items() if op is None or h != handtekening}
    opnieuw |= verouderd({m: op for m, (op, _, _) in uit.items() if m not in opnieuw})
    if opnieuw:
        for maand in sorted(opnieuw):
            bereken_maand(maand, paren)
        uit.update(_lees(sorted(opnieuw), list(sleutels), soorten))
    return {m: (op, delen) for m, (op, _, delen) in uit.items()}


_TELLING: contextvars.ContextVar = contextvars.ContextVar("stuurinformatie_telling", default=None)


def per_telling(functie):
    """One computation of the figures (selectors.stuurinformatie): the catalogue, the numbering and
    the plan of each period are worked out once for all the figures that use them."""

    @functools.wraps(functie)
    def binnen(*args, **kwargs):
        token = _TELLING.set({})
        try:
            return functie(*args, **kwargs)
        finally:
            _TELLING.reset(token)

    return binnen


def _eenmaal(sleutel, maak):
    geheugen = _TELLING.get()
    if geheugen is None:
        return maak()
    if sleutel not in geheugen:
        geheugen[sleutel] = maak()
    return geheugen[sleutel]


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
    if _LIVE.get():
        return None
    sleutel = sleutel_van(filters)
    if sleutel is None or (groepen and sleutel != ALLE):
        return None
    paren, codes, _ = _eenmaal("catalogus", catalogus)
    if paar_ids is not None:
        verwacht = {pk for pk in paren if not filters.product or codes[pk] == filters.product}
        if set(paar_ids) != verwacht:
            return None
    met_groepen = met_groepen and sleutel == ALLE
    return _eenmaal(("plan", van, tot, sleutel, met_groepen), lambda: _maak_plan(van, tot, sleutel, paren, met_groepen))


def _maak_plan(van, tot, sleutel: tuple, paren: set, met_groepen: bool) -> Plan | None:
    vandaag = clock.today()
    delen = kalendermaanden(van, tot)
    heel = [b for b, e in delen if b.day == 1 and e == maand_einde(b) and gesloten(b, vandaag)]
    if not heel:
        return None
    _eenmaal("nummers", nummers_toekennen)
    soorten = GROEPEN if met_groepen else ()
    return Plan(van, tot, sleutel, paren, delen, _kept(heel, paren, sleutels=[sleutel], soorten=soorten), soorten)


# --- The figures from kept months and live parts ---------------------------------------------------


def _clientdagen(van, tot, filters: Filters, paar_ids: set, delen: list) -> int:
    """Client-days in the pair products over van–tot, per inwoner never more than the days of the
    period: the sum over the parts, less the excess of those who had two such indicaties in one
    month (only they can have two on one day), counted for them alone."""
    ruw = sum(d.clientdagen_ruw for _, _, d in delen)
    meervoudig = BitMap.union(*(d.meervoudig for _, _, d in delen)) if delen else BitMap()
    lengte = (tot - van).days + 1
    per_inwoner: dict = {}
    for nummer, ingang, einde in (
        Indicatie.objects.filter(
            filters.q(),
            actief_in_q(van, tot),
            product_id__in=list(paar_ids),
            inwoner__nummer__in=list(meervoudig) or [0],
        )
        .values_list("inwoner__nummer", "ingangsdatum", "einddatum")
        .order_by()
    ):
        dagen = (min(einde or VER_WEG, tot) - max(ingang, van)).days + 1
        per_inwoner[nummer] = per_inwoner.get(nummer, 0) + dagen
    return ruw - sum(max(0, d - lengte) for d in per_inwoner.values())


def clienten(van, tot, filters: Filters, paar_ids: set, maandlijst) -> dict | None:
    """overzicht.clienten from kept months and live parts; None when the period has none kept."""
    p = plan(van, tot, filters, paar_ids)
    if p is None:
        return None
    delen = p.voor(sleutel_van(filters))
    per_deel = {b: d for b, _, d in delen}
    return {
        "met_indicatie": len(BitMap.union(*(d.inwoners for _, _, d in delen))),
        "in_paren": len(BitMap.union(*(d.paren for _, _, d in delen))),
        "clientdagen_paren": _clientdagen(van, tot, filters, paar_ids, delen),
        "per_maand": {
            f"{begin:%Y-%m}": {
                "met_indicatie": len(per_deel[begin].inwoners),
                "clientdagen_paren": per_deel[begin].clientdagen,
            }
            for begin, _ in maandlijst
        },
    }


def vorig_jaar(van, tot, filters: Filters, paar_ids: set) -> dict | None:
    """overzicht.vorig_jaar from kept months and live parts; None when the year before has none kept."""
    van_vj, tot_vj = van - relativedelta(years=1), tot - relativedelta(years=1)
    p = plan(van_vj, tot_vj, filters, paar_ids, met_groepen=False)
    if p is None:
        return None
    delen = p.voor(sleutel_van(filters))
    return {
        "van": van_vj.isoformat(),
        "tot": tot_vj.isoformat(),
        "clienten": len(BitMap.union(*(d.inwoners for _, _, d in delen))),
        "uren_paren": sum((d.uren for _, _, d in delen), NUL) / 7,
        "clientdagen_paren": _clientdagen(van_vj, tot_vj, filters, paar_ids, delen),
    }


def clienten_per_groep(van, tot, filters: Filters) -> tuple[dict, dict] | None:
    """overzicht.clienten_per_groep (distinct clients per aanbieder and per team) from kept months."""
    p = plan(van, tot, filters, groepen=True)
    if p is None:
        return None
    sets: dict = {}
    for _, _, per_sleutel, _ in p.delen:
        for sleutel, deel in per_sleutel.items():
            if sleutel[0] in GROEPEN and deel.inwoners:
                sets.setdefault(sleutel, []).append(deel.inwoners)
    per_aanbieder, per_team = {}, {}
    for (soort, waarde), delen in sets.items():
        aantal = len(BitMap.union(*delen))
        if soort == "aanbieder":
            per_aanbieder[uuid.UUID(waarde)] = aantal
        else:
            per_team[int(waarde)] = aantal
    return per_aanbieder, per_team


def verantwoording(van, tot, filters: Filters) -> dict:
    """Which months of the period were kept (and when computed) and which parts were counted live
    (the API's `maandcijfers`); all live without a kept month."""
    sleutel = sleutel_van(filters)
    geheugen = _TELLING.get() or {}
    cache = ("plan", van, tot, sleutel, sleutel == ALLE)
    p = geheugen.get(cache)
    if p is None and cache not in geheugen and not _LIVE.get() and sleutel is not None:
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


# --- The daily run and the command -----------------------------------------------------------------


def bijwerken(alles: bool = False, vandaag: datetime.date | None = None) -> list[datetime.date]:
    """Keep the closed months of this year and last year (the standard views) that are missing or
    changed; `alles`: compute every closed month since the first indicatie again. The months computed."""
    vandaag = vandaag or clock.today()
    laatste = vandaag.replace(day=1) - relativedelta(months=1)
    if alles:
        eerste = Indicatie.objects.aggregate(m=Min("ingangsdatum"))["m"]
        if eerste is None:
            return []
        begin = eerste.replace(day=1)
    else:
        begin = datetime.date(vandaag.year - 1, 1, 1)
    maanden = []
    while begin <= laatste:
        maanden.append(begin)
        begin += relativedelta(months=1)
    paren = catalogus()[0]
    if alles:
        for maand in maanden:
            bereken_maand(maand, paren)
        return maanden
    handtekening = _handtekening(paren)
    merken = dict(Maandcijfers.objects.filter(maand__in=maanden, soort="").values_list("maand", "paren"))
    opnieuw = {m for m in maanden if merken.get(m) != handtekening}
    berekend = dict(Maandcijfers.objects.filter(maand__in=maanden, soort="").values_list("maand", "berekend_op"))
    opnieuw |= verouderd({m: op for m, op in berekend.items() if m not in opnieuw})
    for maand in sorted(opnieuw):
        bereken_maand(maand, paren)
    return sorted(opnieuw)


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
