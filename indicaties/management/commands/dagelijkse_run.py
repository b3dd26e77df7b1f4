import datetime

from django.core.management.base import BaseCommand, CommandError

from basis.commando import domeinfouten_als_commandofout
from privacy import logboek
from privacy.register import DAGELIJKSE_RUN

from ... import services


class Command(BaseCommand):
    """Also under its name of contract v1, `run_daily_jobs` (the same command)."""

    help = "Voert het dagelijkse werk uit tot en met een datum (standaard vandaag) en haalt gemiste dagen in."
    verwerking = DAGELIJKSE_RUN

    def add_arguments(self, parser):
        parser.add_argument("--date", help="JJJJ-MM-DD (standaard: vandaag, Europe/Amsterdam)")

    def handle(self, *args, date=None, **options):
        datum = None
        if date:
            try:
                datum = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"Ongeldige datum '{date}': gebruik JJJJ-MM-DD.") from exc
        with domeinfouten_als_commandofout(), logboek.als_commando(self):
            run = services.voer_dagelijkse_taken_uit(datum)
        if run is None:
            self.stdout.write("Niets te doen: deze datum is al verwerkt.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Dagelijkse run {run.datum} voltooid: {run.samenvatting}"))
