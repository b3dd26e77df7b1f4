"""The one way an assessed indicatie and its follow-up work are written, for every service.

Registration, change, verlenging, schakelteam decision, adjustment and import all lock, save
and plan through these helpers, so the history, the signals and the evaluation come out the same
whichever way a change arrives. They run inside the caller's transaction.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from basis import clock
from basis.historie import bewaar, met_reden, verwijder
from basis.roles import is_actieve_consulent

from .. import rules
from ..domein import LOPENDE_EVALUATIE
from ..feiten import IndicatieGegevens
from ..models import (
    Doel,
    Evaluatie,
    EvaluatieStatus,
    Indicatie,
    IndicatieSignaal,
    IndicatieStatus,
    Inwoner,
    volgende_nummers,
)
from .bulk import werk_bij

Gebruiker = AbstractBaseUser | None


def lock_inwoner(inwoner: Inwoner) -> Inwoner:
    """Serialises every change that counts towards this inwoner's threshold, so two requests that
    together exceed it cannot both slip under it."""
    return Inwoner.objects.select_for_update().get(pk=inwoner.pk)


REGIE_BIJ_ZORG = "Regisseur: de consulent die zorg registreerde voor deze inwoner zonder regisseur"


def regie_bij_zorg(paren: Iterable[tuple[Inwoner, AbstractBaseUser]]) -> None:
    """An inwoner without a regisseur (from before regisseurs were kept, or whose regisseur was
    cleared) gets as regisseur the consulent who registers care for them, in the same transaction
    and in the inwoner's history. Need to know then asks only who directs an inwoner
    (privacy.caseload), never who once gave them care, which would search the whole register.
    Only an active consulent directs; care registered by anyone else leaves it to beheer."""
    per_consulent: dict[AbstractBaseUser, list[Inwoner]] = defaultdict(list)
    gekozen = set()  # the first active consulent per inwoner, in the order they registered
    for inwoner, consulent in paren:
        if inwoner.regisseur_id is None and inwoner.pk not in gekozen and is_actieve_consulent(consulent):
            gekozen.add(inwoner.pk)
            per_consulent[consulent].append(met_reden(inwoner, consulent, REGIE_BIJ_ZORG))
    for consulent, inwoners in per_consulent.items():
        werk_bij(inwoners, Inwoner, REGIE_BIJ_ZORG, regisseur=consulent)


def status_na_beoordeling(beoordeling: rules.Beoordeling) -> str:
    """A new indicatie above the threshold waits for the schakelteam; any other is granted."""
    return IndicatieStatus.WACHT_OP_SCHAKELTEAM if beoordeling.schakelteam_nodig else IndicatieStatus.TOEGEWEZEN


def indicatie_velden(
    gegevens: IndicatieGegevens, beoordeling: rules.Beoordeling, *, consulent: Gebruiker, status: str, **extra
) -> dict:
    """The fields of the indicatie as the assessment found it: `nieuwe_indicatie` makes the
    model of them, the import writes them to the table as they are (bulk.voeg_rijen_toe)."""
    return {
        **gegevens.als_velden(),
        "consulent": consulent,
        "status": status,
        "uren_per_week": beoordeling.uren_per_week,
        "geschatte_kosten": beoordeling.geschatte_kosten,
        **extra,
    }


TOEWIJZINGNUMMER = "toewijzingnummer"
TOEWIJZINGNUMMER_REEKS = "indicaties_toewijzingnummer_seq"


def reserveer_toewijzingnummers(aantal: int) -> list[int]:
    """`aantal` new ToewijzingNummers (OP275), never handed out twice (`volgende_nummers`)."""
    return volgende_nummers(TOEWIJZINGNUMMER, TOEWIJZINGNUMMER_REEKS, aantal)


def nieuwe_indicatie(
    gegevens: IndicatieGegevens, beoordeling: rules.Beoordeling, *, consulent: Gebruiker, status: str, **extra
) -> Indicatie:
    """The indicatie as the assessment found it, with its ToewijzingNummer, not saved yet."""
    extra.setdefault("toewijzingnummer", reserveer_toewijzingnummers(1)[0])
    return Indicatie(**indicatie_velden(gegevens, beoordeling, consulent=consulent, status=status, **extra))


def doel_velden(gegevens: IndicatieGegevens) -> list[dict]:
    """The fields of the goals agreed for a new indicatie, in the order given."""
    return [
        {"omschrijving": d.omschrijving.strip(), "leefgebied": d.leefgebied or "", "volgorde": i}
        for i, d in enumerate(gegevens.doelen)
    ]


def nieuwe_doelen(indicatie: Indicatie, gegevens: IndicatieGegevens, gebruiker: Gebruiker, reden: str) -> list[Doel]:
    """The goals agreed for a new indicatie, in the order given, not saved yet."""
    return [met_reden(Doel(indicatie=indicatie, **velden), gebruiker, reden) for velden in doel_velden(gegevens)]


def voeg_signaal_toe(indicatie: Indicatie, signaal: rules.Violation, gebruiker: Gebruiker, reden: str) -> None:
    """A signal that arises after registration (an evaluation that continues without result)."""
    if not indicatie.signaalregels.filter(code=signaal.code).exists():
        for rij in nieuwe_signalen(indicatie, [signaal], gebruiker, reden):
            rij.save()


def leg_beoordeling_vast(indicatie: Indicatie, beoordeling: rules.Beoordeling) -> None:
    """The figures the rules derived, on an indicatie that is being changed."""
    indicatie.uren_per_week = beoordeling.uren_per_week
    indicatie.geschatte_kosten = beoordeling.geschatte_kosten


def signaal_velden(signalen: list[rules.Violation]) -> list[dict]:
    """The fields of the signal rows of `signalen`."""
    return [{"code": s.code, "toelichting": s.bericht} for s in signalen]


def nieuwe_signalen(
    indicatie: Indicatie, signalen: list[rules.Violation], gebruiker: Gebruiker, reden: str
) -> list[IndicatieSignaal]:
    """The signal rows of `signalen`, not saved yet."""
    return [
        met_reden(IndicatieSignaal(indicatie=indicatie, **velden), gebruiker, reden)
        for velden in signaal_velden(signalen)
    ]


# Signals that arise after registration (`voeg_signaal_toe`): what an evaluation found stays a
# fact of the indicatie, while the assessment of a later change knows only its fields.
BLIJVENDE_SIGNALEN = frozenset({rules.Code.VOORTZETTEN_ZONDER_RESULTAAT})


def synchroniseer_signalen(
    indicatie: Indicatie, beoordeling: rules.Beoordeling, gebruiker: Gebruiker, reden: str, *, nieuw: bool = False
) -> list[IndicatieSignaal]:
    """Make the indicatie's signals those of the assessment, keeping those that arose after its
    registration; returns the ones it has now."""
    gewenst = {s.code: s for s in beoordeling.signalen}
    # A new indicatie has no signals yet; reading them would find nothing.
    huidig = {} if nieuw else {s.code: s for s in indicatie.signaalregels.all()}
    blijvend = {code for code in huidig if code in BLIJVENDE_SIGNALEN}
    for code, signaal in huidig.items():
        if code not in gewenst and code not in blijvend:
            verwijder(signaal, gebruiker, reden)
    toe_te_voegen = nieuwe_signalen(
        indicatie, [s for code, s in gewenst.items() if code not in huidig], gebruiker, reden
    )
    for signaal in toe_te_voegen:
        signaal.save()
    return [signaal for code, signaal in huidig.items() if code in gewenst or code in blijvend] + toe_te_voegen


EVALUATIE_INGEPLAND = "Evaluatie na 4 maanden ingepland"


def evaluatie_velden(status: str, beoordeling: rules.Beoordeling) -> dict | None:
    """`evaluatie_na_4_maanden` for a new indicatie with `status`: the fields of the evaluation
    to plan, or None when it needs none."""
    if status != IndicatieStatus.TOEGEWEZEN or beoordeling.evaluatiedatum is None:
        return None
    return {"vervaldatum": beoordeling.evaluatiedatum}


def nieuwe_evaluatie(indicatie: Indicatie, beoordeling: rules.Beoordeling, gebruiker: Gebruiker) -> Evaluatie | None:
    """`evaluatie_na_4_maanden` for a new, granted indicatie: the evaluation to plan, not saved."""
    if (velden := evaluatie_velden(indicatie.status, beoordeling)) is None:
        return None
    return met_reden(Evaluatie(indicatie=indicatie, **velden), gebruiker, EVALUATIE_INGEPLAND)


def plan_evaluatie(
    indicatie: Indicatie, beoordeling: rules.Beoordeling, gebruiker: Gebruiker, reden: str, *, nieuw: bool = False
) -> None:
    """`evaluatie_na_4_maanden`: one evaluation per granted indicatie of 5 hours a week or more,
    moved when the dates change, cancelled when the hours drop below the limit."""
    if indicatie.status != IndicatieStatus.TOEGEWEZEN:
        return
    # A new indicatie has no evaluation yet; reading it would find nothing.
    evaluatie = None if nieuw else Evaluatie.objects.filter(indicatie=indicatie).first()
    if evaluatie is None:
        if (nieuwe := nieuwe_evaluatie(indicatie, beoordeling, gebruiker)) is not None:
            nieuwe.save()
        return
    if beoordeling.evaluatiedatum is None:
        if evaluatie.status in (EvaluatieStatus.GEPLAND, EvaluatieStatus.OPEN):
            evaluatie.status = EvaluatieStatus.GEANNULEERD
            bewaar(evaluatie, gebruiker, f"{reden}: minder dan 5 uur per week, geen evaluatie meer nodig")
        return
    if evaluatie.status != EvaluatieStatus.AFGEROND and (
        evaluatie.vervaldatum != beoordeling.evaluatiedatum or evaluatie.status == EvaluatieStatus.GEANNULEERD
    ):
        evaluatie.vervaldatum = beoordeling.evaluatiedatum
        voorloop = clock.today() + datetime.timedelta(days=settings.EVALUATIE_VOORLOOP_DAGEN)
        if evaluatie.status == EvaluatieStatus.GEANNULEERD or evaluatie.vervaldatum > voorloop:
            evaluatie.status = EvaluatieStatus.GEPLAND
        evaluatie.te_laat_gemeld = False
        bewaar(evaluatie, gebruiker, f"{reden}: evaluatiedatum bijgewerkt")


def annuleer_gepland_werk(
    indicatie: Indicatie, gebruiker: Gebruiker, reden: str, na: datetime.date | None = None
) -> None:
    """Cancel the evaluation still to come (after `na`, if given): the indicatie no longer runs."""
    evaluatie = Evaluatie.objects.filter(indicatie=indicatie, status__in=LOPENDE_EVALUATIE).first()
    if evaluatie is not None and (na is None or evaluatie.vervaldatum > na):
        evaluatie.status = EvaluatieStatus.GEANNULEERD
        bewaar(evaluatie, gebruiker, reden)
