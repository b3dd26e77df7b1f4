"""Test objects. Indicaties are made through the service, so every test object passed the rules."""

import datetime
import itertools
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from indicaties import services
from indicaties.costs import TariefPeriode
from indicaties.models import Aanbieder, Contract, Inwoner, Product, Tarief
from privacy.models import Team

ELFPROEF = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def _geldige_bsns():
    for n in itertools.count(100000000):
        s = str(n)
        if sum(int(c) * w for c, w in zip(s, ELFPROEF, strict=True)) % 11 == 0:
            yield s


_bsns = _geldige_bsns()


def geldig_bsn() -> str:
    return next(_bsns)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@gemeente.invalid")

    @factory.post_generation
    def rollen(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


# Need to know (privacy.caseload): a consulent sees the inwoners directed by their team. Tests that
# are not about it share one team, so every test consulent sees every test inwoner as before:
# a consulent made here joins the test team, and an inwoner made here is directed by one of its
# members. Tests of need to know put people in other teams (`team=`) or in none (`team=None`).
TESTTEAM = "Testteam"
GEDEELD = object()


def testteam() -> Team:
    return Team.objects.get_or_create(naam=TESTTEAM)[0]


def gebruiker(*rollen: str, team=GEDEELD, **kwargs):
    user = UserFactory(rollen=list(rollen), **kwargs)
    if team is GEDEELD:
        team = testteam() if "consulent" in rollen else None
    if team is not None:
        team.leden.add(user)
    return user


def testregisseur():
    """The regisseur of a test inwoner unless a test names one: a consulent of the test team."""
    bestaand = get_user_model().objects.filter(username="regisseur-testteam").first()
    return bestaand or gebruiker("consulent", username="regisseur-testteam", email="")


class InwonerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inwoner

    bsn = factory.LazyFunction(geldig_bsn)
    voornaam = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")
    geboortedatum = datetime.date(1980, 5, 17)
    wlz_indicatie = False
    regisseur = factory.LazyFunction(testregisseur)


# Care is only assigned under a contract (`geen_contract`). Tests that are not about contracts get
# one for every aanbieder–product pair they make: a new aanbieder is contracted for every product
# there is, a new product with every aanbieder, from 2000 on, without a tarief of its own (the
# catalogue's applies). Tests of contracts say `gecontracteerd=False`.
CONTRACT_VANAF = datetime.date(2000, 1, 1)


def standaardcategorie(product) -> str:
    if product.code[:2].isdigit() and product.wet == "jeugdwet" and 31 <= int(product.code[:2]) <= 55:
        return product.code[:2]
    return "45" if product.wet == "jeugdwet" else "02"


def contract_velden(product, **velden) -> dict:
    return {
        "productcategorie": standaardcategorie(product),
        "productcode": product.code[:5],
        "uitvoeringsvariant": "inspanningsgericht",
        "tarief": None,
        "geldig_van": CONTRACT_VANAF,
        "geldig_tot": None,
        **velden,
    }


def contracteer(aanbieder, product, **velden) -> Contract:
    return Contract.objects.create(aanbieder=aanbieder, product=product, **contract_velden(product, **velden))


class AanbiederFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanbieder
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Zorgaanbieder {n}")
    agb_code = factory.Sequence(lambda n: f"{73000000 + n:08d}")

    @factory.post_generation
    def gecontracteerd(self, create, extracted, **kwargs):
        if create and extracted is not False:
            # One insert however many there are: a test's queries do not grow with the catalogue.
            Contract.objects.bulk_create(
                Contract(aanbieder=self, product=product, **contract_velden(product))
                for product in Product.objects.exclude(contracten__aanbieder=self)
            )


class ProductFactory(factory.django.DjangoModelFactory):
    """A product with one open-ended tariff (default € 58,20 per uur from 1-1-2020)."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"99X{n:02d}")
    naam = factory.Sequence(lambda n: f"Testproduct {n}")
    wet = "wmo"
    eenheid = "uur"
    lichtere_variant = None

    @factory.post_generation
    def tarief(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Tarief.objects.create(
                product=self,
                geldig_van=datetime.date(2020, 1, 1),
                geldig_tot=None,
                bedrag=Decimal(extracted or "58.20"),
            )

    @factory.post_generation
    def gecontracteerd(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Contract.objects.bulk_create(
                Contract(aanbieder=aanbieder, product=self, **contract_velden(self))
                for aanbieder in Aanbieder.objects.exclude(contracten__product=self)
            )


# The goal every test indicatie gets unless a test names its own (`doelen` is required).
STANDAARD_DOEL = services.DoelGegevens("Zelfstandig de dag indelen", "tijdsbesteding")
# The same goal as the import's optional `doelen` column writes it (leefgebied, colon, goal).
DOELEN_KOLOM = f"{STANDAARD_DOEL.leefgebied}: {STANDAARD_DOEL.omschrijving}"


def doelen_api(*doelen: services.DoelGegevens) -> list[dict]:
    """`doelen` as the API takes them on a registration: the standard goal unless others are given."""
    return [{"omschrijving": d.omschrijving, "leefgebied": d.leefgebied or None} for d in doelen or (STANDAARD_DOEL,)]


def doelen_formulier() -> dict:
    """The goal rows of the web registration form, with the standard goal in the first."""
    return {
        "doelen-TOTAL_FORMS": "1",
        "doelen-INITIAL_FORMS": "0",
        "doelen-0-omschrijving": STANDAARD_DOEL.omschrijving,
        "doelen-0-leefgebied": STANDAARD_DOEL.leefgebied,
    }


def indicatie_gegevens(**overrides) -> services.IndicatieGegevens:
    velden = {
        "volume": Decimal("6"),
        "eenheid": "uur",
        "frequentie": "per_week",
        "ingangsdatum": datetime.date(2027, 1, 4),
        "einddatum": datetime.date(2027, 8, 31),
        "motivatie": "",
        "spoed": False,
        "spoed_reden": "",
        "voorganger": None,
        "doelen": (STANDAARD_DOEL,),
    }
    velden.update(overrides)
    if "inwoner" not in velden:
        velden["inwoner"] = InwonerFactory()
    if "product" not in velden:
        velden["product"] = ProductFactory()
    if "aanbieder" not in velden:
        velden["aanbieder"] = AanbiederFactory()
    return services.IndicatieGegevens(**velden)


def maak_indicatie(gebruiker_=None, **overrides):
    gebruiker_ = gebruiker_ or gebruiker("consulent")
    if "inwoner" not in overrides and gebruiker_.groups.filter(name="consulent").exists():
        # Whoever registers a new inwoner directs it (services.registreer_inwoner).
        overrides["inwoner"] = InwonerFactory(regisseur=gebruiker_)
    return services.registreer_indicatie(gebruiker=gebruiker_, gegevens=indicatie_gegevens(**overrides))


def tarieven(*perioden) -> list[TariefPeriode]:
    return [TariefPeriode(van, tot, Decimal(bedrag)) for van, tot, bedrag in perioden]
