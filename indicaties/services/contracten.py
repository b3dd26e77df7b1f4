"""Contracts of aanbieders for products (docs/domain.md, "The chain"). One transaction each."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q

from basis.exceptions import RuleViolation
from basis.historie import bewaar

from .. import rules
from ..models import Contract

CONTRACT_VELDEN = (
    "aanbieder",
    "product",
    "productcategorie",
    "productcode",
    "uitvoeringsvariant",
    "tarief",
    "geldig_van",
    "geldig_tot",
)


def _controleer_contract(contract: Contract) -> None:
    eind = contract.geldig_tot or datetime.date.max
    overlapt = (
        Contract.objects.filter(aanbieder=contract.aanbieder, product=contract.product, geldig_van__lte=eind)
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=contract.geldig_van))
        .exclude(pk=contract.pk)
        .exists()
    )
    fouten = rules.contract_fouten(
        wet=contract.product.wet,
        productcategorie=contract.productcategorie,
        productcode=contract.productcode,
        uitvoeringsvariant=contract.uitvoeringsvariant,
        tarief=contract.tarief,
        geldig_van=contract.geldig_van,
        geldig_tot=contract.geldig_tot,
        overlapt=overlapt,
    )
    if fouten:
        raise RuleViolation(fouten)


@transaction.atomic
def registreer_contract(*, gebruiker: AbstractBaseUser, **velden: Any) -> Contract:
    contract = Contract(**{k: v for k, v in velden.items() if k in CONTRACT_VELDEN})
    _controleer_contract(contract)
    bewaar(contract, gebruiker, "Contract vastgelegd")
    return contract


@transaction.atomic
def wijzig_contract(*, gebruiker: AbstractBaseUser, contract: Contract, wijzigingen: Mapping[str, Any]) -> Contract:
    contract = Contract.objects.select_for_update().select_related("product").get(pk=contract.pk)
    for veld, waarde in wijzigingen.items():
        if veld in CONTRACT_VELDEN:
            setattr(contract, veld, waarde)
    _controleer_contract(contract)
    bewaar(contract, gebruiker, "Contract gewijzigd")
    return contract
