"""The budgetplafond of an aanbieder: what was approved in a calendar year so far (docs/berichten.md).

Declarations reach the register in more than one way (the 323 of the chain here, older CSV files in
stuurinformatie), and berichten may not import the apps above it. So the year's approved total
comes from a provider function that such an app can replace with one that counts everything:

    registreer_plafondstand(functie)   # functie(aanbieder_ids: set, jaar: int) -> {id: Decimal}

The default sums the approved prestaties of the chain: debet minus credit, by the year their
ProductPeriode begins in."""

from collections.abc import Callable
from decimal import Decimal

from django.db.models import Q, Sum

Plafondstand = Callable[[set, int], dict]


def _uit_prestaties(aanbieder_ids: set, jaar: int) -> dict:
    from .models import DebetCredit, Prestatie, PrestatieStatus

    rijen = (
        Prestatie.objects.filter(
            aanbieder_id__in=aanbieder_ids, status=PrestatieStatus.TOEGEKEND, begindatum__year=jaar
        )
        .values("aanbieder_id")
        .annotate(
            debet=Sum("bedrag", filter=Q(debet_credit=DebetCredit.DEBET)),
            credit=Sum("bedrag", filter=Q(debet_credit=DebetCredit.CREDIT)),
        )
    )
    stand = dict.fromkeys(aanbieder_ids, Decimal("0"))
    for rij in rijen:
        stand[rij["aanbieder_id"]] = (rij["debet"] or Decimal("0")) - (rij["credit"] or Decimal("0"))
    return stand


_functie: Plafondstand = _uit_prestaties


def registreer_plafondstand(functie: Plafondstand | None) -> None:
    """Use `functie` for the year's approved total from now on; None puts the default back."""
    global _functie
    _functie = functie or _uit_prestaties


def plafondstand(aanbieder_ids: set, jaar: int) -> dict:
    """{aanbieder id: approved total of `jaar` in euros}; an aanbieder without any has 0."""
    stand = _functie(set(aanbieder_ids), jaar)
    return {a: Decimal(stand.get(a) or 0) for a in aanbieder_ids}
