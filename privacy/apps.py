from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy"

    def ready(self):
        # Celery tasks carry the trace and log what they process; SQLite gets the hash function
        # the chain's trigger calls (privacy.keten).
        from . import keten, taken

        keten.koppel_sqlite()
        taken.koppel_celery()
