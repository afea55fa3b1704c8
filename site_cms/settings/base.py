"""
Base settings shared by every environment.

Safe on its own: DEBUG is off and no secret lives here. Secrets, hosts and service URLs come from the
environment (see production.py). https://docs.djangoproject.com/en/5.2/ref/settings/
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

from home.editorial.machine_translation import engine_setting
from home.error_reporting import init_error_reporting

from .env import env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent


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
    # WeChat: share cards, the Official Account's articles (README "WeChat"); builds on home and news.
    "wechat",
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
    # Background tasks (wip-scale): e-mail through the database backend's worker, see TASKS.
    "django_tasks",
    "django_tasks_db",
    # A CDN or Varnish in front, purged on publish when WAGTAILFRONTENDCACHE is configured (below).
    "wagtail.contrib.frontend_cache",
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

# ------------------------------------------------------------------------------------------------
# Scale (wip-scale): compression, conditional GET and the HTML cache of anonymous visits, directly
# after whitenoise (cache hits skip sessions, locale, CSRF…); the Wagtail Site of a request from the
# shared cache, after CommonMiddleware has vetted the host name.
# ------------------------------------------------------------------------------------------------
MIDDLEWARE[MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1 : 0] = [
    "home.compression.CompressionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "home.html_cache.HtmlCacheMiddleware",
]
MIDDLEWARE[MIDDLEWARE.index("django.middleware.common.CommonMiddleware") + 1 : 0] = [
    # The shared-cache entries every page reads, in one round trip (after LocaleMiddleware: the menus' language).
    "home.request_cache.RequestCacheMiddleware",
    "home.routing.CachedSiteMiddleware",
]
# Longest life of a cached page (changes clear it at once; event times end it earlier); 0 turns it off.
HTML_CACHE_SECONDS = int(os.environ.get("HTML_CACHE_SECONDS", "300"))
# Compress HTML, feeds and sitemaps in the app; turn off where the proxy in front compresses (nginx).
COMPRESS_RESPONSES = env_bool("COMPRESS_RESPONSES", True)
# Background tasks: Wagtail's own (search index, references, CDN purge) run at once on `default`; our
# e-mails go to the named `background` backend, stored in the database and sent by `manage.py db_worker
# --backend background` (the Procfile's worker). TASKS_IMMEDIATE=1 sends them in the request instead.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("TASKS_IMMEDIATE")
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default", "email"],
    },
}

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
            # wip-scale: Django's RedisCache, with Redis errors served as cache misses (home/cache_backend.py);
            # short socket timeouts so that a hung Redis cannot stall requests.
            "BACKEND": "home.cache_backend.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cdats",
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
            },
        },
        # The same Redis for the rate limits and the admin login throttle, but raising its errors: those
        # decide for themselves how to fail (public forms open, admin login closed), which a cache that
        # turns errors into misses would hide.
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cdats",
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
            },
        },
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
RATE_LIMIT_CACHE = "limits" if REDIS_URL else "default"

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

# Content-Security-Policy, Permissions-Policy, admin sign-in lockouts and the second factor.
from .security import *  # noqa: E402, F403

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
# Registrations per client IP and event a day (new ones and repeats alike): one office may register a
# delegation; nobody may probe a list of addresses against one event.
REGISTRATION_LIMIT_PER_IP_AND_EVENT = (int(os.environ.get("REGISTRATION_LIMIT_PER_IP_AND_EVENT", "20")), 86400)
# A repeat registration for an address already registered e-mails that address its details again, at
# most this many times a day per address and event.
REGISTRATION_REMINDER_LIMIT = (int(os.environ.get("REGISTRATION_REMINDER_LIMIT", "3")), 86400)
# E-mail confirmation mode: a registration holds its place for this many hours until the link in its
# e-mail is opened and confirmed; unconfirmed, it is cancelled (by the scheduler) and its places freed.
REGISTRATION_EMAIL_CONFIRMATION = env_bool("REGISTRATION_EMAIL_CONFIRMATION", False)
REGISTRATION_CONFIRMATION_HOURS = int(os.environ.get("REGISTRATION_CONFIRMATION_HOURS", "24"))
# How many reverse proxies in front of the app append to X-Forwarded-For (0: trust REMOTE_ADDR only).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
CSRF_FAILURE_VIEW = "home.error_pages.csrf_failure"

# Licences and certificates uploaded with membership applications: never under MEDIA_ROOT, no URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

# WeChat's Official Account (the wechat app, README "WeChat"): share cards through its JS-SDK, and the import
# of its published articles. AppID and AppSecret come from the environment only (never the database or the
# admin); while either is empty nothing is asked of WeChat and no page loads its SDK.
WECHAT_APP_ID = os.environ.get("WECHAT_APP_ID", "")
WECHAT_APP_SECRET = os.environ.get("WECHAT_APP_SECRET", "")
WECHAT_API_BASE_URL = os.environ.get("WECHAT_API_BASE_URL", "https://api.weixin.qq.com").rstrip("/")
# The hosts the articles' images are downloaded from (WeChat's image CDN); nothing else is fetched.
WECHAT_IMAGE_HOSTS = env_list("WECHAT_IMAGE_HOSTS", "mmbiz.qpic.cn,mmbiz.qlogo.cn,mmecoa.qpic.cn")
# (requests, seconds) per client address to the JS-SDK signature endpoint: one per page view in WeChat;
# generous, as many phones share a carrier's address. Over it a page keeps WeChat's default card.
WECHAT_SIGNATURE_RATE_LIMIT = (int(os.environ.get("WECHAT_SIGNATURE_RATE_LIMIT", "300")), 60)

# ------------------------------------------------------------------------------------------------
# Scheduler (`manage.py run_scheduler`, home/scheduler.py): name → (every seconds, management command).
# Apps add their periodic jobs here; one server runs each job at a time (a lease in the database).
# ------------------------------------------------------------------------------------------------
SCHEDULER_JOBS = {
    "publish_scheduled": (60, ["publish_scheduled"]),
    # Personal data past its retention period (PERSONAL_DATA_RETENTION_DAYS): once a day, idempotent.
    "purge_personal_data": (24 * 3600, ["purge_personal_data"]),
    # Registrations not confirmed by e-mail in time (REGISTRATION_EMAIL_CONFIRMATION) give their places back.
    "expire_unconfirmed_registrations": (300, ["expire_unconfirmed_registrations"]),
    # The query planner's statistics: SQLite keeps none by itself (see home/management/commands).
    "analyze_database": (24 * 3600, ["analyze_database"]),
}
SCHEDULER_LEASE_SECONDS = int(os.environ.get("SCHEDULER_LEASE_SECONDS", "600"))

# ------------------------------------------------------------------------------------------------
# Past one machine (wip-scale): media on S3-compatible object storage, a CDN purged on publish.
# ------------------------------------------------------------------------------------------------
# Public media (images, documents) in a bucket shared by every app server: AWS S3, Alibaba Cloud OSS,
# Tencent COS, MinIO (django-storages' S3 backend). Membership licences stay in PRIVATE_MEDIA_ROOT.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID", ""),
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY", ""),
            # OSS and COS need virtual-hosted addressing; MinIO and test servers path-style.
            "addressing_style": os.environ.get("MEDIA_S3_ADDRESSING_STYLE", "virtual"),
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            # Public media: plain URLs (a CDN can cache them), files never overwritten in place.
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": os.environ.get("MEDIA_S3_DEFAULT_ACL") or None,
            "url_protocol": os.environ.get("MEDIA_S3_URL_PROTOCOL", "https:"),
        },
    }

# A CDN or Varnish that accepts HTTP PURGE requests (FRONTEND_CACHE_PURGE_URL, e.g. http://varnish:6081), or
# Cloudflare (FRONTEND_CACHE_CLOUDFLARE_ZONE_ID + _TOKEN). Cacheable pages then carry s-maxage.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
elif os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"],
            "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
        }
    }
HTML_CACHE_SHARED_MAX_AGE = int(
    os.environ.get(
        "HTML_CACHE_SHARED_MAX_AGE",
        "60"
        if os.environ.get("FRONTEND_CACHE_PURGE_URL") or os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID")
        else "0",
    )
)

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
# Finished e-mail task results (they hold record ids, not personal data) go after the same period, daily.
SCHEDULER_JOBS["prune_task_results"] = (
    24 * 3600,
    ["prune_db_task_results", "--backend", "background", "--queue-name", "*", "--min-age-days"]
    + [str(PERSONAL_DATA_RETENTION_DAYS["task_results"])],
)
