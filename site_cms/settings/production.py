"""Production settings: everything secret or host-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, CACHES, DATABASES, MIDDLEWARE, RATE_LIMIT_CACHE, REDIS_URL, SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")
if CACHES[RATE_LIMIT_CACHE]["BACKEND"].rsplit(".", 1)[-1] in {"LocMemCache", "DummyCache", "FileBasedCache"}:
    # Each gunicorn worker would count rate limits on its own (home/security/checks.py says the same on --deploy).
    raise ImproperlyConfigured("Production needs a cache shared by every worker: set REDIS_URL or use the database.")

DEBUG = False
SITE_DEMO_CONTENT = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS on by default (a year); SECURE_HSTS_SECONDS=0 turns it off. Subdomains and preload are opt-in:
# they bind every host under the domain to HTTPS, including ones this project does not run.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
LANGUAGE_COOKIE_SECURE = True
# Superusers and the staff groups holding personal data or publishing rights must use a second factor in
# production (ADMIN_2FA_REQUIRED=0 turns it off, and `check --deploy` warns).
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", True)
WAGTAIL_2FA_REQUIRED = ADMIN_2FA_REQUIRED

# ------------------------------------------------------------------------------------------------
# Several workers and servers: shared cache, persistent connections, benchmark timing.
# ------------------------------------------------------------------------------------------------
# Several workers with a per-process cache would each keep their own menus and HTML cache, stale after a
# publish in another: refuse to start (gunicorn's config file exports WEB_CONCURRENCY).
if not REDIS_URL and int(os.environ.get("WEB_CONCURRENCY", "1")) > 1 and not env_bool("ALLOW_LOCAL_MEMORY_CACHE"):
    raise ImproperlyConfigured("REDIS_URL must be set when more than one worker runs (WEB_CONCURRENCY > 1).")
# Persistent database connections, checked before reuse (a restarted database is not an error).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if env_bool("BENCH_TIMING"):
    # `make bench` only: CPU time and SQL queries per response, in response headers.
    MIDDLEWARE = ["home.operations.bench_timing.BenchTimingMiddleware", *MIDDLEWARE]

# Django's deploy checks that describe choices made here on purpose, silenced so that `check --deploy` reports
# only what needs doing: HSTS `includeSubDomains` and `preload` are opt-in (W005, W021: they would force HTTPS on
# every host under the domain, including ones this project does not run; set SECURE_HSTS_INCLUDE_SUBDOMAINS /
# SECURE_HSTS_PRELOAD once that is true), and X-Frame-Options is SAMEORIGIN, not DENY (W019: Wagtail's preview
# frames our own pages; the CSP's frame-ancestors 'self' says the same).
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W019", "security.W021"]
