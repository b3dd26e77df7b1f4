"""The money figures: the product mix against its baseline, the estimated cost per month, the
vermeden kosten of bijstellingen, and the business case against its targets."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum

from basis import clock
from indicaties.costs import UREN_PER_EENHEID
from indicaties.models import Indicatie, Tarief, Wet

from ..models import BusinesscaseDoel, ProductmixBasis
from ..voorwaarden import NUL, Filters, aandeel_tekst, bijgesteld_in, gedeeld, geld, maanden
from .groepen import Catalogus


def _tarief_per_uur(tarieven: list[Tarief], dag: datetime.date, eenheid: str) -> Decimal | None:
    uren = UREN_PER_EENHEID.get(eenheid)
    if uren is None:
        return None
    geldig = [t for t in tarieven if t.geldig_van <= dag and (t.geldig_tot is None or t.geldig_tot >= dag)]
    if geldig:
        return geldig[0].bedrag / uren
    eerder = [t for t in tarieven if t.geldig_van <= dag]
    return eerder[-1].bedrag / uren if eerder else None


def productmix(van, tot, per_product: dict, catalogus: Catalogus, filters: Filters) -> list[dict]:
    paren = [
        (pk, p["lichtere_variant_id"])
        for pk, p in sorted(catalogus.producten.items(), key=lambda item: item[1]["code"])
        if p["lichtere_variant_id"] and (not filters.wet or p["wet"] == filters.wet)
    ]
    if filters.product:
        paren = [
            (z, li)
            for z, li in paren
            if filters.product in (catalogus.producten[z]["code"], catalogus.producten[li]["code"])
        ]
    if not paren:
        return []
    betrokken = {pk for paar in paren for pk in paar}
    tarieven: dict = defaultdict(list)
    for tarief in Tarief.objects.filter(product_id__in=betrokken).order_by("geldig_van"):
        tarieven[tarief.product_id].append(tarief)
    basis = dict(ProductmixBasis.objects.values_list("product_code", "basis_aandeel_licht"))
    vandaag = clock.today()
    resultaat = []
    for zwaar_id, licht_id in paren:
        zwaar, licht = catalogus.producten[zwaar_id], catalogus.producten[licht_id]
        uren_zwaar = (per_product.get(zwaar_id, {}).get("uren_maal_dagen") or NUL) / 7
        uren_licht = (per_product.get(licht_id, {}).get("uren_maal_dagen") or NUL) / 7
        totaal = uren_zwaar + uren_licht
        aandeel = gedeeld(uren_licht, totaal)
        basis_aandeel = basis.get(zwaar["code"])
        tarief_zwaar = _tarief_per_uur(tarieven[zwaar_id], vandaag, zwaar["eenheid"])
        tarief_licht = _tarief_per_uur(tarieven[licht_id], vandaag, licht["eenheid"])
        besparing = NUL
        if basis_aandeel is not None and tarief_zwaar is not None and tarief_licht is not None:
            # Hours that moved to the lighter variant beyond the baseline share, at today's
            # difference in hourly tariff: (share − baseline share) × all hours × difference.
            besparing = (aandeel - basis_aandeel) * totaal * (tarief_zwaar - tarief_licht)
        resultaat.append(
            {
                "product": zwaar["code"],
                "lichtere_variant": licht["code"],
                "uren_zwaar": geld(uren_zwaar),
                "uren_licht": geld(uren_licht),
                "aandeel_licht": aandeel_tekst(aandeel),
                "basis_aandeel_licht": aandeel_tekst(basis_aandeel if basis_aandeel is not None else NUL),
                "besparing": geld(besparing),
                "wet": zwaar["wet"],
                "naam": zwaar["naam"],
                "naam_lichtere_variant": licht["naam"],
                "basis_ingesteld": basis_aandeel is not None,
                "tarief_per_uur_zwaar": geld(tarief_zwaar),
                "tarief_per_uur_licht": geld(tarief_licht),
            }
        )
    return resultaat


def kosten_per_maand(van, tot, kosten_per_dag: list[float]) -> list[dict]:
    """The estimated cost per calendar month of the period: the days of overzicht.dagreeksen added up."""
    return [
        {
            "maand": f"{begin:%Y-%m}",
            "van": begin.isoformat(),
            "tot": eind.isoformat(),
            "geschatte_kosten": geld(
                Decimal(str(round(sum(kosten_per_dag[(begin - van).days : (eind - van).days + 1]), 6)))
            ),
        }
        for begin, eind in maanden(van, tot)
    ]


def vermeden_kosten(van, tot, filters: Filters) -> tuple[dict, dict]:
    """Per wet and per consulent: Σ vermeden_kosten of the changes made in van–tot."""
    per_wet = {wet: {"vermeden_kosten": NUL, "bijstellingen": 0} for wet in Wet.values}
    per_consulent: dict = defaultdict(lambda: {"vermeden_kosten": NUL, "bijstellingen": 0})
    for rij in (
        Indicatie.objects.filter(bijgesteld_in(van, tot), filters.q())
        .values("product__wet", "consulent_id")
        .annotate(som=Sum("vermeden_kosten"), aantal=Count("id"))
        .order_by()
    ):
        for doel in (
            per_wet.setdefault(rij["product__wet"], {"vermeden_kosten": NUL, "bijstellingen": 0}),
            per_consulent[rij["consulent_id"]],
        ):
            doel["vermeden_kosten"] += rij["som"] or NUL
            doel["bijstellingen"] += rij["aantal"]
    return per_wet, per_consulent


def businesscase(van, tot, filters: Filters, vermeden_per_wet: dict, productmix: list[dict]) -> dict:
    """The savings promised per year and law, pro rata for the days of the period in each year,
    against what was realised: avoided cost plus the product-mix saving."""
    wetten = [filters.wet] if filters.wet else list(Wet.values)
    doelen = list(BusinesscaseDoel.objects.filter(jaar__gte=van.year, jaar__lte=tot.year, wet__in=wetten))
    per_jaar, doel_per_wet = [], dict.fromkeys(wetten, NUL)
    for doel in doelen:
        jaar_van, jaar_tot = datetime.date(doel.jaar, 1, 1), datetime.date(doel.jaar, 12, 31)
        dagen = (min(tot, jaar_tot) - max(van, jaar_van)).days + 1
        deel = doel.besparing * dagen / ((jaar_tot - jaar_van).days + 1)
        doel_per_wet[doel.wet] += deel
        per_jaar.append(
            {"jaar": doel.jaar, "wet": doel.wet, "besparing": geld(doel.besparing), "doel_periode": geld(deel)}
        )
    productmix_per_wet = dict.fromkeys(wetten, NUL)
    for paar in productmix:
        if paar["wet"] in productmix_per_wet:
            productmix_per_wet[paar["wet"]] += Decimal(paar["besparing"])
    per_wet = []
    for wet in wetten:
        vermeden = vermeden_per_wet.get(wet, {}).get("vermeden_kosten", NUL)
        gerealiseerd = vermeden + productmix_per_wet[wet]
        per_wet.append(
            {
                "wet": wet,
                "doel_periode": geld(doel_per_wet[wet]),
                "vermeden_kosten": geld(vermeden),
                "productmix": geld(productmix_per_wet[wet]),
                "gerealiseerd": geld(gerealiseerd),
                "aandeel_van_doel": aandeel_tekst(gedeeld(gerealiseerd, doel_per_wet[wet]))
                if doel_per_wet[wet]
                else None,
            }
        )
    doel_totaal = sum(doel_per_wet.values(), NUL)
    gerealiseerd_totaal = sum((Decimal(w["gerealiseerd"]) for w in per_wet), NUL)
    return {
        "doel_besparing": geld(doel_totaal),
        "gerealiseerd": geld(gerealiseerd_totaal),
        "gerealiseerd_vermeden_kosten": geld(sum((Decimal(w["vermeden_kosten"]) for w in per_wet), NUL)),
        "gerealiseerd_productmix": geld(sum(productmix_per_wet.values(), NUL)),
        "per_wet": per_wet,
        "per_jaar": per_jaar,
    }
