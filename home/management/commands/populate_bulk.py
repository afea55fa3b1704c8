"""`manage.py populate_bulk`: demo content at the original site's size, for benchmarks and load tests."""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from wagtail import hooks
from wagtail.models import Page

from tqdm import tqdm


class Command(BaseCommand):
    help = (
        "Adds bilingual demo articles, events and member units (idempotent: numbered items that exist are "
        "kept), built by every app's register_bulk_content_builder hook. Refused where demo content is off "
        "(production)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1300, help="articles per locale (default 1300)")
        parser.add_argument("--events", type=int, default=60, help="events per locale (default 60)")
        parser.add_argument("--members", type=int, default=300, help="member units (default 300)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bars (logs, CI)")

    def handle(self, *args, articles: int, events: int, members: int, no_progress: bool, **options) -> None:
        if not getattr(settings, "SITE_DEMO_CONTENT", False):
            raise CommandError(
                "populate_bulk makes demo content: refused where SITE_DEMO_CONTENT is off (production)."
            )
        if min(articles, events, members) < 0:
            raise CommandError("Counts cannot be negative.")
        if not hooks.get_hooks("register_bulk_content_builder"):
            raise CommandError("No app registers bulk content.")

        def progress(label: str, total: int) -> tqdm:
            """A progress bar of `total` items (`with progress(…) as bar: bar.update(n)`), with its rate."""
            return tqdm(total=total, desc=label, unit="item", disable=no_progress or not total, file=self.stderr._out)

        options = {"articles": articles, "events": events, "members": members}
        done = []
        pages_before = Page.objects.count()
        started, cpu_started = time.perf_counter(), time.process_time()
        for builder in hooks.get_hooks("register_bulk_content_builder"):
            done += builder(options, progress)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        # The planner's statistics for the new size, exact, as the scheduler's daily job would bring them (the
        # batches refreshed them from samples as they went).
        call_command("analyze_database", stdout=self.stdout)
        self.stdout.write("Bulk demo content ready: " + ", ".join(done) + ".")
        # Articles and events, each a page in both languages.
        built = (Page.objects.count() - pages_before) // 2
        rate = f": {built / elapsed:.1f} per second per language" if built and elapsed else ""
        # CPU beside the clock: on a shared machine the clock also counts other processes' turns.
        cpu_note = f"{cpu:.0f} s of CPU in this process"
        self.stdout.write(f"{built} pages in each language in {elapsed:.0f} s ({cpu_note}){rate}.")
