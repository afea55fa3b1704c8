"""
Health endpoints for load balancers and orchestrators, outside the language prefixes, never cached.

- `/healthz`: readiness. 200 `ok` when the database, the cache and the media storage answer; otherwise
  503 with one word naming the first that did not (`database`, `cache`, `storage`) and nothing else: no
  error text, no host names, no versions.
- `/healthz/live`: liveness. 200 whenever the process can answer a request; touches nothing.
"""

import logging
import os
import uuid
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)
PROBE_NAME = "healthz-probe"


def database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_answers() -> bool:
    # A value of our own, so a cache shared by several servers cannot answer for another one's write.
    key, value = f"healthz:{os.getpid()}", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    return cache.get(key) == value


def storage_answers() -> bool:
    if isinstance(default_storage, FileSystemStorage):
        # A missing folder is created by the first upload; an unwritable one would make it fail.
        location = Path(default_storage.location)
        location.mkdir(parents=True, exist_ok=True)
        return os.access(location, os.W_OK)
    default_storage.exists(PROBE_NAME)  # object storage: one HEAD request, which raises when it does not answer
    return True


CHECKS = (("database", database_answers), ("cache", cache_answers), ("storage", storage_answers))


def _plain(text: str, status: int) -> HttpResponse:
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


@never_cache
def readiness(request):
    for name, answers in CHECKS:
        try:
            healthy = answers()
        except Exception as error:  # any failure means "not ready"
            # A warning without traceback: a probe every few seconds must not flood the error reports.
            logger.warning("health check failed: %s (%s)", name, type(error).__name__)
            healthy = False
        if not healthy:
            return _plain(name, 503)
    return _plain("ok", 200)


@never_cache
def liveness(request):
    return _plain("ok", 200)
