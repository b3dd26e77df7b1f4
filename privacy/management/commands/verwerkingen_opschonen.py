import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from basis import clock

from ... import services
from ...register import GEEN


class Command(BaseCommand):
    help = (
        "Verwijdert verwerkingen en handelingen ouder dan de bewaartermijn (VERWERKINGEN_BEWAARTERMIJN_DAGEN) "
        "en legt vast waar de keten verdergaat, zodat de rest te controleren blijft."
    )
    # Removes the log's expired rows; no inwoner is read.
    verwerking = GEEN

    def add_arguments(self, parser):
        parser.add_argument(
            "--dagen",
            type=int,
            default=None,
            help=f"Bewaartermijn in dagen (standaard {settings.VERWERKINGEN_BEWAARTERMIJN_DAGEN}).",
        )

    def handle(self, *args, dagen=None, **options):
        dagen = settings.VERWERKINGEN_BEWAARTERMIJN_DAGEN if dagen is None else dagen
        if dagen < 1:
            raise CommandError("De bewaartermijn is minstens 1 dag.")
        grens = clock.now() - datetime.timedelta(days=dagen)
        try:
            verwijderd = services.opschonen(ouder_dan=grens)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for naam, aantal in verwijderd.items():
            self.stdout.write(f"{naam}: {aantal} regels van vóór {grens:%d-%m-%Y %H:%M} verwijderd.")
