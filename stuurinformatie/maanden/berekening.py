"""What a calendar month (or a part of one) holds, counted live from the register: the sets of
inwoners as roaring bitmaps, client-days and hours per filter value (`tel`), and the sums per
product, aanbieder and consulent of selectors.groepen.groepscijfers (`maandsommen`). The same code counts
a month to keep it and the parts of a period that are not kept."""

import datetime
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import BigIntegerField, Case, Count, F, FloatField, IntegerField, Q, Sum, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, Greatest, Least, Round
from pyroaring import BitMap

from indicaties.domein import NOOIT_TOEGEKENDE_STATUSSEN
from indicaties.models import Indicatie, Product

from ..sql import AlsGetal, DagenTussen
from ..voorwaarden import NUL, Filters, actief_in_q, dagen_in, datum_waarde, geregistreerd_q, kosten_in
from ..voorwaarden import maanden as kalendermaanden
from .telling import eenmaal

SOORTEN = ("wet", "product", "aanbieder", "team")
GROEPEN = ("aanbieder", "team")
ALLE = ("", "")
VER_WEG = datetime.date(9999, 12, 31)


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
    _, codes, wetten = eenmaal("catalogus", catalogus)
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


def paren_handtekening(paren: Iterable) -> str:
    return hashlib.sha256(",".join(sorted(str(p) for p in paren)).encode()).hexdigest()


# --- The sums per product, aanbieder and consulent (selectors.groepen.groepscijfers) -----------------------


def maandsommen(begin: datetime.date, eind: datetime.date, wetten: dict) -> dict:
    """The sums of selectors.groepen.groepscijfers for one month, for every key: {key: {(product,
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
