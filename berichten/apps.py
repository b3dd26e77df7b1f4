from django.apps import AppConfig


class BerichtenConfig(AppConfig):
    name = "berichten"
    verbose_name = "Berichtenverkeer (iJw/iWmo)"

    def ready(self) -> None:
        # A decision on an indicatie writes its 301 in the same transaction (berichten.toewijzing);
        # `check --deploy` says when the official XSDs are not installed.
        from . import checks, toewijzing  # noqa: F401
