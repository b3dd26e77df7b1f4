"""What apps above the register show on the page of an indicatie, without the register importing
them (every import points down, docs/architecture.md): toetsing adds its verdicts to the history
and a verdict 'niet akkoord' at the top of the page. They register in their AppConfig.ready()."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..models import Indicatie


@dataclass(frozen=True)
class Gebeurtenis:
    """One row of the indicatie's history that is not a change of the indicatie itself."""

    tijdstip: datetime.datetime
    wie: str  # the full name; "systeem" when no person did it
    soort: str  # what it is about: "Toetsing", "Evaluatie", "Bericht" …
    reden: str  # what happened, in a few words
    tekst: str = ""  # the explanation as it was written


@dataclass(frozen=True)
class Melding:
    """Something the reader of the indicatie must see first (a verdict 'niet akkoord')."""

    kop: str
    tekst: str
    link: str = ""
    link_tekst: str = ""


@dataclass(frozen=True)
class Sectie:
    """A part of the page an app above the register fills: its template and what that shows."""

    template: str
    inhoud: dict


_gebeurtenissen: list[Callable[[Indicatie], Iterable[Gebeurtenis]]] = []
_meldingen: list[Callable[[Indicatie], Iterable[Melding]]] = []
_onderwerpen: list[Callable[[Indicatie], Iterable]] = []
_secties: list[Callable[[Indicatie], Iterable[Sectie]]] = []


def voeg_toe(
    *,
    gebeurtenissen: Callable[[Indicatie], Iterable[Gebeurtenis]] | None = None,
    meldingen: Callable[[Indicatie], Iterable[Melding]] | None = None,
    onderwerpen: Callable[[Indicatie], Iterable] | None = None,
    secties: Callable[[Indicatie], Iterable[Sectie]] | None = None,
) -> None:
    """Register what an app adds; `onderwerpen` gives the ids its notifications about this
    indicatie carry (Notificatie.object_id), so the history shows those messages too; `secties`
    the parts of the page it fills (berichten: what was declared against what was assigned)."""
    for lijst, bron in (
        (_gebeurtenissen, gebeurtenissen),
        (_meldingen, meldingen),
        (_onderwerpen, onderwerpen),
        (_secties, secties),
    ):
        if bron is not None and bron not in lijst:
            lijst.append(bron)


def gebeurtenissen(indicatie: Indicatie) -> list[Gebeurtenis]:
    return [g for bron in _gebeurtenissen for g in bron(indicatie)]


def meldingen(indicatie: Indicatie) -> list[Melding]:
    return [m for bron in _meldingen for m in bron(indicatie)]


def onderwerpen(indicatie: Indicatie) -> set:
    return {pk for bron in _onderwerpen for pk in bron(indicatie)}


def secties(indicatie: Indicatie) -> list[Sectie]:
    return [sectie for bron in _secties for sectie in bron(indicatie)]
