"""The register of processing activities (verwerkingsregister, AVG article 30) as far as
Casusregie processes inwoners' data. Which activity an entry point performs, the entry point
declares where it is defined (basis.verwerking).

Every record in the processing log names one of these ids. An id never changes meaning: when an
activity changes in a way that matters (another purpose, another legal basis) it gets a new id
with the next version (`-v2`), and the old one stays here, so old records keep pointing at what
they were (LDV, component Register). docs/privacy.md shows this register to the reader.
"""

from dataclasses import dataclass

from basis import verwerking

WMO_JEUGDWET = "AVG art. 6 lid 1 sub e en art. 9 lid 2 sub h; Wmo 2015 art. 2.3.2 en 5.1.1; Jeugdwet art. 2.3 en 7.4.0"


@dataclass(frozen=True)
class Verwerkingsactiviteit:
    id: str
    naam: str
    doel: str
    grondslag: str = WMO_JEUGDWET


ACTIVITEITEN = (
    Verwerkingsactiviteit(
        "registreren-inwoner-v1",
        "Inwoner registreren",
        "Een inwoner vastleggen om een melding of aanvraag voor zorg en ondersteuning te behandelen.",
    ),
    Verwerkingsactiviteit(
        "wijzigen-inwoner-v1",
        "Gegevens van een inwoner wijzigen",
        "De gegevens van een inwoner juist en actueel houden.",
    ),
    Verwerkingsactiviteit(
        "overdragen-regie-v1",
        "Regie overdragen",
        "Een andere consulent regisseur maken, zodat de inwoner een vast aanspreekpunt houdt.",
    ),
    Verwerkingsactiviteit(
        "raadplegen-v1",
        "Zoeken en lijsten raadplegen",
        "Een inwoner terugvinden en het werk plannen: zoekresultaten, lijsten en de werkvoorraad.",
    ),
    Verwerkingsactiviteit(
        "inzien-dossier-v1",
        "Dossier inzien",
        "Het dossier van een inwoner lezen (indicaties, evaluaties, halfjaarchecks, historie) om te beslissen "
        "over passende zorg.",
    ),
    Verwerkingsactiviteit(
        "registreren-indicatie-v1",
        "Indicatie registreren",
        "Zorg of ondersteuning toekennen (een indicatie of verlenging), getoetst aan de regels.",
    ),
    Verwerkingsactiviteit(
        "wijzigen-indicatie-v1",
        "Indicatie wijzigen, intrekken of bijstellen",
        "Toegekende zorg aanpassen aan wat de inwoner nodig heeft (actieve casusregie).",
    ),
    Verwerkingsactiviteit(
        "schakelteam-v1",
        "Beoordeling en advies door het schakelteam",
        "Een onafhankelijke beoordeling van dure zorg boven de drempel, en advies aan consulenten.",
    ),
    Verwerkingsactiviteit(
        "evaluatie-v1",
        "Evaluatie afronden",
        "Na vier maanden nagaan of de afgesproken resultaten worden bereikt en de zorg zo nodig bijstellen.",
    ),
    Verwerkingsactiviteit(
        "halfjaarcheck-v1",
        "Halfjaarcheck afronden",
        "Elk half jaar nagaan of de zorg nog passend is.",
    ),
    Verwerkingsactiviteit(
        "opvolging-v1",
        "Opvolging afhandelen",
        "Werk afhandelen dat een evaluatie of halfjaarcheck voor de regisseur achterliet.",
    ),
    Verwerkingsactiviteit(
        "toetsing-v1",
        "Steekproef en toetsing",
        "Kwaliteitscontrole achteraf: een steekproef van toegekende indicaties beoordelen en terugkoppelen.",
    ),
    Verwerkingsactiviteit(
        "toegang-buiten-caseload-v1",
        "Toegang buiten de caseload",
        "Een dossier buiten de eigen caseload openen wanneer het werk dat vraagt (bijvoorbeeld bij afwezigheid "
        "van de regisseur), met een reden die wordt vastgelegd en gemeld.",
    ),
    Verwerkingsactiviteit(
        "dagelijkse-run-v1",
        "Dagelijkse verwerking",
        "Datumgebonden werk: evaluaties en halfjaarchecks openen en plannen, verlopen indicaties afsluiten, "
        "consulenten waarschuwen.",
    ),
    Verwerkingsactiviteit(
        "berichtenverkeer-v1",
        "Berichtenverkeer met aanbieders",
        "Toewijzingen, verzoeken en start- en stopberichten uitwisselen met aanbieders volgens iJw en iWmo "
        "(Regeling Jeugdwet art. 6c.1, Uitvoeringsregeling Wmo 2015 art. 3j).",
    ),
    Verwerkingsactiviteit(
        "importeren-v1",
        "Registraties importeren",
        "Indicaties en inwoners overnemen uit een ander systeem van de gemeente.",
    ),
    Verwerkingsactiviteit(
        "stuurinformatie-v1",
        "Stuurinformatie: lijsten en exports",
        "Sturen op kosten en kwaliteit: de indicaties achter een cijfer bekijken en exporteren.",
    ),
    Verwerkingsactiviteit(
        "beheer-v1",
        "Inzien in het beheerscherm",
        "Functioneel beheer: gegevens nakijken om fouten te herstellen en vragen te beantwoorden.",
    ),
    Verwerkingsactiviteit(
        "inzageverzoek-v1",
        "Inzageverzoek beantwoorden",
        "Een inwoner laten weten wie wanneer welke gegevens van hem of haar verwerkte.",
        "AVG art. 15 en art. 30",
    ),
)

PER_ID = {a.id: a for a in ACTIVITEITEN}

# The ids by name, for the entry points that declare them (basis.verwerking): a page with
# `@verwerking(INZIEN_DOSSIER)`, a viewset with `verwerkingen = {"list": RAADPLEGEN, ...}`, a command
# or task with `verwerking = DAGELIJKSE_RUN`.
REGISTREREN_INWONER = "registreren-inwoner-v1"
WIJZIGEN_INWONER = "wijzigen-inwoner-v1"
OVERDRAGEN_REGIE = "overdragen-regie-v1"
RAADPLEGEN = "raadplegen-v1"
INZIEN_DOSSIER = "inzien-dossier-v1"
REGISTREREN_INDICATIE = "registreren-indicatie-v1"
WIJZIGEN_INDICATIE = "wijzigen-indicatie-v1"
SCHAKELTEAMWERK = "schakelteam-v1"
EVALUATIE = "evaluatie-v1"
HALFJAARCHECK = "halfjaarcheck-v1"
OPVOLGING = "opvolging-v1"
TOETSING = "toetsing-v1"
TOEGANG_BUITEN_CASELOAD = "toegang-buiten-caseload-v1"
DAGELIJKSE_RUN = "dagelijkse-run-v1"
IMPORTEREN = "importeren-v1"
STUURINFORMATIE = "stuurinformatie-v1"
BEHEERSCHERM = "beheer-v1"
INZAGEVERZOEK = "inzageverzoek-v1"
BERICHTENVERKEER = "berichtenverkeer-v1"
# An entry point that processes no inwoner's data declares that (basis.verwerking).
GEEN = verwerking.GEEN


def naam_van(activiteit: str) -> str:
    gevonden = PER_ID.get(activiteit)
    return gevonden.naam if gevonden else activiteit
