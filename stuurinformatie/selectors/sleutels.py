"""The keys under which the figures are answered (docs/api.md): signals, evaluation outcomes and
results (the register's values) and the kinds of evaluation counts; the review's verdicts are in
`voorwaarden` (OORDELEN), which the overview's figures use too."""

from basis.codes import Code
from indicaties.domein import ResultaatBehaald, Uitkomst

# The signal codes under the keys of the stuurinformatie API (docs/api.md).
SIGNAAL_SLEUTELS = {
    Code.SPOED: "spoed",
    Code.MOTIVATIE_ZWAARDERE_VARIANT: "zwaardere_variant",
    Code.VERLENGING: "verlenging",
    Code.ZORGSTAPELING: "zorgstapeling",
    Code.MOGELIJK_WLZ: "mogelijk_wlz",
    Code.SCHAKELTEAM_DREMPEL: "schakelteam_drempel",
}
UITKOMSTEN = tuple(Uitkomst.values)
RESULTATEN = tuple(ResultaatBehaald.values)
EVALUATIE_SOORTEN = ("vervallen", "op_tijd", "te_laat", "niet_afgerond", "niet_afgerond_verlopen", "nog_niet_vervallen")
