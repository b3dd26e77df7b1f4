"""Pages: open a dossier outside the caseload, hand over the regie, and the list of accesses
outside the caseload for the backoffice."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from basis.exceptions import RuleViolation
from basis.roles import BACKOFFICE, BEHEER, CONSULENT, actieve_consulenten, heeft_rol
from basis.verwerking import verwerking
from basis.web import fouten_naar_formulier, rol_vereist

from .. import logboek, selectors, services
from ..models import ToegangBuitenCaseload
from ..register import OVERDRAGEN_REGIE, TOEGANG_BUITEN_CASELOAD
from .caseload import dossier_of_404

PER_PAGINA = 50


def inwoners():
    """The register's inwoners, reached through the reference this app holds (it does not import
    the register)."""
    return ToegangBuitenCaseload._meta.get_field("inwoner").related_model.objects.all()


class ToegangForm(forms.Form):
    bsn = forms.CharField(widget=forms.HiddenInput)
    reden = forms.CharField(
        label="Waarom opent u dit dossier?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht. De regisseur krijgt bericht; de reden staat in het verwerkingenlogboek.",
    )


class OverdrachtForm(forms.Form):
    regisseur = forms.ModelChoiceField(
        label="Nieuwe regisseur", queryset=get_user_model().objects.none(), empty_label="Kies een consulent"
    )
    reden = forms.CharField(label="Reden", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = actieve_consulenten().order_by("last_name", "username")
        self.fields["regisseur"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


@verwerking(TOEGANG_BUITEN_CASELOAD)
@require_POST
@rol_vereist(CONSULENT)
def toegang_buiten_caseload(request):
    """From the search by BSN: open that inwoner for the rest of today, with a reason. The BSN
    travels in the form, never in an address."""
    form = ToegangForm(request.POST)
    inwoner = inwoners().filter(bsn=request.POST.get("bsn", "")).select_related("regisseur").first()
    if inwoner is None:
        raise Http404
    if "reden" in request.POST and form.is_valid():
        try:
            services.open_buiten_caseload(gebruiker=request.user, inwoner=inwoner, reden=form.cleaned_data["reden"])
        except RuleViolation as exc:
            fouten_naar_formulier(form, exc.violations)
        else:
            messages.warning(request, "U heeft dit dossier tot middernacht geopend. De regisseur krijgt bericht.")
            return redirect("web:inwoner", pk=inwoner.pk)
    elif "reden" not in request.POST:
        form = ToegangForm(initial={"bsn": inwoner.bsn})
    return render(request, "privacy/toegang.html", {"form": form, "regisseur": inwoner.regisseur})


@verwerking(OVERDRAGEN_REGIE)
@rol_vereist(CONSULENT, BEHEER)
def regisseur_overdragen(request, pk):
    inwoner = dossier_of_404(request, inwoners().select_related("regisseur"), "", pk=pk)
    form = OverdrachtForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.draag_regie_over(gebruiker=request.user, inwoner=inwoner, **form.cleaned_data)
        except RuleViolation as exc:
            fouten_naar_formulier(form, exc.violations)
        else:
            messages.success(request, f"De regie over {inwoner} is overgedragen.")
            if heeft_rol(request.user, CONSULENT):
                return redirect("web:inwoners")
            return redirect(reverse("admin:indicaties_inwoner_change", args=[inwoner.pk]))
    return render(
        request,
        "indicaties/formulier.html",
        {
            "form": form,
            "object": inwoner,
            "titel": "Regie overdragen",
            "knop": "Overdragen",
            "terug": reverse("web:inwoner", args=[inwoner.pk]) if heeft_rol(request.user, CONSULENT) else None,
        },
    )


@verwerking(TOEGANG_BUITEN_CASELOAD)
@rol_vereist(BACKOFFICE)
def toegangen(request):
    pagina = Paginator(selectors.toegangen_buiten_caseload(), PER_PAGINA).get_page(request.GET.get("pagina"))
    logboek.verwerkt(t.inwoner.bsn for t in pagina)
    return render(request, "privacy/toegangen.html", {"pagina": pagina})
