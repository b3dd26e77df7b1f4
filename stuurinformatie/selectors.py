"""Steering figures (docs/api.md, "Stuurinformatie"), computed by aggregate queries in the database.

The number of queries is fixed: it does not grow with the number of indicaties (only the rows of
the small grouped answers do: one per product, aanbieder, consulent). Every figure is defined in
words in docs/stuurinformatie.md; the drill-down (`indicaties_achter`) uses the same conditions
as the figure it opens, so the list always holds exactly the indicaties that were counted.

Filters (wet, product, aanbieder, team) narrow every figure to the indicaties that match. The
figures "per team" are per consulent (the user who registered the indicatie), with the teams
(privacy.Team) that consulent belongs to: a team's figures are not the sum of its members' (an
inwoner can be counted by two of them), so they are not added up here.
"""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from basis import clock
from basis.codes import Code
from indicaties.costs import UREN_PER_EENHEID
from indicaties.domein import NOOIT_TOEGEKENDE_STATUSSEN
from indicaties.models import (
    Aanbieder,
    Evaluatie,
    Indicatie,
    IndicatieSignaal,
    Product,
    SchakelteamBeoordeling,
    Tarief,
    Uitkomst,
    Wet,
)
from privacy.models import Team

from . import kpi, overzicht
from . import maanden as bewaarde_maanden
from .maanden import per_telling
from .models import BusinesscaseDoel, ProductmixBasis
from .sql import AlsGetal, groepeer
from .voorwaarden import (
    NUL,
    Filters,
    aandeel_tekst,
    actief_in_q,
    afgerond_in,
    bijgesteld_in,
    dagen_in,
    evaluatie_scope,
    evaluatie_voorwaarden,
    gedeeld,
    geld,
    geregistreerd_q,
    kosten_in,
    maanden,
    op_dag,
    toetsing_model,
)

# The signal codes under the keys of the stuurinformatie API (docs/api.md).
SIGNAAL_SLEUTELS = {
    Code.SPOED: "spoed",
    Code.MOTIVATIE_ZWAARDERE_VARIANT: "zwaardere_variant",
    Code.VERLENGING: "verlenging",
    Code.ZORGSTAPELING: "zorgstapeling",
    Code.MOGELIJK_WLZ: "mogelijk_wlz",
    Code.SCHAKELTEAM_DREMPEL: "schakelteam_drempel",
}
UITKOMSTEN = ("voortzetten", "afschalen", "beeindigen", "anders_inzetten")
RESULTATEN = ("ja", "deels", "nee")
OORDELEN = ("akkoord", "akkoord_met_opmerking", "niet_akkoord")
EVALUATIE_SOORTEN = ("vervallen", "op_tijd", "te_laat", "niet_afgerond", "niet_afgerond_verlopen", "nog_niet_vervallen")


# --- The figures -------------------------------------------------------------------------------


@dataclass
class _Catalogus:
    producten: dict  # id -> {"code", "naam", "wet", "eenheid", "lichtere_variant_id"}
    zwaar: set  # ids of products that have a lighter variant
    alleen_licht: set  # ids of lighter variants that have no lighter variant themselves

    @classmethod
    def laad(cls) -> "_Catalogus":
        producten = {
            p["id"]: p for p in Product.objects.values("id", "code", "naam", "wet", "eenheid", "lichtere_variant_id")
        }
        zwaar = {pk for pk, p in producten.items() if p["lichtere_variant_id"]}
        licht = {p["lichtere_variant_id"] for p in producten.values() if p["lichtere_variant_id"]}
        return cls(producten, zwaar, licht - zwaar)


SOMMEN = (
    "geregistreerd",
    "kosten_geregistreerd",
    "actief_op_tot",
    "uren_actief_op_tot",
    "uren_maal_dagen",
    "kosten_in_periode",
)


def _als_uuid(waarde):
    return waarde if waarde is None or isinstance(waarde, uuid.UUID) else uuid.UUID(str(waarde))


def _groepscijfers(van, tot, filters: Filters) -> list[dict]:
    """One pass over the indicaties: the figures per product, per product and aanbieder, and per
    product and consulent (without the product filter: the product mix needs both variants)."""
    registratie = geregistreerd_q(van, tot)
    actief = actief_in_q(van, tot)
    op_tot = actief_in_q(tot, tot)
    # Floating point in the database (summing exact decimals costs several times more per row);
    # every sum is rounded to cents or hours with two decimals afterwards.
    getal = FloatField()
    rijen = (
        Indicatie.objects.filter(filters.q(met_product=False))
        .filter(registratie | actief)
        .annotate(
            s_reg=Case(When(registratie, then=Value(1)), default=Value(0), output_field=IntegerField()),
            s_kosten=Case(
                When(registratie & ~Q(status__in=NOOIT_TOEGEKENDE_STATUSSEN), then=AlsGetal(F("geschatte_kosten"))),
                default=Value(0.0),
                output_field=getal,
            ),
            s_tot=Case(When(op_tot, then=Value(1)), default=Value(0), output_field=IntegerField()),
            s_uren_tot=Case(When(op_tot, then=AlsGetal(F("uren_per_week"))), default=Value(0.0), output_field=getal),
            s_uren_dagen=Case(
                When(actief, then=AlsGetal(F("uren_per_week")) * dagen_in(van, tot)),
                default=Value(0.0),
                output_field=getal,
            ),
            s_kosten_periode=Case(When(actief, then=kosten_in(van, tot)), default=Value(0.0), output_field=getal),
        )
        .values_list(
            "product_id",
            "aanbieder_id",
            "consulent_id",
            "s_reg",
            "s_kosten",
            "s_tot",
            "s_uren_tot",
            "s_uren_dagen",
            "s_kosten_periode",
        )
        .order_by()
    )
    sql, params = groepeer(
        connection,
        *rijen.query.sql_with_params(),
        kolommen=["product_id", "aanbieder_id", "consulent_id"],
        sommen=["s_reg", "s_kosten", "s_tot", "s_uren_tot", "s_uren_dagen", "s_kosten_periode"],
        sets=[("product_id",), ("product_id", "aanbieder_id"), ("product_id", "consulent_id")],
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        uitkomst = cursor.fetchall()
    return [
        {
            "product_id": _als_uuid(r[0]),
            "aanbieder_id": _als_uuid(r[1]),
            "consulent_id": r[2],
            **{naam: Decimal(str(w)) if w is not None else NUL for naam, w in zip(SOMMEN, r[3:], strict=True)},
        }
        for r in uitkomst
    ]


def _rol_op(rijen: list[dict], sleutel, catalogus: "_Catalogus", product: str | None = None) -> dict:
    """Add the rows up per value of `sleutel` (a function of the row), only for `product` if given."""
    uit: dict = {}
    for rij in rijen:
        info = catalogus.producten[rij["product_id"]]
        if product and info["code"] != product:
            continue
        doel = uit.setdefault(sleutel(rij), dict.fromkeys((*SOMMEN, "zwaar_maal_dagen", "licht_maal_dagen"), NUL))
        for naam in SOMMEN:
            doel[naam] += rij[naam]
        if rij["product_id"] in catalogus.zwaar:
            doel["zwaar_maal_dagen"] += rij["uren_maal_dagen"]
        elif rij["product_id"] in catalogus.alleen_licht:
            doel["licht_maal_dagen"] += rij["uren_maal_dagen"]
    return uit


def _groepsregel(rij: dict | None) -> dict:
    rij = rij or dict.fromkeys((*SOMMEN, "zwaar_maal_dagen", "licht_maal_dagen"), NUL)
    zwaar = rij["zwaar_maal_dagen"] / 7
    licht = rij["licht_maal_dagen"] / 7
    return {
        "geregistreerd": int(rij["geregistreerd"]),
        "geschatte_kosten": geld(rij["kosten_geregistreerd"]),
        "actief_op_tot": int(rij["actief_op_tot"]),
        "uren_per_week": geld(rij["uren_actief_op_tot"]),
        "uren_in_periode": geld(rij["uren_maal_dagen"] / 7),
        "kosten_in_periode": geld(rij["kosten_in_periode"]),
        "uren_zwaar": geld(zwaar),
        "uren_licht": geld(licht),
        "aandeel_zwaar": aandeel_tekst(gedeeld(zwaar, zwaar + licht)),
    }


def _consulent_naam(rij: dict, prefix: str = "consulent__") -> str:
    naam = f"{rij.get(prefix + 'first_name') or ''} {rij.get(prefix + 'last_name') or ''}".strip()
    return naam or rij.get(prefix + "username") or ""


def teams_van_consulenten(consulenten) -> dict[int, list[str]]:
    """The names of the teams each of these consulenten belongs to, in one query."""
    teams: dict[int, list[str]] = defaultdict(list)
    leden = Team.leden.through.objects.filter(user_id__in=list(consulenten)).order_by("team__naam")
    for user_id, naam in leden.values_list("user_id", "team__naam"):
        teams[user_id].append(naam)
    return dict(teams)


def _tarief_per_uur(tarieven: list[Tarief], dag: datetime.date, eenheid: str) -> Decimal | None:
    uren = UREN_PER_EENHEID.get(eenheid)
    if uren is None:
        return None
    geldig = [t for t in tarieven if t.geldig_van <= dag and (t.geldig_tot is None or t.geldig_tot >= dag)]
    if geldig:
        return geldig[0].bedrag / uren
    eerder = [t for t in tarieven if t.geldig_van <= dag]
    return eerder[-1].bedrag / uren if eerder else None


def _productmix(van, tot, per_product: dict, catalogus: _Catalogus, filters: Filters) -> list[dict]:
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


def _kosten_per_maand(van, tot, kosten_per_dag: list[float]) -> list[dict]:
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


def _evaluaties(van, tot, filters: Filters, vandaag) -> tuple[dict, dict]:
    voorwaarden = evaluatie_voorwaarden(vandaag)
    rijen = (
        Evaluatie.objects.filter(evaluatie_scope(van, tot), filters.q("indicatie__"))
        .values("indicatie__consulent_id")
        .annotate(**{naam: Count("id", filter=q) for naam, q in voorwaarden.items()})
        .order_by()
    )
    cijfers = dict.fromkeys(voorwaarden, 0)
    per_consulent = {}
    for rij in rijen:
        for naam in voorwaarden:
            cijfers[naam] += rij[naam]
        per_consulent[rij["indicatie__consulent_id"]] = {naam: rij[naam] for naam in voorwaarden}
    uitkomsten = dict.fromkeys(UITKOMSTEN, 0)
    resultaat = dict.fromkeys(RESULTATEN, 0)
    per_uitkomst = {u: dict.fromkeys(RESULTATEN, 0) for u in UITKOMSTEN}
    for rij in (
        Evaluatie.objects.filter(afgerond_in(van, tot), filters.q("indicatie__"))
        .values("uitkomst", "resultaat_behaald")
        .annotate(aantal=Count("id"))
        .order_by()
    ):
        uitkomsten[rij["uitkomst"]] = uitkomsten.get(rij["uitkomst"], 0) + rij["aantal"]
        resultaat[rij["resultaat_behaald"]] = resultaat.get(rij["resultaat_behaald"], 0) + rij["aantal"]
        per_uitkomst.setdefault(rij["uitkomst"], dict.fromkeys(RESULTATEN, 0))[rij["resultaat_behaald"]] = rij["aantal"]
    uitkomst_totaal = sum(uitkomsten.values())
    return (
        {
            "vervallen": cijfers["vervallen"],
            "afgerond": cijfers["afgerond"],
            "op_tijd": cijfers["op_tijd"],
            "te_laat": cijfers["te_laat"],
            "niet_afgerond": cijfers["niet_afgerond"],
            "niet_afgerond_verlopen": cijfers["niet_afgerond_verlopen"],
            "nog_niet_vervallen": cijfers["nog_niet_vervallen"],
            "aandeel_op_tijd": aandeel_tekst(gedeeld(Decimal(cijfers["op_tijd"]), Decimal(cijfers["vervallen"]))),
            "uitkomsten": uitkomsten,
            "resultaat_behaald": resultaat,
            "resultaat_per_uitkomst": per_uitkomst,
            "aandeel_resultaat_behaald": aandeel_tekst(gedeeld(Decimal(resultaat["ja"]), Decimal(uitkomst_totaal))),
        },
        per_consulent,
    )


def _vermeden_kosten(van, tot, filters: Filters) -> tuple[dict, dict]:
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


def _signalen_en_schakelteam(van, tot, filters: Filters) -> tuple[dict, dict]:
    registratie = geregistreerd_q(van, tot, "indicatie__") & filters.q("indicatie__")
    tellingen = dict(
        IndicatieSignaal.objects.filter(registratie)
        .values("code")
        .annotate(aantal=Count("id"))  # one signal per indicatie and code (unique constraint)
        .values_list("code", "aantal")
        .order_by()
    )
    signalen = {sleutel: tellingen.get(code, 0) for code, sleutel in SIGNAAL_SLEUTELS.items()}
    besluiten = {
        rij["besluit"]: rij
        for rij in SchakelteamBeoordeling.objects.filter(registratie)
        .values("besluit")
        .annotate(
            aantal=Count("indicatie_id", distinct=True),
            doorlooptijd=Avg(F("besloten_op") - F("aangevraagd_op"), output_field=DurationField()),
        )
        .order_by()
    }
    doorlooptijden = [(r["doorlooptijd"], r["aantal"]) for r in besluiten.values() if r["doorlooptijd"] is not None]
    totaal = sum(n for _, n in doorlooptijden)
    gemiddeld = sum((d * n for d, n in doorlooptijden), datetime.timedelta()) / totaal if totaal else None
    schakelteam = {
        "aangevraagd": signalen["schakelteam_drempel"],
        "akkoord": besluiten.get("akkoord", {}).get("aantal", 0),
        "afgewezen": besluiten.get("afgewezen", {}).get("aantal", 0),
        # Average days from the request to the decision, one decimal.
        "doorlooptijd_dagen": (
            str(Decimal(gemiddeld.total_seconds() / 86400).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
            if gemiddeld is not None
            else None
        ),
    }
    schakelteam["open"] = max(schakelteam["aangevraagd"] - schakelteam["akkoord"] - schakelteam["afgewezen"], 0)
    return signalen, schakelteam


def _toetsing(van, tot, filters: Filters) -> tuple[dict, dict]:
    """Verdicts given in van–tot (Europe/Amsterdam): per verdict, per reason and per consulent."""
    totaal = dict.fromkeys(OORDELEN, 0)
    per_reden: dict = defaultdict(lambda: dict.fromkeys(OORDELEN, 0))
    per_consulent: dict = defaultdict(lambda: dict.fromkeys(OORDELEN, 0))
    for rij in (
        toetsing_model()
        .objects.filter(op_dag("beoordeeld_op", van, tot), filters.q("indicatie__"))
        .exclude(oordeel="")
        .values("oordeel", "reden", "indicatie__consulent_id")
        .annotate(aantal=Count("id"))
        .order_by()
    ):
        totaal[rij["oordeel"]] += rij["aantal"]
        per_reden[rij["reden"]][rij["oordeel"]] += rij["aantal"]
        per_consulent[rij["indicatie__consulent_id"]][rij["oordeel"]] += rij["aantal"]
    toetsing = {"getoetst": sum(totaal.values()), **totaal}
    toetsing["per_reden"] = [
        {"reden": reden, "getoetst": sum(tellingen.values()), **tellingen}
        for reden, tellingen in sorted(per_reden.items())
    ]
    return toetsing, dict(per_consulent)


def _businesscase(van, tot, filters: Filters, vermeden_per_wet: dict, productmix: list[dict]) -> dict:
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


@per_telling
def stuurinformatie(
    van: datetime.date,
    tot: datetime.date,
    *,
    wet: str | None = None,
    product: str | None = None,
    aanbieder: str | None = None,
    team: int | None = None,
) -> dict:
    """Every figure of the dashboard and the API for van–tot, narrowed by the optional filters."""
    filters = Filters(wet=wet or None, product=product or None, aanbieder=aanbieder or None, team=team)
    vandaag = clock.today()
    catalogus = _Catalogus.laad()

    rijen = bewaarde_maanden.groepscijfers(van, tot, filters, _groepscijfers)
    product_rijen = [r for r in rijen if r["aanbieder_id"] is None and r["consulent_id"] is None]
    per_product = _rol_op(product_rijen, lambda r: r["product_id"], catalogus)
    geselecteerd = _rol_op(product_rijen, lambda r: r["product_id"], catalogus, filters.product)
    totaal = _groepsregel(_rol_op(product_rijen, lambda r: "totaal", catalogus, filters.product).get("totaal"))
    per_wet_rijen = _rol_op(
        product_rijen, lambda r: catalogus.producten[r["product_id"]]["wet"], catalogus, filters.product
    )
    per_wet = {}
    for w in sorted(set(Wet.values) | set(per_wet_rijen), key=lambda w: (w not in Wet.values, w)):
        regel = _groepsregel(per_wet_rijen.get(w))
        per_wet[w] = {
            k: regel[k]
            for k in ("geregistreerd", "geschatte_kosten", "actief_op_tot", "uren_per_week", "kosten_in_periode")
        }
    per_aanbieder = _rol_op(
        [r for r in rijen if r["aanbieder_id"] is not None], lambda r: r["aanbieder_id"], catalogus, filters.product
    )
    consulent_rijen = _rol_op(
        [r for r in rijen if r["consulent_id"] is not None], lambda r: r["consulent_id"], catalogus, filters.product
    )
    productmix = _productmix(van, tot, per_product, catalogus, filters)
    reeksen = overzicht.dagreeksen(van, tot, filters, {pk: p["code"] for pk, p in catalogus.producten.items()})
    evaluaties, evaluaties_per_consulent = _evaluaties(van, tot, filters, vandaag)
    vermeden_per_wet, vermeden_per_consulent = _vermeden_kosten(van, tot, filters)
    vermeden = sum((w["vermeden_kosten"] for w in vermeden_per_wet.values()), NUL)
    signalen, schakelteam = _signalen_en_schakelteam(van, tot, filters)
    toetsing, toetsing_per_consulent = _toetsing(van, tot, filters)

    consulenten = set(consulent_rijen) | set(evaluaties_per_consulent) | set(vermeden_per_consulent)
    consulenten |= set(toetsing_per_consulent)
    namen = {
        rij["pk"]: _consulent_naam(rij, "")
        for rij in get_user_model()
        .objects.filter(pk__in=consulenten)
        .values("pk", "first_name", "last_name", "username")
    }
    teams = teams_van_consulenten(consulenten)
    aanbieder_namen = dict(Aanbieder.objects.filter(pk__in=list(per_aanbieder)).values_list("pk", "naam"))
    per_consulent: dict = {}
    for pk in consulenten:
        regel = per_consulent[pk] = {
            "naam": namen.get(pk, ""),
            "teams": teams.get(pk, []),
            **_groepsregel(consulent_rijen.get(pk)),
        }
        ev = evaluaties_per_consulent.get(pk, {})
        for soort in EVALUATIE_SOORTEN:
            regel[f"evaluaties_{soort}"] = ev.get(soort, 0)
        bij = vermeden_per_consulent.get(pk, {"vermeden_kosten": NUL, "bijstellingen": 0})
        regel["bijstellingen"] = bij["bijstellingen"]
        regel["vermeden_kosten"] = geld(bij["vermeden_kosten"])
        oordelen = toetsing_per_consulent.get(pk, dict.fromkeys(OORDELEN, 0))
        regel["getoetst"] = sum(oordelen.values())
        regel.update({f"toetsing_{o}": oordelen[o] for o in OORDELEN})

    resultaat = {
        "van": van.isoformat(),
        "tot": tot.isoformat(),
        "filters": filters.als_dict(),
        "indicaties": {
            "geregistreerd": totaal["geregistreerd"],
            "actief_op_tot": totaal["actief_op_tot"],
            "geschatte_kosten": totaal["geschatte_kosten"],
            "uren_per_week": totaal["uren_per_week"],
            "kosten_in_periode": totaal["kosten_in_periode"],
        },
        "per_wet": per_wet,
        "productmix": productmix,
        "evaluaties": evaluaties,
        "vermeden_kosten": geld(vermeden),
        "vermeden_kosten_per_wet": {
            w: {"vermeden_kosten": geld(v["vermeden_kosten"]), "bijstellingen": v["bijstellingen"]}
            for w, v in vermeden_per_wet.items()
        },
        "schakelteam": schakelteam,
        "toetsing": toetsing,
        "signalen": signalen,
        "verlengingen": signalen["verlenging"],
        "kosten_per_maand": _kosten_per_maand(van, tot, reeksen["kosten"]),
        "per_product": sorted(
            (
                {
                    "product": catalogus.producten[pk]["code"],
                    "naam": catalogus.producten[pk]["naam"],
                    "wet": catalogus.producten[pk]["wet"],
                    **_groepsregel(rij),
                }
                for pk, rij in geselecteerd.items()
            ),
            key=lambda r: r["product"],
        ),
        "per_aanbieder": sorted(
            (
                {"aanbieder": str(pk), "naam": aanbieder_namen.get(pk, ""), **_groepsregel(rij)}
                for pk, rij in per_aanbieder.items()
            ),
            key=lambda r: (r["naam"], r["aanbieder"]),
        ),
        "per_consulent": sorted(
            ({"consulent": pk, **regel} for pk, regel in per_consulent.items()),
            key=lambda r: (r["naam"], r["consulent"]),
        ),
        "businesscase": _businesscase(van, tot, filters, vermeden_per_wet, productmix),
    }
    paar_ids = catalogus.zwaar | {
        p["lichtere_variant_id"] for p in catalogus.producten.values() if p["lichtere_variant_id"]
    }
    if filters.product:
        paar_ids = {pk for pk in paar_ids if catalogus.producten[pk]["code"] == filters.product}
    kpi.aanvullen(
        resultaat,
        van,
        tot,
        filters,
        vandaag,
        kpi.Basis(
            producten=catalogus.producten,
            paar_ids=paar_ids,
            per_product_aanbieder={
                (r["product_id"], r["aanbieder_id"]): r["kosten_in_periode"]
                for r in rijen
                if r["aanbieder_id"] is not None
                and (not filters.product or catalogus.producten[r["product_id"]]["code"] == filters.product)
            },
            uren_per_product={pk: rij["uren_maal_dagen"] / 7 for pk, rij in per_product.items()},
            uren_per_dag=reeksen["uren"],
            productmix=productmix,
            vermeden_per_wet=vermeden_per_wet,
            vermeden_per_consulent=vermeden_per_consulent,
        ),
    )
    resultaat["maandcijfers"] = bewaarde_maanden.verantwoording(van, tot, filters)
    return resultaat


# --- Drill-down: the indicaties behind a figure ------------------------------------------------

DRILLDOWN = {
    "geregistreerd": "Geregistreerd in de periode",
    "actief_op_tot": "Actief op de laatste dag van de periode",
    "actief_in_periode": "Actief in de periode",
    "evaluatie_vervallen": "Evaluatie valt in de periode",
    "evaluatie_op_tijd": "Evaluatie op tijd afgerond",
    "evaluatie_te_laat": "Evaluatie te laat afgerond",
    "evaluatie_niet_afgerond": "Evaluatie (nog) niet afgerond",
    "evaluatie_niet_afgerond_verlopen": "Evaluatie niet afgerond, vervaldatum voorbij",
    "evaluatie_nog_niet_vervallen": "Evaluatie nog niet afgerond, vervaldatum nog niet voorbij",
    **{f"uitkomst_{u}": f"Evaluatie afgerond met uitkomst {Uitkomst(u).label.lower()}" for u in UITKOMSTEN},
    **{f"resultaat_{r}": f"Evaluatie afgerond, resultaat behaald: {r}" for r in RESULTATEN},
    "bijgesteld": "Bijgesteld (vermeden kosten)",
    **{f"signaal_{s}": f"Geregistreerd met signaal: {c.label.lower()}" for c, s in SIGNAAL_SLEUTELS.items()},
    "schakelteam_akkoord": "Schakelteam akkoord",
    "schakelteam_afgewezen": "Schakelteam afgewezen",
    **{f"toetsing_{o}": f"Toetsingsoordeel {o.replace('_', ' ')}" for o in OORDELEN},
}


def indicaties_achter(
    soort: str,
    van: datetime.date,
    tot: datetime.date,
    *,
    wet: str | None = None,
    product: str | None = None,
    aanbieder: str | None = None,
    team: int | None = None,
) -> QuerySet[Indicatie]:
    """The indicaties counted in one figure (`soort`, a key of DRILLDOWN), with the same filters."""
    filters = Filters(wet=wet or None, product=product or None, aanbieder=aanbieder or None, team=team)
    if soort not in DRILLDOWN:
        raise KeyError(soort)
    qs = Indicatie.objects.filter(filters.q())
    if soort == "geregistreerd":
        return qs.filter(geregistreerd_q(van, tot))
    if soort == "actief_op_tot":
        return qs.filter(actief_in_q(tot, tot))
    if soort == "actief_in_periode":
        return qs.filter(actief_in_q(van, tot))
    if soort.startswith("evaluatie_"):
        voorwaarde = evaluatie_voorwaarden(clock.today())[soort.removeprefix("evaluatie_")]
        evaluaties = Evaluatie.objects.filter(evaluatie_scope(van, tot), voorwaarde)
        return qs.filter(id__in=evaluaties.values("indicatie_id"))
    if soort.startswith(("uitkomst_", "resultaat_")):
        veld = "uitkomst" if soort.startswith("uitkomst_") else "resultaat_behaald"
        evaluaties = Evaluatie.objects.filter(afgerond_in(van, tot), **{veld: soort.split("_", 1)[1]})
        return qs.filter(id__in=evaluaties.values("indicatie_id"))
    if soort == "bijgesteld":
        return qs.filter(bijgesteld_in(van, tot))
    if soort.startswith("signaal_"):
        code = {v: k for k, v in SIGNAAL_SLEUTELS.items()}[soort.removeprefix("signaal_")]
        return qs.filter(geregistreerd_q(van, tot), signaalregels__code=code)
    if soort.startswith("schakelteam_"):
        besluiten = SchakelteamBeoordeling.objects.filter(besluit=soort.removeprefix("schakelteam_"))
        return qs.filter(geregistreerd_q(van, tot), id__in=besluiten.values("indicatie_id"))
    toetsingen = toetsing_model().objects.filter(
        op_dag("beoordeeld_op", van, tot), oordeel=soort.removeprefix("toetsing_")
    )
    return qs.filter(id__in=toetsingen.values("indicatie_id"))
