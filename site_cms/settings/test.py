"""Test settings: fast, isolated, deterministic."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# A fast hasher: password hashing dominates fixture set-up otherwise.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In-memory mail outbox for assertions.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Local-memory cache regardless of REDIS_URL: tests must not share state through Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
RATE_LIMIT_CACHE = "default"
# Plain static storage: no manifest needed, no collectstatic before tests.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SITE_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
SITE_DEMO_CONTENT = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file-backed test database: concurrent-writer tests need real locking, which an in-memory
    # shared-cache database does not give (it answers "table is locked" instead of waiting).
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".pytest-db.sqlite3")}

# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Uploads go to throw-away folders, never into the working tree.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cdats-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cdats-test-private-"))

# The dummy translator (copies the source text) only here: tests of the editor's machine-translation
# flow need an engine, and the publish guard must refuse what it produces.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
# No HTML cache unless a test turns it on: most tests change rows directly and read the page again.
HTML_CACHE_SECONDS = 0
LISTING_KEYS_CACHE_SECONDS = 0
# E-mails are sent in the request (the outbox is checked right after a submission); the worker's own tests
# switch the background backend to the database.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "email"]},
}
# WeChat only where a test starts the fake WeChat API (tests/fake_wechat.py): never the real one.
WECHAT_APP_ID = WECHAT_APP_SECRET = ""
WECHAT_API_BASE_URL = "http://127.0.0.1:9"
