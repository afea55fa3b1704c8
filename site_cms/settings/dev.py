"""Development settings: debug on, console e-mail, embedded services. Used by manage.py by default."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Plain storage: no collectstatic needed to browse with runserver.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Demo content (sample members, a demo event) is only created where this is on.
SITE_DEMO_CONTENT = True

# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

try:  # noqa: SIM105 - a star import cannot live inside contextlib.suppress
    from .local import *  # noqa: F403
except ImportError:
    pass
