"""Steering targets that beheer maintains as data (defaults from seed 000), and the declaraties
providers sent for the care they delivered."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class ProductmixBasis(models.Model):
    """The baseline share of hours in the lighter variant of a heavier product (seed 000: 2019)."""

    product_code = models.CharField("code zwaardere variant", max_length=10, unique=True)
    basis_aandeel_licht = models.DecimalField(max_digits=5, decimal_places=4)
    toelichting = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "basis productmix"
        verbose_name_plural = "basis productmix"
        ordering = ["product_code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(basis_aandeel_licht__gte=0, basis_aandeel_licht__lte=1), name="basis_aandeel_tussen_0_en_1"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_code}: {self.basis_aandeel_licht}"


class BusinesscaseDoel(models.Model):
    """The saving the business case promises for a year and a law (seed 000)."""

    jaar = models.PositiveIntegerField()
    wet = models.CharField(max_length=10, choices=[("wmo", "Wmo"), ("jeugdwet", "Jeugdwet")])
    besparing = models.DecimalField(max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "businesscasedoel"
        verbose_name_plural = "businesscasedoelen"
        ordering = ["jaar", "wet"]
        constraints = [models.UniqueConstraint(fields=["jaar", "wet"], name="businesscasedoel_uniek")]

    def __str__(self) -> str:
        return f"{self.jaar} {self.wet}: € {self.besparing}"


class Streefwaarde(models.Model):
    """The target of one tile of the overview (docs/stuurinformatie.md, "Overzicht"). Beheer
    maintains them; the defaults come from seed 000 where it names one, else they are the
    municipality's own choice and say so in `bron`."""

    kpi = models.CharField("tegel", max_length=40, unique=True)
    waarde = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    bron = models.CharField("waar de streefwaarde vandaan komt", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "streefwaarde"
        verbose_name_plural = "streefwaarden"
        ordering = ["kpi"]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.waarde if self.waarde is not None else '–'}"


class Declaratiebestand(models.Model):
    """One file of declaraties read in whole (docs/stuurinformatie.md, "Declaraties"). The same
    file (by its SHA-256) is never read twice: a second run would count the care twice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    naam = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, unique=True)
    regels = models.PositiveIntegerField()
    totaal = models.DecimalField(max_digits=16, decimal_places=2)
    ingelezen_op = models.DateTimeField()
    ingelezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leeg: ingelezen met het beheercommando.",
    )

    class Meta:
        verbose_name = "declaratiebestand"
        verbose_name_plural = "declaratiebestanden"
        ordering = ["-ingelezen_op"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.regels} regels)"


class Declaratie(models.Model):
    """Care an aanbieder declared for an indicatie and a period: a row of a file shaped after the
    iWmo/iJw 303, or a prestatie approved in a 323 of the chain (stuurinformatie/prestaties.py).

    Product and aanbieder are those of the indicatie at the moment of reading, stored with the
    row: a declaration is what was delivered and declared then, and the figures add a million of
    them up without joining the register.
    """

    # Read from a file (`bestand`, `regel`), or approved in a 323 of the chain (`prestatie`): exactly one.
    bestand = models.ForeignKey(
        Declaratiebestand, on_delete=models.PROTECT, null=True, blank=True, related_name="declaraties"
    )
    regel = models.PositiveIntegerField("regel in het bestand", null=True, blank=True)
    prestatie = models.OneToOneField(
        "berichten.Prestatie", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    indicatie = models.ForeignKey("indicaties.Indicatie", on_delete=models.PROTECT, related_name="declaraties")
    product = models.ForeignKey("indicaties.Product", on_delete=models.PROTECT, related_name="+")
    aanbieder = models.ForeignKey("indicaties.Aanbieder", on_delete=models.PROTECT, related_name="+")
    begindatum = models.DateField()
    einddatum = models.DateField()
    volume = models.DecimalField(max_digits=9, decimal_places=2)
    eenheid = models.CharField(max_length=10)
    bedrag = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "declaratie"
        verbose_name_plural = "declaraties"
        ordering = ["begindatum", "id"]
        indexes = [models.Index(fields=["einddatum", "begindatum"], name="declaratie_periode")]
        constraints = [
            models.CheckConstraint(condition=Q(einddatum__gte=F("begindatum")), name="declaratie_periode_op_volgorde"),
            # A prestatie may declare a volume of 0 (LDT_Volume 0..99999999), a row of a file may not.
            models.CheckConstraint(
                condition=Q(volume__gt=0) | Q(prestatie__isnull=False, volume__gte=0), name="declaratie_volume_positief"
            ),
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="declaratie_bedrag_niet_negatief"),
            models.CheckConstraint(
                condition=Q(bestand__isnull=False, regel__isnull=False, prestatie__isnull=True)
                | Q(bestand__isnull=True, regel__isnull=True, prestatie__isnull=False),
                name="declaratie_uit_bestand_of_prestatie",
            ),
            # A file declares a period of an indicatie once (the import refuses any overlap). The chain
            # guards its own prestaties (an approved ReferentieNummer once, a credit in full before a
            # correction: TR314, TR389/TR390), and a credited prestatie leaves this table.
            models.UniqueConstraint(
                fields=["indicatie", "begindatum", "einddatum"],
                condition=Q(prestatie__isnull=True),
                name="declaratie_uniek_per_periode",
            ),
        ]

    def __str__(self) -> str:
        return f"Declaratie {self.begindatum}–{self.einddatum}: € {self.bedrag}"


class Maandrapport(models.Model):
    """The monthly report of one month as sent to beleid: the database, not the scheduler, knows
    whether it went out, so a repeated or delayed run never sends it twice and a missed one is sent
    on the next run."""

    maand = models.DateField(unique=True, help_text="De eerste dag van de maand waarover het rapport gaat.")
    verstuurd_op = models.DateTimeField()
    ontvangers = models.PositiveIntegerField()

    class Meta:
        verbose_name = "maandrapport"
        verbose_name_plural = "maandrapporten"
        ordering = ["-maand"]

    def __str__(self) -> str:
        return f"Maandrapport {self.maand:%Y-%m}"


class DeclaratieTotaal(models.Model):
    """The declaraties added up per product, aanbieder and declared period, kept with every file
    that is read (services.importeer_declaraties, same transaction). The overview adds these few
    thousand rows instead of a million declarations; the declarations themselves stay the source
    (and are used under a team filter, which needs the indicatie's consulent)."""

    product = models.ForeignKey("indicaties.Product", on_delete=models.PROTECT, related_name="+")
    aanbieder = models.ForeignKey("indicaties.Aanbieder", on_delete=models.PROTECT, related_name="+")
    begindatum = models.DateField()
    einddatum = models.DateField()
    bedrag = models.DecimalField(max_digits=16, decimal_places=2)
    regels = models.PositiveIntegerField()

    class Meta:
        verbose_name = "declaratietotaal"
        verbose_name_plural = "declaratietotalen"
        constraints = [
            models.UniqueConstraint(
                fields=["product", "aanbieder", "begindatum", "einddatum"], name="declaratietotaal_uniek"
            ),
            models.CheckConstraint(condition=Q(einddatum__gte=F("begindatum")), name="declaratietotaal_periode"),
        ]

    def __str__(self) -> str:
        return f"{self.begindatum}–{self.einddatum}: € {self.bedrag}"


class Maandcijfers(models.Model):
    """The client figures and the sums of one closed calendar month, unfiltered (`soort` empty) or for one value
    of one filter (wet, product, aanbieder, team), kept so that a period of many months adds kept
    months instead of counting the register again (docs/stuurinformatie.md, "Kept months").

    The inwoners are sets of inwoner numbers (`Inwoner.nummer`) as serialized roaring bitmaps:
    distinct clients over several months are the exact size of their union. Checked before use
    against the history of the indicaties (stuurinformatie/maanden/) and computed again when
    anything that touches the month changed after `berekend_op`."""

    maand = models.DateField(help_text="De eerste dag van de maand.")
    soort = models.CharField(max_length=10, blank=True)
    waarde = models.CharField(max_length=40, blank=True)
    berekend_op = models.DateTimeField()
    paren = models.CharField("productparen waarmee berekend", max_length=64)
    inwoners = models.BinaryField()
    inwoners_paren = models.BinaryField()
    meervoudig_paren = models.BinaryField(
        help_text="Inwoners met twee of meer indicaties in een productpaar in de maand (kunnen overlappen)."
    )
    clientdagen_paren = models.PositiveIntegerField()
    clientdagen_paren_ruw = models.BigIntegerField()
    uren_paren = models.DecimalField(max_digits=20, decimal_places=4)
    sommen = models.JSONField(
        default=list,
        help_text="Per product, per product en aanbieder, per product en consulent: geregistreerd, kosten "
        "geregistreerd, actief en uren op de laatste dag, uren maal dagen, kosten in de maand.",
    )

    class Meta:
        verbose_name = "maandcijfers"
        verbose_name_plural = "maandcijfers"
        ordering = ["maand", "soort", "waarde"]
        constraints = [models.UniqueConstraint(fields=["maand", "soort", "waarde"], name="maandcijfers_uniek")]

    def __str__(self) -> str:
        return f"{self.maand:%Y-%m} {self.soort or 'alle'} {self.waarde}".strip()
