"""Contracts: care only under a contract on the ingangsdatum (`geen_contract`), the contract's own
tarief in the estimate, and the contracts' API for beheer."""

import datetime
from decimal import Decimal

import pytest

from basis.exceptions import RuleViolation
from indicaties import costs
from indicaties.models import Contract
from tests.factories import (
    AanbiederFactory,
    ProductFactory,
    contracteer,
    doelen_api,
    indicatie_gegevens,
    maak_indicatie,
)
from tests.indicaties.hulp import om

pytestmark = pytest.mark.django_db

INGANG = datetime.date(2027, 1, 4)


@pytest.fixture
def paar():
    product = ProductFactory(gecontracteerd=False)
    aanbieder = AanbiederFactory(gecontracteerd=False)
    return aanbieder, product


def _codes(exc) -> list[str]:
    return [v.code for v in exc.value.violations]


def test_zonder_contract_wordt_de_registratie_geweigerd(paar):
    aanbieder, product = paar
    with om(INGANG), pytest.raises(RuleViolation) as exc:
        maak_indicatie(aanbieder=aanbieder, product=product)
    assert _codes(exc) == ["geen_contract"]


def test_een_contract_dat_op_de_ingangsdatum_begint_is_genoeg(paar):
    aanbieder, product = paar
    contracteer(aanbieder, product, geldig_van=INGANG)
    with om(INGANG):
        assert maak_indicatie(aanbieder=aanbieder, product=product).status == "toegewezen"


def test_een_contract_dat_de_dag_na_de_ingangsdatum_begint_is_te_laat(paar):
    aanbieder, product = paar
    contracteer(aanbieder, product, geldig_van=INGANG + datetime.timedelta(days=1))
    with om(INGANG), pytest.raises(RuleViolation) as exc:
        maak_indicatie(aanbieder=aanbieder, product=product)
    assert _codes(exc) == ["geen_contract"]


def test_een_contract_dat_de_dag_voor_de_ingangsdatum_eindigt_is_te_kort(paar):
    aanbieder, product = paar
    contracteer(aanbieder, product, geldig_tot=INGANG - datetime.timedelta(days=1))
    with om(INGANG), pytest.raises(RuleViolation) as exc:
        maak_indicatie(aanbieder=aanbieder, product=product)
    assert _codes(exc) == ["geen_contract"]


def test_een_contract_van_een_andere_aanbieder_telt_niet(paar):
    aanbieder, product = paar
    contracteer(AanbiederFactory(gecontracteerd=False), product)
    with om(INGANG), pytest.raises(RuleViolation) as exc:
        maak_indicatie(aanbieder=aanbieder, product=product)
    assert _codes(exc) == ["geen_contract"]


def test_de_raming_gebruikt_het_tarief_van_het_contract(paar):
    aanbieder, product = paar  # catalogue: € 58,20
    contracteer(aanbieder, product, tarief=Decimal("60.00"))
    with om(INGANG):
        ind = maak_indicatie(aanbieder=aanbieder, product=product)
    # 6 uur per week, 4-1 t/m 31-8-2027 (240 dagen) at € 60,00: 6/7 · 240 · 60.
    assert ind.geschatte_kosten == Decimal("12342.86")


def test_zonder_eigen_tarief_geldt_het_tarief_van_de_catalogus(paar):
    aanbieder, product = paar
    contracteer(aanbieder, product, tarief=None)
    with om(INGANG):
        assert maak_indicatie(aanbieder=aanbieder, product=product).geschatte_kosten == Decimal("11972.57")


def test_contracttarief_geldt_alleen_op_de_dagen_van_het_contract():
    catalogus = (costs.TariefPeriode(datetime.date(2020, 1, 1), None, Decimal("50")),)
    contract = (costs.ContractPeriode(datetime.date(2027, 2, 1), datetime.date(2027, 2, 28), Decimal("70")),)
    perioden = costs.met_contracttarieven(catalogus, contract)
    assert perioden == (
        costs.TariefPeriode(datetime.date(2020, 1, 1), datetime.date(2027, 1, 31), Decimal("50")),
        costs.TariefPeriode(datetime.date(2027, 2, 1), datetime.date(2027, 2, 28), Decimal("70")),
        costs.TariefPeriode(datetime.date(2027, 3, 1), None, Decimal("50")),
    )


def test_toewijzingen_van_hetzelfde_product_bij_dezelfde_aanbieder_mogen_niet_overlappen():
    eerste = None
    with om(INGANG):
        eerste = maak_indicatie()
        with pytest.raises(RuleViolation) as exc:
            from indicaties import services

            services.registreer_indicatie(
                gebruiker=eerste.consulent,
                gegevens=indicatie_gegevens(
                    inwoner=eerste.inwoner,
                    product=eerste.product,
                    aanbieder=eerste.aanbieder,
                    ingangsdatum=eerste.einddatum,
                    einddatum=eerste.einddatum,
                ),
            )
    assert _codes(exc) == ["toewijzing_overlapt"]


def test_aansluitend_op_de_einddatum_overlapt_niet():
    from indicaties import services

    # Below 5 hours a week: the second continues the first (a verlenging), with no evaluation to
    # wait for, so only the overlap rule can refuse it.
    with om(INGANG):
        eerste = maak_indicatie(volume=Decimal("4"))
        tweede = services.registreer_indicatie(
            gebruiker=eerste.consulent,
            gegevens=indicatie_gegevens(
                inwoner=eerste.inwoner,
                product=eerste.product,
                aanbieder=eerste.aanbieder,
                volume=Decimal("4"),
                ingangsdatum=eerste.einddatum + datetime.timedelta(days=1),
                einddatum=eerste.einddatum + datetime.timedelta(days=30),
            ),
        )
    assert tweede.toewijzingnummer == eerste.toewijzingnummer + 1


def test_elke_indicatie_krijgt_een_eigen_toewijzingnummer():
    with om(INGANG):
        nummers = {maak_indicatie().toewijzingnummer for _ in range(3)}
    assert len(nummers) == 3
    assert all(isinstance(n, int) and n > 0 for n in nummers)


# --- API ---------------------------------------------------------------------------------------


def _body(aanbieder, product, **velden):
    return {
        "aanbieder": str(aanbieder.pk),
        "product": product.code,
        "productcategorie": "02",
        "productcode": product.code[:5],
        "uitvoeringsvariant": "inspanningsgericht",
        "tarief": "61.50",
        "geldig_van": "2027-01-01",
        "geldig_tot": None,
        **velden,
    }


def test_beheer_legt_een_contract_vast_en_iedereen_leest_het(api, paar):
    aanbieder, product = paar
    antwoord = api.als("beheer").post("/api/v1/contracten", _body(aanbieder, product), format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["tarief"] == "61.50"
    lijst = api.als("consulent").get(f"/api/v1/contracten?aanbieder={aanbieder.pk}")
    assert [c["id"] for c in lijst.json()["results"]] == [antwoord.json()["id"]]


def test_een_consulent_legt_geen_contract_vast(api, paar):
    aanbieder, product = paar
    assert api.als("consulent").post("/api/v1/contracten", _body(aanbieder, product), format="json").status_code == 403


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"productcategorie": "45"}, "productcategorie"),  # a Jeugdwet categorie for a Wmo product
        ({"productcode": "123456"}, "productcode"),
        ({"uitvoeringsvariant": "taakgericht"}, "tarief"),  # taakgericht with a tarief
        ({"geldig_tot": "2026-12-31"}, "geldig_tot"),
    ],
)
def test_een_ongeldig_contract_wordt_geweigerd_met_de_regel(api, paar, velden, veld):
    aanbieder, product = paar
    antwoord = api.als("beheer").post("/api/v1/contracten", _body(aanbieder, product, **velden), format="json")
    assert antwoord.status_code == 400
    assert veld in [p["name"] for p in antwoord.json()["invalid_params"]]


def test_een_tweede_contract_in_dezelfde_periode_wordt_geweigerd(api, paar):
    aanbieder, product = paar
    contracteer(aanbieder, product)
    antwoord = api.als("beheer").post("/api/v1/contracten", _body(aanbieder, product), format="json")
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["code"] == "contract_ongeldig"
    assert Contract.objects.filter(aanbieder=aanbieder).count() == 1


def test_registratie_via_de_api_zonder_contract_is_400_geen_contract(api, paar):
    aanbieder, product = paar
    client = api.als("consulent")
    from tests.factories import InwonerFactory

    inwoner = InwonerFactory(regisseur=client.user)
    body = {
        "inwoner": str(inwoner.pk),
        "product": product.code,
        "aanbieder": str(aanbieder.pk),
        "volume": "2",
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": "2027-01-04",
        "einddatum": "2027-03-31",
        "doelen": doelen_api(),
    }
    with om(INGANG):
        antwoord = client.post("/api/v1/indicaties", body, format="json")
    assert antwoord.status_code == 400
    assert [p["code"] for p in antwoord.json()["invalid_params"]] == ["geen_contract"]
