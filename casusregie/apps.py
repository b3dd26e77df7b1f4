from django.apps import AppConfig


class CasusregieConfig(AppConfig):
    name = "casusregie"
    verbose_name = "Casusregie"

    def ready(self) -> None:
        # Registers the system checks of the single sign-on configuration.
        from casusregie import sso  # noqa: F401
