"""The dashboard, the indicaties behind a figure, and the exports. No page or file here shows the
BSN of an inwoner; only backoffice sees names in the drill-down list (beleid and beheer see
product, period, cost and status only)."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from basis import clock
from basis.roles import BACKOFFICE, BEHEER, BELEID, CONSULENT, rollen_van
from basis.verwerking import verwerking
from basis.web import rol_vereist
from indicaties.models import Aanbieder, IndicatieStatus, Product
from privacy import logboek
from privacy.register import GEEN, STUURINFORMATIE

from .. import grafieken, maanden, selectors
from ..export import Blad, blad_van, csv_antwoord, xlsx_antwoord
from ..filters import Keuze, lees_filters_mild
from ..models import Declaratiebestand
from ..rapport import maak_rapport
from ..services import KOLOMMEN, DeclaratiesGeweigerd, importeer_declaraties, samenvatting
from ..tabellen import NAMEN, WETNAMEN, Drilldown, tabellen
from ..tegels import tegels

ROLLEN = (BELEID, BACKOFFICE, BEHEER)
PER_PAGINA = 100


def _keuze(request) -> tuple[Keuze, list[str]]:
    keuze, fouten = lees_filters_mild(request.GET, nederlands=True)
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


def _basis_context(keuze: Keuze, fouten: list[str], cijfers: dict) -> dict:
    return {
        "keuze": keuze,
        "van": keuze.van,
        "tot": keuze.tot,
        "filters": keuze.filters,
        "fouten": fouten,
        "cijfers": cijfers,
        "querystring": urlencode(keuze.query()),
        **_keuzelijsten(),
    }


def _tegel_links(keuze: Keuze) -> dict[str, str]:
    tabellen_url = f"{reverse('web:stuurinformatie_tabellen')}?{urlencode(keuze.query())}"
    link = Drilldown(keuze)
    return {
        **{naam: f"{tabellen_url}#kop-{naam}" for naam in NAMEN},
        "actief_in_periode": link("actief_in_periode"),
        "evaluatie_op_tijd": link("evaluatie_op_tijd"),
    }


@verwerking(GEEN)
@rol_vereist(*ROLLEN)
def overzicht(request):
    """The first screen: a tile per figure with its target and trend, the comparisons per team and
    per aanbieder, and the way to the long tables, the report and the drill-down."""
    keuze, fouten = _keuze(request)
    cijfers = selectors.stuurinformatie(keuze.van, keuze.tot, **keuze.filters)
    alle = tabellen(cijfers, keuze, ("vergelijking_team", "vergelijking_aanbieder", "budgetplafonds"))
    return render(
        request,
        "stuurinformatie/overzicht.html",
        {
            **_basis_context(keuze, fouten, cijfers),
            "tegels": tegels(cijfers, _tegel_links(keuze)),
            "vergelijking_team": alle["vergelijking_team"],
            "vergelijking_aanbieder": alle["vergelijking_aanbieder"],
            "budgetplafonds": alle["budgetplafonds"],
            "kan_inlezen": bool(rollen_van(request.user) & {BACKOFFICE, BEHEER}),
            "maandcijfers": maanden.beschrijving(cijfers["maandcijfers"]),
        },
    )


@verwerking(GEEN)
@rol_vereist(*ROLLEN)
def alle_tabellen(request):
    keuze, fouten = _keuze(request)
    cijfers = selectors.stuurinformatie(keuze.van, keuze.tot, **keuze.filters)
    link = Drilldown(keuze)
    return render(
        request,
        "stuurinformatie/tabellen.html",
        {
            **_basis_context(keuze, fouten, cijfers),
            "tabellen": tabellen(cijfers, keuze),
            "grafieken": grafieken.alle(cijfers),
            "links": {
                soort: link(soort) for soort in ("geregistreerd", "actief_op_tot", "actief_in_periode", "bijgesteld")
            },
        },
    )


@verwerking(GEEN)
@rol_vereist(*ROLLEN)
def rapport(request):
    """The monthly report as a PDF, for the chosen period and filters."""
    keuze, _ = _keuze(request)
    inhoud = maak_rapport(keuze.van, keuze.tot, keuze.filters)
    antwoord = HttpResponse(inhoud, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="{_bestandsnaam("rapport", keuze)}.pdf"'
    return antwoord


INLEZERS = (BACKOFFICE, BEHEER)
BESTANDEN_PER_PAGINA = 25


class DeclaratiesForm(forms.Form):
    bestand = forms.FileField(
        label="CSV-bestand met declaraties",
        help_text="Kolommen: indicatie, begindatum, einddatum, volume, eenheid, bedrag. Eén foute regel weigert "
        "het hele bestand.",
    )


@verwerking(STUURINFORMATIE)
@rol_vereist(*INLEZERS)
def declaraties(request):
    form = DeclaratiesForm(request.POST or None, request.FILES or None)
    fouten = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        try:
            resultaat = importeer_declaraties(upload.read(), naam=upload.name, gebruiker=request.user)
        except DeclaratiesGeweigerd as exc:
            fouten = exc.fouten
        else:
            messages.success(request, samenvatting(resultaat))
            return redirect("web:stuurinformatie_declaraties")
    pagina = Paginator(
        Declaratiebestand.objects.select_related("ingelezen_door").order_by("-ingelezen_op"), BESTANDEN_PER_PAGINA
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "stuurinformatie/declaraties.html",
        {"form": form, "fouten": fouten, "pagina": pagina, "kolommen": KOLOMMEN},
        status=400 if fouten else 200,
    )


@verwerking(GEEN)
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


@verwerking(GEEN)
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


@verwerking(STUURINFORMATIE)
@rol_vereist(*ROLLEN)
def indicaties(request):
    keuze, fouten, soort = _drilldown(request)
    met_namen = BACKOFFICE in rollen_van(request.user)
    achter = selectors.indicaties_achter(soort, keuze.van, keuze.tot, **keuze.filters)
    # The page's ids first, sorted after filtering and without joins. Ordered by the column itself,
    # PostgreSQL walks the register along its index on ingangsdatum, expecting a page of matches
    # soon, and reads most of a million rows for a figure of one year (docs/performance.md);
    # COALESCE of the column with itself is the same date, but no index's order.
    volgorde = achter.order_by(Coalesce("ingangsdatum", "ingangsdatum"), "id").values_list("pk", flat=True)
    pagina = Paginator(volgorde, PER_PAGINA).get_page(request.GET.get("pagina"))
    ids = list(pagina.object_list)
    rijen = achter.filter(pk__in=ids).select_related("product", "aanbieder", *(["inwoner"] if met_namen else []))
    per_id = {i.pk: i for i in rijen.annotate(betrokkene_bsn=F("inwoner__bsn"))}
    pagina.object_list = [per_id[pk] for pk in ids]
    logboek.verwerkt_objecten(pagina.object_list)
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


def _statusnaam(status: str) -> str:
    return IndicatieStatus(status).label if status in IndicatieStatus.values else status


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


@verwerking(STUURINFORMATIE)
@rol_vereist(*ROLLEN)
def indicaties_export(request, formaat: str):
    """The list behind a figure without any data of the inwoner, for every role."""
    keuze, _, soort = _drilldown(request)
    # No name or BSN in the file, but each row is someone's care: every one of them is logged.
    achter = selectors.indicaties_achter(soort, keuze.van, keuze.tot, **keuze.filters)
    logboek.verwerkt(achter.order_by().values_list("inwoner__bsn", flat=True).distinct())
    rijen = achter.order_by("ingangsdatum", "id").values_list(
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
    blad = Blad(
        f"indicaties-{soort}",
        selectors.DRILLDOWN[soort],
        KOLOMMEN_DRILLDOWN,
        # The law and the status in words, as on the page (`beeindigd` → "beëindigd").
        ([*r[:2], WETNAMEN.get(r[2], r[2]), *r[3:8], _statusnaam(r[8])] for r in rijen.iterator(chunk_size=2000)),
    )
    naam = _bestandsnaam(f"indicaties-{soort}", keuze)
    if formaat == "csv":
        return csv_antwoord(blad, naam)
    return xlsx_antwoord([blad], naam, _selectie(keuze) | {"cijfer": selectors.DRILLDOWN[soort]})


@verwerking(GEEN)
@rol_vereist(*ROLLEN)
def tegels_van_dit_jaar(request):
    """The tiles of this calendar year as a fragment: the beleid start page loads them after it has
    answered, so the start page itself stays quick."""
    vandaag = clock.today()
    van, tot = datetime.date(vandaag.year, 1, 1), datetime.date(vandaag.year, 12, 31)
    cijfers = selectors.stuurinformatie(van, tot)
    return render(
        request,
        "stuurinformatie/_tegels.html",
        {"tegels": tegels(cijfers, _tegel_links(Keuze(van, tot, {}))), "kop": "h2"},
    )
