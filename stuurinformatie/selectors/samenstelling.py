"""Every figure of the dashboard and the API for a period, put together from the topics (`groepen`,
`kosten`, `opvolging`), the overview's figures (`overzicht`, `kpi`) and the kept months."""

import datetime

from django.contrib.auth import get_user_model

from basis import clock
from indicaties.models import Aanbieder, Wet

from .. import kpi, overzicht
from .. import maanden as bewaarde_maanden
from ..maanden import per_telling
from ..voorwaarden import NUL, OORDELEN, Filters, geld
from . import groepen, kosten, opvolging
from .sleutels import EVALUATIE_SOORTEN


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
    catalogus = groepen.Catalogus.laad()

    rijen = bewaarde_maanden.groepscijfers(van, tot, filters, groepen.groepscijfers)
    product_rijen = [r for r in rijen if r["aanbieder_id"] is None and r["consulent_id"] is None]
    per_product = groepen.rol_op(product_rijen, lambda r: r["product_id"], catalogus)
    geselecteerd = groepen.rol_op(product_rijen, lambda r: r["product_id"], catalogus, filters.product)
    totaal = groepen.groepsregel(
        groepen.rol_op(product_rijen, lambda r: "totaal", catalogus, filters.product).get("totaal")
    )
    per_wet_rijen = groepen.rol_op(
        product_rijen, lambda r: catalogus.producten[r["product_id"]]["wet"], catalogus, filters.product
    )
    per_wet = {}
    for w in sorted(set(Wet.values) | set(per_wet_rijen), key=lambda w: (w not in Wet.values, w)):
        regel = groepen.groepsregel(per_wet_rijen.get(w))
        per_wet[w] = {
            k: regel[k]
            for k in ("geregistreerd", "geschatte_kosten", "actief_op_tot", "uren_per_week", "kosten_in_periode")
        }
    per_aanbieder = groepen.rol_op(
        [r for r in rijen if r["aanbieder_id"] is not None], lambda r: r["aanbieder_id"], catalogus, filters.product
    )
    consulent_rijen = groepen.rol_op(
        [r for r in rijen if r["consulent_id"] is not None], lambda r: r["consulent_id"], catalogus, filters.product
    )
    productmix = kosten.productmix(van, tot, per_product, catalogus, filters)
    reeksen = overzicht.dagreeksen(van, tot, filters, {pk: p["code"] for pk, p in catalogus.producten.items()})
    evaluaties, evaluaties_per_consulent = opvolging.evaluaties(van, tot, filters, vandaag)
    vermeden_per_wet, vermeden_per_consulent = kosten.vermeden_kosten(van, tot, filters)
    vermeden = sum((w["vermeden_kosten"] for w in vermeden_per_wet.values()), NUL)
    signalen, schakelteam = opvolging.signalen_en_schakelteam(van, tot, filters)
    toetsing, toetsing_per_consulent = opvolging.toetsing(van, tot, filters)

    consulenten = set(consulent_rijen) | set(evaluaties_per_consulent) | set(vermeden_per_consulent)
    consulenten |= set(toetsing_per_consulent)
    namen = {
        rij["pk"]: groepen.consulent_naam(rij, "")
        for rij in get_user_model()
        .objects.filter(pk__in=consulenten)
        .values("pk", "first_name", "last_name", "username")
    }
    teams = groepen.teams_van_consulenten(consulenten)
    aanbieder_namen = dict(Aanbieder.objects.filter(pk__in=list(per_aanbieder)).values_list("pk", "naam"))
    per_consulent: dict = {}
    for pk in consulenten:
        regel = per_consulent[pk] = {
            "naam": namen.get(pk, ""),
            "teams": teams.get(pk, []),
            **groepen.groepsregel(consulent_rijen.get(pk)),
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
        "kosten_per_maand": kosten.kosten_per_maand(van, tot, reeksen["kosten"]),
        "per_product": sorted(
            (
                {
                    "product": catalogus.producten[pk]["code"],
                    "naam": catalogus.producten[pk]["naam"],
                    "wet": catalogus.producten[pk]["wet"],
                    **groepen.groepsregel(rij),
                }
                for pk, rij in geselecteerd.items()
            ),
            key=lambda r: r["product"],
        ),
        "per_aanbieder": sorted(
            (
                {"aanbieder": str(pk), "naam": aanbieder_namen.get(pk, ""), **groepen.groepsregel(rij)}
                for pk, rij in per_aanbieder.items()
            ),
            key=lambda r: (r["naam"], r["aanbieder"]),
        ),
        "per_consulent": sorted(
            ({"consulent": pk, **regel} for pk, regel in per_consulent.items()),
            key=lambda r: (r["naam"], r["consulent"]),
        ),
        "businesscase": kosten.businesscase(van, tot, filters, vermeden_per_wet, productmix),
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
