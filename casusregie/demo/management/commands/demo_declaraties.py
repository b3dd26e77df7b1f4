"""Demo declaraties: what the aanbieders of the demo data would have declared for the care they
delivered, month by month, read in through the same import as a real file; last month through the
chain instead (a 323 per aanbieder and law, answered with a 325: demo_keten) where the iStandaarden
XSDs are installed. Also gives the demo aanbieders a budget ceiling, so the overview shows one near
its limit. Refused in production."""

import datetime
import hashlib
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from basis import clock
from basis.commando import domeinfouten_als_commandofout
from basis.notatie import euro
from basis.roles import BEHEER
from berichten import xsd
from casusregie.demo.management import demo_keten
from indicaties import services as register
from indicaties.domein import TOEGEKENDE_STATUSSEN
from indicaties.models import Aanbieder, Indicatie
from privacy.register import GEEN
from stuurinformatie.models import Declaratie
from stuurinformatie.services import KOLOMMEN, importeer_declaraties, samenvatting

CENT = Decimal("0.01")
# Share of the yearly cost of granted care that each demo aanbieder gets as its ceiling: one
# comfortably within, one close to it (the overview's warning from 80%).
PLAFOND_FACTOR = (Decimal("1.6"), Decimal("0.9"))


def _levering(indicatie_id) -> Decimal:
    """How much of the indicated care was delivered: between 75% and 100%, fixed per indicatie."""
    getal = int(hashlib.sha256(str(indicatie_id).encode()).hexdigest()[:8], 16)
    return Decimal(75 + getal % 26) / 100


def regels(tot: datetime.date) -> list[list[str]]:
    """One row per indicatie and calendar month of delivered care up to `tot`, not yet declared."""
    # A month already declared (by a file or through the chain, from whatever day) is not again.
    al = {(i, begin.replace(day=1)) for i, begin in Declaratie.objects.values_list("indicatie_id", "begindatum")}
    uit = []
    for i in Indicatie.objects.filter(status__in=TOEGEKENDE_STATUSSEN, ingangsdatum__lte=tot).order_by(
        "ingangsdatum", "id"
    ):
        einde = min(i.einddatum or tot, tot)
        kostendagen = ((i.einddatum or i.ingangsdatum + relativedelta(years=1, days=-1)) - i.ingangsdatum).days + 1
        levering = _levering(i.id)
        begin = i.ingangsdatum
        while begin <= einde:
            eind = min(begin.replace(day=1) + relativedelta(months=1, days=-1), einde)
            if (i.id, begin.replace(day=1)) not in al:
                dagen = (eind - begin).days + 1
                bedrag = (i.geschatte_kosten * dagen / kostendagen * levering).quantize(CENT, rounding=ROUND_HALF_UP)
                volume = (i.volume * dagen / 7 * levering).quantize(CENT, rounding=ROUND_HALF_UP)
                if i.frequentie != "per_week":
                    volume = (i.volume * levering).quantize(CENT, rounding=ROUND_HALF_UP)
                uit.append(
                    [str(i.id), begin.isoformat(), eind.isoformat(), str(max(volume, CENT)), i.eenheid, str(bedrag)]
                )
            begin = eind + datetime.timedelta(days=1)
    return uit


class Command(BaseCommand):
    help = "Demo: declaraties voor de geleverde zorg tot en met vorige maand, en budgetplafonds voor de aanbieders."
    # Invented declaraties for the demo's indicaties; no inwoner is read.
    verwerking = GEEN

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTIE", False):
            raise CommandError("Demo-declaraties worden niet in productie aangemaakt.")
        vandaag = clock.today()
        tot = vandaag.replace(day=1) - datetime.timedelta(days=1)
        # Last month through the chain (323 in, 325 out) where the XSDs are installed; before it a file.
        keten = demo_keten.beschikbaar()
        if keten:
            tot = tot.replace(day=1) - datetime.timedelta(days=1)
        else:
            self.stdout.write(self.style.WARNING(f"Declaraties alleen als bestand: {xsd.XSD_ONTBREEKT}"))
        rijen = regels(tot)
        if rijen:
            inhoud = ";".join(KOLOMMEN) + "\n" + "\n".join(";".join(r) for r in rijen) + "\n"
            with domeinfouten_als_commandofout(self.stderr):
                resultaat = importeer_declaraties(inhoud.encode(), naam=f"demo-declaraties-tot-{tot:%Y%m%d}.csv")
            self.stdout.write(samenvatting(resultaat))
        else:
            self.stdout.write("Geen nieuwe demo-declaraties.")
        if keten:
            with domeinfouten_als_commandofout(self.stderr):
                for regel in demo_keten.declareer(tot + datetime.timedelta(days=1), vandaag, _levering):
                    self.stdout.write(regel)
        beheerder = get_user_model().objects.filter(groups__name=BEHEER).first()
        if beheerder is None:
            return
        for aanbieder, factor in zip(Aanbieder.objects.order_by("agb_code"), PLAFOND_FACTOR, strict=False):
            if aanbieder.budgetplafond is not None:
                continue
            jaar = datetime.date(vandaag.year, 1, 1)
            kosten = sum(
                (
                    i.geschatte_kosten
                    for i in Indicatie.objects.filter(
                        aanbieder=aanbieder,
                        status__in=TOEGEKENDE_STATUSSEN,
                        ingangsdatum__gte=jaar - relativedelta(years=1),
                    )
                ),
                Decimal(0),
            )
            plafond = (kosten * factor / 1000).quantize(Decimal(1)) * 1000 or Decimal(100000)
            register.wijzig_aanbieder(gebruiker=beheerder, aanbieder=aanbieder, wijzigingen={"budgetplafond": plafond})
            self.stdout.write(f"Budgetplafond van {aanbieder.naam}: {euro(plafond)}")
