"""The second-round figures put together (docs/api.md, second round, "Stuurinformatie"; every figure
in docs/stuurinformatie.md): clients, half-year checks, follow-ups, declared cost and its
verzilvering, budget ceilings, the business case net of replacement care, the targets, and the
monthly series the overview draws.

`aanvullen` adds them to the figures of `selectors.stuurinformatie`, from what that function has
already counted plus the queries of `overzicht`.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from indicaties.domein import Wet

from .models import BusinesscaseDoel, Streefwaarde
from .overzicht import (
    clienten,
    clienten_per_groep,
    declaraties,
    evaluaties_per_maand,
    halfjaarchecks,
    maand_sleutel,
    opvolgingen,
    plafonds,
    reeks_maanden,
    schakelteam_doorlooptijden,
    som_per_maand,
    toetsing_per_maand,
    vermeden_per_maand,
    vervangende_zorg,
    vorig_jaar,
)
from .plafonds import toegekend_per_jaar, verloop
from .voorwaarden import NUL, Filters, aandeel_tekst, gedeeld, geld

EEN = Decimal(1)


@dataclass(frozen=True)
class Basis:
    """What selectors.stuurinformatie already counted, handed over as plain data."""

    producten: dict  # id -> {"code", "naam", "wet", "eenheid", "lichtere_variant_id"}
    paar_ids: set  # products in a heavier/lighter pair (and of the chosen product, if any)
    per_product_aanbieder: dict  # (product id, aanbieder id) -> kosten_in_periode (Decimal)
    uren_per_product: dict  # product id -> hours in the period (Decimal), every product
    uren_per_dag: dict  # product id -> hours on each day of the period (floats), every product
    productmix: list
    vermeden_per_wet: dict
    vermeden_per_consulent: dict


def streefwaarden() -> dict[str, Decimal | None]:
    return dict(Streefwaarde.objects.values_list("kpi", "waarde"))


def _doel_per_maand(maandlijst, wetten) -> dict[str, Decimal]:
    doelen = defaultdict(lambda: NUL)
    if not maandlijst:
        return {}
    jaren = {b.year for b, _ in maandlijst}
    for doel in BusinesscaseDoel.objects.filter(jaar__in=jaren, wet__in=wetten):
        dagen_jaar = (datetime.date(doel.jaar, 12, 31) - datetime.date(doel.jaar, 1, 1)).days + 1
        for begin, eind in maandlijst:
            if begin.year == doel.jaar:
                doelen[maand_sleutel(begin)] += doel.besparing * ((eind - begin).days + 1) / dagen_jaar
    return dict(doelen)


def _verschuiving(paren: list[dict], uren: dict) -> Decimal | None:
    """The share of the baseline's heavier hours that moved to the lighter variant, over the pairs
    with a baseline: Σ (all hours × (1 − basis) − heavier hours) ÷ Σ all hours × (1 − basis)."""
    verwacht = verschoven = NUL
    for paar in paren:
        if paar["basis"] is None:
            continue
        zwaar, licht = uren(paar["zwaar_id"]), uren(paar["licht_id"])
        zwaar_in_basis = (zwaar + licht) * (EEN - paar["basis"])
        verwacht += zwaar_in_basis
        verschoven += zwaar_in_basis - zwaar
    return verschoven / verwacht if verwacht else None


def uren_per_client(maanden: list[tuple[Decimal, int]]) -> Decimal | None:
    """Hours per week per client over months of (hours, client-days): all hours in the pair products
    ÷ the weeks clients were in such care (overzicht.clientdagen)."""
    dagen = sum((d for _, d in maanden), 0)
    if not dagen:
        return None
    return sum((uren for uren, _ in maanden), NUL) / (Decimal(dagen) / 7)


def aanvullen(cijfers: dict, van, tot, filters: Filters, vandaag: datetime.date, basis: Basis) -> None:
    maandlijst = reeks_maanden(van, tot)
    maanden = [maand_sleutel(b) for b, _ in maandlijst]
    wetten = [filters.wet] if filters.wet else list(Wet.values)

    # Clients, and hours per client in the products of a pair, now and a year earlier.
    cl = clienten(van, tot, filters, basis.paar_ids, maandlijst)
    vj = vorig_jaar(van, tot, filters, basis.paar_ids)
    uren_maand = {
        pk: {
            maand_sleutel(b): Decimal(str(round(sum(dagen[(b - van).days : (e - van).days + 1]), 6)))
            for b, e in maandlijst
        }
        for pk, dagen in basis.uren_per_dag.items()
    }
    paar_maanden = [
        (
            sum((uren_maand.get(pk, {}).get(maand_sleutel(b), NUL) for pk in basis.paar_ids), NUL),
            cl["per_maand"][maand_sleutel(b)]["clientdagen_paren"],
        )
        for b, _ in maandlijst
    ]
    uren_paren = sum((basis.uren_per_product.get(pk, NUL) for pk in basis.paar_ids), NUL)
    per_client = uren_per_client([(uren_paren, cl["clientdagen_paren"])])
    per_client_vj = uren_per_client([(vj["uren_paren"], vj["clientdagen_paren"])])
    cijfers["clienten"] = {
        "met_indicatie": cl["met_indicatie"],
        "vorig_jaar": vj["clienten"],
        "in_paren": cl["in_paren"],
        "uren_per_week_per_client": geld(per_client) if per_client is not None else None,
        "uren_per_week_per_client_vorig_jaar": geld(per_client_vj) if per_client_vj is not None else None,
        "verandering_uren_per_client": (
            aandeel_tekst(per_client / per_client_vj - 1) if per_client is not None and per_client_vj else None
        ),
    }

    hj = halfjaarchecks(van, tot, filters, vandaag)
    cijfers["halfjaarchecks"] = {k: hj[k] for k in hj if k != "per_maand"}
    opv = opvolgingen(van, tot, filters)
    cijfers["opvolgingen"] = {k: v for k, v in opv.items() if k != "per_maand"}
    opv_maand = opv["per_maand"]

    doelen = streefwaarden()
    cijfers["streefwaarden"] = {k: (str(v) if v is not None else None) for k, v in doelen.items()}

    # Declaraties next to the estimated cost of the indicaties ("verzilvering").
    dec = declaraties(van, tot, filters)
    cijfers["gedeclareerd"] = geld(dec["totaal"])
    _verzilvering(cijfers, basis, dec["per_product_aanbieder"])
    _plafonds(cijfers, van, tot, dec["per_product_aanbieder"], basis.per_product_aanbieder, doelen)

    # The business case, net of the care that replaced what was ended or changed.
    vervangend = vervangende_zorg(van, tot, filters)
    _businesscase_netto(cijfers, vervangend)

    cl_aanbieder, cl_consulent = clienten_per_groep(van, tot, filters)
    cl_aanbieder = {str(pk): n for pk, n in cl_aanbieder.items()}
    for rij in cijfers["per_aanbieder"]:
        rij["clienten"] = cl_aanbieder.get(rij["aanbieder"], 0)
    vervangend_per_consulent = defaultdict(lambda: NUL)
    for v in vervangend:
        vervangend_per_consulent[v["consulent_id"]] += v["kosten"]
    for rij in cijfers["per_consulent"]:
        rij["clienten"] = cl_consulent.get(rij["consulent"], 0)
        rij["vervangende_zorg"] = geld(vervangend_per_consulent.get(rij["consulent"], NUL))

    doorloop = schakelteam_doorlooptijden(van, tot, filters)
    cijfers["schakelteam"]["mediaan_doorlooptijd_dagen"] = (
        str(doorloop["mediaan"]) if doorloop["mediaan"] is not None else None
    )

    # Monthly series for the tiles.
    paren = [
        {
            "zwaar_id": pk,
            "licht_id": p["lichtere_variant_id"],
            "basis": Decimal(m["basis_aandeel_licht"]) if m["basis_ingesteld"] else None,
            "tariefverschil": Decimal(m["tarief_per_uur_zwaar"]) - Decimal(m["tarief_per_uur_licht"]),
            "wet": p["wet"],
        }
        for pk, p in basis.producten.items()
        for m in basis.productmix
        if p["lichtere_variant_id"] and m["product"] == p["code"]
    ]
    cijfers["verschuiving_licht"] = _als_aandeel(_verschuiving(paren, lambda pk: basis.uren_per_product.get(pk, NUL)))
    if not maandlijst:
        cijfers["per_maand"] = []
        return
    ev_maand = evaluaties_per_maand(van, tot, filters, vandaag)
    toets_maand = toetsing_per_maand(van, tot, filters)
    vermeden_maand = vermeden_per_maand(van, tot, filters)
    vervangend_maand = defaultdict(lambda: NUL)
    for v in vervangend:
        vervangend_maand[v["maand"]] += v["kosten"]
    gedeclareerd_maand = som_per_maand(dec["per_dag"], van, maandlijst)
    # Months after the last day anything was declared for have no figure yet (not zero): providers
    # declare after the month.
    # (A running sum of floats leaves crumbs of 1e-12 after the last declaration: not an amount.)
    laatste_dag = max((i for i, bedrag in enumerate(dec["per_dag"]) if abs(bedrag) >= 0.005), default=-1)
    nog_niet = {maand_sleutel(b) for b, _ in maandlijst if (b - van).days > laatste_dag}
    kosten_maand = {m["maand"]: Decimal(m["geschatte_kosten"]) for m in cijfers["kosten_per_maand"]}
    doel_maand = _doel_per_maand(maandlijst, wetten)
    reeks = []
    cumulatief_doel = cumulatief_echt = NUL
    for (begin, eind), maand in zip(maandlijst, maanden, strict=True):

        def uren(pk, maand=maand):
            return uren_maand.get(pk, {}).get(maand, NUL)

        mix = sum(
            (
                (gedeeld(uren(p["licht_id"]), uren(p["zwaar_id"]) + uren(p["licht_id"])) - p["basis"])
                * (uren(p["zwaar_id"]) + uren(p["licht_id"]))
                * p["tariefverschil"]
                for p in paren
                if p["basis"] is not None and p["wet"] in wetten
            ),
            NUL,
        )
        echt = vermeden_maand.get(maand, NUL) - vervangend_maand.get(maand, NUL) + mix
        cumulatief_echt += echt
        cumulatief_doel += doel_maand.get(maand, NUL)
        ev = ev_maand.get(maand, {})
        hjm = hj["per_maand"].get(maand, {})
        tm = toets_maand.get(maand, {})
        om = opv_maand.get(maand, {})
        dm = doorloop["per_maand"].get(maand, {})
        clm = cl["per_maand"][maand]
        reeks.append(
            {
                "maand": maand,
                "van": begin.isoformat(),
                "tot": eind.isoformat(),
                "businesscase_gerealiseerd": geld(cumulatief_echt),
                "businesscase_doel": geld(cumulatief_doel),
                "verschuiving_licht": _als_aandeel(_verschuiving(paren, uren)),
                "uren_per_week_per_client": _als_geld(uren_per_client([paar_maanden[len(reeks)]])),
                "clienten": clm["met_indicatie"],
                "evaluaties_vervallen": ev.get("vervallen", 0),
                "evaluaties_op_tijd": ev.get("op_tijd", 0),
                "aandeel_evaluaties_op_tijd": _aandeel_van(
                    ev.get("op_tijd", 0), ev.get("afgerond", 0) + ev.get("niet_afgerond_verlopen", 0)
                ),
                "halfjaarchecks_vervallen": hjm.get("vervallen", 0),
                "aandeel_halfjaarchecks_afgerond": _aandeel_van(hjm.get("afgerond", 0), hjm.get("aan_de_beurt", 0)),
                "halfjaarchecks_niet_passend": hjm.get("niet_passend", 0),
                "opvolgingen_gestart": om.get("gestart", 0),
                "aandeel_opvolgingen_afgehandeld": _aandeel_van(om.get("afgehandeld", 0), om.get("gestart", 0)),
                "schakelteam_mediaan_dagen": str(dm["mediaan"]) if dm.get("mediaan") is not None else None,
                "toetsing_getoetst": tm.get("getoetst", 0),
                "aandeel_toetsing_akkoord": _aandeel_van(tm.get("akkoord", 0), tm.get("getoetst", 0)),
                "geschatte_kosten": geld(kosten_maand.get(maand, NUL)),
                "gedeclareerd": None if maand in nog_niet else geld(gedeclareerd_maand.get(maand, NUL)),
            }
        )
    cijfers["per_maand"] = reeks
    plafond = sum((Decimal(p["plafond"]) for p in cijfers.get("budgetplafonds", [])), NUL)
    _plafond_verloop(reeks, van, tot, plafond)


def _plafond_verloop(reeks: list[dict], van, tot, plafond: Decimal) -> None:
    """The trend of the budgetplafond tile: per month, what the aanbieders with a ceiling had
    approved since the first of that year, as a share of their ceilings together (None where nothing
    was declared yet, as `gedeclareerd`)."""
    per_maand = verloop(van, tot)
    opgeteld, jaar = NUL, None
    for maand in sorted(per_maand):
        if maand[:4] != jaar:
            opgeteld, jaar = NUL, maand[:4]
        opgeteld += per_maand[maand]
        per_maand[maand] = opgeteld
    for m in reeks:
        nu = max((w for k, w in per_maand.items() if k[:4] == m["maand"][:4] and k <= m["maand"]), default=NUL)
        bekend = plafond and m["gedeclareerd"] is not None
        m["plafond_aandeel"] = _als_aandeel(gedeeld(nu, plafond)) if bekend else None


def _als_aandeel(waarde: Decimal | None) -> str | None:
    return aandeel_tekst(waarde) if waarde is not None else None


def _als_geld(waarde: Decimal | None) -> str | None:
    return geld(waarde) if waarde is not None else None


def _aandeel_van(teller: int, noemer: int) -> str | None:
    return aandeel_tekst(Decimal(teller) / Decimal(noemer)) if noemer else None


def _verzilvering(cijfers: dict, basis: Basis, gedeclareerd: dict) -> None:
    """Declared next to the estimated cost of granted care in the period, per product and aanbieder
    and per product."""
    namen = {r["aanbieder"]: r["naam"] for r in cijfers["per_aanbieder"]}
    sleutels = set(gedeclareerd) | {(str(p), str(a)) for p, a in basis.per_product_aanbieder}
    geindiceerd = {(str(p), str(a)): v for (p, a), v in basis.per_product_aanbieder.items()}
    producten = {str(pk): p for pk, p in basis.producten.items()}
    rijen, per_product = [], defaultdict(lambda: [NUL, NUL])
    for product_id, aanbieder_id in sleutels:
        ind, dec = geindiceerd.get((product_id, aanbieder_id), NUL), gedeclareerd.get((product_id, aanbieder_id), NUL)
        if not ind and not dec:
            continue
        p = producten.get(product_id, {"code": "", "naam": ""})
        rijen.append(
            {
                "product": p["code"],
                "naam": p["naam"],
                "aanbieder": aanbieder_id,
                "aanbieder_naam": namen.get(aanbieder_id, ""),
                "geindiceerd": geld(ind),
                "gedeclareerd": geld(dec),
                "verzilvering": _als_aandeel(dec / ind) if ind else None,
            }
        )
        per_product[p["code"]][0] += ind
        per_product[p["code"]][1] += dec
    rijen.sort(key=lambda r: (-Decimal(r["geindiceerd"]), r["product"], r["aanbieder_naam"]))
    cijfers["verzilvering"] = rijen
    cijfers["verzilvering_per_product"] = [
        {
            "product": code,
            "naam": next((p["naam"] for p in producten.values() if p["code"] == code), ""),
            "geindiceerd": geld(ind),
            "gedeclareerd": geld(dec),
            "verzilvering": _als_aandeel(dec / ind) if ind else None,
        }
        for code, (ind, dec) in sorted(per_product.items())
    ]
    totaal_ind = sum((v for v in geindiceerd.values()), NUL)
    totaal_dec = sum((v for v in gedeclareerd.values()), NUL)
    cijfers["verzilvering_totaal"] = {
        "geindiceerd": geld(totaal_ind),
        "gedeclareerd": geld(totaal_dec),
        "verzilvering": _als_aandeel(totaal_dec / totaal_ind) if totaal_ind else None,
    }
    per_aanbieder = defaultdict(lambda: NUL)
    for (_, aanbieder_id), v in gedeclareerd.items():
        per_aanbieder[aanbieder_id] += v
    for rij in cijfers["per_aanbieder"]:
        dec = per_aanbieder.get(rij["aanbieder"], NUL)
        rij["gedeclareerd"] = geld(dec)
        ind = Decimal(rij["kosten_in_periode"])
        rij["verzilvering"] = _als_aandeel(dec / ind) if ind else None


def _plafonds(cijfers: dict, van, tot, gedeclareerd: dict, geindiceerd: dict, doelen: dict) -> None:
    """Per aanbieder with a ceiling: estimated cost of granted care and declared cost in the period
    against the ceiling for the period; a warning from the share beheer set (default 80%)."""
    signaal = doelen.get("budgetplafond_signaal") or Decimal("0.80")
    ind_per, dec_per = defaultdict(lambda: NUL), defaultdict(lambda: NUL)
    for (_, a), v in geindiceerd.items():
        ind_per[str(a)] += v
    for (_, a), v in gedeclareerd.items():
        dec_per[a] += v
    rijen = []
    # Third round: the approved declaraties of the calendar year of `tot` against the yearly ceiling.
    stand = {str(a): v for a, v in toegekend_per_jaar(None, tot.year).items()}
    for pk, p in plafonds(van, tot).items():
        ind, dec = ind_per.get(pk, NUL), dec_per.get(pk, NUL)
        grens = p["plafond_periode"]
        hoogste = max(gedeeld(ind, grens), gedeeld(dec, grens)) if grens else NUL
        rijen.append(
            {
                "aanbieder": pk,
                "naam": p["naam"],
                "plafond_per_jaar": geld(p["plafond"]),
                "plafond_periode": geld(grens),
                "geindiceerd": geld(ind),
                "gedeclareerd": geld(dec),
                "aandeel_geindiceerd": _als_aandeel(gedeeld(ind, grens)) if grens else None,
                "aandeel_gedeclareerd": _als_aandeel(gedeeld(dec, grens)) if grens else None,
                "signaal": "boven_plafond" if hoogste >= 1 else "waarschuwing" if hoogste >= signaal else "binnen",
                "jaar": tot.year,
                "plafond": geld(p["plafond"]),
                "toegekend": geld(stand.get(pk, NUL)),
                "aandeel": _als_aandeel(gedeeld(stand.get(pk, NUL), p["plafond"])) if p["plafond"] else None,
            }
        )
    rijen.sort(key=lambda r: (-Decimal(r["aandeel_geindiceerd"] or 0), r["naam"]))
    cijfers["budgetplafonds"] = rijen


def _businesscase_netto(cijfers: dict, vervangend: list[dict]) -> None:
    b = cijfers["businesscase"]
    per_wet = defaultdict(lambda: NUL)
    for v in vervangend:
        per_wet[v["wet"]] += v["kosten"]
    for w in b["per_wet"]:
        zorg = per_wet.get(w["wet"], NUL)
        w["vervangende_zorg"] = geld(zorg)
        netto = Decimal(w["vermeden_kosten"]) - zorg + Decimal(w["productmix"])
        w["gerealiseerd"] = geld(netto)
        doel = Decimal(w["doel_periode"])
        w["aandeel_van_doel"] = aandeel_tekst(netto / doel) if doel else None
    b["vervangende_zorg"] = geld(sum((Decimal(w["vervangende_zorg"]) for w in b["per_wet"]), NUL))
    b["gerealiseerd"] = geld(sum((Decimal(w["gerealiseerd"]) for w in b["per_wet"]), NUL))
    b["doel"] = b["doel_besparing"]
    doel = Decimal(b["doel"])
    b["aandeel_van_doel"] = aandeel_tekst(Decimal(b["gerealiseerd"]) / doel) if doel else None
