from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "casusregie.demo"
    label = "demo"
    verbose_name = "Demodata"
