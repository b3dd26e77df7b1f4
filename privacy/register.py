"""The register of processing activities (verwerkingsregister, AVG article 30) as far as
Casusregie processes inwoners' data, and which entry point belongs to which activity.

Every record in the processing log names one of these ids. An id never changes meaning: when an
activity changes in a way that matters (another purpose, another legal basis) it gets a new id
with the next version (`-v2`), and the old one stays here, so old records keep pointing at what
they were (LDV, component Register). docs/privacy.md shows this register to the reader.
"""

from dataclasses import dataclass

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

# Entry point -> activity: "<METHOD> <view name>" (a web page `web:…`, an API route `<basename>-<action>`,
# an admin page `admin:…`). What is not listed falls back on its method (see `activiteit_van`).
INGANGEN: dict[str, str] = {
    # API
    "GET inwoner-list": "raadplegen-v1",
    "POST inwoner-list": "registreren-inwoner-v1",
    "GET inwoner-detail": "inzien-dossier-v1",
    "PATCH inwoner-detail": "wijzigen-inwoner-v1",
    "POST inwoner-toegang": "toegang-buiten-caseload-v1",
    "POST inwoner-regisseur": "overdragen-regie-v1",
    "GET indicatie-list": "raadplegen-v1",
    "POST indicatie-list": "registreren-indicatie-v1",
    "GET indicatie-detail": "inzien-dossier-v1",
    "PATCH indicatie-detail": "wijzigen-indicatie-v1",
    "GET indicatie-historie": "inzien-dossier-v1",
    "POST indicatie-intrekken": "wijzigen-indicatie-v1",
    "POST indicatie-bijstellen": "wijzigen-indicatie-v1",
    "POST indicatie-advies": "schakelteam-v1",
    "POST indicatie-schakelteam-besluit": "schakelteam-v1",
    "GET advies-list": "schakelteam-v1",
    "GET advies-detail": "schakelteam-v1",
    "POST advies-antwoord": "schakelteam-v1",
    "GET evaluatie-list": "raadplegen-v1",
    "GET evaluatie-detail": "inzien-dossier-v1",
    "GET evaluatie-historie": "inzien-dossier-v1",
    "POST evaluatie-afronden": "evaluatie-v1",
    "GET halfjaarcheck-list": "raadplegen-v1",
    "GET halfjaarcheck-detail": "inzien-dossier-v1",
    "GET halfjaarcheck-historie": "inzien-dossier-v1",
    "POST halfjaarcheck-afronden": "halfjaarcheck-v1",
    "GET toetsing-list": "toetsing-v1",
    "GET toetsing-detail": "toetsing-v1",
    "GET toetsing-historie": "toetsing-v1",
    "POST toetsing-steekproeven": "toetsing-v1",
    "POST toetsing-oordeel": "toetsing-v1",
    "POST toetsing-reactie": "toetsing-v1",
    "POST toetsing-opvolging-afgehandeld": "toetsing-v1",
    "GET toetsing-opvolgingen": "toetsing-v1",
    "GET verwerking-list": "inzageverzoek-v1",
    "GET bericht-list": "berichtenverkeer-v1",
    "POST bericht-list": "berichtenverkeer-v1",
    "GET bericht-detail": "berichtenverkeer-v1",
    "GET bericht-xml": "berichtenverkeer-v1",
    "POST bericht-verzonden": "berichtenverkeer-v1",
    "GET verzoek-list": "raadplegen-v1",
    "GET verzoek-detail": "inzien-dossier-v1",
    "POST verzoek-afwijzen": "berichtenverkeer-v1",
    # Web
    "GET start": "raadplegen-v1",
    "POST web:inwoners": "raadplegen-v1",
    "GET web:inwoners": "raadplegen-v1",
    "POST web:inwoner_nieuw": "registreren-inwoner-v1",
    "GET web:inwoner": "inzien-dossier-v1",
    "GET web:indicatie_nieuw": "registreren-indicatie-v1",
    "POST web:indicatie_nieuw": "registreren-indicatie-v1",
    "POST web:indicatie_voorbeeld": "registreren-indicatie-v1",
    "GET web:indicatie": "inzien-dossier-v1",
    "GET web:indicatie_wijzigen": "wijzigen-indicatie-v1",
    "POST web:indicatie_wijzigen": "wijzigen-indicatie-v1",
    "GET web:indicatie_intrekken": "wijzigen-indicatie-v1",
    "POST web:indicatie_intrekken": "wijzigen-indicatie-v1",
    "POST web:schakelteam_besluit": "schakelteam-v1",
    "POST web:advies_vragen": "schakelteam-v1",
    "GET web:advies_beantwoorden": "schakelteam-v1",
    "POST web:advies_beantwoorden": "schakelteam-v1",
    "GET web:evaluatie_afronden": "evaluatie-v1",
    "POST web:evaluatie_afronden": "evaluatie-v1",
    "GET web:halfjaarcheck_afronden": "halfjaarcheck-v1",
    "POST web:halfjaarcheck_afronden": "halfjaarcheck-v1",
    "GET web:opvolging_afhandelen": "opvolging-v1",
    "POST web:opvolging_afhandelen": "opvolging-v1",
    "GET web:toetsing": "toetsing-v1",
    "GET web:toetsing_oordeel": "toetsing-v1",
    "POST web:toetsing_oordeel": "toetsing-v1",
    "GET web:toetsing_feedback": "toetsing-v1",
    "POST web:toetsing_reactie": "toetsing-v1",
    "POST web:toetsing_opvolging": "toetsing-v1",
    "POST web:toegang_buiten_caseload": "toegang-buiten-caseload-v1",
    "GET web:regisseur_overdragen": "overdragen-regie-v1",
    "POST web:regisseur_overdragen": "overdragen-regie-v1",
    "GET web:toegangen": "toegang-buiten-caseload-v1",
}
# Whole areas: every page of the admin, every page and export of the stuurinformatie.
VOORVOEGSELS = {"admin:": "beheer-v1", "web:stuurinformatie": "stuurinformatie-v1"}


def activiteit_van(methode: str, view_name: str | None) -> str:
    """The activity of an entry point; an unlisted one is 'inzien' when it reads, else the
    nearest listed write, so nothing is ever logged without an activity."""
    sleutel = f"{methode} {view_name}"
    if sleutel in INGANGEN:
        return INGANGEN[sleutel]
    for voorvoegsel, activiteit in VOORVOEGSELS.items():
        if (view_name or "").startswith(voorvoegsel):
            return activiteit
    return "inzien-dossier-v1" if methode in ("GET", "HEAD", "OPTIONS") else "wijzigen-indicatie-v1"


def naam_van(activiteit: str) -> str:
    gevonden = PER_ID.get(activiteit)
    return gevonden.naam if gevonden else activiteit
