from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from privacy import logboek
from privacy.register import STUURINFORMATIE

from ...services import DeclaratiesGeweigerd, importeer_declaraties, samenvatting


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
        try:
            with logboek.als_commando(self):
                resultaat = importeer_declaraties(pad.read_bytes(), naam=pad.name)
        except DeclaratiesGeweigerd as exc:
            for fout in exc.fouten:
                self.stderr.write(str(fout))
            raise CommandError(
                f"{pad.name} is geweigerd: {len(exc.fouten)} fout{'en' if len(exc.fouten) != 1 else ''}. "
                "Er is niets ingelezen."
            ) from exc
        self.stdout.write(samenvatting(resultaat))
