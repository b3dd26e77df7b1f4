"""The rules of the sample-based review, as pure functions: no queries, no saves.

The draw is reproducible by anyone with Python and three recorded values: the seed, the
percentage and the population (docs/toetsing.md shows how). That is why it takes plain values,
sorts the population itself and uses nothing but `random.Random(seed)`.
"""

import datetime
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from basis.codes import SIGNALEN, Code, Violation

from .domein import Oordeel

STEEKPROEF = Code.STEEKPROEF

# An indicatie with several signals gets one toetsing; its reden is the first of its signals in
# this order, which is the order of docs/domain.md. The ones a consulent had to justify in
# writing (spoed, a heavier variant) come first, because the review judges that justification.
SIGNAAL_VOORRANG: tuple[str, ...] = SIGNALEN
# Signals an indicatie can get after it was granted: they draw it into the sample of the week
# they arose in.
LATER_SIGNALEN = (Code.VOORTZETTEN_ZONDER_RESULTAAT,)


_WEEK = re.compile(r"^([0-9]{4})-W([0-9]{2})$")
WEEK_FORMAAT = "Geef de week op als JJJJ-Www, bijvoorbeeld 2027-W05."


# --- Weeks ---------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class IsoWeek:
    jaar: int
    week: int

    def __post_init__(self) -> None:
        datetime.date.fromisocalendar(self.jaar, self.week, 1)  # ValueError for a week that does not exist

    @classmethod
    def uit_tekst(cls, tekst: str) -> "IsoWeek":
        """`2027-W05` → IsoWeek(2027, 5); ValueError for anything else (see `week_ongeldig`)."""
        gevonden = _WEEK.match(tekst) if isinstance(tekst, str) else None
        if gevonden is None:
            raise ValueError(WEEK_FORMAAT)
        return cls(int(gevonden[1]), int(gevonden[2]))

    @classmethod
    def van_datum(cls, dag: datetime.date) -> "IsoWeek":
        jaar, week, _ = dag.isocalendar()
        return cls(jaar, week)

    @property
    def maandag(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.jaar, self.week, 1)

    @property
    def volgende_maandag(self) -> datetime.date:
        return self.maandag + datetime.timedelta(days=7)

    def vorige(self) -> "IsoWeek":
        return IsoWeek.van_datum(self.maandag - datetime.timedelta(days=7))

    def volgende(self) -> "IsoWeek":
        return IsoWeek.van_datum(self.volgende_maandag)

    def __str__(self) -> str:
        return f"{self.jaar:04d}-W{self.week:02d}"


def weken_in_jaar(jaar: int) -> int:
    # 28 December always lies in the last ISO week of its year.
    return datetime.date(jaar, 12, 28).isocalendar().week


def week_ongeldig(tekst: object, veld: str = "week") -> list[Violation]:
    gevonden = _WEEK.match(tekst) if isinstance(tekst, str) else None
    if gevonden is None or int(gevonden[1]) < 1:
        return [Violation(Code.WEEK_ONGELDIG, veld, WEEK_FORMAAT)]
    jaar, week = int(gevonden[1]), int(gevonden[2])
    if not 1 <= week <= weken_in_jaar(jaar):
        return [
            Violation(
                Code.WEEK_ONGELDIG,
                veld,
                f"Week {week:02d} bestaat niet in {jaar}: dat jaar heeft de weken 01 tot en met {weken_in_jaar(jaar)}.",
            )
        ]
    return []


def vorige_week(vandaag: datetime.date) -> IsoWeek:
    return IsoWeek.van_datum(vandaag - datetime.timedelta(days=7))


def week_niet_voorbij(week: IsoWeek, vandaag: datetime.date) -> list[Violation]:
    """A sample is fixed once drawn, so drawing it before the week is over would miss the grants
    of its remaining days for good."""
    if vandaag >= week.volgende_maandag:
        return []
    return [
        Violation(
            Code.WEEK_NIET_VOORBIJ,
            "week",
            f"Week {week} is nog niet voorbij. U kunt de steekproef trekken vanaf maandag "
            f"{week.volgende_maandag.day}-{week.volgende_maandag.month}-{week.volgende_maandag.year}, "
            "zodat alle toewijzingen van die week meetellen.",
        )
    ]


# --- The draw ------------------------------------------------------------------------------


def percentage_ongeldig(percentage: object) -> list[Violation]:
    try:
        waarde = Decimal(str(percentage))
        geldig = waarde.is_finite() and Decimal(0) <= waarde <= Decimal(100)
    except (InvalidOperation, ValueError):
        geldig = False
    if geldig:
        return []
    return [Violation(Code.PERCENTAGE_ONGELDIG, "percentage", "Het percentage van de steekproef ligt tussen 0 en 100.")]


def aantal_te_trekken(grootte: int, percentage: Decimal) -> int:
    """The percentage of the population, rounded up, at least one when there is anything to draw.

    Rounding up means the share reviewed is never below the configured percentage: at 10 %,
    9 indicaties give 1 and 11 give 2. With an empty population nothing is drawn.
    """
    if grootte <= 0:
        return 0
    aantal = int((Decimal(grootte) * Decimal(percentage) / 100).to_integral_value(rounding=ROUND_CEILING))
    return min(grootte, max(1, aantal))


def trek(populatie: Sequence[str], seed: int, percentage: Decimal) -> list[str]:
    """The random share of the population, sorted. Same inputs, same result, on any machine:

    sorted(random.Random(seed).sample(sorted(populatie), aantal_te_trekken(len(populatie), percentage)))
    """
    basis = sorted(populatie)
    return sorted(random.Random(seed).sample(basis, aantal_te_trekken(len(basis), percentage)))


def reden_voor(signalen: Iterable[str]) -> str | None:
    """The reden of an indicatie's toetsing: its first signal by priority, or None without one."""
    aanwezig = set(signalen)
    return next((code for code in SIGNAAL_VOORRANG if code in aanwezig), None)


# --- Verdicts and responses ----------------------------------------------------------------


def oordeel_fouten(oordeel: str, toelichting: str) -> list[Violation]:
    if oordeel not in Oordeel.values:
        return [Violation(Code.OORDEEL_ONGELDIG, "oordeel", "Kies akkoord, akkoord_met_opmerking of niet_akkoord.")]
    if oordeel != Oordeel.AKKOORD and not (toelichting or "").strip():
        return [
            Violation(
                Code.TOELICHTING_VERPLICHT,
                "toelichting",
                "Schrijf bij 'akkoord met opmerking' en 'niet akkoord' een toelichting: daar leert de consulent van.",
            )
        ]
    return []


def reactie_fouten(reactie: str) -> list[Violation]:
    if (reactie or "").strip():
        return []
    return [Violation(Code.REACTIE_VERPLICHT, "reactie", "Schrijf uw reactie op het oordeel.")]
