"""Keeping closed months and checking them: a month computed for every key and written as rows of
`Maandcijfers` (bitmaps serialised), read back in one query, and computed again when an indicatie
changed since touches it (its history) or the products of the pairs changed; the daily run."""

import datetime
import json

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Case, DateField, Max, Min, Q, TextField, Value, When
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from pyroaring import BitMap

from basis import clock
from indicaties.models import Indicatie, nummers_toekennen

from ..models import Maandcijfers
from .berekening import ALLE, VER_WEG, Deel, catalogus, maandsommen, paren_handtekening, tel
from .telling import eenmaal


def maand_einde(begin: datetime.date) -> datetime.date:
    return begin + relativedelta(months=1) - datetime.timedelta(days=1)


def gesloten(begin: datetime.date, vandaag: datetime.date | None = None) -> bool:
    """A calendar month that has ended (`begin` its first day)."""
    return maand_einde(begin) < (vandaag or clock.today())


def bereken_maand(begin: datetime.date, paren: set | None = None) -> int:
    """Compute one closed month for every key and keep it (replacing what was kept); the rows kept."""
    catalogus_paren, _, wetten = eenmaal("catalogus", catalogus)
    if paren is None:
        paren = catalogus_paren
    nummers_toekennen()
    berekend_op = timezone.now()
    delen = tel(begin, maand_einde(begin), paren)[begin]
    delen.setdefault(ALLE, Deel())  # the month's marker: kept even when nothing ran
    for sleutel, rijen in maandsommen(begin, maand_einde(begin), wetten).items():
        delen.setdefault(sleutel, Deel()).sommen = [[*g, *v] for g, v in rijen.items()]
    handtekening = paren_handtekening(paren)
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


def bewaarde(maanden: list[datetime.date], paren: set, sleutels=(), soorten=()) -> dict:
    """The kept months (computed again where missing or changed): {begin: (berekend_op, {key: Deel})}.
    One read of the months' rows; a month missing or touched is computed and read again."""
    if not maanden:
        return {}
    handtekening = paren_handtekening(paren)
    uit = _lees(maanden, list(sleutels), soorten)
    opnieuw = {m for m, (op, h, _) in uit.items() if op is None or h != handtekening}
    opnieuw |= verouderd({m: op for m, (op, _, _) in uit.items() if m not in opnieuw})
    if opnieuw:
        for maand in sorted(opnieuw):
            bereken_maand(maand, paren)
        uit.update(_lees(sorted(opnieuw), list(sleutels), soorten))
    return {m: (op, delen) for m, (op, _, delen) in uit.items()}


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
    handtekening = paren_handtekening(paren)
    merken = dict(Maandcijfers.objects.filter(maand__in=maanden, soort="").values_list("maand", "paren"))
    opnieuw = {m for m in maanden if merken.get(m) != handtekening}
    berekend = dict(Maandcijfers.objects.filter(maand__in=maanden, soort="").values_list("maand", "berekend_op"))
    opnieuw |= verouderd({m: op for m, op in berekend.items() if m not in opnieuw})
    for maand in sorted(opnieuw):
        bereken_maand(maand, paren)
    return sorted(opnieuw)
