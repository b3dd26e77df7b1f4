from django.apps import AppConfig


class BerichtenConfig(AppConfig):
    name = "berichten"
    verbose_name = "Berichtenverkeer (iJw/iWmo)"

    def ready(self) -> None:
        from indicaties.web import aanvullingen

        # A decision on an indicatie writes its 301 in the same transaction (berichten.toewijzing);
        # `check --deploy` says when the official XSDs are not installed.
        from . import checks, toewijzing  # noqa: F401
        from .web import indicatie

        # What was declared on an indicatie, on its page, which the register cannot import.
        aanvullingen.voeg_toe(secties=indicatie.secties)
