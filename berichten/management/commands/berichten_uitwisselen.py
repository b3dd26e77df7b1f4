from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from berichten import services, xsd
from privacy.logboek import als_taak
from privacy.register import BERICHTENVERKEER


class Command(BaseCommand):
    verwerking = BERICHTENVERKEER
    help = "Leest DIR/in/*.xml in en schrijft de klaarstaande berichten naar DIR/uit/ (docs/berichten.md)."

    def add_arguments(self, parser):
        parser.add_argument("--map", default=settings.CASUSREGIE_UITWISSELPUNT, help="De uitwisselmap.")

    def handle(self, *args, map=None, **options):
        if not map:
            raise CommandError("Geef de uitwisselmap op met --map of CASUSREGIE_UITWISSELPUNT.")
        if xsd.map_istandaarden() is None:
            raise CommandError(xsd.XSD_ONTBREEKT)
        with als_taak(actie="manage.py berichten_uitwisselen", activiteit="berichtenverkeer-v1"):
            resultaat = services.uitwisselen(Path(map))
        self.stdout.write(
            f"{len(resultaat.verwerkt)} verwerkt, {len(resultaat.geweigerd)} geweigerd, "
            f"{len(resultaat.verzonden)} verzonden."
        )
        for naam, reden in resultaat.geweigerd:
            self.stdout.write(f"  geweigerd: {naam}: {reden}")
