"""
The scheduler behind `manage.py run_scheduler`: management commands run at fixed intervals.

Jobs are a setting, so every app (and every deployment) adds its own without touching this module:

    SCHEDULER_JOBS = {"publish_scheduled": (60, ["publish_scheduled"])}   # name: (every seconds, command)

Several app servers may each run a scheduler: a run is claimed in the job's database row
(`home.ScheduledJob`) with one conditional UPDATE — "set the next run and a lease, where the run is due
and nobody holds the lease" — so exactly one server wins each run. The lease (`SCHEDULER_LEASE_SECONDS`)
frees the job if the server running it dies; it must be longer than the job's longest run.
"""

import contextlib
import datetime
import io
import logging
import os
import socket
import traceback
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone

from home.models import ScheduledJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: datetime.timedelta
    command: tuple[str, ...]


def configured_jobs() -> list[Job]:
    return [
        Job(name, datetime.timedelta(seconds=every), tuple(command))
        for name, (every, command) in settings.SCHEDULER_JOBS.items()
    ]


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def ensure_row(job: Job) -> None:
    """The job's row, due at once when new (two servers creating it together is harmless)."""
    if not ScheduledJob.objects.filter(name=job.name).exists():
        # A savepoint: on PostgreSQL a failed INSERT would otherwise break the surrounding transaction.
        with contextlib.suppress(IntegrityError), transaction.atomic():
            ScheduledJob.objects.create(name=job.name, next_run_at=timezone.now())


def claim(job: Job, owner: str) -> bool:
    """True when this process won the job's due run (and holds its lease)."""
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.SCHEDULER_LEASE_SECONDS)
    claimed = (
        ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(next_run_at=now + job.every, locked_until=now + lease, locked_by=owner, last_started_at=now)
    )
    return claimed == 1


def release(job: Job, owner: str, error: str = "") -> None:
    ScheduledJob.objects.filter(name=job.name, locked_by=owner).update(
        locked_until=None, locked_by="", last_finished_at=timezone.now(), last_error=error
    )


def run_due_jobs(owner: str | None = None) -> list[str]:
    """Runs every job that is due and not running elsewhere; returns the names of the jobs run here."""
    owner = owner or worker_id()
    ran = []
    for job in configured_jobs():
        ensure_row(job)
        if not claim(job, owner):
            continue
        error = ""
        output = io.StringIO()
        try:
            call_command(*job.command, stdout=output)
        except Exception:  # one failing job must not stop the others, nor the scheduler
            error = traceback.format_exc()
            logger.exception("Scheduled job %s failed", job.name)
        finally:
            release(job, owner, error)
            logger.debug("Scheduled job %s: %s", job.name, output.getvalue().strip())
        ran.append(job.name)
    return ran


def seconds_until_next_run() -> float:
    """How long the loop may sleep: until the earliest due job, at most a minute."""
    next_run = ScheduledJob.objects.filter(name__in=settings.SCHEDULER_JOBS).order_by("next_run_at").first()
    if next_run is None:
        return 1.0
    return min(max((next_run.next_run_at - timezone.now()).total_seconds(), 1.0), 60.0)


def tick(owner: str) -> float:
    """One pass of the loop: run what is due, then say how long to sleep. Connections are refreshed."""
    close_old_connections()
    run_due_jobs(owner)
    delay = seconds_until_next_run()
    close_old_connections()
    return delay
