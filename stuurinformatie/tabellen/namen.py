"""The Dutch names the tables (and the charts) give to the keys of the figures."""

from basis.codes import SIGNALEN, Code, label
from indicaties.domein import Uitkomst, Wet

from ..selectors import SIGNAAL_SLEUTELS

WETNAMEN = dict(Wet.choices)

# Keys of the figures (stuurinformatie.selectors) to the labels of their codes.
SIGNAALNAMEN = {sleutel: code.label for code, sleutel in SIGNAAL_SLEUTELS.items()}

REDENNAMEN = {reden: label(reden) for reden in (Code.STEEKPROEF, *SIGNALEN)}

UITKOMSTNAMEN = {uitkomst.value: uitkomst.label.capitalize() for uitkomst in Uitkomst}

# A team's figures are not the sum of its consulenten's (an inwoner can be in the caseload of
# two of them), so the rows stay per consulent, with the team they belong to.
TEAMS_TOELICHTING = (
    "Per consulent die de indicaties registreerde, met tussen haakjes het team (of de teams) waarin die "
    "zit; de teams legt beheer vast onder Teams."
)


def consulent_met_team(rij: dict) -> str:
    """Carla Consulent (Wijkteam Centrum)."""
    teams = rij.get("teams") or []
    return f"{rij['naam']} ({', '.join(teams)})" if teams else rij["naam"]
