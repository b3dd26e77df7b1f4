"""Toetsing pages: the backoffice draws and judges the weekly sample; the consulent reads the
verdict, responds and handles the follow-up of a `niet akkoord`."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from basis import clock
from basis.exceptions import InvalidTransition, NotAllowed, RuleViolation
from basis.notatie import aantal, week_tekst
from basis.roles import BACKOFFICE, CONSULENT
from basis.verwerking import verwerking
from basis.web import fouten_naar_formulier, rol_vereist
from indicaties.rules.limieten import MAX_TEKST
from privacy.register import TOETSING
from privacy.web.caseload import dossier_of_404, getoond, zichtbaar

from .. import rules, selectors, services
from ..models import Oordeel, Steekproef, Toetsing


class OordeelForm(forms.Form):
    oordeel = forms.ChoiceField(label="Oordeel", choices=Oordeel.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Verplicht, behalve bij akkoord.",
    )


class ReactieForm(forms.Form):
    reactie = forms.CharField(label="Uw reactie", max_length=MAX_TEKST, widget=forms.Textarea(attrs={"rows": 3}))


class OpvolgingForm(forms.Form):
    toelichting = forms.CharField(
        label="Wat heeft u aangepast?", required=False, max_length=MAX_TEKST, widget=forms.Textarea(attrs={"rows": 3})
    )


@verwerking(TOETSING)
@rol_vereist(BACKOFFICE)
def overzicht(request):
    vorige = rules.vorige_week(clock.today())
    week = request.GET.get("week") or str(vorige)
    fouten = rules.week_ongeldig(week)
    steekproef = None
    # What was typed stays in the field, with the error next to it; the page shows last week.
    invoer = week
    if fouten:
        week = str(vorige)
    gevonden = Steekproef.objects.filter(week=week).first()
    if gevonden is not None:
        steekproef = selectors.steekproef_met_toetsingen(gevonden.pk)
        # The table names each inwoner: shown, so logged.
        getoond(steekproef.toetsingen.all())
    return render(
        request,
        "toetsing/overzicht.html",
        {
            "week": week,
            "week_invoer": invoer,
            "invoerfouten": [{"id": "week", "label": "ISO-week", "melding": f.bericht} for f in fouten],
            "steekproef": steekproef,
            "recente": Steekproef.objects.order_by("-week")[:10],
            "cijfers": selectors.overzicht(),
        },
    )


@verwerking(TOETSING)
@require_POST
@rol_vereist(BACKOFFICE)
def trek(request):
    week = request.POST.get("week", "")
    try:
        steekproef, nieuw = services.trek_steekproef(week, request.user)
    except RuleViolation as exc:
        messages.error(request, " ".join(v.bericht for v in exc.violations))
        return redirect("web:toetsing")
    if nieuw:
        messages.success(
            request,
            f"De steekproef van {week_tekst(steekproef.week)} is getrokken: "
            f"{aantal(steekproef.toetsingen.count(), 'indicatie,indicaties')}.",
        )
    else:
        messages.info(request, f"De steekproef van {week_tekst(steekproef.week)} stond al vast; deze is ongewijzigd.")
    return redirect(f"{reverse('web:toetsing')}?week={steekproef.week}")


@verwerking(TOETSING)
@rol_vereist(BACKOFFICE)
def oordeel(request, pk):
    toetsing = dossier_of_404(
        request,
        Toetsing.objects.select_related("steekproef", "indicatie__inwoner", "indicatie__product"),
        "indicatie__inwoner",
        pk=pk,
    )
    form = OordeelForm(request.POST or None)
    terug = f"{reverse('web:toetsing')}?week={toetsing.steekproef.week}"
    if request.method == "POST" and form.is_valid():
        try:
            services.geef_oordeel(gebruiker=request.user, toetsing=toetsing, **form.cleaned_data)
        except RuleViolation as exc:
            fouten_naar_formulier(form, exc.violations)
        except (InvalidTransition, NotAllowed) as exc:
            messages.error(request, exc.bericht)
            return redirect(terug)
        else:
            messages.success(request, "Het oordeel is vastgelegd en de consulent is op de hoogte gebracht.")
            return redirect(terug)
    return render(request, "toetsing/oordeel.html", {"toetsing": toetsing, "form": form, "terug": terug})


FEEDBACK_PER_PAGINA = 10


@verwerking(TOETSING)
@rol_vereist(CONSULENT)
def feedback(request):
    """The verdicts on the consulent's own indicaties, ten a page: first what still asks something of
    them (a follow-up to handle, a verdict without their response), then the rest, newest first."""
    eigen = (
        zichtbaar(request, selectors.toetsingen_lijst(), "indicatie__inwoner")
        .filter(indicatie__consulent=request.user, status="beoordeeld")
        .select_related("indicatie__inwoner", "indicatie__product")
        .annotate(
            te_doen=Case(
                When(selectors.OPVOLGING_OPEN, then=Value(0)),
                When(reactie="", then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("te_doen", "-beoordeeld_op", "id")
    )
    pagina = Paginator(eigen, FEEDBACK_PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "toetsing/feedback.html",
        {
            "toetsingen": getoond(pagina.object_list),
            "pagina": pagina,
            "reactie_form": ReactieForm(),
            "opvolging_form": OpvolgingForm(),
        },
    )


def _consulent_actie(request, pk, form_class, uitvoeren, succes):
    toetsing = dossier_of_404(request, Toetsing.objects.all(), "indicatie__inwoner", pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            uitvoeren(toetsing, form.cleaned_data)
        except RuleViolation as exc:
            messages.error(request, " ".join(v.bericht for v in exc.violations))
        except (InvalidTransition, NotAllowed) as exc:
            messages.error(request, exc.bericht)
        else:
            messages.success(request, succes)
    else:
        messages.error(request, "Vul het formulier volledig in.")
    return redirect("web:toetsing_feedback")


@verwerking(TOETSING)
@require_POST
@rol_vereist(CONSULENT)
def reageer(request, pk):
    return _consulent_actie(
        request,
        pk,
        ReactieForm,
        lambda t, d: services.reageer(gebruiker=request.user, toetsing=t, reactie=d["reactie"]),
        "Uw reactie is vastgelegd.",
    )


@verwerking(TOETSING)
@require_POST
@rol_vereist(CONSULENT)
def opvolging(request, pk):
    return _consulent_actie(
        request,
        pk,
        OpvolgingForm,
        lambda t, d: services.handel_opvolging_af(gebruiker=request.user, toetsing=t, toelichting=d["toelichting"]),
        "De opvolging is afgehandeld.",
    )
