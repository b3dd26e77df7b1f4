"""Settings of the benchmarks: the product's settings, without debug, plus the bench-only URLs
with the baseline views (bench/urls.py). Never used by the product itself."""

from casusregie.settings import *  # noqa: F403

DEBUG = False
WHITENOISE_AUTOREFRESH = False
ROOT_URLCONF = "bench.urls"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
