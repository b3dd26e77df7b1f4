"""Steering targets that beheer maintains as data (defaults from seed 000)."""

from django.db import models
from django.db.models import Q
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
