"""Who may see which inwoner (need to know), as a filter on any query that reaches inwoners.

Per role, through the role the user acts in:

- consulent: the inwoners they direct (regisseur), those a member of one of their teams directs,
  and those they opened today with a reason (toegang buiten de caseload); an inwoner without a
  regisseur is nobody's until care is registered for them or beheer names one;
- schakelteam: the inwoners with an indicatie that waits for or had a schakelteam decision, or
  with an advice question;
- backoffice and beheer: every inwoner (the sample and the figures span all of them); read only,
  and every read is in the processing log.

`pad` is the lookup from the query's model to its inwoner: "" for the inwoner itself,
"inwoner", "indicatie__inwoner". The filter is a condition in the query itself (subqueries on
teams and access), never a query of its own, and the query brings each row's BSN along
(`betrokkene_bsn`) for the processing log, so neither costs a statement.
"""

from collections.abc import Iterable

from django.db.models import F, Q, QuerySet

from basis import clock
from basis.roles import BACKOFFICE, BEHEER, CONSULENT, SCHAKELTEAM, rollen_van

from .models import Team, ToegangBuitenCaseload

ALLES = (BACKOFFICE, BEHEER)
WACHT_OP_SCHAKELTEAM = "wacht_op_schakelteam"
Lidmaatschap = Team.leden.through


def _veld(pad: str, naam: str) -> str:
    return f"{pad}__{naam}" if pad else naam


def _inwoner_id(pad: str) -> str:
    return f"{pad}_id" if pad else "pk"


def _inwonermodel(model, pad: str):
    for deel in pad.split("__") if pad else ():
        model = model._meta.get_field(deel).related_model
    return model


def teamgenoten(gebruiker) -> QuerySet:
    """The ids of everyone in a team with `gebruiker` (themselves included), as a subquery."""
    teams = Lidmaatschap.objects.filter(user_id=gebruiker.pk).values("team_id")
    return Lidmaatschap.objects.filter(team_id__in=teams).values("user_id")


def geopend_vandaag(gebruiker) -> QuerySet:
    return ToegangBuitenCaseload.objects.filter(gebruiker_id=gebruiker.pk, datum=clock.today()).values("inwoner_id")


def caseload_q(gebruiker, model, pad: str = "", *, voor_telling: bool = False) -> Q:
    """`voor_telling`: the same rows, asked as "the inwoner is one of these" (the inwoners of the
    caseload first, then their rows through the index on the inwoner). For a count over a large
    register: the conditions on the inwoner's regisseur, joined, make PostgreSQL read every row
    of the register, where a list page in its own order stops after a page of matches."""
    # An inwoner gets a regisseur with their first care (indicaties.services.regie_bij_zorg), so
    # who directs an inwoner is all this asks: no condition reaches the register's other rows.
    if voor_telling and pad:
        inwoner = _inwonermodel(model, pad)
        # Three parts, each planned on its own (as one OR, PostgreSQL expects half the inwoners).
        eigen = inwoner.objects.filter(regisseur_id=gebruiker.pk).values("pk").order_by()
        team = inwoner.objects.filter(regisseur_id__in=teamgenoten(gebruiker)).values("pk").order_by()
        inwoners = eigen.union(team, geopend_vandaag(gebruiker).order_by())
        return Q(**{f"{_inwoner_id(pad)}__in": inwoners})
    return (
        Q(**{_veld(pad, "regisseur_id"): gebruiker.pk})
        | Q(**{_veld(pad, "regisseur_id__in"): teamgenoten(gebruiker)})
        | Q(**{f"{_inwoner_id(pad)}__in": geopend_vandaag(gebruiker)})
    )


def schakelteam_q(model, pad: str = "", *, voor_telling: bool = False) -> Q:
    """`voor_telling`: see `caseload_q`."""
    inwoner = _inwonermodel(model, pad)
    indicatie = inwoner._meta.get_field("indicaties").related_model
    if voor_telling:
        # Three parts, each through its own index. As one OR across two outer joins PostgreSQL
        # can use no index for it and probes the inwoner's indicaties for every row it counts, a
        # cost that grows with the register (docs/performance.md). A list page keeps the
        # OR: it walks its own order and stops after a page of matches.
        beoordeling = indicatie._meta.get_field("schakelteambeoordelingen").related_model
        advies = indicatie._meta.get_field("adviezen").related_model
        wachtend = indicatie.objects.filter(status=WACHT_OP_SCHAKELTEAM).values("inwoner_id").order_by()
        beoordeeld = beoordeling.objects.values("indicatie__inwoner_id").order_by()
        gevraagd = advies.objects.values("indicatie__inwoner_id").order_by()
        return Q(**{f"{_inwoner_id(pad)}__in": wachtend.union(beoordeeld, gevraagd)})
    werk = indicatie.objects.filter(
        Q(status=WACHT_OP_SCHAKELTEAM) | Q(schakelteambeoordelingen__isnull=False) | Q(adviezen__isnull=False)
    ).values("inwoner_id")
    return Q(**{f"{_inwoner_id(pad)}__in": werk})


def zichtbaar_q(
    gebruiker, model, pad: str = "", rollen: Iterable[str] | None = None, *, voor_telling: bool = False
) -> Q | None:
    """The condition for what `gebruiker` may see, acting in `rollen` (default: all theirs);
    None when nothing is hidden. `voor_telling`: see `caseload_q`."""
    eigen = rollen_van(gebruiker)
    rollen = eigen if rollen is None else eigen & set(rollen)
    if rollen & set(ALLES):
        return None
    q = Q(pk__in=[])
    if CONSULENT in rollen:
        q |= caseload_q(gebruiker, model, pad, voor_telling=voor_telling)
    if SCHAKELTEAM in rollen:
        q |= schakelteam_q(model, pad, voor_telling=voor_telling)
    return q


def pad_naar_inwoner(model) -> str | None:
    """The lookup from `model` to its inwoner, found along its foreign keys (at most two steps:
    an evaluation's `indicatie__inwoner`); None for a model that belongs to no inwoner."""
    inwoner = ToegangBuitenCaseload._meta.get_field("inwoner").related_model
    if model is inwoner:
        return ""

    def sleutels(m):
        return [v for v in m._meta.concrete_fields if v.many_to_one or v.one_to_one]

    for veld in sleutels(model):
        if veld.related_model is inwoner:
            return veld.name
    for veld in sleutels(model):
        for verder in sleutels(veld.related_model):
            if verder.related_model is inwoner and veld.related_model is not model:
                return f"{veld.name}__{verder.name}"
    return None


def zichtbaar(
    qs: QuerySet, gebruiker, pad: str | None = "", rollen: Iterable[str] | None = None, *, voor_telling: bool = False
) -> QuerySet:
    """`qs` limited to what `gebruiker` may see, each row with its inwoner's BSN. `pad=None`:
    found from the model (`pad_naar_inwoner`). `voor_telling`: the same rows in the form that
    counts them fastest, without the BSN (see `caseload_q`)."""
    if pad is None:
        pad = pad_naar_inwoner(qs.model)
        if pad is None:
            return qs
    q = zichtbaar_q(gebruiker, qs.model, pad, rollen, voor_telling=voor_telling)
    if q is not None:
        qs = qs.filter(q)
    if voor_telling:
        return qs
    return qs.annotate(betrokkene_bsn=F(_veld(pad, "bsn")))
