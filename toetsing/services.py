"""Every state change of the review: drawing a week's sample, verdicts, the consulent's
response and the follow-up of a `niet akkoord`. One transaction per service."""

import datetime
import secrets
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from basis import clock
from basis.codes import Code
from basis.exceptions import InvalidTransition, NotAllowed, RuleViolation
from basis.historie import bewaar
from indicaties import beleid
from indicaties import rules as register_rules
from indicaties.models import Indicatie
from notifications.models import Soort
from notifications.services import notificeer
from privacy import logboek

from . import rules, selectors
from .models import Oordeel, Steekproef, Toetsing, ToetsingStatus

# The seed stays below 2**53 so it survives any JSON reader (JavaScript numbers) unchanged.
SEED_GRENS = 2**53


def lees_week(week: str | rules.IsoWeek) -> rules.IsoWeek:
    if isinstance(week, rules.IsoWeek):
        return week
    fouten = rules.week_ongeldig(week)
    if fouten:
        raise RuleViolation(fouten)
    return rules.IsoWeek.uit_tekst(week)


@transaction.atomic
def trek_steekproef(
    week: str | rules.IsoWeek,
    gebruiker: AbstractBaseUser | None = None,
    *,
    percentage: Decimal | None = None,
) -> tuple[Steekproef, bool]:
    """The sample of an ISO week, and whether this call drew it.

    The first call fixes the sample; every later call (API, weekly task, a retry) returns it
    unchanged, also when the percentage setting changed in between. Two calls at the same moment
    both try to insert the week; the unique constraint lets one win and the other returns the
    winner's sample.
    """
    iso = lees_week(week)
    bestaand = Steekproef.objects.filter(week=str(iso)).first()
    if bestaand is not None:
        return bestaand, False
    fouten = rules.week_niet_voorbij(iso, clock.today())
    if percentage is None:
        # The policy set in force on the last day of the week (docs/domain.md, "Beleidsregels").
        percentage = beleid.beleid_op(iso.volgende_maandag - datetime.timedelta(days=1)).steekproef_percentage
    percentage = Decimal(percentage)
    fouten += rules.percentage_ongeldig(percentage)
    if fouten:
        raise RuleViolation(fouten)

    kandidaten = selectors.kandidaten(iso)
    seed = secrets.randbelow(SEED_GRENS)
    getrokken = rules.trek(kandidaten.populatie, seed, percentage)
    steekproef = Steekproef(
        week=str(iso),
        seed=seed,
        percentage=percentage,
        populatie=kandidaten.populatie,
        aangemaakt=clock.now(),
        aangemaakt_door=gebruiker,
    )
    reden = f"Steekproef {iso} getrokken"
    try:
        with transaction.atomic():
            bewaar(steekproef, gebruiker, reden)
    except IntegrityError:
        winnaar = Steekproef.objects.filter(week=str(iso)).first()
        if winnaar is None:
            raise
        return winnaar, False

    for indicatie_id, (signaal, signalen) in sorted(kandidaten.met_signaal.items(), key=lambda kv: str(kv[0])):
        bewaar(
            Toetsing(steekproef=steekproef, indicatie_id=indicatie_id, reden=signaal, signalen=signalen),
            gebruiker,
            f"{reden}: signaal {signaal}",
        )
    for indicatie_id in getrokken:
        bewaar(
            Toetsing(steekproef=steekproef, indicatie_id=indicatie_id, reden=rules.STEEKPROEF),
            gebruiker,
            f"{reden}: willekeurig gekozen",
        )
    # Whose care is now under review: in the processing log.
    getrokken_ids = [*kandidaten.met_signaal, *getrokken]
    logboek.verwerkt(
        Indicatie.objects.filter(pk__in=getrokken_ids).values_list("inwoner__bsn", flat=True), "toetsing-v1"
    )
    return steekproef, True


def trek_wekelijkse_steekproeven(max_weken: int = 8) -> list[Steekproef]:
    """The weekly job: last week's sample, plus any week missed since the last sample (a beat
    that did not run), at most `max_weken` back. Safe to run twice."""
    vorige = rules.vorige_week(clock.today())
    oudste = vorige
    for _ in range(max_weken - 1):
        oudste = oudste.vorige()
    laatste = Steekproef.objects.filter(week__lte=str(vorige)).order_by("-week").values_list("week", flat=True).first()
    week = vorige if laatste is None else max(rules.IsoWeek.uit_tekst(laatste).volgende(), oudste)
    nieuw = []
    while week <= vorige:
        steekproef, getrokken = trek_steekproef(week)
        if getrokken:
            nieuw.append(steekproef)
        week = week.volgende()
    return nieuw


# --- Verdicts ------------------------------------------------------------------------------


def _vergrendel(toetsing: Toetsing) -> tuple[Toetsing, Indicatie]:
    toetsing = Toetsing.objects.select_for_update().select_related("steekproef").get(pk=toetsing.pk)
    indicatie = Indicatie.objects.select_related("inwoner", "product", "consulent").get(pk=toetsing.indicatie_id)
    return toetsing, indicatie


def _omschrijving(toetsing: Toetsing, indicatie: Indicatie) -> str:
    # No BSN: notifications are also e-mailed.
    return f"indicatie {indicatie.product.code} van {indicatie.inwoner.voornaam[:1]}. {indicatie.inwoner.achternaam}"


@transaction.atomic
def geef_oordeel(*, gebruiker: AbstractBaseUser, toetsing: Toetsing, oordeel: str, toelichting: str = "") -> Toetsing:
    """Judge a drawn indicatie; never by the consulent who registered it (four-eyes)."""
    toetsing, indicatie = _vergrendel(toetsing)
    if fouten := register_rules.workflow.vier_ogen(
        uitvoerder_id=gebruiker.pk, consulent_id=indicatie.consulent_id, handeling="oordelen over"
    ):
        raise NotAllowed(fouten[0].bericht)
    if toetsing.status != ToetsingStatus.OPEN:
        raise InvalidTransition("Over deze toetsing is al een oordeel gegeven.", code=Code.AL_BEOORDEELD)
    fouten = rules.oordeel_fouten(oordeel, toelichting)
    if fouten:
        raise RuleViolation(fouten)
    toetsing.status = ToetsingStatus.BEOORDEELD
    toetsing.oordeel = oordeel
    toetsing.toelichting = (toelichting or "").strip()
    toetsing.beoordelaar = gebruiker
    toetsing.beoordeeld_op = clock.now()
    toetsing.indicatie_versie_bij_oordeel = indicatie.versie
    bewaar(toetsing, gebruiker, f"Oordeel: {toetsing.get_oordeel_display()}")
    onderwerp = f"Toetsing {toetsing.steekproef.week}: {toetsing.get_oordeel_display()} voor {_omschrijving(toetsing, indicatie)}"
    if oordeel == Oordeel.NIET_AKKOORD:
        onderwerp += ". Pas de indicatie aan of trek haar in, en handel de opvolging af"
    notificeer(
        [indicatie.consulent],
        soort=Soort.TOETSING_OORDEEL,
        sleutel=str(toetsing.pk),
        onderwerp=onderwerp,
        object_id=toetsing.pk,
    )
    return toetsing


def _alleen_eigen_consulent(gebruiker: AbstractBaseUser, indicatie: Indicatie, wat: str) -> None:
    if indicatie.consulent_id != gebruiker.pk:
        raise NotAllowed(f"Alleen de consulent van deze indicatie kan {wat}.")


@transaction.atomic
def reageer(*, gebruiker: AbstractBaseUser, toetsing: Toetsing, reactie: str) -> Toetsing:
    """The consulent's response to the verdict on their indicatie (once)."""
    toetsing, indicatie = _vergrendel(toetsing)
    _alleen_eigen_consulent(gebruiker, indicatie, "op het oordeel reageren")
    if toetsing.status != ToetsingStatus.BEOORDEELD:
        raise InvalidTransition("Er is nog geen oordeel om op te reageren.")
    if toetsing.gereageerd_op is not None:
        raise InvalidTransition("U heeft al op dit oordeel gereageerd.", code=Code.AL_GEREAGEERD)
    fouten = rules.reactie_fouten(reactie)
    if fouten:
        raise RuleViolation(fouten)
    toetsing.reactie = reactie.strip()
    toetsing.gereageerd_op = clock.now()
    bewaar(toetsing, gebruiker, "Reactie van de consulent op het oordeel")
    return toetsing


@transaction.atomic
def handel_opvolging_af(*, gebruiker: AbstractBaseUser, toetsing: Toetsing, toelichting: str = "") -> Toetsing:
    """Close the follow-up of a `niet akkoord`, once the consulent changed or withdrew the
    indicatie through the register's own services (which check every rule again)."""
    toetsing, indicatie = _vergrendel(toetsing)
    _alleen_eigen_consulent(gebruiker, indicatie, "de opvolging afhandelen")
    if toetsing.oordeel != Oordeel.NIET_AKKOORD:
        raise InvalidTransition("Alleen een oordeel 'niet akkoord' vraagt om opvolging.", code=Code.GEEN_OPVOLGING)
    if toetsing.opvolging_afgehandeld_op is not None:
        raise InvalidTransition("De opvolging is al afgehandeld.", code=Code.OPVOLGING_AFGEHANDELD)
    if indicatie.versie == toetsing.indicatie_versie_bij_oordeel:
        raise InvalidTransition(
            "De indicatie is sinds het oordeel niet veranderd. Pas haar eerst aan (wijzigen, bijstellen) "
            "of trek haar in; daarna handelt u de opvolging af.",
            code="indicatie_ongewijzigd",
        )
    toetsing.opvolging_afgehandeld_op = clock.now()
    toetsing.opvolging_toelichting = (toelichting or "").strip()
    bewaar(toetsing, gebruiker, "Opvolging van 'niet akkoord' afgehandeld")
    return toetsing
