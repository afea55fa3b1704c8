"""`manage.py run_scheduler`: runs the SCHEDULER_JOBS (publish_scheduled…) at their intervals."""

import signal
import threading

from django.core.management.base import BaseCommand

from home.operations.scheduler import run_due_jobs, tick, worker_id


class Command(BaseCommand):
    help = (
        "Runs the management commands listed in SCHEDULER_JOBS at their intervals, one server at a time "
        "(a lease in the database). --once runs what is due and exits (for cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the jobs that are due, then exit.")

    def handle(self, *args, once: bool = False, **options) -> None:
        owner = worker_id()
        if once:
            ran = run_due_jobs(owner)
            self.stdout.write(f"Ran: {', '.join(ran) or 'nothing due'}")
            return
        stop = threading.Event()
        # honcho and systemd stop processes with SIGTERM: finish the current job, then leave.
        signal.signal(signal.SIGTERM, lambda *_args: stop.set())
        self.stdout.write(f"Scheduler {owner} started.")
        try:
            while not stop.is_set():
                stop.wait(tick(owner))
        except KeyboardInterrupt:
            pass
        self.stdout.write("Scheduler stopped.")
