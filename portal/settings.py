"""Ponte's settings, read from environment variables only.

Without any variable set, Ponte runs on the embedded default: a SQLite file under
`var/`, Celery tasks run in-process, e-mails written to files under `var/mail/`.
With `PONTE_ENV=production` every secret must come from the environment.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from portal.core.l10n import cldr_country_names

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PONTE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("PONTE_ENV", "development") == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=False)

if PRODUCTION:
    # No default on purpose: a production site must never run on a known key.
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set (50+ characters) in production.")
else:
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "development-only-key-never-used-in-production-0123456789abcdef"
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_countries",
    "django_htmx",
    "csp",
    "portal.core",
    "portal.shell",
    "programme",
    "events",
    "matchmaking",
    "agreements",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything that reads the session or the database: a cached anonymous page is
    # answered here (portal.core.page_cache); on the way out it stores the finished response.
    "portal.core.page_cache.PageCacheMiddleware",
    "portal.shell.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the whole body of a POST.
    "portal.core.uploads.UploadSizeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.core.mfa.RequireMFAMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "csp.context_processors.nonce",
                "portal.core.notifications.context_processors.unread_notifications",
                "portal.core.privacy.privacy_notice",
                "portal.shell.seo.seo",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (psycopg 3) from DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if PRODUCTION and not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast instead of hanging a worker when PostgreSQL is gone.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 3
else:
    # Give concurrent writers (runserver threads, in-process tasks) time to take the lock.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every process, as rate limits need);
# a file cache under var/ otherwise, so the embedded default still shares it between processes.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
# E-mails in the recipient's language, from the programme at SITE_URL; sign-up asks for a name
# and the privacy notice (portal.core.accounts).
ACCOUNT_ADAPTER = "portal.core.accounts.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "portal.core.accounts.SignupForm"
# Only when the link is opened in the browser that signed up (allauth checks the session).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True

# django-allauth: e-mail is the login, verified before first use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Ponte] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_email": "1/m/user",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Ponte"
# Staff may not remove their authenticator (portal.core.mfa).
MFA_ADAPTER = "portal.core.mfa.MFAAdapter"
# Rate limits count the client's address: behind N proxies of ours (load balancer, nginx), the
# N-th address from the right of X-Forwarded-For. 0 ignores the header, which anyone can forge;
# unset behind a proxy, every client would share the proxy's address and its limits.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("PONTE_TRUSTED_PROXY_COUNT", "0"))

# Internationalisation: three languages, URLs prefixed by language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("it", "Italiano"),
    ("zh-hans", "中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Stored in UTC; every page shows times in the event's own zone, named.
TIME_ZONE = "UTC"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# Country names from CLDR in the reader's language, with the UN's names for Hong Kong, Macao and
# Taiwan (portal.core.l10n); django-countries' own catalogue has garbled Chinese names.
COUNTRIES_OVERRIDE = cldr_country_names()
COUNTRIES_FIRST = ["IT", "CN"]
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads. Files over 1 MB go to a temporary file rather than memory; the other fields of a
# request are bounded (Django answers 400 past it); any request body over REQUEST_MAX_BYTES is
# refused by its Content-Length before it is read (portal.core.uploads), views taking a file have
# their own, smaller limit.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 10
REQUEST_MAX_BYTES = 12 * 1024 * 1024

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
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
# Outside production, whitenoise serves straight from the app and static folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# Links in e-mails are made absolute with this; a production site must say its address, or
# e-mails would point at whatever host a request came in on.
if PRODUCTION and not os.environ.get("PONTE_SITE_URL"):
    raise ImproperlyConfigured("PONTE_SITE_URL must be set in production.")
NOTIFICATION_BASE_URL = os.environ.get("PONTE_SITE_URL", "http://127.0.0.1:8000")
# The same address, for what search engines and link previews fetch (hreflang, sitemap, images).
SITE_URL = NOTIFICATION_BASE_URL.rstrip("/")

# E-mail: SMTP in production, files under var/mail otherwise.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ponte <noreply@ponte.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Shown on the contact, privacy and legal pages: where people write to the programme.
PONTE_CONTACT_EMAIL = os.environ.get("PONTE_CONTACT_EMAIL", "") or DEFAULT_FROM_EMAIL
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# Badges (programme.badges.pdf) are printed with a TrueType font that has Chinese characters:
# Debian's fonts-wqy-microhei, which `make install` installs (README, "Badges"); another .ttf or
# .ttc with TrueType outlines can be named here.
BADGE_FONT = os.environ.get("PONTE_BADGE_FONT", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# Celery: Redis broker from CELERY_BROKER_URL; without one, tasks run in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
if PRODUCTION and not CELERY_BROKER_URL:
    raise ImproperlyConfigured("CELERY_BROKER_URL must be set in production.")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
# A task acknowledged only after it ran is redelivered if its worker dies mid-way.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A view queues notifications after commit: with the broker gone it must give up within ~1 s
# (the row stays pending and the beat sweep sends it), never hang the request.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 1,
    # Also for a Redis that accepts connections but does not answer (hung, paused).
    "socket_timeout": 1,
    # kombu otherwise retries opening the channel for 2 s before a publish gives up.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BEAT_SCHEDULE = {
    "send-pending-notifications": {
        "task": "portal.tasks.send_pending_notifications",
        "schedule": 60.0,
    },
    "send-daily-digests": {
        "task": "portal.tasks.send_daily_digests",
        # 06:00 UTC: morning in Italy, early afternoon in China.
        "schedule": crontab(hour=6, minute=0),
    },
    # Unverified accounts, stale invitations and join requests, old notifications.
    "apply-retention": {
        "task": "portal.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
}

# Security: safe by default, strict in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Read from the cache (Redis in production), written through to the database: a signed-in
# page no longer waits for PostgreSQL to find its session. Whoever deletes sessions goes
# through the session store, which deletes both copies (portal.core.services.erasure).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # NONCE: only pages that use request.csp_nonce (JSON-LD data blocks) get one.
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Pages that must stay cheap (directory, programme) cache nothing per user; see each app.
SITE_NAME = "Ponte"
