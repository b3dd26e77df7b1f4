import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from basis.commando import domeinfouten_als_commandofout
from basis.roles import CONSULENT
from privacy import logboek
from privacy.register import IMPORTEREN

from ...services.importeren import importeer_indicaties


class Command(BaseCommand):
    help = (
        "Importeert bestaande indicaties uit een CSV-bestand (indeling: docs/import.md). Elke regel wordt aan alle "
        "regels getoetst; geweigerde regels komen met regelnummer en regelcode in het rapport. Nogmaals draaien "
        "importeert niets dubbel."
    )
    verwerking = IMPORTEREN

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Het CSV-bestand")
        parser.add_argument("--rapport", help="Waar het rapport komt (standaard: <bestand>-rapport.csv)")
        parser.add_argument("--consulent", help="Gebruikersnaam van de consulent die registreert")
        parser.add_argument(
            "--migratie",
            action="store_true",
            help="Registraties uit het oude systeem: ingangsdatum getoetst aan de kolom registratiedatum",
        )
        parser.add_argument(
            "--processen",
            type=int,
            default=1,
            help="Verdeel de regels over zoveel processen (alleen PostgreSQL; standaard 1). Regels van dezelfde "
            "inwoner blijven in één proces.",
        )

    def handle(self, *args, bestand, rapport=None, consulent=None, migratie=False, processen=1, **options):
        pad = Path(bestand)
        if not pad.is_file():
            raise CommandError(f"Bestand '{bestand}' bestaat niet.")
        gebruiker = None
        if consulent:
            gebruiker = get_user_model().objects.filter(username=consulent, is_active=True).first()
            if gebruiker is None or not gebruiker.groups.filter(name=CONSULENT).exists():
                raise CommandError(f"'{consulent}' is geen actieve consulent.")
        rapportpad = Path(rapport) if rapport else pad.with_name(f"{pad.stem}-rapport.csv")
        with (
            domeinfouten_als_commandofout(voorvoegsel=f"{pad.name}: "),
            pad.open(encoding="utf-8-sig", newline="") as f,
            logboek.als_commando(self, gebruiker=gebruiker),
        ):
            resultaat = importeer_indicaties(
                f, consulent=gebruiker, migratie=migratie, bron=pad.name, processen=processen
            )

        with rapportpad.open("w", encoding="utf-8", newline="") as f:
            schrijver = csv.writer(f, delimiter=";")
            schrijver.writerow(["regel", "extern_id", "uitkomst", "code", "veld", "melding"])
            for r in resultaat.rapport:
                schrijver.writerow([r.regel, r.extern_id, r.uitkomst, r.code, r.veld, r.melding])
        self.stdout.write(
            f"{resultaat.gelezen} regels gelezen: {resultaat.geimporteerd} geïmporteerd "
            f"({', '.join(f'{n} {s}' for s, n in sorted(resultaat.per_status.items())) or 'geen'}; "
            f"{resultaat.nieuwe_inwoners} nieuwe inwoners), {resultaat.al_geimporteerd} al eerder geïmporteerd, "
            f"{resultaat.geweigerd} geweigerd."
        )
        self.stdout.write(f"Rapport: {rapportpad}")
        if resultaat.geweigerd:
            self.stdout.write(self.style.WARNING("Niet alle regels zijn geïmporteerd: zie het rapport."))
