from django.apps import AppConfig


class IndicatiesConfig(AppConfig):
    name = "indicaties"
    verbose_name = "Indicatieregister"
