"""The figures of selectors and overzicht from kept months and live parts: the same answers as the
live count, built from the sets and sums of the plan's parts (None where nothing is kept)."""

import uuid
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from pyroaring import BitMap

from indicaties.models import Indicatie

from ..voorwaarden import NUL, Filters, actief_in_q
from .berekening import GROEPEN, SOMMEN, VER_WEG, sleutel_van
from .indeling import plan

OP_TOT = (2, 3)  # the sums on the last day: only from the part that holds `tot`


def groepscijfers(van, tot, filters: Filters, live) -> list[dict]:
    """selectors.groepen.groepscijfers from kept months and live parts (`live`: that function itself, for
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
