"""
Base settings shared by every environment.

Safe on its own: DEBUG is off and no secret lives here. Secrets, hosts and service URLs come from the
environment (see production.py). https://docs.djangoproject.com/en/5.2/ref/settings/
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

from home.editorial.machine_translation import engine_setting
from home.error_reporting import init_error_reporting

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# ------------------------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------------------------
DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Every absolute URL (canonical, hreflang, sitemap, feeds, e-mails, QR codes) is built from this one value.
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAIL_SITE_NAME = "成都服务贸易协会 CDATS"

INSTALLED_APPS = [
    "home",
    "news",
    "membership",
    "surveys",
    # modeltranslation must precede django.contrib.admin (it patches model admin at import time).
    "modeltranslation",
    "wagtail_localize",
    # wagtail_localize.locales replaces wagtail.locales (installing both clashes on the app label).
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Admin sign-in: lockouts (axes), the optional second factor (wagtail-2fa on django-otp), CSP checks.
    "axes",
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy, Cross-Origin-Resource-Policy and CSP on every response, static files included.
    "home.security_headers.SecurityHeadersMiddleware",
    "home.security_headers.SiteCSPMiddleware",
    # Directly after the header middleware so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: picks the language from the URL prefix.
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CSRF does): 413 for an oversized upload before it is read; NUL
    # characters dropped from the query string (PostgreSQL refuses them in any query).
    "home.middleware.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The second factor: required for users with the "Enable 2FA" permission (superusers) when on.
    "wagtail_2fa.middleware.VerifyUserPermissionsMiddleware",
    "home.admin_login.AdminLoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.middleware.ChineseLanguagePrefixRedirectMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "site_cms.wsgi.application"

# ------------------------------------------------------------------------------------------------
# Database and cache: embedded by default, services by URL.
# ------------------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for the lock instead of failing at once; IMMEDIATE takes the write lock at BEGIN,
    # which is what makes capacity checks safe under concurrent submissions.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache that every worker and every server shares: rate limits, spent form timestamps, the admin
# login throttle and menus must not live in per-process memory (home/checks.py refuses that on deploy).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cdats",
            # A dead Redis answers in a second instead of holding a worker.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # The database cache (table made by `manage.py createcachetable`, which `make run` runs). No culling
    # below a million rows: culling would forget rate-limit counts early.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cdats_cache",
            "KEY_PREFIX": "cdats",
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        }
    }
# The alias of the shared cache the rate limits and the admin login throttle count in.
RATE_LIMIT_CACHE = "default"

# ------------------------------------------------------------------------------------------------
# Internationalisation: zh-hans is the source language, en its translation.
# ------------------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "django_language"

MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_LANGUAGES = ("zh-hans", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hans",)

# New translations stay drafts until an editor publishes them: the English site never shows
# half-translated Chinese pages.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation in the translation editor: DeepL (DEEPL_AUTH_KEY) or Tencent Cloud TMT
# (TENCENTCLOUD_SECRET_ID / _KEY). None configured: no machine-translation button at all.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = engine_setting(os.environ)

# ------------------------------------------------------------------------------------------------
# Static and media
# ------------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# ------------------------------------------------------------------------------------------------
# Wagtail
# ------------------------------------------------------------------------------------------------
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "zip"]
# Wagtail's responsive embed wrapper sets an inline style (blocked by the public CSP): site.css sizes
# embedded players by aspect-ratio instead.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No "upgrade available" banner fetched from wagtail.org: an English notice, and a call abroad on every dashboard.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# ------------------------------------------------------------------------------------------------
# E-mail: console unless configured (EMAIL_HOST etc.).
# ------------------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "成都服务贸易协会 <noreply@cdats.org.cn>")

# ------------------------------------------------------------------------------------------------
# Security
# ------------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The language cookie is read by the server only (home/language.py); production adds Secure.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Request bodies: 413 over these, before the body is read (home.middleware.RequestBodyLimitMiddleware).
# Public forms carry at most a 10 MB licence; the admin uploads images and documents.
REQUEST_MAX_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", str(11 * 1024 * 1024)))
ADMIN_REQUEST_MAX_BYTES = int(os.environ.get("ADMIN_REQUEST_MAX_BYTES", str(100 * 1024 * 1024)))

# Content-Security-Policy (django-csp 4, home/security_headers.py). Public pages: nothing inline, no
# nonce (pages may be cached whole), nothing from other origins except embedded video players.
# JSON-LD (<script type="application/ld+json">) is a data block browsers never execute; script-src does
# not apply to it.
EMBED_FRAME_ORIGINS = env_list(
    "EMBED_FRAME_ORIGINS",
    "https://player.bilibili.com,https://v.qq.com,https://player.youku.com,"
    "https://www.youtube-nocookie.com,https://www.youtube.com,https://player.vimeo.com",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'", *EMBED_FRAME_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# The Wagtail admin (its page preview and the wagtail-localize editor included) renders inline scripts
# and style attributes, so its policy allows inline code, but still nothing from another origin except
# images (editors paste image URLs, embed thumbnails) and embed previews.
ADMIN_CSP_URL_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # 'unsafe-eval': Wagtail's core.js builds some functions with `new Function` at run time.
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "worker-src": ["'self'", "blob:"],
        "frame-src": ["'self'", *EMBED_FRAME_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Every powerful browser feature off; embedded players may go full screen.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), serial=(), "
    "fullscreen=(self " + " ".join(f'"{origin}"' for origin in EMBED_FRAME_ORIGINS) + ")"
)
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# ------------------------------------------------------------------------------------------------
# Admin sign-in (home/admin_login.py)
# ------------------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out (user name, IP) pair before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # shared by every worker and server
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # never the account alone, never the address alone
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ADMIN_LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_NEVER_LOCKOUT_GET = True
AXES_CLIENT_IP_CALLABLE = "home.spam.client_ip_or_none"
AXES_LOCKOUT_CALLABLE = "home.admin_login.lockout_response"
AXES_ENABLE_ADMIN = False  # Django's admin is not served; lockouts are in Wagtail's Settings menu
# Failed sign-ins per client IP (any user names) per window before that address must wait.
ADMIN_LOGIN_IP_LIMIT = (int(os.environ.get("ADMIN_LOGIN_IP_LIMIT", "100")), 3600)
# Password reset e-mails per address per window (and three times as many requests per IP).
ADMIN_PASSWORD_RESET_LIMIT = (int(os.environ.get("ADMIN_PASSWORD_RESET_LIMIT", "3")), 3600)

# The TOTP second factor (wagtail-2fa): when on, superusers (and groups given "Enable 2FA") must set up
# a device; other staff may. Off unless ADMIN_2FA_REQUIRED is set; production turns it on.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", False)
WAGTAIL_2FA_REQUIRED = ADMIN_2FA_REQUIRED
OTP_TOTP_ISSUER = "CDATS"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# One line per event; JSON lines for a log collector when LOG_FORMAT=json (home/log_format.py).
LOG_FORMAT = "json" if os.environ.get("LOG_FORMAT", "").strip().lower() == "json" else "line"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"()": "home.log_format.OneLineFormatter", "format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "home.log_format.JsonFormatter"},
        "one_line": {"()": "home.log.OneLineFormatter", "format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        # Expected noise without its traceback (JSON lines when LOG_FORMAT=json).
        "one_line_console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "one_line",
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Wagtail's background tasks run inline here and log every step at INFO.
    # Wagtail's audit messages (every page save) are in the admin's history already.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
        "pikepdf": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},
        # A request for a host we do not serve is scanner noise: one line, no traceback.
        "django.security.DisallowedHost": {"handlers": ["one_line_console"], "level": "ERROR", "propagate": False},
    },
}

# Error reports to Sentry (sentry.io or self-hosted) when SENTRY_DSN is set, personal data scrubbed first.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    init_error_reporting(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE", ""),
    )

# Labels for the language switcher and the admin, lazily translated.
LANGUAGE_LABELS = {"zh-hans": _("Chinese"), "en": _("English")}

# "22 May 2024" on English pages (Django's default English format is "May 22, 2024").
FORMAT_MODULE_PATH = ["site_cms.formats"]

# ------------------------------------------------------------------------------------------------
# Public forms: spam protection (home/spam.py)
# ------------------------------------------------------------------------------------------------
FORM_MIN_SUBMIT_SECONDS = int(os.environ.get("FORM_MIN_SUBMIT_SECONDS", "3"))
FORM_MAX_AGE_SECONDS = int(os.environ.get("FORM_MAX_AGE_SECONDS", str(24 * 3600)))
# (submissions, seconds): 60 an hour per IP lets 30 colleagues behind one company address register.
RATE_LIMIT_PER_IP = (int(os.environ.get("RATE_LIMIT_PER_IP", "60")), 3600)
RATE_LIMIT_PER_EMAIL = (int(os.environ.get("RATE_LIMIT_PER_EMAIL", "5")), 3600)
# How many reverse proxies in front of the app append to X-Forwarded-For (0: trust REMOTE_ADDR only).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
CSRF_FAILURE_VIEW = "home.error_pages.csrf_failure"

# Licences and certificates uploaded with membership applications: never under MEDIA_ROOT, no URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

# WeChat share cards need the official account's JS-SDK (AppID + a server-side signature endpoint).
# Reserved: nothing is loaded while this is empty, and the signature endpoint is not built yet.
# Without it WeChat falls back to the page title and the OpenGraph description/image.
WECHAT_APP_ID = os.environ.get("WECHAT_APP_ID", "")

# ------------------------------------------------------------------------------------------------
# Scheduler (`manage.py run_scheduler`, home/scheduler.py): name → (every seconds, management command).
# Apps add their periodic jobs here; one server runs each job at a time (a lease in the database).
# ------------------------------------------------------------------------------------------------
SCHEDULER_JOBS = {
    "publish_scheduled": (60, ["publish_scheduled"]),
    # Personal data past its retention period (PERSONAL_DATA_RETENTION_DAYS): once a day, idempotent.
    "purge_personal_data": (24 * 3600, ["purge_personal_data"]),
}
SCHEDULER_LEASE_SECONDS = int(os.environ.get("SCHEDULER_LEASE_SECONDS", "600"))

# ------------------------------------------------------------------------------------------------
# Personal data (PIPL): how long each kind is kept when nobody asks for its erasure, in days.
# `manage.py purge_personal_data` (daily, from the scheduler) enforces these; the privacy page shows them.
# ------------------------------------------------------------------------------------------------
PERSONAL_DATA_RETENTION_DAYS = {
    # Registrations, counted from the end of their event (confirmed ones stay as anonymous counts).
    "event_registrations": int(os.environ.get("RETENTION_EVENT_REGISTRATIONS_DAYS", "365")),
    # Rejected or abandoned (information requested, never answered) applications with their licences.
    "closed_applications": int(os.environ.get("RETENTION_CLOSED_APPLICATIONS_DAYS", "180")),
    # Form-builder submissions (wagtail.contrib.forms).
    "form_submissions": int(os.environ.get("RETENTION_FORM_SUBMISSIONS_DAYS", "365")),
    # Admin sign-in records of django-axes (failed sign-ins, lockouts, the sign-in log).
    "login_lockouts": int(os.environ.get("RETENTION_LOGIN_LOCKOUTS_DAYS", "90")),
    # Finished background-task results (e-mail tasks): read by the source the task worker registers.
    "task_results": int(os.environ.get("RETENTION_TASK_RESULTS_DAYS", "30")),
}
