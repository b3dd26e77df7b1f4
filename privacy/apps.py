from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy"

    def ready(self):
        # Celery tasks carry the trace and log what they process; SQLite gets the hash function
        # the chain's trigger calls (privacy.keten); a login with the municipality's account
        # brings the teams the identity provider names.
        from basis.oidc import ingelogd_met_gemeenteaccount

        from . import keten, services, taken

        keten.koppel_sqlite()
        taken.koppel_celery()
        ingelogd_met_gemeenteaccount.connect(services.bij_inloggen_met_gemeenteaccount, dispatch_uid="privacy-teams")
