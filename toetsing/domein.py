"""The choices of the review, without Django: the rules compare these members, the models take
their choices from them (docs/architecture.md, "Keuzes van het domein")."""

from basis.codes import Code
from basis.keuzes import Keuze


class Reden(Keuze):
    """Why an indicatie is in the sample: drawn at random, or the signal that forced it in."""

    STEEKPROEF = Code.STEEKPROEF.value, "steekproef"
    SPOED = Code.SPOED.value, "spoed"
    ZWAARDERE_VARIANT = Code.MOTIVATIE_ZWAARDERE_VARIANT.value, "zwaardere variant"
    VERLENGING = Code.VERLENGING.value, "verlenging"
    SCHAKELTEAM_DREMPEL = Code.SCHAKELTEAM_DREMPEL.value, "boven de schakelteamdrempel"
    ZORGSTAPELING = Code.ZORGSTAPELING.value, "zorgstapeling"
    MOGELIJK_WLZ = Code.MOGELIJK_WLZ.value, "mogelijk Wlz"
    VOORTZETTEN_ZONDER_RESULTAAT = Code.VOORTZETTEN_ZONDER_RESULTAAT.value, "voortgezet zonder behaald doel"
    ACHTTIEN_JAAR = Code.ACHTTIEN_JAAR.value, "loopt door na het 18e jaar"
    ZORG_NIET_GESTART = Code.ZORG_NIET_GESTART.value, "zorg niet gestart"


class ToetsingStatus(Keuze):
    OPEN = "open", "open"
    BEOORDEELD = "beoordeeld", "beoordeeld"


class Oordeel(Keuze):
    AKKOORD = "akkoord", "akkoord"
    AKKOORD_MET_OPMERKING = "akkoord_met_opmerking", "akkoord met opmerking"
    NIET_AKKOORD = "niet_akkoord", "niet akkoord"
