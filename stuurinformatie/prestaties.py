"""The approved prestaties of the chain's declarations (323) are realised cost, as the rows of a
declaraties file are (docs/stuurinformatie.md, "Declaraties").

berichten judges a 323 and, inside the transaction that stores the verdict, sends
`prestaties_beoordeeld` with the debet prestaties it approved (`toegekend`) and the earlier ones an
approved credit reversed (`gecrediteerd`). The receiver here writes the approved ones as
`Declaratie` rows (linked to their prestatie) and adds them to `DeclaratieTotaal`, and takes the
credited ones out of both, set-based: a handful of statements whatever the number of prestaties.
So every figure that counts declaraties (gedeclareerd, verzilvering, business case, the report,
the budgetplafonds) counts the chain without knowing it exists; a failure undoes the whole message.

berichten may not import this app, so it asks for an aanbieder's approved total of a year (to
refuse what goes beyond the budgetplafond) through a provider registered here: the totals of both
the files and the chain (plafonds.toegekend_per_jaar).
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, transaction

from indicaties.models import Indicatie

from . import plafonds
from .models import Declaratie, DeclaratieTotaal
from .services import SLOT_TOTALEN

logger = logging.getLogger(__name__)

# WJ756 → the units of the register; a declaration in euros (83) keeps its own name.
EENHEDEN = {"01": "minuut", "04": "uur", "14": "etmaal", "16": "dagdeel", "82": "stuks", "83": "euro", "84": "stuks"}
PER_KEER = 2000
BATCH = 5000


def beoordeeld(sender=None, *, toegekend: Iterable = (), gecrediteerd: Iterable = (), **kwargs) -> None:
    """Receiver of `berichten.signalen.prestaties_beoordeeld`: credited prestaties out, approved ones
    in (in that order, so a correction after a full credit in the same message fits), and after
    commit the budgetplafond of the aanbieders concerned."""
    toegekend, gecrediteerd = list(toegekend), list(gecrediteerd)
    if not toegekend and not gecrediteerd:
        return
    _vergrendel()
    verwijderd = verwijder(gecrediteerd)
    toegevoegd = neem_op(toegekend)
    perioden = verwijderd + toegevoegd
    if perioden:
        aanbieders = {aanbieder_id for _, aanbieder_id, _, _ in perioden}
        jaren = plafonds.jaren_van((begin, eind) for _, _, begin, eind in perioden)
        transaction.on_commit(lambda: _signaleer(aanbieders, jaren), robust=True)


def _signaleer(aanbieders: set, jaren: set) -> None:
    """After commit, in a transaction of its own: a notification that fails loses nothing, the
    morning run (plafonds.dagelijks) makes it then."""
    plafonds.signaleer(aanbieders, jaren)


def _vergrendel() -> None:
    """One file or message at a time changes DeclaratieTotaal (the lock of importeer_declaraties)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SLOT_TOTALEN])
    # SQLite: one writing transaction at a time already.


def neem_op(prestaties: list) -> list[tuple]:
    """Approved debet prestaties as declaraties, with product and aanbieder at the moment of the
    approval (as a file's rows); one already taken up is left alone. Returns the (product,
    aanbieder, begin, eind) of each one added."""
    met_indicatie = [p for p in prestaties if p.indicatie_id is not None]
    if len(met_indicatie) != len(prestaties):
        logger.warning(
            "%d toegekende prestatie(s) zonder indicatie niet meegeteld.", len(prestaties) - len(met_indicatie)
        )
    ids = [p.pk for p in met_indicatie]
    al = set()
    producten = {}
    for i in range(0, len(ids), PER_KEER):
        al |= set(
            Declaratie.objects.filter(prestatie_id__in=ids[i : i + PER_KEER]).values_list("prestatie_id", flat=True)
        )
    nieuw = [p for p in met_indicatie if p.pk not in al]
    indicatie_ids = sorted({p.indicatie_id for p in nieuw})
    for i in range(0, len(indicatie_ids), PER_KEER):
        producten.update(
            Indicatie.objects.filter(pk__in=indicatie_ids[i : i + PER_KEER]).values_list("pk", "product_id")
        )
    rijen = [
        Declaratie(
            prestatie_id=p.pk,
            indicatie_id=p.indicatie_id,
            product_id=producten[p.indicatie_id],
            aanbieder_id=p.aanbieder_id,
            begindatum=p.begindatum,
            einddatum=p.einddatum,
            volume=Decimal(p.volume),
            eenheid=EENHEDEN.get(p.eenheid, p.eenheid)[:10],
            bedrag=p.bedrag,
        )
        for p in nieuw
    ]
    Declaratie.objects.bulk_create(rijen, batch_size=BATCH)
    _tel_op([(r.product_id, r.aanbieder_id, r.begindatum, r.einddatum, r.bedrag, 1) for r in rijen])
    return [(r.product_id, r.aanbieder_id, r.begindatum, r.einddatum) for r in rijen]


def verwijder(prestaties: list) -> list[tuple]:
    """Debet prestaties reversed by an approved credit: their declaraties removed and taken off the
    totals. Returns the (product, aanbieder, begin, eind) of each one removed."""
    ids = [p.pk for p in prestaties]
    weg = []
    for i in range(0, len(ids), PER_KEER):
        rijen = Declaratie.objects.filter(prestatie_id__in=ids[i : i + PER_KEER])
        weg += list(rijen.values_list("pk", "product_id", "aanbieder_id", "begindatum", "einddatum", "bedrag"))
    for i in range(0, len(weg), PER_KEER):
        Declaratie.objects.filter(pk__in=[w[0] for w in weg[i : i + PER_KEER]]).delete()
    _tel_op([(product, aanbieder, begin, eind, -bedrag, -1) for _, product, aanbieder, begin, eind, bedrag in weg])
    return [(product, aanbieder, begin, eind) for _, product, aanbieder, begin, eind, _ in weg]


def _tel_op(bijdragen: list[tuple]) -> None:
    """Add (or, negative, take off) amounts and rows to DeclaratieTotaal per product, aanbieder and
    period; a total that is left without rows goes."""
    sommen: dict[tuple, list] = defaultdict(lambda: [Decimal("0"), 0])
    for product_id, aanbieder_id, begin, eind, bedrag, aantal in bijdragen:
        som = sommen[(product_id, aanbieder_id, begin, eind)]
        som[0] += bedrag
        som[1] += aantal
    if not sommen:
        return
    bestaand = {}
    begindatums = sorted({k[2] for k in sommen})
    aanbieders = sorted({k[1] for k in sommen})
    for i in range(0, len(begindatums), PER_KEER):
        for totaal in DeclaratieTotaal.objects.filter(
            begindatum__in=begindatums[i : i + PER_KEER], aanbieder_id__in=aanbieders
        ):
            bestaand[(totaal.product_id, totaal.aanbieder_id, totaal.begindatum, totaal.einddatum)] = totaal
    # One upsert for new and changed totals alike: the same statements however the prestaties fall.
    # (Rows without their id: Django inserts rows with and without one in separate statements.)
    blijven, leeg = [], []
    for sleutel, (bedrag, aantal) in sommen.items():
        product_id, aanbieder_id, begin, eind = sleutel
        oud = bestaand.get(sleutel)
        totaal = DeclaratieTotaal(
            product_id=product_id,
            aanbieder_id=aanbieder_id,
            begindatum=begin,
            einddatum=eind,
            bedrag=(oud.bedrag if oud else 0) + bedrag,
            regels=(oud.regels if oud else 0) + aantal,
        )
        if totaal.regels > 0:
            blijven.append(totaal)
        elif oud is not None:
            leeg.append(oud.pk)
    DeclaratieTotaal.objects.bulk_create(
        blijven,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["product", "aanbieder", "begindatum", "einddatum"],
        update_fields=["bedrag", "regels"],
    )
    if leeg:
        DeclaratieTotaal.objects.filter(pk__in=leeg).delete()


def plafondstand(aanbieder_ids: set, jaar: int) -> dict:
    """The provider berichten asks for an aanbieder's approved total of a year: files and chain."""
    return plafonds.toegekend_per_jaar(aanbieder_ids, jaar)
