"""
Background work (e-mail) through django-tasks on the named `background` backend (TASKS in the settings).

A visitor's submission is stored at once; its e-mails are sent by the worker (`manage.py db_worker --backend
background`), so a slow or unreachable SMTP server never stalls a request. A failed send is retried by enqueuing
the task again with a growing delay; after the last attempt the task fails (its result shows it), and the
record keeps the error for the admin (the e-mail status of registrations and applications). Task arguments are
record ids, never personal data, and old task results are pruned (`prune_db_task_results`, by the scheduler).

Wagtail's own tasks (search index, references, CDN purge) stay on the immediate `default` backend.
"""

import logging
from datetime import timedelta

from django.utils import timezone

from django_tasks import task_backends

logger = logging.getLogger(__name__)

BACKEND = "background"
EMAIL_QUEUE = "email"
# Delay before attempt 2, 3, …: one minute, five, half an hour, two hours, six hours.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


class GaveUp(Exception):
    """The last attempt failed: the task result is marked failed (the record holds the error)."""


def retry_later(task, attempt: int, *args) -> None:
    """Queue the next attempt (`attempt` failed) with back-off, or give up after the last one."""
    if attempt >= MAX_ATTEMPTS:
        raise GaveUp(f"{task.name}{args} failed {attempt} times")
    delay = RETRY_DELAYS[attempt - 1]
    backend = task_backends[task.backend]
    if not backend.supports_defer:
        # The immediate backend (tests, single-process setups) cannot wait: one more attempt at once.
        logger.warning("Retrying %s%s at once (backend cannot defer)", task.name, args)
        delay = None
    queued = task.using(run_after=timezone.now() + delay) if delay else task
    queued.enqueue(*args, attempt + 1)
