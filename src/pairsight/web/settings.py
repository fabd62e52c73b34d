"""Django settings for PAIRsight.

Everything that differs between a laptop and a server comes from environment variables (see
the README section "Running in production"). With `PAIRSIGHT_ENV=production` the settings
refuse to start without a secret key and allowed hosts, and turn on HTTPS-only cookies and
HSTS; without it they suit `make run` on 127.0.0.1.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Everything PAIRsight writes (the SQLite database and its journal, built reports, uploads,
# the secret key) is for the account it runs as only: files 0600, folders 0700.
os.umask(0o077)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

WEB_DIR = Path(__file__).resolve().parent
PRODUCTION = os.environ.get("PAIRSIGHT_ENV", "").strip().lower() == "production"
DATA_DIR = Path(os.environ.get("PAIRSIGHT_DATA_DIR", Path.cwd() / "var")).resolve()
SECRET_KEY_FILE = DATA_DIR / "secret_key"
# Built reports (HTML, PDF, Word, slides), one folder per assessment; see reports/queries.py.
PAIRSIGHT_REPORTS_DIR = Path(os.environ.get("PAIRSIGHT_REPORTS_DIR", DATA_DIR / "reports"))
# Finished backups made from the web wait here to be downloaded (assessments/backup/jobs.py).
PAIRSIGHT_BACKUPS_DIR = Path(os.environ.get("PAIRSIGHT_BACKUPS_DIR", DATA_DIR / "backups"))
# Official statistics (`pairsight data fetch` / `data add`, and leads from the web): one data
# folder, one meaning, so the web app sees what the command line stored.
PAIRSIGHT_OFFICIAL_DATA_DIR = DATA_DIR / "official"

DEBUG = False if PRODUCTION else _env_flag("PAIRSIGHT_DEBUG", False)


def _secret_key() -> str:
    key = os.environ.get("PAIRSIGHT_SECRET_KEY", "").strip()
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("Set PAIRSIGHT_SECRET_KEY: production needs a fixed secret key.")
    # `pairsight web serve` writes this file so that every worker signs sessions alike.
    if SECRET_KEY_FILE.is_file():
        return SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
    return secrets.token_urlsafe(50)


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = _env_list("PAIRSIGHT_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set PAIRSIGHT_ALLOWED_HOSTS to the host names the service answers on, "
        "for example pairsight.example.nhs.uk"
    )
CSRF_TRUSTED_ORIGINS = _env_list("PAIRSIGHT_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "pairsight.web",
    "pairsight.assessments",
    "pairsight.population",
    "pairsight.recommendations",
    "pairsight.reports",
    "pairsight.surveys",
    "pairsight.servicemap",
    "pairsight.interviews",
    "pairsight.plan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pairsight.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pairsight.web.middleware.LoginRequiredMiddleware",
    "pairsight.web.middleware.IdsInRangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "pairsight.web.urls"
WSGI_APPLICATION = "pairsight.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pairsight.web.context_processors.service",
            ],
        },
    },
]

# SQLite (WAL) by default; PostgreSQL when DATABASE_URL names one.
_default_database = f"sqlite:///{DATA_DIR / 'pairsight.sqlite3'}"
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=_default_database,
        conn_max_age=int(os.environ.get("PAIRSIGHT_DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache shared by every worker process (sign-in throttling counts in its own table instead).
# Long work (report builds, imports) runs as tasks in a worker beside gunicorn: the database
# backend needs no other server. `immediate` runs a task inside the call that queues it
# (the tests, and a single-process trial without a worker).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = os.environ.get("PAIRSIGHT_TASKS_BACKEND", "database").strip().lower()
if _task_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"PAIRSIGHT_TASKS_BACKEND is {_task_backend!r}: use one of {', '.join(TASK_BACKENDS)}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_task_backend], "QUEUES": ["default"]}}
# A running job refreshes its heartbeat this often; one whose heartbeat is older than the
# stale threshold has lost its worker and is marked failed (assessments/tasks.py).
PAIRSIGHT_JOB_HEARTBEAT_SECONDS = float(os.environ.get("PAIRSIGHT_JOB_HEARTBEAT_SECONDS", "10"))
# Every worker sweeps for such jobs this often, so one is failed within stale + sweep seconds
# (under a minute) even if nobody opens its page.
PAIRSIGHT_JOB_STALE_SECONDS = float(os.environ.get("PAIRSIGHT_JOB_STALE_SECONDS", "50"))
PAIRSIGHT_JOB_SWEEP_SECONDS = float(os.environ.get("PAIRSIGHT_JOB_SWEEP_SECONDS", "5"))

# A shared cache, so that login throttling counts failures across every worker process.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "pairsight_cache",
    },
    # Page fragments that depend only on their inputs (population/views/workspace.py), per process.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pairsight-fragments",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = ["pairsight.web.auth_backend.NameOrEmailBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "assessments:list"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling (web/login_throttle.py): after MAX_FAILURES failed tries an account waits
# DELAY_SECONDS between tries, doubling each time up to MAX_DELAY_SECONDS; an address is locked
# for LOCKOUT_SECONDS after 4 x MAX_FAILURES. Counts are forgotten LOCKOUT_SECONDS after the last.
PAIRSIGHT_LOGIN_MAX_FAILURES = int(os.environ.get("PAIRSIGHT_LOGIN_MAX_FAILURES", "5"))
PAIRSIGHT_LOGIN_DELAY_SECONDS = int(os.environ.get("PAIRSIGHT_LOGIN_DELAY_SECONDS", "5"))
PAIRSIGHT_LOGIN_MAX_DELAY_SECONDS = int(os.environ.get("PAIRSIGHT_LOGIN_MAX_DELAY_SECONDS", "300"))
PAIRSIGHT_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("PAIRSIGHT_LOGIN_LOCKOUT_SECONDS", "900"))
# How long a one-time set-password link stays valid.
PAIRSIGHT_INVITATION_DAYS = int(os.environ.get("PAIRSIGHT_INVITATION_DAYS", "7"))

SESSION_COOKIE_AGE = int(os.environ.get("PAIRSIGHT_SESSION_SECONDS", str(8 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "pairsight.web.auth_views.csrf_failure"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Filled by collectstatic in production; elsewhere WhiteNoise reads the app folders directly.
STATIC_ROOT = (
    Path(os.environ.get("PAIRSIGHT_STATIC_ROOT", DATA_DIR / "static")) if PRODUCTION else None
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, WhiteNoise serves straight from the app folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# Headers every response carries; the content security policy is in web/middleware.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    SESSION_COOKIE_SECURE = _env_flag("PAIRSIGHT_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = _env_flag("PAIRSIGHT_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("PAIRSIGHT_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("PAIRSIGHT_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = _env_flag("PAIRSIGHT_HSTS_PRELOAD", False)
    SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"
    # HSTS for subdomains and the browsers' preload list bind the whole parent domain (a
    # trust's or council's), which is its owner's decision, not PAIRsight's: off unless the
    # operator turns them on, and the deployment check does not count them as faults.
    SILENCED_SYSTEM_CHECKS = [
        *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
        *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
    ]
if _env_flag("PAIRSIGHT_BEHIND_PROXY", False):
    # Only when a reverse proxy that sets this header (and strips it from clients) is in front.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# E-mail is optional: without a server the lead passes on the one-time link by hand.
EMAIL_HOST = os.environ.get("PAIRSIGHT_EMAIL_HOST", "")
PAIRSIGHT_EMAIL_ENABLED = bool(EMAIL_HOST)
if PAIRSIGHT_EMAIL_ENABLED:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("PAIRSIGHT_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("PAIRSIGHT_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("PAIRSIGHT_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _env_flag("PAIRSIGHT_EMAIL_TLS", True)
    DEFAULT_FROM_EMAIL = os.environ.get("PAIRSIGHT_EMAIL_FROM", "pairsight@localhost")
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": os.environ.get("PAIRSIGHT_LOG_LEVEL", "INFO")},
        "pairsight": {"handlers": ["console"], "level": "INFO"},
    },
}
