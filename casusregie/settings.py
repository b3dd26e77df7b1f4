"""Settings for Casusregie, read once from the environment.

`CASUSREGIE_OMGEVING` chooses the profile: `ontwikkeling` (default: a laptop, embedded SQLite
and a file-based Celery broker) or `productie` (secret key and hosts required, secure cookies,
HTTPS only). Every variable is described in docs/configuration.md.
"""

import hashlib
import os
from decimal import Decimal
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CASUSREGIE_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "ja", "on"}


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


OMGEVING = os.environ.get("CASUSREGIE_OMGEVING", "ontwikkeling")
if OMGEVING not in {"ontwikkeling", "productie"}:
    raise ImproperlyConfigured("CASUSREGIE_OMGEVING moet 'ontwikkeling' of 'productie' zijn.")
PRODUCTIE = OMGEVING == "productie"

if PRODUCTIE:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY (minstens 50 tekens) is verplicht in productie.")
    DEBUG = False
    ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "ontwikkeling-alleen-niet-voor-productie-" + "x" * 24)
    DEBUG = _env_bool("DJANGO_DEBUG", True)
    ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_htmx",
    "axes",
    "basis",
    "indicaties",
    "toetsing",
    "notifications",
    "stuurinformatie",
    "privacy",
    "casusregie.demo",
    "berichten",
]

MIDDLEWARE = [
    # First, so that every answer under /api/ gets its API-Version header, whoever made it.
    "basis.middleware.ApiAntwoorden",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Each request one piece of work in the processing log: its trace and what it processed.
    "privacy.middleware.Verwerkingslog",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so the Dutch 404 page it puts in place of Django's technical one gets every header.
    "basis.middleware.NederlandsePaginaNietGevonden",
]

ROOT_URLCONF = "casusregie.urls"
WSGI_APPLICATION = "casusregie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "casusregie" / "templates", BASE_DIR / "basis" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casusregie.navigatie.navigatie",
            ],
        },
    },
]

# Database: DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/casusregie), else SQLite.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("CASUSREGIE_SQLITE_PATH", str(VAR_DIR / "casusregie.sqlite3")),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("DATABASE_TEST_NAME") or None}
# Django's backend plus one thing: the processing log writes its records just before a
# transaction commits, in that transaction (privacy.db).
DATABASES["default"]["ENGINE"] = {
    "django.db.backends.postgresql": "privacy.db.postgresql",
    "django.db.backends.sqlite3": "privacy.db.sqlite3",
}.get(DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"])
# An index may carry extra columns for PostgreSQL to read (`include`); SQLite builds the same
# index without them, which is all this warning says.
SILENCED_SYSTEM_CHECKS = ["models.W040"] if DATABASES["default"]["ENGINE"] == "privacy.db.sqlite3" else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
# d-m-jjjj in the beheer screens too (basis/formats/nl/formats.py).
FORMAT_MODULE_PATH = ["basis.formats"]
# Dutch for Django REST framework's own messages, before DRF's incomplete catalogue.
LOCALE_PATHS = [BASE_DIR / "basis" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Outside production whitenoise serves straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTIE
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTIE
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Security. In production everything runs over HTTPS behind a proxy that sets X-Forwarded-Proto.
SESSION_COOKIE_SECURE = PRODUCTIE
CSRF_COOKIE_SECURE = PRODUCTIE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = PRODUCTIE and _env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTIE else None
SECURE_HSTS_SECONDS = 31536000 if PRODUCTIE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTIE
SECURE_HSTS_PRELOAD = PRODUCTIE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
# Passwords for the municipality's account are typed at its identity provider, which has its own
# lock-out: the return from it is neither counted nor blocked here (basis.oidc).
AXES_WHITELIST_CALLABLE = "basis.oidc.terugkeer_van_gemeenteaccount"

# Single sign-on with the municipality's account (OpenID Connect, mozilla-django-oidc): on when
# OIDC_RP_CLIENT_ID is set; the password login stays. See docs/configuration.md.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
# Empty endpoints come from the provider's discovery document (<issuer>/.well-known/openid-configuration).
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_CLAIM_ROLLEN = os.environ.get("OIDC_CLAIM_ROLLEN", "roles")
OIDC_ROLLEN = os.environ.get("OIDC_ROLLEN", "")
OIDC_CLAIM_TEAM = os.environ.get("OIDC_CLAIM_TEAM", "")
OIDC_CLAIM_GEBRUIKERSNAAM = os.environ.get("OIDC_CLAIM_GEBRUIKERSNAAM", "preferred_username")
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "10"))
OIDC_VERIFY_SSL = True
OIDC_USE_PKCE = True
if OIDC_RP_CLIENT_ID:
    if not (OIDC_OP_ISSUER and OIDC_RP_CLIENT_SECRET):
        raise ImproperlyConfigured("Met OIDC_RP_CLIENT_ID zijn OIDC_OP_ISSUER en OIDC_RP_CLIENT_SECRET verplicht.")
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "basis.oidc.GemeenteaccountBackend"]

# REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous API call then gets 401 with WWW-Authenticate, not 403.
        "basis.api.tokens.TokenAuthenticatie",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "basis.api.paginering.Paginering",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "basis.api.openapi.Schema",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "basis.api.onderhandeling.Onderhandeling",
    "DEFAULT_PARSER_CLASSES": [
        "basis.api.parsers.JsonParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "basis.api.fouten.problem_exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
}
# The full version of the API: in `info.version` and in the API-Version header of every answer.
# Changes for clients are in docs/api-changelog.md.
API_VERSIE = "1.1.0"
SPECTACULAR_SETTINGS = {
    "TITLE": "Casusregie API",
    "DESCRIPTION": (
        "Registratie en actieve casusregie van Wmo- en Jeugdwet-indicaties, volgens de NL API Design Rules.\n\n"
        "Aanmelden: `Authorization: Token <sleutel>`; functioneel beheer maakt het token aan. "
        "Elke fout is `application/problem+json` met een Nederlandse uitleg. "
        "Wat er per versie veranderde staat in docs/api-changelog.md."
    ),
    "VERSION": API_VERSIE,
    "CONTACT": {
        "name": os.environ.get("CASUSREGIE_API_CONTACT_NAAM", "Functioneel beheer Casusregie"),
        "email": os.environ.get("CASUSREGIE_API_CONTACT_EMAIL", "casusregie@gemeente.invalid"),
        "url": os.environ.get("CASUSREGIE_API_CONTACT_URL", "https://gemeente.invalid/casusregie"),
    },
    # The major version is in the server URL (/core/uri-version); the paths are relative to it.
    "SERVERS": [{"url": "/api/v1", "description": "Deze installatie"}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "basis.api.openapi.voeg_gedeelde_onderdelen_toe",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "ENUM_NAME_OVERRIDES": {
        # The (value, label) pairs of the domain's enums (indicaties.domein), by which the schema
        # recognises the same choices on every serializer.
        "IndicatieStatusEnum": "indicaties.domein.IndicatieStatus.choices",
        "PlanningStatusEnum": "indicaties.domein.EvaluatieStatus.choices",
        "UitkomstEnum": "indicaties.domein.Uitkomst.choices",
        "ResultaatBehaaldEnum": "indicaties.domein.ResultaatBehaald.choices",
        "BijstellingEnum": ["afschalen", "beeindigen", "anders_inzetten"],
        "RedenAfwijzingVerzoekEnum": "berichten.models.RedenAfwijzing",
    },
}

# Celery: CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0), else kombu's filesystem transport,
# which needs no server but still runs a real worker and beat.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "") or "filesystem://"
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "dagelijkse-taken": {
        "task": "indicaties.tasks.dagelijkse_taken",
        "schedule": crontab(hour=6, minute=0),
    },
    # Monday morning: the sample of the previous ISO week (toetsing).
    "wekelijkse-steekproef": {
        "task": "toetsing.tasks.wekelijkse_steekproef",
        "schedule": crontab(hour=7, minute=0, day_of_week=1),
    },
    # Every morning; from the first working day of a month the report of the month before goes to
    # beleid, once: the database records what was sent (stuurinformatie.rapport_versturen.verstuur_maandrapport).
    "maandrapport-stuurinformatie": {
        "task": "stuurinformatie.tasks.maandrapport",
        "schedule": crontab(hour=7, minute=30),
    },
    # Every morning after the daily run: the kept months of the stuurinformatie (the month that just
    # closed, and any of this year and last year touched since): stuurinformatie.maanden.bijwerken.
    "maandcijfers-stuurinformatie": {
        "task": "stuurinformatie.tasks.maandcijfers",
        "schedule": crontab(hour=6, minute=30),
    },
    # Every morning: the budgetplafond thresholds reached and not yet reported (stuurinformatie.plafonds).
    "budgetplafonds-stuurinformatie": {
        "task": "stuurinformatie.tasks.budgetplafonds",
        "schedule": crontab(hour=6, minute=45),
    },
}

# E-mail: console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "casusregie@gemeente.invalid")

SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A request line in a log never shows a BSN, whoever put it in a URL (basis/toegangslog.py).
    "filters": {"verberg_bsn": {"()": "basis.toegangslog.VerbergBsn"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["verberg_bsn"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # runserver's request lines (the URL with its query string), through the filter above.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # With DEBUG on, this logger writes every SQL statement with its parameters at DEBUG,
        # BSNs included. It stays at INFO even when someone turns Django's loggers to DEBUG.
        "django.db.backends": {"level": "INFO"},
    },
}

# --- Privacy (docs/privacy.md) ----------------------------------------------------------------
# The key of the pseudonym with which the processing log names a person (HMAC-SHA256 of the BSN).
# Set it, at least 32 characters, and never change it: older records are then no longer found by
# BSN. Required in production, where the secret key may be rotated; in development it is derived
# from the secret key.
PSEUDONIEM_SLEUTEL = os.environ.get("CASUSREGIE_PSEUDONIEM_SLEUTEL", "")
if PRODUCTIE and not PSEUDONIEM_SLEUTEL:
    raise ImproperlyConfigured("CASUSREGIE_PSEUDONIEM_SLEUTEL (minstens 32 tekens) is verplicht in productie.")
PSEUDONIEM_SLEUTEL = PSEUDONIEM_SLEUTEL or hashlib.sha256(f"casusregie-pseudoniem:{SECRET_KEY}".encode()).hexdigest()
if len(PSEUDONIEM_SLEUTEL) < 32:
    raise ImproperlyConfigured("CASUSREGIE_PSEUDONIEM_SLEUTEL heeft minstens 32 tekens.")
# How long the processing log is kept (days); `manage.py verwerkingen_opschonen` removes what is older.
VERWERKINGEN_BEWAARTERMIJN_DAGEN = int(os.environ.get("VERWERKINGEN_BEWAARTERMIJN_DAGEN", str(5 * 365 + 1)))

# --- Domain configuration (defaults from docs/domain.md) -------------------------------------
SCHAKELTEAM_DREMPEL = Decimal(os.environ.get("SCHAKELTEAM_DREMPEL", "50000.00"))
# The initial policy numbers (docs/domain.md, "Beleidsregels"); beheer sets new ones from a date.
UREN_GRENS = Decimal(os.environ.get("UREN_GRENS", "5"))
MAX_MAANDEN = int(os.environ.get("MAX_MAANDEN", "8"))
EVALUATIE_MAANDEN = int(os.environ.get("EVALUATIE_MAANDEN", "4"))
SPOED_TERUGWERKEND_DAGEN = int(os.environ.get("SPOED_TERUGWERKEND_DAGEN", "7"))
EVALUATIE_VOORLOOP_DAGEN = int(os.environ.get("EVALUATIE_VOORLOOP_DAGEN", "14"))
# Share (in %) of the granted indicaties without a signal that the weekly sample draws at random.
STEEKPROEF_PERCENTAGE = Decimal(os.environ.get("STEEKPROEF_PERCENTAGE", "10"))
# Product groups by code prefix; a product belongs to a group when its code starts with one.
PRODUCTGROEPEN = {
    "ambulante_begeleiding": ["02A", "45C"],
    "dagbesteding": ["03A", "41B"],
    "gezinshuiszorg": ["40G"],
    "begeleiding": ["02A", "45C"],
}
# Overlapping indicaties in both groups of a pair carry the signal `zorgstapeling`.
ZORGSTAPELING_COMBINATIES = [
    ("ambulante_begeleiding", "dagbesteding"),
    ("gezinshuiszorg", "begeleiding"),
]
# Jeugdwet products at the Wlz border (seed 001); three or more groups: signal `mogelijk_wlz`.
WLZ_GRENSGROEPEN = {
    "dagbehandeling": ["41A03"],
    "behandeling_individueel": ["45A65"],
    "individuele_begeleiding": ["45C02", "45C05", "45C09"],
    "kortdurend_verblijf": ["44C01", "44C02", "44C03"],
}

# --- The chain: iJw/iWmo messages (docs/berichten.md) ------------------------------------------
# The CBS code of the gemeente: the Afzender of every message it sends (4 digits; the demo: Oosterhout).
CASUSREGIE_GEMEENTECODE = os.environ.get("CASUSREGIE_GEMEENTECODE", "0826")
# The folder with the official XSDs of iJw 3.2 (ijw/) and iWmo 3.2 (iwmo/), installed by the
# municipality from the iStandaarden site; not part of this project. Without it nothing is sent.
# Default: ../shared/istandaarden beside the checkout (or beside its parent folder, for a checkout
# one level deeper), where it exists.
_ISTANDAARDEN_NAAST = next(
    (
        str(p)
        for p in (BASE_DIR.parent / "shared" / "istandaarden", BASE_DIR.parent.parent / "shared" / "istandaarden")
        if p.is_dir()
    ),
    "",
)
CASUSREGIE_ISTANDAARDEN = os.environ.get("CASUSREGIE_ISTANDAARDEN", _ISTANDAARDEN_NAAST)
# The exchange folder (in/, uit/, verwerkt/, geweigerd/) the GGk portal's files go through; when
# set, beat exchanges every five minutes.
CASUSREGIE_UITWISSELPUNT = os.environ.get("CASUSREGIE_UITWISSELPUNT", "")
# OP179: a file of at most 25 MB; anything larger is refused before it is read.
BERICHT_MAX_BYTES = int(os.environ.get("BERICHT_MAX_BYTES", str(25 * 1024 * 1024)))
# Days after the ingangsdatum within which the aanbieder reports the start (beleidsregel default).
START_TERMIJN_DAGEN = int(os.environ.get("START_TERMIJN_DAGEN", "28"))
# Every morning: requests of aanbieders still open after their deadline (notification verzoek_termijn).
CELERY_BEAT_SCHEDULE["verzoektermijnen"] = {
    "task": "berichten.tasks.verzoektermijnen",
    "schedule": crontab(hour=6, minute=15),
}
if CASUSREGIE_UITWISSELPUNT:
    CELERY_BEAT_SCHEDULE["berichten-uitwisselen"] = {
        "task": "berichten.tasks.uitwisselen",
        "schedule": crontab(minute="*/5"),
    }
