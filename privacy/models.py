"""Teams and caseloads, access outside the caseload, and the processing log.

The log has two kinds of record, after the Logius standard *Logboek Dataverwerkingen* (LDV) and
NEN 7513: a `Verwerking` per processing per data subject (trace, activity, pseudonym, status,
times; no user), and a `Handeling` per piece of work (who, in which role, why). Both are
append-only and chained: the database gives every new row the next number and the hash of its
content chained to the row before (privacy.keten), so a changed or removed row shows.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Team(models.Model):
    """Consulenten who share a caseload: each sees the inwoners any of them directs (regisseur)."""

    naam = models.CharField(max_length=100, unique=True)
    leden = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="teams", blank=True)
    history = HistoricalRecords(m2m_fields=[leden])

    class Meta:
        verbose_name_plural = "teams"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class ToegangBuitenCaseload(models.Model):
    """'Break the glass': a consulent opened one inwoner outside their caseload, with a reason,
    for the rest of that day (`datum`, Europe/Amsterdam)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    inwoner = models.ForeignKey("indicaties.Inwoner", on_delete=models.PROTECT, related_name="+")
    reden = models.TextField()
    datum = models.DateField()
    geopend_op = models.DateTimeField()
    # Who directed the inwoner at that moment: the one who was told.
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = "toegang buiten de caseload"
        verbose_name_plural = "toegang buiten de caseload"
        ordering = ["-geopend_op", "id"]
        indexes = [models.Index(fields=["gebruiker", "datum", "inwoner"])]
        constraints = [models.CheckConstraint(condition=~Q(reden=""), name="toegang_met_reden")]

    def __str__(self) -> str:
        return f"{self.gebruiker} opende {self.inwoner} op {self.datum:%d-%m-%Y}"


class Status(models.TextChoices):
    """LDV `status_code`: ERROR for a server error, UNSET for the rest (a refused request too),
    OK for work the application saw through."""

    OK = "OK", "gelukt"
    UNSET = "UNSET", "niet voltooid (geweigerd of ongeldig verzoek)"
    ERROR = "ERROR", "fout in de applicatie"


class Geketend(models.Model):
    """Set by the database on insert (privacy.keten), never by the application."""

    volgnummer = models.BigIntegerField(unique=True, null=True, editable=False)
    inhoud_hash = models.CharField(max_length=64, editable=False)
    keten_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True


class Verwerking(Geketend):
    """One processing of one data subject's data (LDV). No user: who acted is in `Handeling`,
    linked by `trace_id` and `parent_span_id` = the work's span."""

    id = models.BigAutoField(primary_key=True)
    trace_id = models.CharField(max_length=32)
    span_id = models.CharField(max_length=16)
    parent_span_id = models.CharField(max_length=16, blank=True)
    verwerkingsactiviteit = models.CharField(max_length=100)
    betrokkene = models.CharField(max_length=64, help_text="HMAC-SHA256 van het BSN, nooit het BSN zelf.")
    status = models.CharField(max_length=5, choices=Status.choices)
    start = models.DateTimeField()
    eind = models.DateTimeField()

    class Meta:
        verbose_name_plural = "verwerkingen"
        ordering = ["volgnummer"]
        indexes = [
            models.Index(fields=["trace_id"]),
            models.Index(fields=["betrokkene", "start"]),
            models.Index(fields=["start"]),
        ]

    def __str__(self) -> str:
        return f"{self.verwerkingsactiviteit} {self.start:%d-%m-%Y %H:%M}"


class Handeling(Geketend):
    """Who processed data, in which role and why (NEN 7513): one per piece of work that
    processed personal data, with the number of data subjects."""

    id = models.BigAutoField(primary_key=True)
    trace_id = models.CharField(max_length=32)
    span_id = models.CharField(max_length=16)
    # The caller's span when the trace came in through `traceparent`.
    parent_span_id = models.CharField(max_length=16, blank=True)
    # Not a foreign key: the record outlives an account, and is what it was at the time.
    gebruiker_id = models.IntegerField(null=True)
    gebruikersnaam = models.CharField(max_length=150)
    rollen = models.CharField(max_length=100, blank=True)
    grond = models.CharField(max_length=200, help_text="Waarom deze gebruiker bij de gegevens mocht.")
    reden = models.TextField(blank=True)
    verwerkingsactiviteit = models.CharField(max_length=100)
    actie = models.CharField(max_length=200)
    status = models.CharField(max_length=5, choices=Status.choices)
    betrokkenen = models.PositiveIntegerField()
    tijdstip = models.DateTimeField()

    class Meta:
        verbose_name = "handeling"
        verbose_name_plural = "handelingen"
        ordering = ["volgnummer"]
        indexes = [models.Index(fields=["trace_id", "span_id"]), models.Index(fields=["tijdstip"])]

    def __str__(self) -> str:
        return f"{self.gebruikersnaam}: {self.actie}"


class KetenKop(models.Model):
    """The last number and hash of each chain; the insert trigger moves it on (one row lock)."""

    keten = models.CharField(max_length=20, primary_key=True)
    volgnummer = models.BigIntegerField()
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.keten} t/m {self.volgnummer}"


class KetenAnker(models.Model):
    """Where a chain continues after a purge: the number and hash of the last row removed."""

    keten = models.CharField(max_length=20)
    volgnummer = models.BigIntegerField()
    hash = models.CharField(max_length=64)
    opgeschoond_op = models.DateTimeField()
    verwijderd = models.PositiveIntegerField()
    ouder_dan = models.DateTimeField()

    class Meta:
        ordering = ["keten", "volgnummer"]
        constraints = [models.UniqueConstraint(fields=["keten", "volgnummer"], name="anker_uniek")]

    def __str__(self) -> str:
        return f"{self.keten} verder na {self.volgnummer}"


class Correctie(models.Model):
    """A row of the log that names a wrong value, set right without changing it: the rows of the
    log are never changed (privacy.keten). It points at the row by chain and number, and keeps the
    value the row holds (`was`), so the chain's check still sees the row as it was written."""

    keten = models.CharField(max_length=20, choices=[("verwerking", "verwerking"), ("handeling", "handeling")])
    volgnummer = models.BigIntegerField()
    veld = models.CharField(max_length=40, default="verwerkingsactiviteit")
    was = models.CharField(max_length=100)
    wordt = models.CharField(max_length=100)
    reden = models.TextField()
    vastgelegd_op = models.DateTimeField()

    class Meta:
        verbose_name_plural = "correcties"
        ordering = ["keten", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["keten", "volgnummer", "veld"], name="correctie_een_per_veld"),
        ]

    def __str__(self) -> str:
        return f"{self.keten} {self.volgnummer}: {self.veld} {self.was} → {self.wordt}"
