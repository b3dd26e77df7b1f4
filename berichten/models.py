"""Messages of the chain (iJw/iWmo) and the requests aanbieders send in.

A message is stored exactly as written or received (`xml`) next to what the service read from it;
it is never changed after it left or arrived, only its status follows the answers."""

import uuid

from django.db import models
from django.db.models import Q

from indicaties.models import Aanbieder, Indicatie, Inwoner, Product


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
