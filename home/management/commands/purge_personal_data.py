"""`manage.py purge_personal_data [--dry-run]`: remove personal data past its retention period."""

from django.core.management.base import BaseCommand
from django.utils import translation

from home.personal_data.retention import period_text, purge


class Command(BaseCommand):
    help = (
        "Deletes or anonymises personal data older than its retention period (PERSONAL_DATA_RETENTION_DAYS). "
        "Idempotent; meant to run daily from the scheduler. --dry-run lists what would go and changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List what would go; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        # Operators read this output in logs: English, whatever the site's default language.
        with translation.override("en"):
            for result in purge(dry_run=dry_run):
                rule = result.rule
                heading = f"{rule.setting} (after {period_text(rule.days)}): "
                if dry_run:
                    self.stdout.write(heading + f"{len(result.references)} would go")
                    for reference in result.references:
                        self.stdout.write(f"  {reference}")
                elif result.outcome is None:
                    self.stdout.write(heading + "nothing to purge")
                else:
                    outcome = result.outcome
                    self.stdout.write(
                        heading + f"{outcome.deleted} deleted, {outcome.anonymised} anonymised, "
                        f"{outcome.files_removed} files removed"
                    )
