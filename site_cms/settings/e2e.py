"""
Browser-test settings (tests/e2e/, `make e2e`, `make lighthouse`): the demo site as a visitor meets it.

Like dev (demo event and sample members, static files without collectstatic) but with DEBUG off, so
pages, error pages and headers are the ones production serves and Lighthouse measures a realistic page.
It imports base, not dev, so a developer's git-ignored settings/local.py never changes a browser run.
The harness (tests/e2e/server.py) sets DATABASE_URL, SITE_BASE_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT and
E2E_MAIL_DIR for its own server process.
"""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import env_list

DEBUG = False
SECRET_KEY = "e2e-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
SITE_DEMO_CONTENT = True
# A fast hasher: the harness creates the editor account on every run.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Every sent e-mail becomes a file the tests can read: the confirmation is part of the journey.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = Path(os.environ.get("E2E_MAIL_DIR", BASE_DIR / "tests" / "e2e" / "artifacts" / "mail"))  # noqa: F405

# Process-local, whatever REDIS_URL says: the harness runs one server process, so the menus it caches are
# invalidated by the same process that publishes a page, and no run shares rate-limit counters with another.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "e2e"}}
