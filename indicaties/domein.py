"""The register's choices and status groups, without Django: the rules compare these members,
the models take their choices from them (docs/architecture.md, "Keuzes van het domein").

The values are what the database stores; the labels are what a person reads.
"""

from basis.keuzes import Keuze


class Wet(Keuze):
    WMO = "wmo", "Wmo"
    JEUGDWET = "jeugdwet", "Jeugdwet"


class Eenheid(Keuze):
    MINUUT = "minuut", "minuut"
    UUR = "uur", "uur"
    DAGDEEL = "dagdeel", "dagdeel (4 uur)"
    ETMAAL = "etmaal", "etmaal"
    STUKS = "stuks", "stuks"


class Frequentie(Keuze):
    PER_WEEK = "per_week", "per week"
    PER_MAAND = "per_maand", "per maand"
    TOTAAL = "totaal", "totaal over de periode"


class Geslacht(Keuze):
    """Client/Geslacht of iJw/iWmo (0 onbekend, 1 man, 2 vrouw)."""

    MAN = "man", "man"
    VROUW = "vrouw", "vrouw"
    ONBEKEND = "onbekend", "onbekend"


class Uitvoeringsvariant(Keuze):
    INSPANNINGSGERICHT = "inspanningsgericht", "inspanningsgericht"
    OUTPUTGERICHT = "outputgericht", "outputgericht"
    TAAKGERICHT = "taakgericht", "taakgericht"


class IndicatieStatus(Keuze):
    WACHT_OP_SCHAKELTEAM = "wacht_op_schakelteam", "wacht op schakelteam"
    TOEGEWEZEN = "toegewezen", "toegewezen"
    BEEINDIGD = "beeindigd", "beëindigd"
    VERLOPEN = "verlopen", "verlopen"
    AFGEWEZEN = "afgewezen", "afgewezen"
    INGETROKKEN = "ingetrokken", "ingetrokken"


# --- Status groups: each defined here once, imported everywhere else -------------------------

# An indicatie that still commits care (and money): it counts for the threshold, zorgstapeling
# and the other running care of an inwoner; only these can be changed or withdrawn.
LOPENDE_STATUSSEN = (IndicatieStatus.WACHT_OP_SCHAKELTEAM, IndicatieStatus.TOEGEWEZEN)
# An indicatie that was granted at some point (running, ended or expired): the care that was
# given, for the figures, the sample and the declaraties.
TOEGEKENDE_STATUSSEN = (IndicatieStatus.TOEGEWEZEN, IndicatieStatus.BEEINDIGD, IndicatieStatus.VERLOPEN)
# Never granted: refused by the schakelteam or withdrawn before it was.
NOOIT_TOEGEKENDE_STATUSSEN = (IndicatieStatus.AFGEWEZEN, IndicatieStatus.INGETROKKEN)
# An indicatie that can be extended: running or expired, not ended early or never granted.
VERLENGBARE_STATUSSEN = (IndicatieStatus.TOEGEWEZEN, IndicatieStatus.VERLOPEN)
# An indicatie whose evaluation still opens: running, or ended early (beëindigd, afgeschaald),
# which keeps the evaluation due before the new einddatum — the later ones were cancelled.
STATUSSEN_MET_EVALUATIE = (IndicatieStatus.TOEGEWEZEN, IndicatieStatus.BEEINDIGD)


class Leefgebied(Keuze):
    """The life domains of the zelfredzaamheidsmatrix, which Dutch access teams describe results in."""

    FINANCIEN = "financien", "Financiën"
    WERK_OPLEIDING = "werk_opleiding", "Werk en opleiding"
    TIJDSBESTEDING = "tijdsbesteding", "Tijdsbesteding"
    HUISVESTING = "huisvesting", "Huisvesting"
    HUISELIJKE_RELATIES = "huiselijke_relaties", "Huiselijke relaties"
    GEESTELIJKE_GEZONDHEID = "geestelijke_gezondheid", "Geestelijke gezondheid"
    LICHAMELIJKE_GEZONDHEID = "lichamelijke_gezondheid", "Lichamelijke gezondheid"
    MIDDELENGEBRUIK = "middelengebruik", "Middelengebruik"
    BASALE_ADL = "basale_adl", "Basale ADL"
    INSTRUMENTELE_ADL = "instrumentele_adl", "Instrumentele ADL"
    SOCIAAL_NETWERK = "sociaal_netwerk", "Sociaal netwerk"
    MAATSCHAPPELIJKE_PARTICIPATIE = "maatschappelijke_participatie", "Maatschappelijke participatie"
    JUSTITIE = "justitie", "Justitie"


class EvaluatieStatus(Keuze):
    GEPLAND = "gepland", "gepland"
    OPEN = "open", "open"
    AFGEROND = "afgerond", "afgerond"
    GEANNULEERD = "geannuleerd", "geannuleerd"


# An evaluation not yet done: planned, or open for the consulent.
LOPENDE_EVALUATIE = (EvaluatieStatus.GEPLAND, EvaluatieStatus.OPEN)


class Uitkomst(Keuze):
    VOORTZETTEN = "voortzetten", "voortzetten"
    AFSCHALEN = "afschalen", "afschalen"
    BEEINDIGEN = "beeindigen", "beëindigen"
    ANDERS_INZETTEN = "anders_inzetten", "anders inzetten"


class ResultaatBehaald(Keuze):
    JA = "ja", "ja"
    DEELS = "deels", "deels"
    NEE = "nee", "nee"


class Besluit(Keuze):
    AKKOORD = "akkoord", "akkoord"
    AFGEWEZEN = "afgewezen", "afgewezen"


class CheckStatus(Keuze):
    GEPLAND = "gepland", "gepland"
    OPEN = "open", "open"
    AFGEROND = "afgerond", "afgerond"
    GEANNULEERD = "geannuleerd", "geannuleerd"


# A half-year check not yet done.
LOPENDE_CHECK = (CheckStatus.GEPLAND, CheckStatus.OPEN)


class OpvolgingBron(Keuze):
    HALFJAARCHECK = "halfjaarcheck", "halfjaarcheck: zorg niet passend"
    EVALUATIE = "evaluatie", "evaluatie: doel niet behaald"


class OpvolgingAfhandeling(Keuze):
    BIJGESTELD = "bijgesteld", "zorg bijgesteld"
    BEEINDIGD = "beeindigd", "zorg beëindigd"
    GEMOTIVEERD = "gemotiveerd", "voortzetting gemotiveerd"
