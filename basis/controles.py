"""System checks of the deployment (`manage.py check --deploy`) that are not about single sign-on
(those are in basis.sso)."""

from django.conf import settings
from django.core import checks

# Transports that keep their messages in files or in memory on one machine: fine for a laptop, but
# a worker killed mid-task loses its messages there (docs/operations.md).
ALLEEN_ONTWIKKELING = ("filesystem://", "memory://")


@checks.register(checks.Tags.compatibility, deploy=True)
def controleer_broker(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: production needs a real broker (Redis); the file broker is for development."""
    url = getattr(settings, "CELERY_BROKER_URL", "") or ""
    if not url.startswith(ALLEEN_ONTWIKKELING):
        return []
    bericht = f"CELERY_BROKER_URL is '{url.split('://')[0]}://': die broker is alleen voor ontwikkeling."
    hint = "Zet CELERY_BROKER_URL op Redis, bijvoorbeeld redis://127.0.0.1:6379/0 (docs/configuration.md)."
    if getattr(settings, "PRODUCTIE", False):
        return [checks.Error(bericht, hint=hint, id="casusregie.E002")]
    return [checks.Warning(bericht, hint=hint, id="casusregie.W002")]
