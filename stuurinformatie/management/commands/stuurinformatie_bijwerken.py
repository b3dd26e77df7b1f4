import time

from django.core.management.base import BaseCommand

from privacy.register import GEEN
from stuurinformatie import maanden


class Command(BaseCommand):
    verwerking = GEEN  # figures only, as the overview: it names no inwoner
    help = (
        "Berekent de bewaarde maandcijfers van de stuurinformatie: de afgesloten maanden van dit en vorig jaar "
        "die ontbreken of sinds hun berekening zijn geraakt. Met --alles: elke afgesloten maand opnieuw."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--alles", action="store_true", help="Elke afgesloten maand sinds de eerste indicatie opnieuw berekenen"
        )

    def handle(self, *args, alles=False, **options):
        start = time.perf_counter()
        berekend = maanden.bijwerken(alles=alles)
        duur = time.perf_counter() - start
        if berekend:
            lijst = ", ".join(f"{m:%m-%Y}" for m in berekend)
            self.stdout.write(f"{len(berekend)} maand(en) berekend in {duur:.1f} s: {lijst}.")
        else:
            self.stdout.write("Alle bewaarde maanden waren actueel; niets berekend.")
