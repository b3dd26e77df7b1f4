from django.apps import AppConfig


class StuurinformatieConfig(AppConfig):
    name = "stuurinformatie"
    verbose_name = "Stuurinformatie"

    def ready(self) -> None:
        # The chain's approved prestaties are realised cost here, and the budgetplafond berichten
        # checks counts the files too (stuurinformatie/prestaties.py); berichten cannot import us.
        from berichten.plafond import registreer_plafondstand
        from berichten.signalen import prestaties_beoordeeld

        from . import prestaties

        prestaties_beoordeeld.connect(prestaties.beoordeeld, dispatch_uid="stuurinformatie.prestaties")
        registreer_plafondstand(prestaties.plafondstand)
