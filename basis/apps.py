from django.apps import AppConfig


class BasisConfig(AppConfig):
    name = "basis"
    # The label the ground floor had when it shared its package with the shell: its tables,
    # migrations, permissions (`casusregie.add_apitoken`) and admin addresses keep their names.
    label = "casusregie"
    verbose_name = "Casusregie"

    def ready(self) -> None:
        # sso and controles register the system checks (single sign-on, the deployment); jsontypen
        # makes a JSON body be read with the types of the OpenAPI document; lookups adds `__een_van`.
        from basis import controles, lookups, sso  # noqa: F401
        from basis.api import jsontypen

        jsontypen.activeer()
