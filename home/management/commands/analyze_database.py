"""`manage.py analyze_database`: refresh the query planner's statistics (SQLite and PostgreSQL)."""

from django.core.management.base import BaseCommand
from django.db import connection

from home.operations.statistics import refresh_statistics


class Command(BaseCommand):
    help = (
        "Runs ANALYZE so the database plans queries from the real size of its tables. SQLite has no automatic "
        "statistics: without them it reads every article of a language for the recommended items instead of "
        "walking their small index. Meant to run daily from the scheduler and after a bulk load; PostgreSQL's "
        "autovacuum does the same, so there it only brings the statistics forward."
    )

    def handle(self, *args, **options) -> None:
        refresh_statistics()
        self.stdout.write(f"Statistics refreshed ({connection.vendor}).")
