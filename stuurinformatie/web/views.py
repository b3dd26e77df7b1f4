"""The dashboard, the indicaties behind a figure, and the exports. No page or file here shows the
BSN of an inwoner; only backoffice sees names in the drill-down list (beleid and beheer see
product, period, cost and status only)."""

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from casusregie.roles import BACKOFFICE, BEHEER, BELEID, CONSULENT, rollen_van
from casusregie.web import rol_vereist
from indicaties.models import Aanbieder, Product

from .. import grafieken, selectors
from ..export import Blad, blad_van, csv_antwoord, xlsx_antwoord
from ..filters import Keuze, lees_filters_mild
from ..tabellen import NAMEN, WETNAMEN, Drilldown, tabellen

ROLLEN = (BELEID, BACKOFFICE, BEHEER)
PER_PAGINA = 100


def _keuze(request) -> tuple[Keuze, list[str]]:
    keuze, fouten = lees_filters_mild(request.GET)
    return keuze, [f.bericht for f in fouten]


def _bestandsnaam(naam: str, keuze: Keuze) -> str:
    return f"stuurinformatie-{naam}-{keuze.van:%Y%m%d}-{keuze.tot:%Y%m%d}"


def _selectie(keuze: Keuze) -> dict[str, str]:
    return {"van": keuze.van.isoformat(), "tot": keuze.tot.isoformat()} | {
        k: str(v) for k, v in keuze.filters.items() if v is not None
    }


def _keuzelijsten() -> dict:
    teams = (
        get_user_model()
        .objects.filter(groups__name=CONSULENT)
        .order_by("first_name", "last_name", "username")
        .values("pk", "first_name", "last_name", "username")
    )
    return {
        "wetten": list(WETNAMEN.items()),
        "producten": list(Product.objects.order_by("code").values_list("code", "naam")),
        "aanbieders": [(str(pk), naam) for pk, naam in Aanbieder.objects.order_by("naam").values_list("pk", "naam")],
        "teams": [(t["pk"], f"{t['first_name']} {t['last_name']}".strip() or t["username"]) for t in teams],
    }


@rol_vereist(*ROLLEN)
def dashboard(request):
    keuze, fouten = _keuze(request)
    cijfers = selectors.stuurinformatie(keuze.van, keuze.tot, **keuze.filters)
    alle = tabellen(cijfers, keuze)
    link = Drilldown(keuze)
    return render(
        request,
        "stuurinformatie/dashboard.html",
        {
            "keuze": keuze,
            "van": keuze.van,
            "tot": keuze.tot,
            "filters": keuze.filters,
            "fouten": fouten,
            "cijfers": cijfers,
            "tabellen": alle,
            "grafieken": grafieken.alle(cijfers),
            "querystring": urlencode(keuze.query()),
            "links": {soort: link(soort) for soort in ("geregistreerd", "actief_op_tot", "bijgesteld")},
            **_keuzelijsten(),
        },
    )


@rol_vereist(*ROLLEN)
def export(request, tabel: str, formaat: str):
    if tabel not in NAMEN:
        raise Http404("Onbekende tabel.")
    keuze, _ = _keuze(request)
    gekozen = tabellen(selectors.stuurinformatie(keuze.van, keuze.tot, **keuze.filters), keuze)[tabel]
    blad = blad_van(gekozen)
    naam = _bestandsnaam(tabel, keuze)
    if formaat == "csv":
        return csv_antwoord(blad, naam)
    return xlsx_antwoord([blad], naam, _selectie(keuze))


@rol_vereist(*ROLLEN)
def export_alles(request):
    keuze, _ = _keuze(request)
    alle = tabellen(selectors.stuurinformatie(keuze.van, keuze.tot, **keuze.filters), keuze)
    return xlsx_antwoord([blad_van(t) for t in alle.values()], _bestandsnaam("alles", keuze), _selectie(keuze))


def _drilldown(request) -> tuple[Keuze, list[str], str]:
    keuze, fouten = _keuze(request)
    soort = request.GET.get("soort") or "geregistreerd"
    if soort not in selectors.DRILLDOWN:
        raise Http404("Onbekend cijfer.")
    return keuze, fouten, soort


@rol_vereist(*ROLLEN)
def indicaties(request):
    keuze, fouten, soort = _drilldown(request)
    met_namen = BACKOFFICE in rollen_van(request.user)
    qs = (
        selectors.indicaties_achter(soort, keuze.van, keuze.tot, **keuze.filters)
        .select_related("product", "aanbieder", *(["inwoner"] if met_namen else []))
        .order_by("ingangsdatum", "id")
    )
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "stuurinformatie/indicaties.html",
        {
            "keuze": keuze,
            "fouten": fouten,
            "soort": soort,
            "omschrijving": selectors.DRILLDOWN[soort],
            "pagina": pagina,
            "met_namen": met_namen,
            "querystring": urlencode(keuze.query() | {"soort": soort}),
            "terug": urlencode(keuze.query()),
            "wetnaam": WETNAMEN.get(keuze.filters.get("wet") or "", ""),
        },
    )


KOLOMMEN_DRILLDOWN = [
    ("Product", "tekst"),
    ("Productnaam", "tekst"),
    ("Wet", "tekst"),
    ("Aanbieder", "tekst"),
    ("Ingangsdatum", "datum"),
    ("Einddatum", "datum"),
    ("Uur per week", "uren"),
    ("Geschatte kosten", "geld"),
    ("Status", "tekst"),
]


@rol_vereist(*ROLLEN)
def indicaties_export(request, formaat: str):
    """The list behind a figure without any data of the inwoner, for every role."""
    keuze, _, soort = _drilldown(request)
    rijen = (
        selectors.indicaties_achter(soort, keuze.van, keuze.tot, **keuze.filters)
        .order_by("ingangsdatum", "id")
        .values_list(
            "product__code",
            "product__naam",
            "product__wet",
            "aanbieder__naam",
            "ingangsdatum",
            "einddatum",
            "uren_per_week",
            "geschatte_kosten",
            "status",
        )
    )
    blad = Blad(
        f"indicaties-{soort}",
        selectors.DRILLDOWN[soort],
        KOLOMMEN_DRILLDOWN,
        ([*r[:2], WETNAMEN.get(r[2], r[2]), *r[3:]] for r in rijen.iterator(chunk_size=2000)),
    )
    naam = _bestandsnaam(f"indicaties-{soort}", keuze)
    if formaat == "csv":
        return csv_antwoord(blad, naam)
    return xlsx_antwoord([blad], naam, _selectie(keuze) | {"cijfer": selectors.DRILLDOWN[soort]})
