from django.apps import AppConfig


class ToetsingConfig(AppConfig):
    name = "toetsing"
    verbose_name = "Toetsing"

    def ready(self) -> None:
        # The verdicts on the page of an indicatie, which the register cannot import.
        from indicaties.web import aanvullingen

        from .web import indicatie

        aanvullingen.voeg_toe(
            gebeurtenissen=indicatie.gebeurtenissen, meldingen=indicatie.meldingen, onderwerpen=indicatie.onderwerpen
        )
