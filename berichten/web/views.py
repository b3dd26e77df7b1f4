"""The page "Berichtenverkeer": what needs attention in the message traffic, for backoffice and
beheer. It reads through berichten.selectors; no rule lives here."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from basis import clock
from basis.roles import BACKOFFICE, BEHEER, rollen_van
from basis.verwerking import verwerking
from basis.web import rol_vereist
from indicaties.models import Aanbieder, Inwoner
from privacy import logboek
from privacy.register import BERICHTENVERKEER
from privacy.web.caseload import getoond, zichtbaar

from .. import selectors, services
from ..meldingen import omschrijving
from ..models import Declaratie, DeclaratieStatus, PrestatieStatus

ROLLEN = (BACKOFFICE, BEHEER)
# The rows a section shows at most; its count says how many there are.
PER_SECTIE = 100


@dataclass(frozen=True)
class Sectie:
    rijen: list
    totaal: int

    @property
    def afgekapt(self) -> bool:
        return self.totaal > len(self.rijen)


class FilterForm(forms.Form):
    aanbieder = forms.ModelChoiceField(
        label="Aanbieder", queryset=Aanbieder.objects.order_by("naam"), required=False, empty_label="Alle aanbieders"
    )
    soort = forms.ChoiceField(label="Soort bericht", choices=[("", "Alle soorten"), *selectors.SOORTEN], required=False)


def _sectie(request, qs) -> Sectie:
    qs = zichtbaar(request, qs, "inwoner")
    return Sectie(rijen=getoond(qs[:PER_SECTIE]), totaal=qs.count())


def wachttijd(sinds: datetime.datetime, nu: datetime.datetime) -> str:
    """How long a message waits, in words: "3 dagen", "1 dag", "5 uur", "minder dan een uur"."""
    duur = nu - sinds
    if duur.days:
        return f"{duur.days} {'dag' if duur.days == 1 else 'dagen'}"
    uren = duur.seconds // 3600
    return f"{uren} uur" if uren else "minder dan een uur"


def _codes(bericht, soort: str) -> list[dict]:
    return [{"code": c, "omschrijving": omschrijving(soort, c)} for c in bericht.retourcodes]


@verwerking(BERICHTENVERKEER)
@rol_vereist(*ROLLEN)
def berichtenverkeer(request):
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    keuze = {"aanbieder": filters.get("aanbieder"), "soort": filters.get("soort") or None}
    vandaag, nu = clock.today(), clock.now()

    klaar = _sectie(request, selectors.klaar(**keuze))
    for b in klaar.rijen:
        b.wacht = wachttijd(b.aangemaakt, nu)
    afgekeurd_uit = _sectie(request, selectors.afgekeurd_uit(**keuze))
    for b in afgekeurd_uit.rijen:
        # The retourcodes came with the answer (302, 320): described as its XSD describes them.
        b.codes = _codes(b, b.soort[:-3] + services.BEANTWOORD_MET.get(b.soort[-3:], b.soort[-3:]))
    afgekeurd_in = _sectie(request, selectors.afgekeurd_in(**keuze))
    for b in afgekeurd_in.rijen:
        b.codes = _codes(b, b.soort)
    zonder_antwoord = _sectie(request, selectors.zonder_antwoord(vandaag, **keuze))
    for b in zonder_antwoord.rijen:
        b.uiterlijk = services.antwoord_uiterlijk_op(b)
        b.dagen_te_laat = (vandaag - b.uiterlijk).days
    verzoeken = _sectie(request, selectors.verzoeken_te_laat(vandaag, **keuze))
    for v in verzoeken.rijen:
        v.dagen_te_laat = (vandaag - v.uiterste_datum).days

    met_toewijzing = klaar.rijen + afgekeurd_uit.rijen + zonder_antwoord.rijen
    indicaties = selectors.indicaties_van(met_toewijzing)
    for b in met_toewijzing:
        b.indicaties = indicaties.get(b.pk, [])
    return render(
        request,
        "berichten/berichtenverkeer.html",
        {
            "form": form,
            "klaar": klaar,
            "afgekeurd_uit": afgekeurd_uit,
            "afgekeurd_in": afgekeurd_in,
            "zonder_antwoord": zonder_antwoord,
            "verzoeken": verzoeken,
            # The dossier pages are for the care roles; beheer sees the traffic without them.
            "met_dossier": BACKOFFICE in rollen_van(request.user),
            "termijn": services.ANTWOORD_TERMIJN_WERKDAGEN,
        },
    )


DECLARATIES_PER_PAGINA = 50


class DeclaratieFilterForm(forms.Form):
    aanbieder = forms.ModelChoiceField(
        label="Aanbieder", queryset=Aanbieder.objects.order_by("naam"), required=False, empty_label="Alle aanbieders"
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Alle statussen"), *DeclaratieStatus.choices], required=False
    )
    # From the page of an inwoner: an id, never a BSN in the address.
    inwoner = forms.UUIDField(widget=forms.HiddenInput, required=False)


@verwerking(BERICHTENVERKEER)
@rol_vereist(*ROLLEN)
def declaraties(request):
    """Received declarations, the newest first, per aanbieder, status or inwoner."""
    form = DeclaratieFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    inwoner = None
    if filters.get("inwoner"):
        inwoner = Inwoner.objects.filter(pk=filters["inwoner"]).first()
        if inwoner is None:
            raise Http404
        logboek.verwerkt([inwoner.bsn])
    qs = selectors.declaraties(
        aanbieder=filters.get("aanbieder"),
        status=filters.get("status") or None,
        inwoner=inwoner.pk if inwoner else None,
    ).select_related("aanbieder")
    pagina = Paginator(qs, DECLARATIES_PER_PAGINA).get_page(request.GET.get("pagina"))
    keuze = {k: v for k, v in request.GET.items() if k != "pagina" and k in form.fields}
    return render(
        request,
        "berichten/declaraties.html",
        {
            "form": form,
            "pagina": pagina,
            "inwoner": inwoner,
            "querystring": urlencode({k: v for k, v in keuze.items() if v}),
            "met_dossier": BACKOFFICE in rollen_van(request.user),
        },
    )


@verwerking(BERICHTENVERKEER)
@rol_vereist(*ROLLEN)
def declaratie(request, pk):
    """One declaration: what was declared, approved and rejected, and every rejected prestatie with
    its reasons in words (the retourcodes of the 325)."""
    declaratie = get_object_or_404(Declaratie.objects.select_related("aanbieder", "bericht", "antwoord"), pk=pk)
    antwoord_soort = declaratie.bericht.soort[:-3] + "325"
    afgewezen = list(
        declaratie.prestaties.filter(status=PrestatieStatus.AFGEWEZEN)
        .select_related("indicatie__inwoner", "indicatie__product")
        .order_by("bsn", "begindatum", "referentienummer")
    )
    for p in afgewezen:
        p.codes = [{"code": c, "omschrijving": omschrijving(antwoord_soort, c)} for c in p.retourcodes]
        p.eenheid_naam = selectors.EENHEDEN.get(p.eenheid, p.eenheid)
    logboek.verwerkt(p.bsn for p in afgewezen)
    return render(
        request,
        "berichten/declaratie.html",
        {
            "declaratie": declaratie,
            "codes": [{"code": c, "omschrijving": omschrijving(antwoord_soort, c)} for c in declaratie.retourcodes],
            "afgewezen": afgewezen,
            "aantal_toegekend": declaratie.prestaties.filter(status=PrestatieStatus.TOEGEKEND).count(),
            "met_dossier": BACKOFFICE in rollen_van(request.user),
        },
    )
