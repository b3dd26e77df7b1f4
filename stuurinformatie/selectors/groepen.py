"""Registrations, estimated cost and hours per product, per product and aanbieder, and per product
and consulent, in one pass over the indicaties; added up per law, aanbieder or consulent, with the
names and teams of the consulenten."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When

from indicaties.domein import NOOIT_TOEGEKENDE_STATUSSEN
from indicaties.models import Indicatie, Product
from privacy.models import Team

from ..sql import AlsGetal, groepeer
from ..voorwaarden import NUL, Filters, aandeel_tekst, actief_in_q, dagen_in, gedeeld, geld, geregistreerd_q, kosten_in


@dataclass
class Catalogus:
    producten: dict  # id -> {"code", "naam", "wet", "eenheid", "lichtere_variant_id"}
    zwaar: set  # ids of products that have a lighter variant
    alleen_licht: set  # ids of lighter variants that have no lighter variant themselves

    @classmethod
    def laad(cls) -> "Catalogus":
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


def groepscijfers(van, tot, filters: Filters) -> list[dict]:
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


def rol_op(rijen: list[dict], sleutel, catalogus: "Catalogus", product: str | None = None) -> dict:
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


def groepsregel(rij: dict | None) -> dict:
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


def consulent_naam(rij: dict, prefix: str = "consulent__") -> str:
    naam = f"{rij.get(prefix + 'first_name') or ''} {rij.get(prefix + 'last_name') or ''}".strip()
    return naam or rij.get(prefix + "username") or ""


def teams_van_consulenten(consulenten) -> dict[int, list[str]]:
    """The names of the teams each of these consulenten belongs to, in one query."""
    teams: dict[int, list[str]] = defaultdict(list)
    leden = Team.leden.through.objects.filter(user_id__in=list(consulenten)).order_by("team__naam")
    for user_id, naam in leden.values_list("user_id", "team__naam"):
        teams[user_id].append(naam)
    return dict(teams)
