"""Who hears about which event in the workflow. Texts name the product and the inwoner's
initial and surname — never a BSN (notifications are also e-mailed)."""

from django.contrib.auth import get_user_model

from casusregie.roles import SCHAKELTEAM
from notifications.models import Soort
from notifications.services import notificeer

from ..models import Evaluatie, Halfjaarcheck, Indicatie, Inwoner


def _wie(inwoner: Inwoner) -> str:
    return f"{inwoner.voornaam[:1]}. {inwoner.achternaam}"


def _indicatie(indicatie: Indicatie) -> str:
    return f"{indicatie.product.code} van {_wie(indicatie.inwoner)}"


def schakelteam_gevraagd(indicatie: Indicatie) -> None:
    # Four-eyes: the requesting consulent is never asked to review their own request.
    leden = get_user_model().objects.filter(groups__name=SCHAKELTEAM, is_active=True).exclude(pk=indicatie.consulent_id)
    notificeer(
        leden,
        soort=Soort.SCHAKELTEAM_GEVRAAGD,
        sleutel=f"{indicatie.pk}:{indicatie.versie}",
        onderwerp=f"Beoordeling gevraagd: indicatie {_indicatie(indicatie)} boven de drempel",
        object_id=indicatie.pk,
    )


def advies_gevraagd(indicatie: Indicatie, advies_id, vrager) -> None:
    leden = get_user_model().objects.filter(groups__name=SCHAKELTEAM, is_active=True).exclude(pk=vrager.pk)
    notificeer(
        leden,
        soort=Soort.SCHAKELTEAM_GEVRAAGD,
        sleutel=f"advies:{advies_id}",
        onderwerp=f"Advies gevraagd over indicatie {_indicatie(indicatie)}",
        object_id=indicatie.pk,
    )


def schakelteam_besluit(indicatie: Indicatie, besluit_id, besluit: str) -> None:
    notificeer(
        [indicatie.consulent],
        soort=Soort.SCHAKELTEAM_BESLUIT,
        sleutel=str(besluit_id),
        onderwerp=f"Schakelteam: {besluit} voor indicatie {_indicatie(indicatie)}",
        object_id=indicatie.pk,
    )


def advies_gegeven(indicatie: Indicatie, advies_id, vrager) -> None:
    notificeer(
        [vrager],
        soort=Soort.SCHAKELTEAM_BESLUIT,
        sleutel=f"advies:{advies_id}",
        onderwerp=f"Advies van het schakelteam over indicatie {_indicatie(indicatie)}",
        object_id=indicatie.pk,
    )


def evaluatie_open(evaluatie: Evaluatie) -> None:
    indicatie = evaluatie.indicatie
    notificeer(
        [indicatie.consulent],
        soort=Soort.EVALUATIE_OPEN,
        sleutel=str(evaluatie.pk),
        onderwerp=f"Evaluatie open (uiterlijk {evaluatie.vervaldatum:%d-%m-%Y}): indicatie {_indicatie(indicatie)}",
        object_id=evaluatie.pk,
    )


def evaluatie_te_laat(evaluatie: Evaluatie) -> None:
    indicatie = evaluatie.indicatie
    notificeer(
        [indicatie.consulent, indicatie.inwoner.regisseur],
        soort=Soort.EVALUATIE_TE_LAAT,
        sleutel=str(evaluatie.pk),
        onderwerp=f"Evaluatie te laat (was {evaluatie.vervaldatum:%d-%m-%Y}): indicatie {_indicatie(indicatie)}",
        object_id=evaluatie.pk,
    )


def halfjaarcheck_open(check: Halfjaarcheck, consulent_terugval) -> None:
    notificeer(
        [check.inwoner.regisseur or consulent_terugval],
        soort=Soort.HALFJAARCHECK_OPEN,
        sleutel=str(check.pk),
        onderwerp=f"Halfjaarcheck open (uiterlijk {check.vervaldatum:%d-%m-%Y}) voor {_wie(check.inwoner)}",
        object_id=check.pk,
    )


def indicatie_loopt_af(indicatie: Indicatie) -> None:
    notificeer(
        [indicatie.consulent],
        soort=Soort.INDICATIE_LOOPT_AF,
        sleutel=f"{indicatie.pk}:{indicatie.einddatum:%Y-%m-%d}",
        onderwerp=f"Indicatie {_indicatie(indicatie)} loopt af op {indicatie.einddatum:%d-%m-%Y}",
        object_id=indicatie.pk,
    )
