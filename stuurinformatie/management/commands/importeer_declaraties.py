from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from basis.commando import domeinfouten_als_commandofout
from privacy import logboek
from privacy.register import STUURINFORMATIE

from ...services import importeer_declaraties, samenvatting


class Command(BaseCommand):
    help = (
        "Leest declaraties uit een CSV-bestand (kolommen indicatie, begindatum, einddatum, volume, eenheid, bedrag; "
        "docs/stuurinformatie.md). Eén foute regel weigert het hele bestand; elke foute regel wordt met de reden "
        "genoemd."
    )
    verwerking = STUURINFORMATIE

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Het CSV-bestand")

    def handle(self, *args, bestand, **options):
        pad = Path(bestand)
        if not pad.is_file():
            raise CommandError(f"Bestand '{bestand}' bestaat niet.")
        with domeinfouten_als_commandofout(self.stderr, voorvoegsel=f"{pad.name}: "), logboek.als_commando(self):
            resultaat = importeer_declaraties(pad.read_bytes(), naam=pad.name)
        self.stdout.write(samenvatting(resultaat))
