"""Pages of the register and its workflow. Each view reads via selectors or calls one service;
rule violations come back as form errors with the rule's Dutch message."""

import datetime
import uuid

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from basis import clock
from basis.exceptions import InvalidTransition, NotAllowed, RuleViolation
from basis.roles import CONSULENT, SCHAKELTEAM, ZORGROLLEN, rollen_van
from basis.verwerking import verwerking
from basis.web import fouten_naar_formulier, rol_vereist
from privacy.register import (
    EVALUATIE,
    HALFJAARCHECK,
    INZIEN_DOSSIER,
    OPVOLGING,
    RAADPLEGEN,
    REGISTREREN_INDICATIE,
    REGISTREREN_INWONER,
    SCHAKELTEAMWERK,
    WIJZIGEN_INDICATIE,
)
from privacy.web.caseload import buiten_caseload, dossier_of_404, getoond, zichtbaar

from .. import beleid, rules, selectors, services
from ..models import (
    Besluit,
    Doel,
    Evaluatie,
    EvaluatieStatus,
    Halfjaarcheck,
    Indicatie,
    Inwoner,
    ResultaatBehaald,
    SchakelteamAdvies,
)
from ..services.schakelteam import BESLISSEN
from . import aanvullingen, forms
from .historie import historie_op_scherm


@verwerking(RAADPLEGEN)
@rol_vereist(*ZORGROLLEN)
def inwoners(request):
    # The search is a POST, so a BSN never ends up in a URL or an access log.
    form = forms.InwonerZoekForm(request.POST or None)
    resultaten = elders = None
    if request.method == "POST" and form.is_valid():
        resultaten = getoond(zichtbaar(request, selectors.zoek_inwoners(**form.cleaned_data), "")[:100])
        bsn = form.cleaned_data.get("bsn")
        if not resultaten and bsn and not rules.bsn_ongeldig(bsn):
            elders = buiten_caseload(request, Inwoner.objects.all(), bsn)
    return render(
        request,
        "indicaties/inwoners.html",
        {
            "form": form,
            "resultaten": resultaten,
            "elders": elders,
            "is_consulent": CONSULENT in rollen_van(request.user),
        },
    )


CASELOAD_PER_PAGINA = 50


@verwerking(RAADPLEGEN)
@rol_vereist(CONSULENT)
def mijn_caseload(request):
    """The consulent's own inwoners (regisseur), sortable by a column header and filterable by
    name and by running care; plain links and a GET form, so it works without JavaScript."""
    from django.core.paginator import Paginator

    zoek = request.GET.get("naam", "").strip()[:100]
    alleen_lopend = request.GET.get("lopend") == "1"
    sortering = request.GET.get("sorteer", "naam")
    if sortering.lstrip("-") not in selectors.CASELOAD_SORTERING:
        sortering = "naam"
    qs = selectors.mijn_caseload(request.user, zoek=zoek, alleen_lopend=alleen_lopend, sortering=sortering)
    pagina = Paginator(qs, CASELOAD_PER_PAGINA).get_page(request.GET.get("pagina"))
    kolommen = []
    for sleutel, titel in (
        ("naam", "Naam"),
        ("geboortedatum", "Geboortedatum"),
        ("lopend", "Lopende indicaties"),
        ("eerstvolgende", "Eerstvolgende evaluatie of check"),
    ):
        huidig = sortering.lstrip("-") == sleutel
        oplopend = not sortering.startswith("-")
        kolommen.append(
            {
                "sleutel": sleutel,
                "titel": titel,
                "sorteer": f"-{sleutel}" if huidig and oplopend else sleutel,
                "aria_sort": ("ascending" if oplopend else "descending") if huidig else None,
            }
        )
    from urllib.parse import urlencode

    filters = urlencode({k: v for k, v in (("naam", zoek), ("lopend", "1" if alleen_lopend else "")) if v})
    return render(
        request,
        "indicaties/mijn_caseload.html",
        {
            "pagina": pagina,
            "inwoners": getoond(pagina.object_list),
            "kolommen": kolommen,
            "zoek": zoek,
            "alleen_lopend": alleen_lopend,
            "sortering": sortering,
            "filters": filters,
            "querystring": "&".join(d for d in (filters, f"sorteer={sortering}") if d),
            "vandaag": clock.today(),
        },
    )


@verwerking(REGISTREREN_INWONER)
@rol_vereist(CONSULENT)
def inwoner_nieuw(request):
    form = forms.InwonerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            inwoner = services.registreer_inwoner(gebruiker=request.user, **form.cleaned_data)
        except RuleViolation as exc:
            fouten_naar_formulier(form, exc.violations)
        else:
            getoond([inwoner])
            messages.success(request, "De inwoner is geregistreerd.")
            return redirect("web:inwoner", pk=inwoner.pk)
    return render(
        request, "indicaties/formulier.html", {"form": form, "titel": "Nieuwe inwoner", "knop": "Registreren"}
    )


@verwerking(INZIEN_DOSSIER)
@rol_vereist(*ZORGROLLEN)
def inwoner(request, pk):
    inwoner = dossier_of_404(request, Inwoner.objects.select_related("regisseur"), "", pk=pk)
    return render(
        request,
        "indicaties/inwoner.html",
        {
            "inwoner": inwoner,
            "is_consulent": CONSULENT in rollen_van(request.user),
            "mag_regie_overdragen": CONSULENT in rollen_van(request.user),
            "opvolgingen": list(selectors.open_opvolgingen_van_inwoner(inwoner)),
            # The chain's messages of this inwoner (sent, accepted, started, stopped), through the
            # relation the berichten app gives the inwoner: the register does not import it.
            "berichten": list(inwoner.berichten.select_related("aanbieder").order_by("aangemaakt", "id")),
            **selectors.tijdlijn(inwoner),
        },
    )


def _indicatie_van(inwoner, pk) -> Indicatie:
    """An indicatie of this inwoner by an id from the address or a form; a malformed id is a 404."""
    try:
        uuid.UUID(str(pk))
    except ValueError:
        raise Http404 from None
    return get_object_or_404(Indicatie, pk=pk, inwoner=inwoner)


def _versie(request, indicatie) -> int:
    """The version the form was filled in on (hidden field); it guards against overwriting a colleague."""
    versie = request.POST.get("versie") or str(indicatie.versie)
    if not versie.isdigit():
        raise BadRequest("Ongeldige versie.")
    return int(versie)


def _gegevens(form, inwoner, voorganger=None, doelen=()) -> services.IndicatieGegevens:
    data = form.cleaned_data
    return services.IndicatieGegevens(
        inwoner=inwoner,
        product=data["product"],
        aanbieder=data["aanbieder"],
        volume=data["volume"],
        eenheid=data["eenheid"],
        frequentie=data["frequentie"],
        ingangsdatum=data["ingangsdatum"],
        einddatum=data.get("einddatum"),
        motivatie=data.get("motivatie") or "",
        spoed=bool(data.get("spoed")),
        spoed_reden=data.get("spoed_reden") or "",
        voorganger=voorganger,
        doelen=doelen,
    )


def _doelen(formset) -> tuple[services.DoelGegevens, ...]:
    """The goals filled in, in their order; rows left empty are no goals. Also from a formset
    with an error in a row (the preview), so the rules see every goal that is there."""
    formset.is_valid()
    doelen = []
    for rij in formset.forms:
        data = getattr(rij, "cleaned_data", {})
        if data.get("omschrijving"):
            doelen.append(services.DoelGegevens(data["omschrijving"], data.get("leefgebied") or ""))
    return tuple(doelen)


def _doelenformset(request, initial=None):
    """The goal rows; `meer_doelen` (a button) asks for one more row, nothing is saved then."""
    if request.method != "POST":
        return forms.DoelenFormSet(prefix="doelen", initial=initial)
    data = request.POST
    if "meer_doelen" in data:
        data = data.copy()
        totaal = data.get("doelen-TOTAL_FORMS", "")
        if totaal.isdigit():
            data["doelen-TOTAL_FORMS"] = str(min(int(totaal) + 1, forms.DoelenFormSet.max_num))
    return forms.DoelenFormSet(data, prefix="doelen")


def _fouten_naar_formulieren(form, doelen, violations) -> None:
    """Rule violations on the fields, and the one about the goals above the goal rows."""
    over_doelen = [v for v in violations if v.veld == "doelen"]
    if doelen is not None:
        doelen.fouten = [v.bericht for v in over_doelen]
    else:
        over_doelen = []
    fouten_naar_formulier(form, [v for v in violations if v not in over_doelen])


def _verlenging_context(voorganger) -> dict:
    """What the consulent needs to see when extending: the evaluation of the indicatie that ends,
    goal by goal, and whether a goal not reached asks for a motivation."""
    evaluatie = (
        selectors.evaluaties_lijst().filter(indicatie=voorganger).exclude(status=EvaluatieStatus.GEANNULEERD).first()
    )
    resultaten = list(evaluatie.doelresultaten.all()) if evaluatie else []
    return {
        "vorige_evaluatie": evaluatie,
        "vorige_resultaten": resultaten,
        "doel_niet_behaald": any(r.behaald == "nee" for r in resultaten),
    }


def _kies_lichtere_variant(request, form_class, **kwargs):
    """The consulent chose the offered lighter variant: show the form again with it selected."""
    data = request.POST.copy()
    data["product"] = request.POST["kies_product"]
    return form_class(data, **kwargs)


@verwerking(REGISTREREN_INDICATIE)
@rol_vereist(CONSULENT)
def indicatie_nieuw(request, inwoner_pk):
    inwoner = dossier_of_404(request, Inwoner.objects.all(), "", pk=inwoner_pk)
    voorganger = None
    initieel = {"ingangsdatum": clock.today()}
    doelen_initieel = None
    context = {}
    voorganger_id = request.GET.get("voorganger") or request.POST.get("voorganger")
    if voorganger_id:
        voorganger = _indicatie_van(inwoner, voorganger_id)
        context = _verlenging_context(voorganger)
        # The same care continues: its goals are the starting point, to adjust or add to.
        doelen_initieel = [
            {"omschrijving": d.omschrijving, "leefgebied": d.leefgebied}
            for d in voorganger.doelen.order_by("volgorde", "id")
            if d.omschrijving != Doel.NIET_VASTGELEGD
        ]
        initieel = {
            "product": voorganger.product,
            "aanbieder": voorganger.aanbieder,
            "volume": voorganger.volume,
            "eenheid": voorganger.eenheid,
            "frequentie": voorganger.frequentie,
            "ingangsdatum": voorganger.einddatum + datetime.timedelta(days=1) if voorganger.einddatum else None,
            "motivatie": voorganger.motivatie,
        }
    doelen = _doelenformset(request, initial=doelen_initieel)
    if request.method == "POST" and "kies_product" in request.POST:
        form = _kies_lichtere_variant(request, forms.IndicatieForm)
    elif request.method == "POST" and "meer_doelen" in request.POST:
        # Only a row more: the fields as they were, without errors for what is not filled in yet.
        form = forms.IndicatieForm(initial=request.POST.dict())
    else:
        form = forms.IndicatieForm(request.POST or None, initial=initieel)
        if request.method == "POST" and all([form.is_valid(), doelen.is_valid()]):
            try:
                indicatie = services.registreer_indicatie(
                    gebruiker=request.user, gegevens=_gegevens(form, inwoner, voorganger, _doelen(doelen))
                )
            except RuleViolation as exc:
                _fouten_naar_formulieren(form, doelen, exc.violations)
            else:
                if indicatie.status == "wacht_op_schakelteam":
                    messages.warning(request, "De indicatie is geregistreerd en wacht op het schakelteam.")
                else:
                    messages.success(request, "De indicatie is geregistreerd en toegewezen.")
                return redirect("web:indicatie", pk=indicatie.pk)
    if context.get("doel_niet_behaald"):
        form.fields["motivatie"].help_text = (
            "Verplicht: bij de evaluatie van de vorige indicatie is een doel niet behaald. "
            "Schrijf op waarom u de zorg toch verlengt."
        )
    titel = "Indicatie verlengen" if voorganger else "Nieuwe indicatie"
    return render(
        request,
        "indicaties/indicatie_form.html",
        {
            "form": form,
            "doelen": doelen,
            "inwoner": inwoner,
            "voorganger": voorganger,
            "titel": titel,
            "knop": "Registreren",
            **context,
        },
    )


@verwerking(REGISTREREN_INDICATIE)
@require_POST
@rol_vereist(CONSULENT)
def indicatie_voorbeeld(request, inwoner_pk):
    """While the consulent types: what the rules say, computed by the same functions, not saved."""
    inwoner = dossier_of_404(request, Inwoner.objects.all(), "", pk=inwoner_pk)
    form = forms.IndicatieForm(request.POST)
    bestaand = None
    if request.POST.get("indicatie"):
        bestaand = _indicatie_van(inwoner, request.POST["indicatie"])
    voorganger = None
    if request.POST.get("voorganger"):
        voorganger = _indicatie_van(inwoner, request.POST["voorganger"])
    context = {"form": form, "beoordeling": None}
    product = None
    if form.is_valid():
        doelen = () if bestaand else _doelen(forms.DoelenFormSet(request.POST, prefix="doelen"))
        gegevens = _gegevens(form, inwoner, voorganger if not bestaand else bestaand.voorganger, doelen)
        context["beoordeling"] = services.beoordeel(gegevens, bestaand=bestaand)
        product = gegevens.product
    else:
        product = form.cleaned_data.get("product") if hasattr(form, "cleaned_data") else None
    context["lichtere_variant"] = product.lichtere_variant if product else None
    return render(request, "indicaties/_voorbeeld.html", context)


def _traject(indicatie) -> dict:
    """What the threshold counted for an indicatie waiting for the schakelteam, assessed now the
    way the service does: every indicatie of the traject with its cost and evaluation."""
    beoordeling = services.beoordeel(services.IndicatieGegevens.van_indicatie(indicatie), bestaand=indicatie)
    rijen = selectors.traject_indicaties([indicatie.pk, *(a.id for a in beoordeling.kosten_meegeteld)])
    per_id = {i.pk: i for i in rijen}
    keten, volgende = set(), indicatie.voorganger_id
    while volgende in per_id and volgende not in keten:
        keten.add(volgende)
        volgende = per_id[volgende].voorganger_id
    for i in rijen:
        i.deel_van_traject = (
            "deze indicatie" if i.pk == indicatie.pk else "verlengd door deze" if i.pk in keten else "loopt tegelijk"
        )
    return {
        "traject": rijen,
        "traject_totaal": beoordeling.kosten_met_overlap,
        "drempel": beleid.beleid_op(clock.today()).schakelteam_drempel,
        "boven_drempel": beoordeling.schakelteam_nodig,
    }


def _indicatie_pagina(request, indicatie, *, besluit_form=None, advies_form=None):
    """The page of one indicatie; a decision or an answer that was not valid is shown on it again
    with its errors, beside the traject, costs and goals it is about."""
    rollen = rollen_van(request.user)
    traject = _traject(indicatie) if indicatie.status == "wacht_op_schakelteam" else {}
    adviezen = list(indicatie.adviezen.select_related("gevraagd_door", "beantwoord_door"))
    if SCHAKELTEAM in rollen:
        for a in adviezen:
            # An open question is answered here, by a member who did not ask it (four eyes).
            if a.beantwoord_op is None and a.gevraagd_door_id != request.user.pk:
                gebonden = advies_form if advies_form is not None and advies_form.advies_id == a.pk else None
                a.antwoord_form = gebonden or forms.AdviesAntwoordForm(auto_id=f"id_advies_{a.pk}_%s")
    return render(
        request,
        "indicaties/indicatie.html",
        {
            "indicatie": indicatie,
            "historie": historie_op_scherm(indicatie),
            "meldingen": aanvullingen.meldingen(indicatie),
            "secties": aanvullingen.secties(indicatie),
            "evaluatie": selectors.evaluaties_lijst().filter(indicatie=indicatie).first(),
            **traject,
            "besluiten": indicatie.schakelteambeoordelingen.select_related("beoordelaar"),
            "adviezen": adviezen,
            "is_consulent": CONSULENT in rollen,
            "mag_besluiten": SCHAKELTEAM in rollen
            and indicatie.status == "wacht_op_schakelteam"
            and not _eigen_indicatie(request, indicatie),
            "besluit_form": besluit_form or forms.SchakelteamBesluitForm(),
            "advies_form": forms.AdviesVraagForm(),
            "vandaag": clock.today(),
        },
    )


@verwerking(INZIEN_DOSSIER)
@rol_vereist(*ZORGROLLEN)
def indicatie(request, pk):
    indicatie = dossier_of_404(request, selectors.indicaties_lijst(), pk=pk)
    return _indicatie_pagina(request, indicatie)


@verwerking(WIJZIGEN_INDICATIE)
@rol_vereist(CONSULENT)
def indicatie_wijzigen(request, pk):
    indicatie = dossier_of_404(request, selectors.indicaties_lijst(), pk=pk)
    initieel = {veld: getattr(indicatie, veld) for veld in forms.IndicatieForm.base_fields}
    if request.method == "POST" and "kies_product" in request.POST:
        form = _kies_lichtere_variant(request, forms.IndicatieForm)
    else:
        form = forms.IndicatieForm(request.POST or None, initial=initieel)
        if request.method == "POST" and form.is_valid():
            wijzigingen = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data}
            for tekstveld in ("motivatie", "spoed_reden"):
                if tekstveld in wijzigingen:
                    wijzigingen[tekstveld] = wijzigingen[tekstveld] or ""
            try:
                services.wijzig_indicatie(
                    gebruiker=request.user,
                    indicatie=indicatie,
                    wijzigingen=wijzigingen,
                    verwachte_versie=_versie(request, indicatie),
                )
            except RuleViolation as exc:
                fouten_naar_formulier(form, exc.violations)
            except InvalidTransition as exc:
                messages.error(request, exc.bericht)
                return redirect("web:indicatie", pk=indicatie.pk)
            else:
                messages.success(request, "De indicatie is gewijzigd.")
                return redirect("web:indicatie", pk=indicatie.pk)
    return render(
        request,
        "indicaties/indicatie_form.html",
        {
            "form": form,
            "inwoner": indicatie.inwoner,
            "indicatie": indicatie,
            "titel": "Indicatie wijzigen",
            "knop": "Opslaan",
        },
    )


def _actie(
    request,
    form,
    uitvoeren,
    terug,
    succes: str,
    titel: str,
    knop: str,
    context=None,
    sjabloon="indicaties/formulier.html",
):
    """Run a service from a form; map its errors to the form or a message."""
    if request.method == "POST" and form.is_valid():
        try:
            uitvoeren(form.cleaned_data)
        except RuleViolation as exc:
            fouten_naar_formulier(form, exc.violations)
        except (InvalidTransition, NotAllowed) as exc:
            messages.error(request, exc.bericht)
            return redirect(terug)
        else:
            messages.success(request, succes)
            return redirect(terug)
    return render(request, sjabloon, {"form": form, "titel": titel, "knop": knop, "terug": terug, **(context or {})})


@verwerking(WIJZIGEN_INDICATIE)
@rol_vereist(CONSULENT)
def indicatie_intrekken(request, pk):
    indicatie = dossier_of_404(request, selectors.indicaties_lijst(), pk=pk)
    return _actie(
        request,
        forms.IntrekkenForm(request.POST or None),
        lambda d: services.trek_in(gebruiker=request.user, indicatie=indicatie, reden=d["reden"]),
        reverse("web:indicatie", args=[indicatie.pk]),
        "De indicatie is ingetrokken: ze vervalt en de geplande evaluatie is geannuleerd.",
        "Indicatie intrekken",
        "Ja, indicatie intrekken",
        {"indicatie": indicatie},
        sjabloon="indicaties/intrekken.html",
    )


def _doelfouten_naar_formulier(form, gestuurd: list[dict], violations) -> None:
    """The evaluation rule's errors: about one goal (`doelen.<i>.…`, i in what was sent) on that
    goal, about the goals together above them, the rest on their fields."""
    overige = []
    for v in violations:
        deel = v.veld.split(".")
        if deel[0] == "doelen" and len(deel) == 3 and deel[1].isdigit() and int(deel[1]) < len(gestuurd):
            form.add_error(f"doel_{gestuurd[int(deel[1])]['doel']}", v.bericht)
        elif deel[0] in ("doelen", "resultaat_behaald"):
            form.doelfouten.append(v.bericht)
            if v.code == "doelen_onvolledig":
                beoordeeld = {r["doel"] for r in gestuurd}
                for doel in form.doelen:
                    if doel.pk not in beoordeeld:
                        form.add_error(form.doelveld(doel), "Kies ja, deels of nee.")
        else:
            overige.append(v)
    fouten_naar_formulier(form, overige)


@verwerking(EVALUATIE)
@rol_vereist(CONSULENT)
def evaluatie_afronden(request, pk):
    evaluatie = dossier_of_404(
        request,
        Evaluatie.objects.select_related("indicatie__inwoner", "indicatie__product"),
        "indicatie__inwoner",
        pk=pk,
    )
    doelen = list(evaluatie.indicatie.doelen.order_by("volgorde", "id"))
    form = forms.EvaluatieForm(request.POST or None, doelen=doelen)
    terug = reverse("web:indicatie", args=[evaluatie.indicatie_id])
    if request.method == "POST" and not form.is_valid():
        # All errors in one round: the goals are judged by the rule the service applies, asked now.
        gestuurd = form.beoordelingen()
        resultaten = [(r["doel"], r["behaald"]) for r in gestuurd]
        fouten = rules.workflow.doelresultaat_fouten(
            doelen=[d.pk for d in doelen], resultaten=resultaten, keuzes=ResultaatBehaald.values
        )
        _doelfouten_naar_formulier(form, gestuurd, fouten)
    elif request.method == "POST":
        data = {k: v for k, v in form.cleaned_data.items() if k in forms.EvaluatieForm.base_fields}
        gestuurd = form.beoordelingen()
        try:
            services.rond_evaluatie_af(gebruiker=request.user, evaluatie=evaluatie, doelen=gestuurd, **data)
        except RuleViolation as exc:
            _doelfouten_naar_formulier(form, gestuurd, exc.violations)
        except InvalidTransition as exc:
            messages.error(request, exc.bericht)
            return redirect(terug)
        else:
            messages.success(request, "De evaluatie is afgerond.")
            return redirect(terug)
    return render(
        request,
        "indicaties/evaluatie.html",
        {"form": form, "evaluatie": evaluatie, "indicatie": evaluatie.indicatie, "terug": terug},
    )


@verwerking(OPVOLGING)
@rol_vereist(CONSULENT)
def opvolging_afhandelen(request, pk):
    opvolging = dossier_of_404(request, selectors.opvolging_met_aanleiding(), pk=pk)
    form = forms.OpvolgingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.handel_opvolging_af(gebruiker=request.user, opvolging=opvolging, **form.cleaned_data)
        except RuleViolation as exc:
            fouten_naar_formulier(form, exc.violations)
        except InvalidTransition as exc:
            messages.error(request, exc.bericht)
            return redirect("web:opvolging_afhandelen", pk=opvolging.pk)
        else:
            messages.success(request, f"De opvolging voor {opvolging.inwoner} is afgehandeld.")
            return redirect("start")
    return render(request, "indicaties/opvolging.html", {"form": form, "opvolging": opvolging})


@verwerking(HALFJAARCHECK)
@rol_vereist(CONSULENT)
def halfjaarcheck_afronden(request, pk):
    check = dossier_of_404(request, Halfjaarcheck.objects.select_related("inwoner"), pk=pk)
    return _actie(
        request,
        forms.HalfjaarcheckForm(request.POST or None),
        lambda d: services.rond_halfjaarcheck_af(gebruiker=request.user, check=check, **d),
        reverse("web:inwoner", args=[check.inwoner_id]),
        "De halfjaarcheck is afgerond. Is de zorg niet meer passend? Schaal af of beëindig via de evaluatie of de indicatie.",
        "Halfjaarcheck afronden",
        "Halfjaarcheck afronden",
        {"object": check.inwoner},
    )


def _eigen_indicatie(request, indicatie) -> list[rules.Violation]:
    """The four-eyes rule the schakelteam service applies, asked before the form is offered."""
    return rules.workflow.vier_ogen(
        uitvoerder_id=request.user.pk,
        consulent_id=indicatie.consulent_id,
        handeling=BESLISSEN,
        wijzigers=selectors.wijzigers_sinds_besluit(indicatie),
    )


@verwerking(SCHAKELTEAMWERK)
@require_POST
@rol_vereist(SCHAKELTEAM)
def schakelteam_besluit(request, pk):
    """A decision cannot be undone: it is saved only from the confirmation page (`bevestigd`).
    A form with errors, or "Terug" on that page, shows the indicatie again with what was typed."""
    indicatie = dossier_of_404(request, selectors.indicaties_lijst(), pk=pk)
    if fouten := _eigen_indicatie(request, indicatie):
        raise PermissionDenied(fouten[0].bericht)
    if "wijzigen" in request.POST:
        return _indicatie_pagina(
            request, indicatie, besluit_form=forms.SchakelteamBesluitForm(initial=request.POST.dict())
        )
    form = forms.SchakelteamBesluitForm(request.POST)
    if not form.is_valid():
        return _indicatie_pagina(request, indicatie, besluit_form=form)
    if request.POST.get("bevestigd") != "ja":
        return render(
            request,
            "indicaties/besluit_bevestigen.html",
            {
                "indicatie": indicatie,
                "form": form,
                "besluit_tekst": Besluit(form.cleaned_data["besluit"]).label,
                **_traject(indicatie),
            },
        )
    terug = reverse("web:indicatie", args=[indicatie.pk])
    try:
        services.neem_schakelteambesluit(gebruiker=request.user, indicatie=indicatie, **form.cleaned_data)
    except RuleViolation as exc:
        fouten_naar_formulier(form, exc.violations)
        return _indicatie_pagina(request, indicatie, besluit_form=form)
    except (InvalidTransition, NotAllowed) as exc:
        messages.error(request, exc.bericht)
        return redirect(terug)
    messages.success(request, "Het besluit is vastgelegd.")
    return redirect(terug)


@verwerking(SCHAKELTEAMWERK)
@require_POST
@rol_vereist(CONSULENT)
def advies_vragen(request, pk):
    indicatie = dossier_of_404(request, Indicatie.objects.all(), pk=pk)
    return _actie(
        request,
        forms.AdviesVraagForm(request.POST),
        lambda d: services.vraag_advies(gebruiker=request.user, indicatie=indicatie, vraag=d["vraag"]),
        reverse("web:indicatie", args=[indicatie.pk]),
        "Uw vraag is naar het schakelteam gestuurd.",
        "Advies vragen",
        "Vraag versturen",
        {"object": indicatie},
    )


@verwerking(SCHAKELTEAMWERK)
@rol_vereist(SCHAKELTEAM)
def advies_beantwoorden(request, pk):
    advies = dossier_of_404(request, SchakelteamAdvies.objects.select_related("indicatie"), "indicatie__inwoner", pk=pk)
    if request.method == "POST" and request.POST.get("vanaf") == "indicatie":
        # Answered on the indicatie page: an error is shown there, beside the question.
        form = forms.AdviesAntwoordForm(request.POST, auto_id=f"id_advies_{advies.pk}_%s")
        form.advies_id = advies.pk
        if not form.is_valid():
            indicatie = get_object_or_404(selectors.indicaties_lijst(), pk=advies.indicatie_id)
            return _indicatie_pagina(request, indicatie, advies_form=form)
    return _actie(
        request,
        forms.AdviesAntwoordForm(request.POST or None),
        lambda d: services.geef_advies(gebruiker=request.user, advies=advies, antwoord=d["antwoord"]),
        reverse("web:indicatie", args=[advies.indicatie_id]),
        "Het advies is verstuurd.",
        "Advies geven",
        "Advies versturen",
        {"object": advies.indicatie, "vraag": advies.vraag},
    )
