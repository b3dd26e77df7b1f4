from django.core.management.base import BaseCommand, CommandError

from privacy.register import GEEN

from ... import rules, selectors
from ...models import Steekproef


class Command(BaseCommand):
    help = (
        "Trekt de steekproef van een week opnieuw uit de vastgelegde seed, het percentage en de populatie, "
        "en meldt of de uitkomst gelijk is aan de vastgelegde steekproef. Afwijking: exitcode 1."
    )
    # Ids and counts of indicaties only, no inwoner.
    verwerking = GEEN

    def add_arguments(self, parser):
        parser.add_argument("--week", required=True, help="ISO-week, bijvoorbeeld 2027-W05")

    def handle(self, *args, week, **options):
        fouten = rules.week_ongeldig(week)
        if fouten:
            raise CommandError(f"Ongeldige week '{week}': {fouten[0].bericht}")
        steekproef = Steekproef.objects.filter(week=week).first()
        if steekproef is None:
            raise CommandError(f"Voor week {week} is nog geen steekproef getrokken.")
        controle = selectors.controleer(steekproef)
        self.stdout.write(
            f"Week {controle.week}: seed {controle.seed}, percentage {controle.percentage}, "
            f"populatie {len(controle.populatie)} indicaties zonder signaal."
        )
        self.stdout.write(
            f"Opnieuw getrokken: {len(controle.verwacht)}; vastgelegd als steekproef: {len(controle.vastgelegd)}."
        )
        if set(controle.populatie_nu) != set(controle.populatie):
            self.stdout.write(
                "Ter informatie: volgens het register van vandaag zou de populatie anders zijn "
                f"({len(controle.populatie_nu)} indicaties), bijvoorbeeld door een latere intrekking of een nieuw "
                "signaal. De controle gebruikt de vastgelegde populatie."
            )
        if controle.klopt:
            self.stdout.write(self.style.SUCCESS("De steekproef komt overeen met de vastgelegde trekking."))
            return
        for indicatie_id in controle.ontbreekt:
            self.stdout.write(f"  ontbreekt in de vastgelegde steekproef: {indicatie_id}")
        for indicatie_id in controle.extra:
            self.stdout.write(f"  vastgelegd maar niet getrokken: {indicatie_id}")
        raise CommandError("De steekproef komt NIET overeen met de vastgelegde trekking.", returncode=1)
