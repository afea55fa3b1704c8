"""
Health endpoints for load balancers and orchestrators, outside the language prefixes, never cached.

- `/healthz`: readiness. A server is ready while it can serve pages, that is while its database answers: 200 `ok`,
  or 200 `degraded: cache` / `degraded: storage` / `degraded: cache, storage` when the shared cache (Redis) or the
  media storage does not answer. Pages are still served then (the cache's errors are misses; only uploads and new
  images fail), and every server shares the same Redis and storage: taking servers out of the load balancer would
  turn a degraded site into a site that is down. 503 `database` when the database does not answer. One word per
  fault and nothing else: no error text, no host names, no versions.
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


REQUIRED = (("database", database_answers),)
# Without these the site still serves pages: reported, never a reason to take the server out.
DEGRADING = (("cache", cache_answers), ("storage", storage_answers))


def _answers(name: str, check) -> bool:
    try:
        return check()
    except Exception as error:  # any failure means "does not answer"
        # A warning without traceback: a probe every few seconds must not flood the error reports.
        logger.warning("health check failed: %s (%s)", name, type(error).__name__)
        return False


def _plain(text: str, status: int) -> HttpResponse:
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


@never_cache
def readiness(request):
    for name, check in REQUIRED:
        if not _answers(name, check):
            return _plain(name, 503)
    degraded = [name for name, check in DEGRADING if not _answers(name, check)]
    return _plain(f"degraded: {', '.join(degraded)}" if degraded else "ok", 200)


@never_cache
def liveness(request):
    return _plain("ok", 200)
