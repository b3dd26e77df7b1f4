"""Drill-down: the indicaties behind a figure, by the same conditions as the figure itself."""

import datetime

from django.db.models import QuerySet

from basis import clock
from indicaties.domein import Uitkomst
from indicaties.models import Evaluatie, Indicatie, SchakelteamBeoordeling

from ..voorwaarden import (
    OORDELEN,
    Filters,
    actief_in_q,
    afgerond_in,
    bijgesteld_in,
    evaluatie_scope,
    evaluatie_voorwaarden,
    geregistreerd_q,
    op_dag,
    toetsing_model,
)
from .sleutels import RESULTATEN, SIGNAAL_SLEUTELS, UITKOMSTEN

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
