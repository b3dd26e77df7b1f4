"""What follows an indicatie, counted: evaluations (due, on time, outcomes and results, per
consulent), the signals and the schakelteam's decisions, and the review's verdicts."""

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, DurationField, F

from indicaties.domein import Besluit
from indicaties.models import Evaluatie, IndicatieSignaal, SchakelteamBeoordeling

from ..voorwaarden import (
    OORDELEN,
    Filters,
    aandeel_tekst,
    afgerond_in,
    evaluatie_scope,
    evaluatie_voorwaarden,
    gedeeld,
    geregistreerd_q,
    op_dag,
    toetsing_model,
)
from .sleutels import RESULTATEN, SIGNAAL_SLEUTELS, UITKOMSTEN


def evaluaties(van, tot, filters: Filters, vandaag) -> tuple[dict, dict]:
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


def signalen_en_schakelteam(van, tot, filters: Filters) -> tuple[dict, dict]:
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
        "akkoord": besluiten.get(Besluit.AKKOORD, {}).get("aantal", 0),
        "afgewezen": besluiten.get(Besluit.AFGEWEZEN, {}).get("aantal", 0),
        # Average days from the request to the decision, one decimal.
        "doorlooptijd_dagen": (
            str(Decimal(gemiddeld.total_seconds() / 86400).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
            if gemiddeld is not None
            else None
        ),
    }
    schakelteam["open"] = max(schakelteam["aangevraagd"] - schakelteam["akkoord"] - schakelteam["afgewezen"], 0)
    return signalen, schakelteam


def toetsing(van, tot, filters: Filters) -> tuple[dict, dict]:
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
