"""Demo data: the product catalogue of seed 000 (2021 tariffs), two aanbieders, invented inwoners
with valid fake BSNs, one user per role, a year of history lived through the services
(demo_geschiedenis), and a few indicaties registered today. Idempotent: a second run adds
nothing. Refused in production."""

import datetime
import secrets
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from basis import clock
from basis.roles import ALLE_ROLLEN, BEHEER
from berichten import xsd
from berichten.models import Bericht
from casusregie.demo.management.demo_geschiedenis import speel_geschiedenis
from indicaties import services
from indicaties.costs import TariefPeriode
from indicaties.models import Aanbieder, Indicatie, Inwoner, Product
from privacy.models import Team
from privacy.register import GEEN

TARIEF_2021 = datetime.date(2021, 1, 1)

# (code, naam, wet, tarief 2021 per uur, lichtere variant) — seed 000, "Tarieven per product".
CATALOGUS = [
    ("02A01", "Begeleiding Individueel – ontwikkelen (Wmo)", "wmo", "58.20", None),
    ("02A02", "Begeleiding Individueel – ontwikkelen Plus (Wmo)", "wmo", "68.40", "02A01"),
    ("02A03", "Begeleiding Individueel – stabiliseren en helpen bij (Wmo)", "wmo", "55.20", None),
    ("02A04", "Begeleiding Individueel – stabiliseren en overnemen (Wmo)", "wmo", "58.80", "02A03"),
    ("02A05", "Begeleiding Individueel – stabiliseren en overnemen plus (Wmo)", "wmo", "67.20", "02A04"),
    ("45C02", "Begeleiding Individueel – ontwikkelen (Jeugd)", "jeugdwet", "60.00", None),
    ("45C05", "Begeleiding Individueel – ontwikkelen Plus (Jeugd)", "jeugdwet", "78.00", "45C02"),
    ("45A65", "Behandeling Individueel – ontwikkelen (Jeugd)", "jeugdwet", "96.60", None),
    ("45A66", "Behandeling Individueel – ontwikkelen Plus (Jeugd)", "jeugdwet", "116.40", "45A65"),
]

AANBIEDERS = [("Zorgcollectief De Linde", "73730101"), ("Jeugdhulp Het Anker", "73730202")]

# Invented people; the BSNs pass the elfproef but belong to no one.
INWONERS = [
    ("592449154", "Sanne", "de Vries", datetime.date(1984, 3, 12), False),
    ("584867736", "Mohammed", "El Amrani", datetime.date(1971, 11, 2), False),
    ("459396444", "Daan", "Jansen", datetime.date(2014, 6, 30), False),
    ("689532192", "Fleur", "Bakker", datetime.date(2011, 1, 31), False),
    ("644615886", "Kees", "Visser", datetime.date(1948, 9, 9), True),
    ("159908620", "Noor", "Smit", datetime.date(2016, 2, 29), False),
]
# Invented addresses in the demo gemeente (0826, Oosterhout), with the geslacht the messages carry.
ADRESSEN = {
    "592449154": ("vrouw", "Kerkstraat", 12, "4901AB"),
    "584867736": ("man", "Molenlaan", 3, "4902CD"),
    "459396444": ("man", "Vijverpad", 27, "4903EF"),
    "689532192": ("vrouw", "Vijverpad", 29, "4903EF"),
    "644615886": ("man", "Lindenhof", 8, "4904GH"),
    "159908620": ("onbekend", "Bremstraat", 41, "4905JK"),
}

GEBRUIKERS = [
    ("consulent", "Carla", "Consulent", ["consulent"]),
    ("consulent2", "Koen", "Consulent", ["consulent"]),
    ("schakelteam", "Sam", "Schakelteam", ["schakelteam"]),
    ("backoffice", "Bo", "Backoffice", ["backoffice"]),
    ("beleid", "Bas", "Beleid", ["beleid"]),
    ("beheer", "Bea", "Beheer", ["beheer"]),
]


class Command(BaseCommand):
    help = "Laadt demogegevens (idempotent). Niet in productie."
    # Invented people; what the services it calls process, they log under their own activity.
    verwerking = GEEN

    def add_arguments(self, parser):
        parser.add_argument("--wachtwoord", help="Wachtwoord voor de demogebruikers (anders gegenereerd en bewaard).")
        parser.add_argument(
            "--geen-geschiedenis",
            action="store_true",
            help="Zonder het nagespeelde jaar (alleen catalogus en vandaag).",
        )

    def handle(self, *args, wachtwoord=None, geen_geschiedenis=False, **options):
        if settings.PRODUCTIE:
            raise CommandError("Demogegevens worden niet geladen in productie.")
        wachtwoord = wachtwoord or self._wachtwoord()
        with transaction.atomic():
            gebruikers = self._gebruikers(wachtwoord)
            # One team: both demo consulenten see each other's inwoners (need to know, docs/privacy.md).
            team, _ = Team.objects.get_or_create(naam="Wijkteam Centrum")
            team.leden.add(gebruikers["consulent"], gebruikers["consulent2"])
            beheerder = gebruikers["beheer"]
            self._catalogus(beheerder)
            aanbieders = self._aanbieders(beheerder)
            self._contracten(beheerder, aanbieders)
            inwoners = self._inwoners(gebruikers["consulent"])
        if not geen_geschiedenis and not Indicatie.objects.exists():
            self.stdout.write("Een jaar geschiedenis naspelen (registraties, besluiten, evaluaties, toetsing) ...")
            aantal = speel_geschiedenis(gebruikers, aanbieders, clock.today())
            self.stdout.write(f"  {aantal['geregistreerd']} indicaties in het afgelopen jaar.")
        with transaction.atomic():
            self._indicaties_van_vandaag(inwoners, gebruikers["consulent"], aanbieders)
        self.stdout.write(self.style.SUCCESS("Demogegevens staan klaar."))
        if xsd.map_istandaarden() is None:
            self.stdout.write(self.style.WARNING(f"Berichtenverkeer: {xsd.XSD_ONTBREEKT}"))
        else:
            self.stdout.write(f"Berichtenverkeer: {Bericht.objects.count()} berichten (zie /api/v1/berichten).")
        self.stdout.write(f"Demogebruikers ({', '.join(g[0] for g in GEBRUIKERS)}), wachtwoord: {wachtwoord}")

    def _wachtwoord(self) -> str:
        bestand = settings.VAR_DIR / "demo-wachtwoord.txt"
        if bestand.exists():
            return bestand.read_text().strip()
        wachtwoord = secrets.token_urlsafe(12)
        bestand.parent.mkdir(parents=True, exist_ok=True)
        bestand.write_text(wachtwoord + "\n")
        bestand.chmod(0o600)
        return wachtwoord

    def _gebruikers(self, wachtwoord: str) -> dict:
        User = get_user_model()
        gebruikers = {}
        for naam, voornaam, achternaam, rollen in GEBRUIKERS:
            user, _ = User.objects.get_or_create(
                username=naam,
                defaults={"first_name": voornaam, "last_name": achternaam, "email": f"{naam}@gemeente.invalid"},
            )
            user.set_password(wachtwoord)
            user.is_staff = BEHEER in rollen
            user.save()
            user.groups.set(Group.objects.filter(name__in=[r for r in rollen if r in ALLE_ROLLEN]))
            Token.objects.get_or_create(user=user)
            gebruikers[naam] = user
        return gebruikers

    def _catalogus(self, beheerder) -> None:
        for code, naam, wet, tarief, lichter in CATALOGUS:
            if Product.objects.filter(code=code).exists():
                continue
            services.registreer_product(
                gebruiker=beheerder,
                code=code,
                naam=naam,
                wet=wet,
                eenheid="uur",
                lichtere_variant=Product.objects.get(code=lichter) if lichter else None,
                tarieven=[TariefPeriode(TARIEF_2021, None, Decimal(tarief))],
            )

    def _aanbieders(self, beheerder) -> list[Aanbieder]:
        return [
            Aanbieder.objects.filter(agb_code=agb).first()
            or services.registreer_aanbieder(gebruiker=beheerder, naam=naam, agb_code=agb)
            for naam, agb in AANBIEDERS
        ]

    def _contracten(self, beheerder, aanbieders) -> None:
        """Both demo aanbieders are contracted for the whole catalogue, at its tarieven."""
        for aanbieder in aanbieders:
            for product in Product.objects.exclude(contracten__aanbieder=aanbieder):
                services.registreer_contract(
                    gebruiker=beheerder,
                    aanbieder=aanbieder,
                    product=product,
                    productcategorie=product.code[:2],
                    productcode=product.code[:5],
                    uitvoeringsvariant="inspanningsgericht",
                    tarief=None,
                    geldig_van=TARIEF_2021,
                    geldig_tot=None,
                )

    def _inwoners(self, consulent) -> list[Inwoner]:
        inwoners = []
        for bsn, voornaam, achternaam, geboortedatum, wlz in INWONERS:
            inwoner = Inwoner.objects.filter(bsn=bsn).first() or services.registreer_inwoner(
                gebruiker=consulent,
                bsn=bsn,
                voornaam=voornaam,
                achternaam=achternaam,
                geboortedatum=geboortedatum,
                wlz_indicatie=wlz,
                **dict(zip(("geslacht", "straat", "huisnummer", "postcode"), ADRESSEN[bsn], strict=True)),
                woonplaats="Oosterhout",
            )
            inwoners.append(inwoner)
        return inwoners

    def _indicaties_van_vandaag(self, inwoners, consulent, aanbieders) -> None:
        if Indicatie.objects.filter(inwoner__in=inwoners).exists():
            return
        vandaag = clock.today()
        product = {p.code: p for p in Product.objects.all()}
        voorbeelden = [
            # 6 uur per week: hooguit 8 maanden, evaluatie na 4 maanden.
            (inwoners[0], "02A01", aanbieders[0], "6", vandaag, 8, ""),
            # Zwaardere variant, met motivatie.
            (
                inwoners[1],
                "02A04",
                aanbieders[0],
                "3",
                vandaag,
                12,
                "Overnemen nodig: inwoner kan de administratie niet zelf.",
            ),
            (inwoners[2], "45C02", aanbieders[1], "4", vandaag, 6, ""),
            # Boven de drempel: wacht op het schakelteam.
            (inwoners[3], "45A66", aanbieders[1], "14", vandaag, 8, "Intensieve behandeling na crisisopname."),
        ]
        for inwoner, code, aanbieder, uren, begin, maanden, motivatie in voorbeelden:
            services.registreer_indicatie(
                gebruiker=consulent,
                gegevens=services.IndicatieGegevens(
                    inwoner=inwoner,
                    product=product[code],
                    aanbieder=aanbieder,
                    volume=Decimal(uren),
                    eenheid="uur",
                    frequentie="per_week",
                    ingangsdatum=begin,
                    einddatum=begin + relativedelta(months=maanden) - datetime.timedelta(days=1),
                    motivatie=motivatie,
                    doelen=(
                        services.DoelGegevens("Zelfstandig de dag indelen en afspraken nakomen", "tijdsbesteding"),
                    ),
                ),
            )
