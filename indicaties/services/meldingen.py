"""Who hears about which event in the workflow. Texts name the product and the inwoner's
initial and surname — never a BSN (notifications are also e-mailed)."""

from collections.abc import Iterable, Mapping

from django.contrib.auth import get_user_model

from basis.notatie import datum_tekst
from basis.roles import SCHAKELTEAM
from notifications.models import Soort
from notifications.services import Melding, notificeer, notificeer_bulk

from ..models import Evaluatie, Halfjaarcheck, Indicatie, Inwoner, Opvolging


def _wie(inwoner: Inwoner) -> str:
    return f"{inwoner.voornaam[:1]}. {inwoner.achternaam}"


def _indicatie(indicatie: Indicatie) -> str:
    return f"{indicatie.product.code} van {_wie(indicatie.inwoner)}"


def schakelteam_gevraagd(indicatie: Indicatie) -> None:
    schakelteam_gevraagd_voor([indicatie])


def schakelteam_gevraagd_voor(indicaties: Iterable[Indicatie]) -> None:
    indicaties = list(indicaties)
    if not indicaties:
        return
    leden = list(get_user_model().objects.filter(groups__name=SCHAKELTEAM, is_active=True))
    notificeer_bulk(
        Melding(
            lid,
            Soort.SCHAKELTEAM_GEVRAAGD,
            f"{i.pk}:{i.versie}",
            f"Beoordeling gevraagd: indicatie {_indicatie(i)} boven de drempel",
            i.pk,
        )
        for i in indicaties
        for lid in leden
        # Four-eyes: the requesting consulent is never asked to review their own request.
        if lid.pk != i.consulent_id
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


# The daily run's events come by the hundred: each function takes them all and creates their
# notifications in bulk (a handful of statements, not a few per event).


def evaluaties_open(evaluaties: Iterable[Evaluatie]) -> None:
    notificeer_bulk(
        Melding(
            e.indicatie.consulent,
            Soort.EVALUATIE_OPEN,
            str(e.pk),
            f"Evaluatie open (uiterlijk {datum_tekst(e.vervaldatum)}): indicatie {_indicatie(e.indicatie)}",
            e.pk,
        )
        for e in evaluaties
    )


def evaluaties_te_laat(evaluaties: Iterable[Evaluatie]) -> None:
    notificeer_bulk(
        Melding(
            ontvanger,
            Soort.EVALUATIE_TE_LAAT,
            str(e.pk),
            f"Evaluatie te laat (was {datum_tekst(e.vervaldatum)}): indicatie {_indicatie(e.indicatie)}",
            e.pk,
        )
        for e in evaluaties
        for ontvanger in (e.indicatie.consulent, e.indicatie.inwoner.regisseur)
    )


def halfjaarchecks_open(checks: Iterable[Halfjaarcheck], consulent_terugval: Mapping) -> None:
    """`consulent_terugval`: per inwoner id, who hears about it when the inwoner has no regisseur."""
    notificeer_bulk(
        Melding(
            c.inwoner.regisseur or consulent_terugval.get(c.inwoner_id),
            Soort.HALFJAARCHECK_OPEN,
            str(c.pk),
            f"Halfjaarcheck open (uiterlijk {datum_tekst(c.vervaldatum)}) voor {_wie(c.inwoner)}",
            c.pk,
        )
        for c in checks
    )


def indicaties_lopen_af(indicaties: Iterable[Indicatie]) -> None:
    notificeer_bulk(
        Melding(
            i.consulent,
            Soort.INDICATIE_LOOPT_AF,
            f"{i.pk}:{i.einddatum:%Y-%m-%d}",
            f"Indicatie {_indicatie(i)} loopt af op {datum_tekst(i.einddatum)}",
            i.pk,
        )
        for i in indicaties
    )


def zorg_niet_gestart(indicaties: Iterable[Indicatie]) -> None:
    """To the regisseur (else the consulent): money is reserved for care nobody reported started."""
    notificeer_bulk(
        Melding(
            i.inwoner.regisseur or i.consulent,
            Soort.ZORG_NIET_GESTART,
            f"zorg_niet_gestart:{i.pk}",
            f"Zorg niet gestart: de aanbieder meldde geen start van {_indicatie(i)} (vanaf {datum_tekst(i.ingangsdatum)})",
            i.pk,
        )
        for i in indicaties
    )


def opvolging_nodig(opvolging: Opvolging) -> None:
    """To the regisseur; for an inwoner without one, to whoever completed the evaluation or check
    (the werkvoorraad shows it to the same person, `selectors.open_opvolgingen_van`)."""
    inwoner = opvolging.inwoner
    bron = opvolging.evaluatie or opvolging.halfjaarcheck
    ontvanger = inwoner.regisseur or bron.afgerond_door
    if ontvanger is None:
        return
    notificeer(
        [ontvanger],
        soort=Soort.OPVOLGING_NODIG,
        sleutel=f"opvolging:{opvolging.pk}",
        onderwerp=f"Opvolging nodig voor {_wie(inwoner)}: {opvolging.get_bron_display()}",
        object_id=opvolging.pk,
    )
