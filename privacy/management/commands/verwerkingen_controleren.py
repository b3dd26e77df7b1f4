from django.core.management.base import BaseCommand, CommandError

from ... import keten, services
from ...register import GEEN


class Command(BaseCommand):
    help = (
        "Controleert de hashketen van het verwerkingenlogboek: elke gewijzigde, verwijderde of buiten de keten "
        "toegevoegde regel en elk gat geeft een fout en een exitcode die niet 0 is."
    )
    # The log's own hashes; its checking is not itself a processing of an inwoner.
    verwerking = GEEN

    def handle(self, *args, **options):
        fouten = []
        for naam in keten.KETENS:
            uitkomst = services.controleer_keten(naam)
            if uitkomst.in_orde:
                bereik = f"{uitkomst.eerste} t/m {uitkomst.laatste}" if uitkomst.rijen else "leeg"
                self.stdout.write(f"{naam}: {uitkomst.rijen} regels in orde ({bereik}).")
                # Kept outside the database, the head shows a chain that was rewritten as a whole.
                if kop := services.kop(naam):
                    self.stdout.write(f"{naam}: kop volgnummer {kop[0]}, hash {kop[1]}")
            fouten += uitkomst.fouten
        if fouten:
            for fout in fouten:
                self.stderr.write(fout)
            raise CommandError(f"Het verwerkingenlogboek is niet ongeschonden: {len(fouten)} fout(en).")
        self.stdout.write(self.style.SUCCESS("Het verwerkingenlogboek is ongeschonden."))
