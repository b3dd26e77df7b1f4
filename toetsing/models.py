"""The weekly sample (steekproef) of granted indicaties and the verdicts on them.

A Steekproef records everything needed to reproduce its random draw: the seed, the percentage
and the population (sorted indicatie ids) it was drawn from. The week is unique, so a sample is
fixed by the first call that draws it; a concurrent second call fails on the constraint and
reads the first one's result instead (services.trek_steekproef).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indicaties.models import Indicatie

from .domein import Oordeel, Reden, ToetsingStatus


class Steekproef(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    week = models.CharField(max_length=8, unique=True, help_text="ISO-week, bijvoorbeeld 2027-W05.")
    seed = models.PositiveBigIntegerField(help_text="Startwaarde van de toevalsgenerator (random.Random).")
    percentage = models.DecimalField(max_digits=5, decimal_places=2)
    populatie = models.JSONField(
        default=list,
        help_text="De ids (gesorteerd) van de indicaties zonder signaal waaruit is getrokken.",
    )
    aangemaakt = models.DateTimeField()
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leeg: getrokken door de wekelijkse taak.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "steekproeven"
        ordering = ["-week"]
        constraints = [
            models.CheckConstraint(condition=Q(week__regex=r"^[0-9]{4}-W[0-9]{2}$"), name="steekproef_week_iso"),
            models.CheckConstraint(
                condition=Q(percentage__gte=0, percentage__lte=100), name="steekproef_percentage_0_tot_100"
            ),
        ]

    def __str__(self) -> str:
        return f"Steekproef {self.week}"


class Toetsing(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    steekproef = models.ForeignKey(Steekproef, on_delete=models.PROTECT, related_name="toetsingen")
    indicatie = models.ForeignKey(Indicatie, on_delete=models.PROTECT, related_name="toetsingen")
    reden = models.CharField(max_length=40, choices=Reden.choices)
    # Every signal the indicatie carried when it was drawn; `reden` is the first by priority.
    signalen = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=12, choices=ToetsingStatus.choices, default=ToetsingStatus.OPEN)
    oordeel = models.CharField(max_length=25, choices=Oordeel.choices, blank=True)
    toelichting = models.TextField(blank=True)
    beoordelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True, db_index=True)
    # The indicatie's version when it was judged: a follow-up is handled only after it changed.
    indicatie_versie_bij_oordeel = models.PositiveIntegerField(null=True, blank=True)
    reactie = models.TextField("reactie van de consulent", blank=True)
    gereageerd_op = models.DateTimeField(null=True, blank=True)
    opvolging_afgehandeld_op = models.DateTimeField(null=True, blank=True)
    opvolging_toelichting = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "toetsingen"
        ordering = ["steekproef__week", "reden", "id"]
        constraints = [
            models.UniqueConstraint(fields=["steekproef", "indicatie"], name="toetsing_een_per_indicatie_per_week"),
            models.CheckConstraint(condition=Q(reden__in=Reden.values), name="toetsing_reden_geldig"),
            models.CheckConstraint(
                condition=Q(
                    status=ToetsingStatus.OPEN,
                    oordeel="",
                    beoordelaar__isnull=True,
                    beoordeeld_op__isnull=True,
                )
                | Q(
                    status=ToetsingStatus.BEOORDEELD,
                    oordeel__in=Oordeel.values,
                    beoordelaar__isnull=False,
                    beoordeeld_op__isnull=False,
                ),
                name="toetsing_oordeel_volledig",
            ),
            models.CheckConstraint(
                condition=Q(oordeel__in=["", Oordeel.AKKOORD]) | ~Q(toelichting=""),
                name="toetsing_toelichting_tenzij_akkoord",
            ),
            models.CheckConstraint(
                condition=Q(reactie="", gereageerd_op__isnull=True)
                | Q(status=ToetsingStatus.BEOORDEELD, gereageerd_op__isnull=False) & ~Q(reactie=""),
                name="toetsing_reactie_na_oordeel",
            ),
            models.CheckConstraint(
                condition=Q(opvolging_afgehandeld_op__isnull=True) | Q(oordeel=Oordeel.NIET_AKKOORD),
                name="toetsing_opvolging_alleen_bij_niet_akkoord",
            ),
        ]

    def __str__(self) -> str:
        return f"Toetsing ({self.get_reden_display()}) van {self.indicatie_id}"

    @property
    def opvolging(self) -> str:
        """`geen`, `open` (niet akkoord, not yet handled) or `afgehandeld`."""
        if self.oordeel != Oordeel.NIET_AKKOORD:
            return "geen"
        return "open" if self.opvolging_afgehandeld_op is None else "afgehandeld"
