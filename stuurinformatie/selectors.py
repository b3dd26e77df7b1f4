"""Steering figures (api.md, "Stuurinformatie"), computed by aggregate queries in the database.

The number of queries is fixed: it does not grow with the number of indicaties. Every figure is
defined in docs/stuurinformatie.md.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db.models import Count, F, Q, Sum

from casusregie import clock
from indicaties.models import (
    Evaluatie,
    EvaluatieStatus,
    Indicatie,
    IndicatieSignaal,
    IndicatieStatus,
    Product,
    SchakelteamBeoordeling,
    Tarief,
)
from indicaties.rules import (
    SIGNAAL_MOGELIJK_WLZ,
    SIGNAAL_SCHAKELTEAM,
    SIGNAAL_SPOED,
    SIGNAAL_VERLENGING,
    SIGNAAL_ZORGSTAPELING,
    SIGNAAL_ZWAARDERE_VARIANT,
)

from .models import BusinesscaseDoel, ProductmixBasis

CENT = Decimal("0.01")
VIER_DECIMALEN = Decimal("0.0001")
NUL = Decimal("0")
# Statuses of care that was actually granted (not waiting, refused or withdrawn).
TOEGEKEND = (IndicatieStatus.TOEGEWEZEN, IndicatieStatus.BEEINDIGD, IndicatieStatus.VERLOPEN)
NIET_TOEGEKEND = (IndicatieStatus.AFGEWEZEN, IndicatieStatus.INGETROKKEN)
SIGNAAL_SLEUTELS = {
    SIGNAAL_SPOED: "spoed",
    SIGNAAL_ZWAARDERE_VARIANT: "zwaardere_variant",
    SIGNAAL_VERLENGING: "verlenging",
    SIGNAAL_ZORGSTAPELING: "zorgstapeling",
    SIGNAAL_MOGELIJK_WLZ: "mogelijk_wlz",
    SIGNAAL_SCHAKELTEAM: "schakelteam_drempel",
}


def _geld(bedrag) -> str:
    return str((bedrag or NUL).quantize(CENT, rounding=ROUND_HALF_UP))


def _aandeel(waarde: Decimal) -> str:
    return str(waarde.quantize(VIER_DECIMALEN, rounding=ROUND_HALF_UP))


def geregistreerd(van: datetime.date, tot: datetime.date):
    """Indicaties created on a day in van–tot (Europe/Amsterdam)."""
    return Indicatie.objects.filter(aangemaakt__date__gte=van, aangemaakt__date__lte=tot)


def actief_in(van: datetime.date, tot: datetime.date):
    """Granted indicaties whose period overlaps van–tot."""
    return Indicatie.objects.filter(status__in=TOEGEKEND, ingangsdatum__lte=tot).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=van)
    )


def _indicaties(van, tot) -> tuple[dict, dict]:
    per_wet = {
        "wmo": {"geregistreerd": 0, "geschatte_kosten": NUL},
        "jeugdwet": {"geregistreerd": 0, "geschatte_kosten": NUL},
    }
    rijen = (
        geregistreerd(van, tot)
        .values("product__wet")
        .annotate(aantal=Count("id"), kosten=Sum("geschatte_kosten", filter=~Q(status__in=NIET_TOEGEKEND)))
    )
    for rij in rijen:
        per_wet[rij["product__wet"]] = {"geregistreerd": rij["aantal"], "geschatte_kosten": rij["kosten"] or NUL}
    actief = (
        Indicatie.objects.filter(status__in=TOEGEKEND, ingangsdatum__lte=tot)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=tot))
        .count()
    )
    totaal = {
        "geregistreerd": sum(w["geregistreerd"] for w in per_wet.values()),
        "actief_op_tot": actief,
        "geschatte_kosten": _geld(sum((w["geschatte_kosten"] for w in per_wet.values()), NUL)),
    }
    return totaal, {
        wet: {"geregistreerd": w["geregistreerd"], "geschatte_kosten": _geld(w["geschatte_kosten"])}
        for wet, w in per_wet.items()
    }


def _tarief_op(tarieven: list[Tarief], dag: datetime.date) -> Decimal:
    geldig = [t for t in tarieven if t.geldig_van <= dag and (t.geldig_tot is None or t.geldig_tot >= dag)]
    if geldig:
        return geldig[0].bedrag
    eerder = [t for t in tarieven if t.geldig_van <= dag]
    return eerder[-1].bedrag if eerder else NUL


def _productmix(van, tot) -> list[dict]:
    zwaar = list(
        Product.objects.filter(lichtere_variant__isnull=False).select_related("lichtere_variant").order_by("code")
    )
    if not zwaar:
        return []
    betrokken = {p.pk for p in zwaar} | {p.lichtere_variant_id for p in zwaar}
    uren = dict(
        actief_in(van, tot)
        .filter(product_id__in=betrokken)
        .values("product_id")
        .annotate(uren=Sum("uren_per_week"))
        .values_list("product_id", "uren")
    )
    tarieven: dict = {}
    for tarief in Tarief.objects.filter(product_id__in=betrokken).order_by("geldig_van"):
        tarieven.setdefault(tarief.product_id, []).append(tarief)
    basis = dict(ProductmixBasis.objects.values_list("product_code", "basis_aandeel_licht"))
    vandaag = clock.today()
    resultaat = []
    for product in zwaar:
        licht = product.lichtere_variant
        uren_zwaar = uren.get(product.pk) or NUL
        uren_licht = uren.get(licht.pk) or NUL
        totaal = uren_zwaar + uren_licht
        aandeel = uren_licht / totaal if totaal else NUL
        basis_aandeel = basis.get(product.code, NUL)
        verschil = _tarief_op(tarieven.get(product.pk, []), vandaag) - _tarief_op(tarieven.get(licht.pk, []), vandaag)
        # What the shift from the baseline mix is worth per year: weekly hours moved to the
        # lighter product × 52 weeks × the tariff difference.
        besparing = (aandeel - basis_aandeel) * totaal * 52 * verschil
        resultaat.append(
            {
                "product": product.code,
                "lichtere_variant": licht.code,
                "uren_zwaar": _geld(uren_zwaar),
                "uren_licht": _geld(uren_licht),
                "aandeel_licht": _aandeel(aandeel),
                "basis_aandeel_licht": _aandeel(basis_aandeel),
                "besparing": _geld(besparing),
            }
        )
    return resultaat


def _evaluaties(van, tot) -> dict:
    vervallen = Evaluatie.objects.filter(vervaldatum__gte=van, vervaldatum__lte=tot).exclude(
        status=EvaluatieStatus.GEANNULEERD
    )
    afgerond = Q(status=EvaluatieStatus.AFGEROND)
    cijfers = vervallen.aggregate(
        vervallen=Count("id"),
        afgerond=Count("id", filter=afgerond),
        op_tijd=Count("id", filter=afgerond & Q(afgerond_op__lte=F("vervaldatum"))),
        te_laat=Count("id", filter=afgerond & Q(afgerond_op__gt=F("vervaldatum"))),
    )
    cijfers["niet_afgerond"] = cijfers["vervallen"] - cijfers["afgerond"]
    uitkomsten = {"voortzetten": 0, "afschalen": 0, "beeindigen": 0, "anders_inzetten": 0}
    for rij in (
        Evaluatie.objects.filter(status=EvaluatieStatus.AFGEROND, afgerond_op__gte=van, afgerond_op__lte=tot)
        .values("uitkomst")
        .annotate(aantal=Count("id"))
    ):
        uitkomsten[rij["uitkomst"]] = rij["aantal"]
    resultaat = {"ja": 0, "deels": 0, "nee": 0}
    for rij in (
        Evaluatie.objects.filter(status=EvaluatieStatus.AFGEROND, afgerond_op__gte=van, afgerond_op__lte=tot)
        .values("resultaat_behaald")
        .annotate(aantal=Count("id"))
    ):
        resultaat[rij["resultaat_behaald"]] = rij["aantal"]
    cijfers["uitkomsten"] = uitkomsten
    cijfers["resultaat_behaald"] = resultaat
    return cijfers


def _vermeden_kosten(van, tot) -> Decimal:
    return (
        Indicatie.objects.filter(bijgesteld_op__gte=van, bijgesteld_op__lte=tot).aggregate(s=Sum("vermeden_kosten"))[
            "s"
        ]
        or NUL
    )


def _schakelteam(van, tot) -> dict:
    ids = geregistreerd(van, tot).values("id")
    aangevraagd = IndicatieSignaal.objects.filter(indicatie_id__in=ids, code=SIGNAAL_SCHAKELTEAM).count()
    besluiten = dict(
        SchakelteamBeoordeling.objects.filter(indicatie_id__in=ids)
        .values("besluit")
        .annotate(aantal=Count("indicatie_id", distinct=True))
        .values_list("besluit", "aantal")
    )
    return {
        "aangevraagd": aangevraagd,
        "akkoord": besluiten.get("akkoord", 0),
        "afgewezen": besluiten.get("afgewezen", 0),
    }


def _signalen(van, tot) -> dict:
    tellingen = dict(
        IndicatieSignaal.objects.filter(indicatie_id__in=geregistreerd(van, tot).values("id"))
        .values("code")
        .annotate(aantal=Count("indicatie_id", distinct=True))
        .values_list("code", "aantal")
    )
    return {sleutel: tellingen.get(code, 0) for code, sleutel in SIGNAAL_SLEUTELS.items()}


def _toetsing(van, tot) -> dict:
    """Verdicts given in van–tot (Europe/Amsterdam), per verdict."""
    toetsing = apps.get_model("toetsing", "Toetsing")
    tellingen = dict(
        toetsing.objects.filter(beoordeeld_op__date__gte=van, beoordeeld_op__date__lte=tot)
        .values("oordeel")
        .annotate(aantal=Count("id"))
        .values_list("oordeel", "aantal")
    )
    cijfers = {soort: tellingen.get(soort, 0) for soort in ("akkoord", "akkoord_met_opmerking", "niet_akkoord")}
    return {"getoetst": sum(cijfers.values()), **cijfers}


def _businesscase(van, tot, vermeden: Decimal) -> dict:
    doelen = BusinesscaseDoel.objects.filter(jaar__gte=van.year, jaar__lte=tot.year)
    totaal = sum((d.besparing for d in doelen), NUL)
    return {
        "doel_besparing": _geld(totaal),
        "per_jaar": [{"jaar": d.jaar, "wet": d.wet, "besparing": _geld(d.besparing)} for d in doelen],
        "gerealiseerd_vermeden_kosten": _geld(vermeden),
    }


def stuurinformatie(van: datetime.date, tot: datetime.date) -> dict:
    indicaties, per_wet = _indicaties(van, tot)
    vermeden = _vermeden_kosten(van, tot)
    return {
        "van": van.isoformat(),
        "tot": tot.isoformat(),
        "indicaties": indicaties,
        "per_wet": per_wet,
        "productmix": _productmix(van, tot),
        "evaluaties": _evaluaties(van, tot),
        "vermeden_kosten": _geld(vermeden),
        "schakelteam": _schakelteam(van, tot),
        "toetsing": _toetsing(van, tot),
        "signalen": _signalen(van, tot),
        "businesscase": _businesscase(van, tot, vermeden),
    }
