"""
Base settings shared by every environment, grouped by concern and read top to bottom.

Safe on its own: DEBUG is off and no secret lives here. Secrets, hosts and service URLs come from the
environment (see production.py). The security headers, the admin's sign-in and the public forms' limits are in
security.py, imported below. https://docs.djangoproject.com/en/5.2/ref/settings/
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

import dj_database_url

from home.editorial.machine_translation import engine_setting
from home.operations.error_reporting import init_error_reporting
from home.operations.log import logging_config

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

ROOT_URLCONF = "site_cms.urls"
WSGI_APPLICATION = "site_cms.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ------------------------------------------------------------------------------------------------
# Applications
# ------------------------------------------------------------------------------------------------
INSTALLED_APPS = [
    # Ours: the base, the two sections' apps, form pages, and the vendor patches (before wagtail.admin, whose
    # templates patches/templates overrides).
    "home",
    "news",
    "membership",
    "surveys",
    # WeChat: share cards, the Official Account's articles (README "WeChat"); builds on home and news.
    "wechat",
    "patches",
    # Plain models edited as one bilingual record (member units, industries, grades).
    "modeltranslation",
    # wagtail_localize.locales replaces wagtail.locales (installing both clashes on the app label).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    # A CDN or Varnish in front, purged on publish when WAGTAILFRONTENDCACHE is configured (below).
    "wagtail.contrib.frontend_cache",
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Admin sign-in: lockouts (axes), the second factor (wagtail-2fa on django-otp), the CSP header.
    "axes",
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Recovery codes: single-use codes accepted in place of the app's code (home/security/recovery_codes.py).
    "django_otp.plugins.otp_static",
    "csp",
    # Background tasks: e-mail through the database backend's worker, see TASKS.
    "django_tasks",
    "django_tasks_db",
]

# ------------------------------------------------------------------------------------------------
# Middleware, in the order a request passes it (a response passes it backwards)
# ------------------------------------------------------------------------------------------------
MIDDLEWARE = [
    # HTTPS redirect and Django's own security headers, first so that every response carries them.
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy, Cross-Origin-Resource-Policy and the CSP on every response, static files included.
    "home.security.headers.SecurityHeadersMiddleware",
    "home.security.headers.SiteCSPMiddleware",
    # Static files, directly after the headers: they skip everything below.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compressed HTML, feeds and sitemaps (COMPRESS_RESPONSES): gzip with Django's BREACH padding, by q-values.
    "home.caching.compression.CompressionMiddleware",
    # ETag / Last-Modified answers (304) for cached and uncached pages alike.
    "django.middleware.http.ConditionalGetMiddleware",
    # Whole pages for anonymous visitors from the shared cache: a hit skips sessions, locale, CSRF and the rest.
    "home.caching.html_cache.HtmlCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: the language from the URL prefix.
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CSRF does): 413 for an oversized upload before it is read; NUL characters
    # dropped from the query string (PostgreSQL refuses them in any query).
    "home.security.request_limits.RequestBodyLimitMiddleware",
    # Host name checks and the trailing-slash redirect.
    "django.middleware.common.CommonMiddleware",
    # The shared-cache entries every page reads, in one round trip (after LocaleMiddleware: the menus' language).
    "home.caching.request_cache.RequestCacheMiddleware",
    # The Wagtail Site of a request from the shared cache, after CommonMiddleware has vetted the host name.
    "home.caching.routing.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The second factor: required for users with the "Enable 2FA" permission when ADMIN_2FA_REQUIRED is on.
    "wagtail_2fa.middleware.VerifyUserPermissionsMiddleware",
    # Failed admin sign-ins per client IP and password-reset requests, counted in the shared cache.
    "home.security.admin_login.AdminLoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # /zh/, /zh-cn/… → 301 /zh-hans/….
    "home.language.ChineseLanguagePrefixRedirectMiddleware",
    # Redirects editors set up in the admin (imported old URLs), for paths no page answers.
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# ------------------------------------------------------------------------------------------------
# Templates
# ------------------------------------------------------------------------------------------------
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

# ------------------------------------------------------------------------------------------------
# Database: embedded SQLite by default, PostgreSQL by DATABASE_URL
# ------------------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for the lock instead of failing at once; IMMEDIATE takes the write lock at BEGIN,
    # which is what makes capacity checks safe under concurrent submissions. Write-ahead logging lets
    # readers go on while a writer works: with SQLite's default rollback journal a long import batch (or
    # any large transaction, once its pages spill to the file) locks every reader out until it commits,
    # so the admin and the site stall behind `populate_bulk`. The mode is stored in the file; setting it
    # again is a no-op. `synchronous` stays FULL: a confirmed submission survives a power cut.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }

# ------------------------------------------------------------------------------------------------
# Cache: one that every worker and every server shares (rate limits, spent form timestamps, the admin
# sign-in throttle, menus, the HTML cache); home/security/checks.py refuses per-process memory on deploy.
# ------------------------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
_REDIS_OPTIONS = {
    # Short socket timeouts: a hung Redis cannot stall requests.
    "socket_connect_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
    "socket_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
}
if REDIS_URL:
    CACHES = {
        # Redis errors served as cache misses (home/caching/backend.py): pages keep coming without Redis.
        "default": {
            "BACKEND": "home.caching.backend.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cdats",
            "OPTIONS": _REDIS_OPTIONS,
        },
        # The same Redis for the rate limits and the admin sign-in throttle, but raising its errors: those
        # decide for themselves how to fail (public forms open, admin sign-in closed).
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cdats",
            "OPTIONS": _REDIS_OPTIONS,
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
# The alias of the shared cache the rate limits and the admin sign-in throttle count in.
RATE_LIMIT_CACHE = "limits" if REDIS_URL else "default"

# ------------------------------------------------------------------------------------------------
# Languages: zh-hans is the source language, en its translation
# ------------------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
# Labels for the language switcher and the admin, lazily translated.
LANGUAGE_LABELS = {"zh-hans": _("Chinese"), "en": pgettext_lazy("language", "English")}
WAGTAIL_I18N_ENABLED = True
# The admin names the content languages in the staff member's language (中文 / 英文 in a Chinese admin).
WAGTAIL_CONTENT_LANGUAGES = [(code, LANGUAGE_LABELS[code]) for code, _name in LANGUAGES]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "django_language"
# "22 May 2024" on English pages (Django's default English format is "May 22, 2024").
FORMAT_MODULE_PATH = ["site_cms.formats"]

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
# Static files and media
# ------------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Licences and certificates uploaded with membership applications: never under MEDIA_ROOT, no URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Past one machine: public media (images, documents) in a bucket shared by every app server: AWS S3, Alibaba
# Cloud OSS, Tencent COS, MinIO (django-storages' S3 backend). Membership licences stay in PRIVATE_MEDIA_ROOT.
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

# ------------------------------------------------------------------------------------------------
# Wagtail
# ------------------------------------------------------------------------------------------------
# Chinese-aware search: every query and every indexed text segmented (home/search/backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search.backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "zip"]
# Wagtail's responsive embed wrapper sets an inline style (blocked by the public CSP): site.css sizes
# embedded players by aspect-ratio instead.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
# ASCII slugs (pinyin for Chinese titles, home/editorial/slugs.py), one slug shared by both trees.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No "upgrade available" banner fetched from wagtail.org: an English notice, and a call abroad on every dashboard.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from Gravatar (a service abroad, over plain HTTP, blocked by the admin's CSP anyway): Wagtail draws
# its default avatar; staff may upload their own.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The sign-in form with its password field labelled in the staff member's language (patches/login_form.py).
WAGTAILADMIN_USER_LOGIN_FORM = "patches.login_form.TranslatedLoginForm"

# ------------------------------------------------------------------------------------------------
# Serving pages: the HTML cache, compression, a CDN in front
# ------------------------------------------------------------------------------------------------
# Longest life of a cached page (changes clear it at once; event times end it earlier); 0 turns it off.
HTML_CACHE_SECONDS = int(os.environ.get("HTML_CACHE_SECONDS", "300"))
# How long a listing's keys in order stay in the shared cache (cleared with the listings; home/pagination.py): a
# page the HTML cache does not hold (a first visit after a publish, a visitor with cookies) skips counting and
# sorting the section. 0 turns it off.
LISTING_KEYS_CACHE_SECONDS = int(os.environ.get("LISTING_KEYS_CACHE_SECONDS", str(HTML_CACHE_SECONDS)))
# Seconds a proxy in front (nginx's micro-cache, ops/nginx/cdats.conf) may keep a page the HTML cache keeps: sent as
# X-Accel-Expires on those pages only (never a form, a session or the admin); 0 sends none.
EDGE_CACHE_SECONDS = int(os.environ.get("EDGE_CACHE_SECONDS", "1"))
# Compress HTML, feeds and sitemaps in the app (home/caching/compression.py: cached pages in brotli or gzip, the
# rest gzip with Django's BREACH padding). The shipped nginx site leaves proxied responses to the app.
COMPRESS_RESPONSES = env_bool("COMPRESS_RESPONSES", True)
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
_FRONTEND_CACHE = bool(
    os.environ.get("FRONTEND_CACHE_PURGE_URL") or os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID")
)
HTML_CACHE_SHARED_MAX_AGE = int(os.environ.get("HTML_CACHE_SHARED_MAX_AGE", "60" if _FRONTEND_CACHE else "0"))

# ------------------------------------------------------------------------------------------------
# E-mail: SMTP by EMAIL_HOST etc. (dev settings print to the console)
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
# Background tasks and the scheduler
# ------------------------------------------------------------------------------------------------
# Wagtail's own tasks (search index, references, CDN purge) run at once on `default`; our e-mails go to the
# named `background` backend, stored in the database and sent by `manage.py db_worker --backend background`
# (the Procfile's worker). TASKS_IMMEDIATE=1 sends them in the request instead.
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

# `manage.py run_scheduler` (home/operations/scheduler.py): name → (every seconds, management command). One
# server runs each job at a time (a lease in the database).
SCHEDULER_JOBS = {
    "publish_scheduled": (60, ["publish_scheduled"]),
    # Personal data past its retention period (PERSONAL_DATA_RETENTION_DAYS): once a day, idempotent.
    "purge_personal_data": (24 * 3600, ["purge_personal_data"]),
    # Registrations not confirmed by e-mail in time (REGISTRATION_EMAIL_CONFIRMATION) give their places back.
    "expire_unconfirmed_registrations": (300, ["expire_unconfirmed_registrations"]),
    # The query planner's statistics: SQLite keeps none by itself (home/management/commands/analyze_database.py).
    "analyze_database": (24 * 3600, ["analyze_database"]),
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
    # Finished background-task results (e-mail tasks; they hold record ids, not personal data).
    "task_results": int(os.environ.get("RETENTION_TASK_RESULTS_DAYS", "30")),
}
SCHEDULER_JOBS["prune_task_results"] = (
    24 * 3600,
    ["prune_db_task_results", "--backend", "background", "--queue-name", "*", "--min-age-days"]
    + [str(PERSONAL_DATA_RETENTION_DAYS["task_results"])],
)

# ------------------------------------------------------------------------------------------------
# Security: headers, cookies, request limits, the admin's sign-in, the public forms' protection
# ------------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "home.operations.error_pages.csrf_failure"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The language cookie is read by the server only (home/language.py); production adds Secure.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Content-Security-Policy, Permissions-Policy, request limits, admin sign-in and the public forms' limits.
from .security import *  # noqa: E402, F403

# ------------------------------------------------------------------------------------------------
# Logging and error reports
# ------------------------------------------------------------------------------------------------
# One line per event, personal data masked by every handler; JSON lines for a log collector when
# LOG_FORMAT=json (home/operations/log.py).
LOG_FORMAT = "json" if os.environ.get("LOG_FORMAT", "").strip().lower() == "json" else "line"
LOGGING = logging_config(
    LOG_FORMAT,
    level=os.environ.get("LOG_LEVEL", "INFO"),
    wagtail_level=os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING"),
)

# Error reports to Sentry (sentry.io or self-hosted) when SENTRY_DSN is set, personal data scrubbed first.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    init_error_reporting(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE", ""),
    )

# ------------------------------------------------------------------------------------------------
# WeChat
# ------------------------------------------------------------------------------------------------
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
