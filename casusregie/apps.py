from django.apps import AppConfig


class CasusregieConfig(AppConfig):
    name = "casusregie"
    verbose_name = "Casusregie"

    def ready(self) -> None:
        # sso registers the system checks of the single sign-on configuration; jsontypen makes a
        # JSON body be read with the types of the OpenAPI document; lookups adds `__een_van`.
        from casusregie import jsontypen, lookups, sso  # noqa: F401

        jsontypen.activeer()
