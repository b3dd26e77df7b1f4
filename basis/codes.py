"""Every code with which a rule refuses or signals, with its Dutch label (docs/domain.md).

A code is the stable identifier that the API returns (`invalid_params[].code`, `signalen`) and
that tests assert; a person reads the label, never the code. Rules return a `Violation`: the
code, the field it concerns and the Dutch message that says what to do.
"""

from dataclasses import dataclass
from enum import StrEnum

NON_FIELD = "non_field_errors"


class Code(StrEnum):
    label: str

    def __new__(cls, waarde: str, label: str):
        code = str.__new__(cls, waarde)
        code._value_ = waarde
        code.label = label
        return code

    # Indicatie: blocking rules
    MAX_DUUR_8_MAANDEN = "max_duur_8_maanden", "Langer dan 8 maanden bij 5 uur of meer per week"
    GEEN_TERUGWERKENDE_KRACHT = "geen_terugwerkende_kracht", "Met terugwerkende kracht"
    SPOED_REDEN_VERPLICHT = "spoed_reden_verplicht", "Spoed zonder reden"
    MOTIVATIE_ZWAARDERE_VARIANT = "motivatie_zwaardere_variant", "Zwaardere variant gekozen"
    WLZ_GEEN_WMO = "wlz_geen_wmo", "Wmo bij een Wlz-indicatie"
    TARIEF_ONTBREEKT = "tarief_ontbreekt", "Geen tarief voor de periode"
    EINDDATUM_VOOR_INGANGSDATUM = "einddatum_voor_ingangsdatum", "Einddatum vóór ingangsdatum"
    DATUM_BUITEN_BEREIK = "datum_buiten_bereik", "Datum buiten het bereik van het register"
    EENHEID_PAST_NIET = "eenheid_past_niet", "Eenheid past niet bij het product"
    VERVANGT_ONGELDIG = "vervangt_ongeldig", "Vervangt een indicatie van een andere inwoner"
    VERLENGING_ONGELDIG = "verlenging_ongeldig", "Deze indicatie kan niet worden verlengd"
    VERLENGING_AANSLUITEND = "verlenging_aansluitend", "Verlenging sluit niet aan"
    VERLENGING_EVALUATIE_OPEN = "verlenging_evaluatie_open", "Evaluatie van de vorige indicatie nog open"
    NIET_WIJZIGBAAR = "niet_wijzigbaar", "Kan niet worden gewijzigd"
    DOELEN_ONTBREKEN = "doelen_ontbreken", "Geen doelen afgesproken"
    WLZ_JEUGDWET = "wlz_jeugdwet", "Jeugdhulp bij een Wlz-indicatie"
    MOTIVATIE_VOORTZETTEN = "motivatie_voortzetten", "Voortzetten zonder behaald doel niet gemotiveerd"
    GEEN_CONTRACT = "geen_contract", "Aanbieder heeft geen contract voor dit product"
    TOEWIJZING_OVERLAPT = "toewijzing_overlapt", "Overlapt met een toewijzing van hetzelfde product"

    # Indicatie: signals (they force the indicatie into the toetsing sample)
    SPOED = "spoed", "Spoed"
    VERLENGING = "verlenging", "Verlenging"
    SCHAKELTEAM_DREMPEL = "schakelteam_drempel", "Boven de schakelteamdrempel"
    ZORGSTAPELING = "zorgstapeling", "Zorgstapeling"
    MOGELIJK_WLZ = "mogelijk_wlz", "Mogelijk Wlz"
    VOORTZETTEN_ZONDER_RESULTAAT = "voortzetten_zonder_resultaat", "Voortgezet terwijl een doel niet is behaald"
    ACHTTIEN_JAAR = "achttien_jaar", "Loopt door na het 18e jaar"
    ZORG_NIET_GESTART = "zorg_niet_gestart", "Zorg niet gestart"

    # Inwoner
    BSN_ONGELDIG = "bsn_ongeldig", "Ongeldig BSN"
    GEBOORTEDATUM_IN_TOEKOMST = "geboortedatum_in_toekomst", "Geboortedatum in de toekomst"

    # Catalogue: aanbieders, producten, tarieven
    AGB_CODE_ONGELDIG = "agb_code_ongeldig", "Ongeldige AGB-code"
    LICHTERE_VARIANT_ONGELDIG = "lichtere_variant_ongeldig", "Ongeldige lichtere variant"
    TARIEF_PERIODE_ONGELDIG = "tarief_periode_ongeldig", "Tarief eindigt vóór het begint"
    TARIEF_BEDRAG_ONGELDIG = "tarief_bedrag_ongeldig", "Tarief van € 0,00 of minder"
    TARIEF_OVERLAP = "tarief_overlap", "Tarieven overlappen"

    # Workflow: evaluatie, bijstelling, halfjaarcheck, schakelteam, intrekken
    AFSCHALEN_VOLUME = "afschalen_volume", "Nieuw volume is niet lager"
    PER_DATUM_BUITEN_PERIODE = "per_datum_buiten_periode", "Datum buiten de periode van de indicatie"
    TOELICHTING_VERPLICHT = "toelichting_verplicht", "Toelichting ontbreekt"
    REDEN_VERPLICHT = "reden_verplicht", "Reden ontbreekt"
    DATUM_IN_TOEKOMST = "datum_in_toekomst", "Datum in de toekomst"
    VIER_OGEN = "vier_ogen", "Eigen werk beoordelen (vier-ogenprincipe)"
    EVALUATIE_TE_VROEG = "evaluatie_te_vroeg", "Evaluatie te vroeg"
    DOEL_ONBEKEND = "doel_onbekend", "Doel hoort niet bij deze indicatie"
    DOELEN_ONVOLLEDIG = "doelen_onvolledig", "Niet elk doel beoordeeld"

    # Beleidsregels (the policy numbers from a date)
    GELDIG_VAN_VERLEDEN = "geldig_van_verleden", "Beleidsregels met terugwerkende kracht"
    BELEIDSREGEL_ONGELDIG = "beleidsregel_ongeldig", "Ongeldig getal in de beleidsregels"

    # Contracts and the messages of the chain (iJw/iWmo)
    CONTRACT_ONGELDIG = "contract_ongeldig", "Ongeldig contract"
    BERICHT_ONGELDIG = "bericht_ongeldig", "Bericht voldoet niet aan het XSD"
    BERICHT_DUBBEL = "bericht_dubbel", "Bericht al ontvangen"
    BERICHT_TE_GROOT = "bericht_te_groot", "Bericht te groot"
    XSD_ONTBREEKT = "xsd_ontbreekt", "XSD's van de iStandaarden niet geïnstalleerd"
    VERZOEK_AFGEHANDELD = "verzoek_afgehandeld", "Verzoek al afgehandeld"

    # Toetsing
    STEEKPROEF = "steekproef", "Willekeurig gekozen"
    WEEK_ONGELDIG = "week_ongeldig", "Ongeldige week"
    WEEK_NIET_VOORBIJ = "week_niet_voorbij", "Week nog niet voorbij"
    PERCENTAGE_ONGELDIG = "percentage_ongeldig", "Ongeldig percentage"
    OORDEEL_ONGELDIG = "oordeel_ongeldig", "Ongeldig oordeel"
    REACTIE_VERPLICHT = "reactie_verplicht", "Reactie ontbreekt"

    # Privacy: caseload, access outside it, the processing log (docs/privacy.md)
    REDEN_TOEGANG_VERPLICHT = "reden_toegang_verplicht", "Reden voor toegang buiten de caseload ontbreekt"
    REGISSEUR_GEEN_CONSULENT = "regisseur_geen_consulent", "Nieuwe regisseur is geen actieve consulent"
    REGISSEUR_ONGEWIJZIGD = "regisseur_ongewijzigd", "Is al de regisseur"
    REGIE_VIA_OVERDRACHT = "regie_via_overdracht", "Regisseur wijzigt alleen door regie over te dragen"
    ZOEKVRAAG_ONTBREEKT = "zoekvraag_ontbreekt", "Geen trace, BSN of periode opgegeven"
    PERIODE_ONGELDIG = "periode_ongeldig", "Periode eindigt vóór het begint"

    # Import of registrations (docs/import.md)
    AANTAL_KOLOMMEN = "aantal_kolommen", "Verkeerd aantal kolommen"
    EXTERN_ID_DUBBEL = "extern_id_dubbel", "Extern id dubbel in het bestand"
    AL_GEIMPORTEERD = "al_geimporteerd", "Al eerder geïmporteerd"
    PRODUCT_ONBEKEND = "product_onbekend", "Onbekend product"
    AANBIEDER_ONBEKEND = "aanbieder_onbekend", "Onbekende aanbieder"
    CONSULENT_ONBEKEND = "consulent_onbekend", "Geen consulent bekend"
    REGISTRATIEDATUM_IN_TOEKOMST = "registratiedatum_in_toekomst", "Registratiedatum in de toekomst"

    # A refusal of the request as a whole (docs/architecture.md, "Eén familie van fouten")
    ONGELDIGE_OVERGANG = "ongeldige_overgang", "Niet toegestaan in de huidige status"
    OPVOLGING_AFGEHANDELD = "opvolging_afgehandeld", "Opvolging al afgehandeld"
    AL_BEOORDEELD = "al_beoordeeld", "Al beoordeeld"
    AL_GEREAGEERD = "al_gereageerd", "Al gereageerd"
    GEEN_OPVOLGING = "geen_opvolging", "Vraagt geen opvolging"
    VEROUDERDE_VERSIE = "verouderde_versie", "Verouderde versie"
    NIET_TOEGESTAAN = "niet_toegestaan", "Niet toegestaan voor deze gebruiker"
    BESTAND_GEWEIGERD = "bestand_geweigerd", "Bestand geweigerd"
    IMPORTOPDRACHT_ONGELDIG = "importopdracht_ongeldig", "Import kan zo niet draaien"

    # Input that is missing or malformed (the same codes the API's validation uses)
    REQUIRED = "required", "Verplicht"
    INVALID = "invalid", "Ongeldige waarde"
    INVALID_CHOICE = "invalid_choice", "Onbekende keuze"
    MAX_LENGTH = "max_length", "Te lang"
    MAX_DECIMAL_PLACES = "max_decimal_places", "Te veel decimalen"
    MAX_VALUE = "max_value", "Te groot"
    UNIQUE = "unique", "Bestaat al"


# The signals in the order of docs/domain.md. An indicatie with several signals is drawn into
# the sample for the first: the ones a consulent had to justify in writing come first.
SIGNALEN: tuple[Code, ...] = (
    Code.SPOED,
    Code.MOTIVATIE_ZWAARDERE_VARIANT,
    Code.VERLENGING,
    Code.SCHAKELTEAM_DREMPEL,
    Code.ZORGSTAPELING,
    Code.MOGELIJK_WLZ,
    Code.VOORTZETTEN_ZONDER_RESULTAAT,
    Code.ACHTTIEN_JAAR,
    Code.ZORG_NIET_GESTART,
)


def label(code: str) -> str:
    """The Dutch label of a code; an unknown code (from old data) is shown as plain words."""
    try:
        return Code(code).label
    except ValueError:
        return str(code).replace("_", " ").capitalize()


@dataclass(frozen=True)
class Violation:
    """What a rule found: refused (`blokkerend`) or a signal that lets the change through."""

    code: Code
    veld: str
    bericht: str
    blokkerend: bool = True
