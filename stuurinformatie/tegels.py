"""The tiles of the overview: one figure each with its target, whether it is met, a monthly trend
line (`trendlijn`) and a short explanation (the same text the monthly report prints). Built from
the figures of `selectors.stuurinformatie`; no database here.
"""

from dataclasses import dataclass
from decimal import Decimal

from .tabellen import opmaak
from .trendlijn import Lijn, lijn
from .voorwaarden import AKKOORD_OORDELEN


@dataclass
class Tegel:
    id: str
    titel: str
    waarde: str
    streef: str  # "doel 25,0 %", or "geen streefwaarde"
    status: str  # gehaald, niet_gehaald, geen_doel
    uitleg: str  # what the figure is, in one or two sentences
    extra: str = ""  # a second figure that belongs to it
    link: str = ""
    lijn: Lijn | None = None
    soort: str = "aantal"
    maandkop: str = "Waarde"

    @property
    def status_tekst(self) -> str:
        return {
            "gehaald": "Doel gehaald",
            "niet_gehaald": "Doel niet gehaald",
            "geen_gegevens": "Nog geen gegevens",
        }.get(self.status, "Geen doel")


# The name of each target (Streefwaarde.kpi) as beheer reads it.
TEGELNAMEN = {
    "businesscase": "Besparing businesscase",
    "verschuiving_licht": "Verschuiving naar de lichtere variant",
    "volume_per_client": "Afschaling van de uren per cliënt",
    "evaluaties_op_tijd": "Evaluaties op tijd",
    "halfjaarchecks_afgerond": "Halfjaarchecks afgerond",
    "opvolgingen_afgehandeld": "Opvolgingen afgehandeld",
    "schakelteam_doorlooptijd": "Doorlooptijd schakelteam (dagen)",
    "toetsing_akkoord": "Toetsing akkoord",
    "verzilvering": "Verzilvering (gedeclareerd van geïndiceerd)",
    "budgetplafond_signaal": "Waarschuwing budgetplafond (vanaf dit deel)",
}


def _d(waarde) -> Decimal | None:
    return None if waarde in (None, "") else Decimal(str(waarde))


def _status(waarde: Decimal | None, doel: Decimal | None, hoger_beter: bool = True) -> str:
    if doel is None:
        return "geen_doel"
    if waarde is None:
        return "geen_gegevens"
    if hoger_beter:
        return "gehaald" if waarde >= doel else "niet_gehaald"
    return "gehaald" if waarde <= doel else "niet_gehaald"


def _deel(teller, noemer) -> Decimal | None:
    return Decimal(teller) / Decimal(noemer) if noemer else None


def tegels(c: dict, links: dict[str, str] | None = None) -> list[Tegel]:
    """The tiles for the figures `c` of selectors.stuurinformatie."""
    links = links or {}
    doelen = {k: _d(v) for k, v in c.get("streefwaarden", {}).items()}
    maanden = c.get("per_maand", [])

    def reeks(sleutel):
        return [(m["maand"], _d(m[sleutel])) for m in maanden]

    uit = []

    b = c["businesscase"]
    gerealiseerd, doel = _d(b["gerealiseerd"]), _d(b["doel"])
    uit.append(
        Tegel(
            "businesscase",
            "Besparing businesscase",
            opmaak(gerealiseerd, "geld"),
            f"doel {opmaak(doel, 'geld')}",
            _status(gerealiseerd, doel),
            "Vermeden kosten van afschalen, beëindigen en anders inzetten, min de zorg die ervoor in de plaats "
            "kwam, plus de besparing door de verschuiving naar lichtere varianten. Het doel is de besparing uit "
            "de businesscase voor deze periode.",
            extra=f"Vermeden {opmaak(b['gerealiseerd_vermeden_kosten'], 'geld')} − vervangend "
            f"{opmaak(b['vervangende_zorg'], 'geld')} + productmix {opmaak(b['gerealiseerd_productmix'], 'geld')}.",
            link=links.get("businesscase", ""),
            lijn=lijn(
                "lijn-businesscase",
                "Besparing opgeteld per maand, met het doel",
                reeks("businesscase_gerealiseerd"),
                "geld",
                streef_reeks=[_d(m["businesscase_doel"]) for m in maanden],
            ),
            soort="geld",
            maandkop="Opgeteld",
        )
    )

    verschuiving, doel = _d(c.get("verschuiving_licht")), doelen.get("verschuiving_licht")
    uit.append(
        Tegel(
            "verschuiving_licht",
            "Verschuiving naar lichtere variant",
            opmaak(verschuiving, "aandeel"),
            f"doel {opmaak(doel, 'aandeel')}" if doel is not None else "geen streefwaarde",
            _status(verschuiving, doel),
            "Het deel van de uren in de zwaardere variant (zoals in de basis van 2019) dat nu in de lichtere "
            "variant wordt ingezet, over de productparen met een basis.",
            link=links.get("productmix", ""),
            lijn=lijn("lijn-verschuiving", "Verschuiving per maand", reeks("verschuiving_licht"), "aandeel", doel),
            soort="aandeel",
        )
    )

    cl = c["clienten"]
    nu, vorig = _d(cl["uren_per_week_per_client"]), _d(cl["uren_per_week_per_client_vorig_jaar"])
    afschaling = doelen.get("volume_per_client")
    doel = vorig * (1 - afschaling) if vorig is not None and afschaling is not None else None
    uit.append(
        Tegel(
            "volume_per_client",
            "Uren per week per cliënt",
            opmaak(nu, "uren"),
            f"doel hoogstens {opmaak(doel, 'uren')}" if doel is not None else "geen vergelijking met vorig jaar",
            _status(nu, doel, hoger_beter=False),
            "Uren zorg per week per cliënt in de producten van de businesscase (de productparen), tegen dezelfde "
            f"periode een jaar eerder ({opmaak(vorig, 'uren')} uur) min {opmaak(afschaling, 'aandeel')} afschaling.",
            link=links.get("per_product", ""),
            lijn=lijn(
                "lijn-volume", "Uren per week per cliënt per maand", reeks("uren_per_week_per_client"), "uren", doel
            ),
            soort="uren",
        )
    )

    uit.append(
        Tegel(
            "clienten",
            "Cliënten met een indicatie",
            opmaak(cl["met_indicatie"], "aantal"),
            "geen streefwaarde",
            "geen_doel",
            "Verschillende inwoners met toegekende zorg die in de periode loopt; een inwoner met drie indicaties "
            "telt één keer.",
            extra=f"Dezelfde periode een jaar eerder: {opmaak(cl['vorig_jaar'], 'aantal')}.",
            link=links.get("actief_in_periode", ""),
            lijn=lijn("lijn-clienten", "Cliënten per maand", reeks("clienten"), "aantal"),
            soort="aantal",
        )
    )

    e = c["evaluaties"]
    op_tijd = _deel(e["op_tijd"], e["afgerond"] + e["niet_afgerond_verlopen"])
    doel = doelen.get("evaluaties_op_tijd")
    uit.append(
        Tegel(
            "evaluaties_op_tijd",
            "Evaluaties op tijd",
            opmaak(op_tijd, "aandeel"),
            f"doel {opmaak(doel, 'aandeel')}" if doel is not None else "geen streefwaarde",
            _status(op_tijd, doel),
            "Van de evaluaties (5 uur per week of meer) die in de periode vervielen en al aan de beurt waren: het "
            "deel dat uiterlijk op de vervaldatum is afgerond.",
            extra=f"{e['op_tijd']} op tijd, {e['te_laat']} te laat, {e['niet_afgerond_verlopen']} niet gedaan.",
            link=links.get("evaluatie_op_tijd", ""),
            lijn=lijn(
                "lijn-evaluaties", "Evaluaties op tijd per maand", reeks("aandeel_evaluaties_op_tijd"), "aandeel", doel
            ),
            soort="aandeel",
        )
    )

    h = c["halfjaarchecks"]
    gedaan = _deel(h["afgerond"], h["aan_de_beurt"])
    doel = doelen.get("halfjaarchecks_afgerond")
    uit.append(
        Tegel(
            "halfjaarchecks",
            "Halfjaarchecks gedaan",
            opmaak(gedaan, "aandeel"),
            f"doel {opmaak(doel, 'aandeel')}" if doel is not None else "geen streefwaarde",
            _status(gedaan, doel),
            "Van de halfjaarchecks die in de periode vervielen en al aan de beurt waren: het deel dat is afgerond.",
            extra=f"{h['niet_passend']} keer was de zorg niet passend (van {h['afgerond']} afgerond).",
            lijn=lijn(
                "lijn-halfjaarchecks",
                "Halfjaarchecks gedaan per maand",
                reeks("aandeel_halfjaarchecks_afgerond"),
                "aandeel",
                doel,
            ),
            soort="aandeel",
        )
    )

    o = c["opvolgingen"]
    afgehandeld = _deel(o["gestart_afgehandeld"], o["gestart"])
    doel = doelen.get("opvolgingen_afgehandeld")
    uit.append(
        Tegel(
            "opvolgingen",
            "Opvolgingen afgehandeld",
            opmaak(afgehandeld, "aandeel"),
            f"doel {opmaak(doel, 'aandeel')}" if doel is not None else "geen streefwaarde",
            _status(afgehandeld, doel),
            "Opvolgingen ontstaan in de periode (zorg niet passend bij de halfjaarcheck, of een doel niet behaald "
            "bij de evaluatie): het deel dat de regisseur heeft afgehandeld.",
            extra=f"{o['gestart']} ontstaan; {o['open_op_tot']} open op de laatste dag van de periode.",
            lijn=lijn(
                "lijn-opvolgingen",
                "Opvolgingen afgehandeld per maand",
                reeks("aandeel_opvolgingen_afgehandeld"),
                "aandeel",
                doel,
            ),
            soort="aandeel",
        )
    )

    s = c["schakelteam"]
    mediaan, doel = _d(s.get("mediaan_doorlooptijd_dagen")), doelen.get("schakelteam_doorlooptijd")
    uit.append(
        Tegel(
            "schakelteam",
            "Doorlooptijd schakelteam",
            f"{opmaak(mediaan, 'dagen')} dagen" if mediaan is not None else "–",
            f"doel hoogstens {opmaak(doel, 'dagen')} dagen" if doel is not None else "geen streefwaarde",
            _status(mediaan, doel, hoger_beter=False),
            "De mediaan van de dagen tussen de aanvraag en het besluit van het schakelteam, voor indicaties "
            "geregistreerd in de periode: de helft was sneller.",
            extra=f"{s['akkoord']} akkoord, {s['afgewezen']} afgewezen, {s['open']} nog geen besluit.",
            link=links.get("schakelteam", ""),
            lijn=lijn(
                "lijn-schakelteam",
                "Doorlooptijd schakelteam per maand (mediaan)",
                reeks("schakelteam_mediaan_dagen"),
                "dagen",
                doel,
            ),
            soort="dagen",
        )
    )

    t = c["toetsing"]
    akkoord = _deel(sum(t[o] for o in AKKOORD_OORDELEN), t["getoetst"])
    doel = doelen.get("toetsing_akkoord")
    uit.append(
        Tegel(
            "toetsing",
            "Toetsing akkoord",
            opmaak(akkoord, "aandeel"),
            f"doel {opmaak(doel, 'aandeel')}" if doel is not None else "geen streefwaarde",
            _status(akkoord, doel),
            "Van de oordelen van de backoffice in de periode: het deel akkoord of akkoord met opmerking.",
            extra=f"{t['getoetst']} getoetst, {t['niet_akkoord']} niet akkoord.",
            link=links.get("toetsing", ""),
            lijn=lijn(
                "lijn-toetsing", "Toetsing akkoord per maand", reeks("aandeel_toetsing_akkoord"), "aandeel", doel
            ),
            soort="aandeel",
        )
    )

    v = c["verzilvering_totaal"]
    verzilvering, doel = _d(v["verzilvering"]), doelen.get("verzilvering")
    waarschuwingen = [p for p in c.get("budgetplafonds", []) if p["signaal"] != "binnen"]
    uit.append(
        Tegel(
            "verzilvering",
            "Gedeclareerd tegen geïndiceerd",
            opmaak(verzilvering, "aandeel"),
            f"doel hoogstens {opmaak(doel, 'aandeel')}" if doel is not None else "geen streefwaarde",
            _status(verzilvering, doel, hoger_beter=False),
            "Wat aanbieders declareerden voor zorg in de periode, tegen de geschatte kosten van de toegekende "
            "indicaties in dezelfde periode.",
            extra=f"{opmaak(v['gedeclareerd'], 'geld')} van {opmaak(v['geindiceerd'], 'geld')}; "
            + (
                f"{len(waarschuwingen)} aanbieder{'s' if len(waarschuwingen) != 1 else ''} op of boven "
                f"{opmaak(doelen.get('budgetplafond_signaal'), 'aandeel')} van het plafond."
                if c.get("budgetplafonds")
                else "geen budgetplafonds."
            ),
            link=links.get("verzilvering", ""),
            lijn=lijn(
                "lijn-verzilvering",
                "Gedeclareerd per maand, met de geschatte kosten",
                reeks("gedeclareerd"),
                "geld",
                streef_reeks=[_d(m["geschatte_kosten"]) for m in maanden],
                streef_naam="geschatte kosten",
            ),
            soort="geld",
            maandkop="Gedeclareerd",
        )
    )

    plafonds = c.get("budgetplafonds", [])
    signaal = doelen.get("budgetplafond_signaal")
    # Exact, from the amounts: the rounded share of 799.99 of 800 reads 80 % but does not warn yet.
    exact = {p["aanbieder"]: _deel(_d(p["toegekend"]), _d(p["plafond"])) for p in plafonds}
    hoogste = max(plafonds, key=lambda p: exact[p["aanbieder"]] or 0, default=None)
    aandeel = exact[hoogste["aanbieder"]] if hoogste else None
    uit.append(
        Tegel(
            "budgetplafond",
            "Budgetplafonds",
            f"{opmaak(aandeel, 'aandeel')} bij {hoogste['naam']}" if hoogste and aandeel is not None else "–",
            f"waarschuwing vanaf {opmaak(signaal, 'aandeel')}" if signaal is not None else "geen streefwaarde",
            # Warned from the share itself on, as the notification (not only above it).
            "geen_doel"
            if not plafonds or signaal is None
            else "geen_gegevens"
            if aandeel is None
            else "niet_gehaald"
            if aandeel >= signaal
            else "gehaald",
            "Het hoogste deel van zijn budgetplafond dat een aanbieder dit kalenderjaar toegekend kreeg "
            "(goedgekeurde declaraties). De lijn: wat alle aanbieders met een plafond samen toegekend kregen "
            "sinds 1 januari, tegen hun plafonds samen.",
            extra=(
                f"{sum(1 for p in plafonds if signaal is not None and (exact[p['aanbieder']] or 0) >= signaal)} van "
                f"{len(plafonds)} aanbieder{'s' if len(plafonds) != 1 else ''} met een plafond op of boven "
                "de waarschuwing."
                if plafonds
                else "Geen aanbieders met een budgetplafond."
            ),
            link=links.get("budgetplafond", ""),
            lijn=lijn(
                "lijn-budgetplafond",
                "Toegekend sinds 1 januari, als deel van de plafonds samen",
                reeks("plafond_aandeel"),
                "aandeel",
                signaal,
            ),
            soort="aandeel",
            maandkop="Deel van de plafonds",
        )
    )
    return uit
