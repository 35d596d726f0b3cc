"""All settings, read from the environment. See README.md, "Configuration"."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("BISTAND_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


# "local" (make run), "test" (the test suite), "demo" (a shared demo server) or "production".
ENVIRONMENT = os.environ.get("BISTAND_ENV", "local")
if ENVIRONMENT not in {"local", "test", "demo", "production"}:
    raise ImproperlyConfigured(f"BISTAND_ENV must be local, test, demo or production, not {ENVIRONMENT!r}")
IS_LOCAL = ENVIRONMENT in {"local", "test"}

DEBUG = env_bool("BISTAND_DEBUG")


def _secret_key() -> str:
    key = os.environ.get("BISTAND_SECRET_KEY", "")
    if key:
        return key
    if not IS_LOCAL:
        raise ImproperlyConfigured("BISTAND_SECRET_KEY must be set outside local runs")
    # Local runs keep a generated key under var/, never in the repository.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("BISTAND_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("BISTAND_CSRF_TRUSTED_ORIGINS", "")

# Synthetic identity numbers (month + 80, Skatteetaten's test numbers) are accepted only in
# test and demo settings; they can never belong to a real person.
ACCEPT_SYNTHETIC_IDENTITY_NUMBERS = ENVIRONMENT in {"local", "test", "demo"}

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "bistand.core",
    "bistand.reference",
    "bistand.accounts",
    "bistand.audit",
    "bistand.people",
    "bistand.casework",
    "bistand.employers",
    "bistand.jobs",
    "bistand.placements",
    "bistand.demo",
    "bistand.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "bistand.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "bistand.core.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "bistand.urls"
WSGI_APPLICATION = "bistand.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bistand.accounts.context_processors.roles",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = os.environ.get("BISTAND_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'bistand.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: a write transaction takes the lock at BEGIN, so two writers never
        # deadlock on lock upgrade; the busy timeout (seconds) makes the second one wait.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
    }
# The request's work and its access-log entry are written in one transaction.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_ADAPTER = "bistand.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if ENVIRONMENT == "test"
    else ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
)

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "bistand_language"
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The project's own static files (bistand.css, the vendored htmx) are not in an app.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"  # uploads live outside the web root, served only through checked views

# --- Security ---------------------------------------------------------------------------
SESSION_COOKIE_SECURE = not IS_LOCAL
CSRF_COOKIE_SECURE = not IS_LOCAL
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_SSL_REDIRECT = env_bool("BISTAND_SSL_REDIRECT", default=not IS_LOCAL)
SECURE_HSTS_SECONDS = 0 if IS_LOCAL else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not IS_LOCAL
SECURE_HSTS_PRELOAD = not IS_LOCAL
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BISTAND_BEHIND_PROXY") else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- E-mail (password reset) ----------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "BISTAND_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if IS_LOCAL else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("BISTAND_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("BISTAND_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("BISTAND_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("BISTAND_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("BISTAND_EMAIL_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("BISTAND_FROM_EMAIL", "Bistand <noreply@bistand.local>")

# --- Background tasks -------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

# --- Logging ----------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BISTAND_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Bistand ----------------------------------------------------------------------------
BISTAND_PAGE_SIZE = 25
BISTAND_CASELOAD_LIMIT = 20  # IPS fidelity item S1: at most 20 per full-time specialist

# Brønnøysund Register Centre (employer look-up) and NAV's job vacancy feed.
BISTAND_BRREG_URL = os.environ.get("BISTAND_BRREG_URL", "https://data.brreg.no/enhetsregisteret/api")
BISTAND_NAV_FEED_URL = os.environ.get("BISTAND_NAV_FEED_URL", "https://pam-stilling-feed.nav.no")
BISTAND_NAV_FEED_TOKEN = os.environ.get("BISTAND_NAV_FEED_TOKEN", "")
BISTAND_NAV_FEED_INTERVAL_MINUTES = int(os.environ.get("BISTAND_NAV_FEED_INTERVAL_MINUTES", "60"))
