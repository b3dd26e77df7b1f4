"""Reusable queries of the register. Lists fetch their relations up front, so the number of
queries does not grow with the number of rows."""

from decimal import Decimal
from uuid import UUID

from django.db.models import Prefetch, QuerySet

from . import costs, rules
from .models import (
    LOPENDE_STATUSSEN,
    Besluit,
    Indicatie,
    IndicatieSignaal,
    Inwoner,
    Product,
    SchakelteamBeoordeling,
    Tarief,
)


def tariefperioden(product: Product) -> tuple[costs.TariefPeriode, ...]:
    return tuple(
        costs.TariefPeriode(t.geldig_van, t.geldig_tot, t.bedrag)
        for t in Tarief.objects.filter(product=product).order_by("geldig_van")
    )


def andere_lopende_indicaties(inwoner: Inwoner, behalve: UUID | None = None) -> tuple[rules.AndereIndicatie, ...]:
    qs = Indicatie.objects.filter(inwoner=inwoner, status__in=LOPENDE_STATUSSEN).select_related("product")
    if behalve is not None:
        qs = qs.exclude(pk=behalve)
    return tuple(
        rules.AndereIndicatie(
            product_code=i.product.code,
            wet=i.product.wet,
            ingangsdatum=i.ingangsdatum,
            einddatum=i.einddatum,
            geschatte_kosten=i.geschatte_kosten,
        )
        for i in qs
    )


def heeft_lichtere_variant(product: Product) -> bool:
    return product.lichtere_variant_id is not None


def goedgekeurd_bedrag(indicatie: Indicatie) -> Decimal | None:
    """The highest amount the schakelteam approved for this indicatie, if any."""
    besluit = (
        SchakelteamBeoordeling.objects.filter(indicatie=indicatie, besluit=Besluit.AKKOORD)
        .order_by("-beoordeeld_bedrag")
        .values_list("beoordeeld_bedrag", flat=True)
        .first()
    )
    return besluit


def indicaties_lijst() -> QuerySet[Indicatie]:
    return Indicatie.objects.select_related(
        "inwoner", "product", "aanbieder", "consulent", "evaluatie"
    ).prefetch_related(Prefetch("signaalregels", queryset=IndicatieSignaal.objects.only("indicatie_id", "code")))


def producten_lijst() -> QuerySet[Product]:
    return Product.objects.select_related("lichtere_variant").prefetch_related(
        Prefetch("tarieven", queryset=Tarief.objects.order_by("geldig_van"))
    )
