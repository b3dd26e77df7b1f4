"""Messages of the chain (iJw/iWmo) and the requests aanbieders send in.

A message is stored exactly as written or received (`xml`) next to what the service read from it;
it is never changed after it left or arrived, only its status follows the answers."""

import uuid

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round

from indicaties.models import Aanbieder, Indicatie, Inwoner, Product, Wet


class Richting(models.TextChoices):
    IN = "in", "ontvangen"
    UIT = "uit", "verstuurd"


class BerichtStatus(models.TextChoices):
    KLAAR = "klaar", "klaar om te versturen"
    VERZONDEN = "verzonden", "verzonden"
    GEACCEPTEERD = "geaccepteerd", "geaccepteerd"
    AFGEKEURD = "afgekeurd", "afgekeurd"
    VERWERKT = "verwerkt", "verwerkt"


# What each message is called, for people (never the bare code).
NAMEN = {
    "301": "Toewijzing",
    "302": "Antwoord op toewijzing",
    "305": "Start zorg",
    "306": "Antwoord op start",
    "307": "Stop zorg",
    "308": "Antwoord op stop",
    "315": "Verzoek om toewijzing",
    "316": "Antwoord op verzoek om toewijzing",
    "317": "Verzoek om wijziging",
    "318": "Antwoord op verzoek om wijziging",
    "319": "Antwoord op verzoek",
    "320": "Ontvangst antwoord op verzoek",
    "323": "Declaratie",
    "325": "Antwoord op declaratie",
}


class Bericht(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    soort = models.CharField(max_length=8, help_text="JW301, WMO305, ...")
    richting = models.CharField(max_length=3, choices=Richting.choices)
    status = models.CharField(max_length=12, choices=BerichtStatus.choices)
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    inwoner = models.ForeignKey(Inwoner, on_delete=models.PROTECT, null=True, blank=True, related_name="berichten")
    afzender = models.CharField(max_length=8)
    ontvanger = models.CharField(max_length=8)
    bericht_identificatie = models.CharField(max_length=12)
    dagtekening = models.DateField()
    xml = models.TextField()
    antwoord_op = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="antwoorden")
    retourcodes = models.JSONField(default=list, blank=True)
    # What the service read from or put in the message: for a 301 the state of each toewijzing it
    # carried, by ToewijzingNummer (the next 301 names what changed since, OP087 and IV099).
    inhoud = models.JSONField(default=dict, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True, db_index=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "berichten"
        ordering = ["-aangemaakt", "id"]
        indexes = [
            models.Index(fields=["status", "richting"], name="bericht_status_richting"),
            models.Index(fields=["inwoner", "aanbieder", "soort"], name="bericht_paar_soort"),
        ]
        constraints = [
            # TR056: an Identificatie is unique per berichtsoort per sender; a second arrival is a duplicate.
            models.UniqueConstraint(
                fields=["richting", "soort", "afzender", "bericht_identificatie"], name="bericht_identificatie_uniek"
            ),
            models.CheckConstraint(condition=Q(status__in=BerichtStatus.values), name="bericht_status_geldig"),
        ]

    def __str__(self) -> str:
        return f"{self.soort} {self.bericht_identificatie} ({self.get_richting_display()})"

    @property
    def naam(self) -> str:
        """How a person reads the kind: "Start zorg (JW305)"."""
        return f"{NAMEN.get(self.soort[-3:], 'Bericht')} ({self.soort})"


class VerzoekSoort(models.TextChoices):
    TOEWIJZING = "toewijzing", "verzoek om toewijzing (315)"
    WIJZIGING = "wijziging", "verzoek om wijziging (317)"


class VerzoekStatus(models.TextChoices):
    OPEN = "open", "open"
    TOEGEWEZEN = "toegewezen", "toegewezen"
    AFGEWEZEN = "afgewezen", "afgewezen"


class RedenAfwijzing(models.TextChoices):
    """RedenAfwijzingVerzoek (JW319/WMO319)."""

    GEEN_WIJZIGING = "1", "Geen wijziging, maar nieuwe aanvraag"
    BUDGET = "2", "Past niet binnen budget"
    GEEN_CONTRACT = "3", "Geen contract"
    CONTRACT = "4", "Past niet binnen contract"
    ANDERE_GEMEENTE = "5", "Andere gemeente"
    STAPELING = "6", "Stapeling"
    ZORGINHOUDELIJK = "7", "Zorginhoudelijke afkeur"
    WOONPLAATSBEGINSEL = "8", "Woonplaatsbeginsel"
    LEEFTIJDSGRENS = "9", "Leeftijdsgrens is bereikt"


class Verzoek(models.Model):
    """An aanbieder's request for care (315) or for a change (317), in the werkvoorraad until it is
    answered by an indicatie or a refusal (319), with its legal deadline (5 werkdagen)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    soort = models.CharField(max_length=10, choices=VerzoekSoort.choices)
    status = models.CharField(max_length=10, choices=VerzoekStatus.choices, default=VerzoekStatus.OPEN)
    inwoner = models.ForeignKey(Inwoner, on_delete=models.PROTECT, related_name="verzoeken")
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    referentie_aanbieder = models.CharField(max_length=36)
    gegevens = models.JSONField(default=dict, blank=True, help_text="Wat de aanbieder vroeg.")
    uiterste_datum = models.DateField()
    bericht = models.ForeignKey(Bericht, on_delete=models.PROTECT, related_name="verzoeken")
    indicatie = models.ForeignKey(Indicatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    antwoord = models.ForeignKey(Bericht, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reden_afwijzing = models.CharField(max_length=1, choices=RedenAfwijzing.choices, blank=True)
    toelichting = models.TextField(blank=True)
    termijn_gemeld = models.BooleanField(default=False)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "verzoeken"
        ordering = ["uiterste_datum", "id"]
        constraints = [
            # TR347: a ReferentieAanbieder is unique per aanbieder.
            models.UniqueConstraint(
                fields=["aanbieder", "referentie_aanbieder", "product"], name="verzoek_referentie_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.referentie_aanbieder}"


class DeclaratieStatus(models.TextChoices):
    TOEGEKEND = "toegekend", "volledig toegekend"
    GEDEELTELIJK = "gedeeltelijk", "gedeeltelijk toegekend"
    AFGEWEZEN = "afgewezen", "afgewezen"


class PrestatieStatus(models.TextChoices):
    TOEGEKEND = "toegekend", "toegekend"
    AFGEWEZEN = "afgewezen", "afgewezen"


class DebetCredit(models.TextChoices):
    DEBET = "D", "debet"
    CREDIT = "C", "credit"


class Declaratie(models.Model):
    """One declaration an aanbieder sent (323) and how it was judged (the 325 in `antwoord`).

    Amounts are euros, net: debet minus credit (TR358), so a declaration that credits more than it
    debits has a negative total. What was approved plus what was rejected is what was declared."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    bericht = models.OneToOneField(Bericht, on_delete=models.PROTECT, related_name="declaratie")
    antwoord = models.ForeignKey(Bericht, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="declaraties")
    wet = models.CharField(max_length=10, choices=Wet.choices)
    declaratienummer = models.CharField(max_length=12)
    periode_begin = models.DateField()
    periode_eind = models.DateField()
    ontvangen = models.DateTimeField()
    ingediend = models.DecimalField(max_digits=14, decimal_places=2)
    toegekend = models.DecimalField(max_digits=14, decimal_places=2)
    afgewezen = models.DecimalField(max_digits=14, decimal_places=2)
    status = models.CharField(max_length=12, choices=DeclaratieStatus.choices)
    retourcodes = models.JSONField(default=list, blank=True, help_text="Retourcodes van de declaratie als geheel.")

    class Meta:
        verbose_name_plural = "declaraties"
        ordering = ["-ontvangen", "id"]
        indexes = [models.Index(fields=["-ontvangen", "id"], name="declaratie_lijstvolgorde")]
        constraints = [
            # TR333: a DeclaratieNummer is accepted once per aanbieder.
            models.UniqueConstraint(fields=["aanbieder", "declaratienummer"], name="declaratie_nummer_uniek"),
            # Rounded to the cent: SQLite computes with floats.
            models.CheckConstraint(
                condition=Q(ingediend=Round(F("toegekend") + F("afgewezen"), 2)), name="declaratie_bedragen_sluiten"
            ),
            models.CheckConstraint(
                condition=Q(periode_eind__gte=F("periode_begin")), name="declaratie_periode_volgorde"
            ),
            models.CheckConstraint(condition=Q(status__in=DeclaratieStatus.values), name="declaratie_status_geldig"),
        ]

    def __str__(self) -> str:
        return f"Declaratie {self.declaratienummer} van {self.aanbieder}"


class Prestatie(models.Model):
    """One declared prestatie of a 323, approved or rejected with its retourcodes. Amounts are euros
    and never negative: `debet_credit` says which way they count."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    declaratie = models.ForeignKey(Declaratie, on_delete=models.PROTECT, related_name="prestaties")
    # Denormalised from the declaratie: the uniqueness of TR314 and the year's total per aanbieder.
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="+", db_index=False)
    indicatie = models.ForeignKey(Indicatie, on_delete=models.PROTECT, null=True, blank=True, related_name="prestaties")
    bsn = models.CharField("BSN", max_length=9)
    toewijzingnummer = models.PositiveIntegerField()
    productcategorie = models.CharField(max_length=2)
    productcode = models.CharField(max_length=5)
    referentienummer = models.CharField(max_length=36)
    vorig_referentienummer = models.CharField(max_length=36, blank=True)
    debet_credit = models.CharField(max_length=1, choices=DebetCredit.choices)
    begindatum = models.DateField()
    einddatum = models.DateField()
    volume = models.PositiveIntegerField(help_text="In de gedeclareerde eenheid.")
    eenheid = models.CharField(max_length=2, help_text="Eenheid (WJ756): 01 minuut, 04 uur, 14 etmaal, ...")
    tarief = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    bedrag = models.DecimalField(max_digits=10, decimal_places=2)
    status = models.CharField(max_length=10, choices=PrestatieStatus.choices)
    retourcodes = models.JSONField(default=list, blank=True)
    gecrediteerd_door = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="crediteert"
    )

    class Meta:
        verbose_name_plural = "prestaties"
        ordering = ["begindatum", "referentienummer"]
        indexes = [
            # The year's approved total of an aanbieder (budgetplafond).
            models.Index(fields=["aanbieder", "begindatum"], name="prestatie_aanbieder_begin"),
        ]
        constraints = [
            # TR314: a ReferentieNummer is approved once per aanbieder.
            models.UniqueConstraint(
                fields=["aanbieder", "referentienummer"],
                condition=Q(status="toegekend"),
                name="prestatie_referentie_uniek",
            ),
            # TR390: a debet is reversed by one credit.
            models.UniqueConstraint(
                fields=["gecrediteerd_door"],
                condition=Q(gecrediteerd_door__isnull=False),
                name="prestatie_een_keer_gecrediteerd",
            ),
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="prestatie_bedrag_niet_negatief"),
            models.CheckConstraint(
                condition=Q(tarief__isnull=True) | Q(tarief__gte=0), name="prestatie_tarief_niet_negatief"
            ),
            models.CheckConstraint(condition=Q(einddatum__gte=F("begindatum")), name="prestatie_periode_volgorde"),
            models.CheckConstraint(condition=Q(debet_credit__in=DebetCredit.values), name="prestatie_debet_credit"),
            models.CheckConstraint(condition=Q(status__in=PrestatieStatus.values), name="prestatie_status_geldig"),
            # Only an approved debet is reversed by a credit.
            models.CheckConstraint(
                condition=Q(gecrediteerd_door__isnull=True) | Q(debet_credit="D", status="toegekend"),
                name="prestatie_alleen_toegekend_debet_gecrediteerd",
            ),
        ]

    def __str__(self) -> str:
        return f"Prestatie {self.referentienummer} ({self.get_debet_credit_display()})"
