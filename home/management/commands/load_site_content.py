"""`manage.py load_site_content`: build the bilingual site from the shipped seed content."""

from django.core.management.base import BaseCommand

from home.content_loader import SiteContentLoader


class Command(BaseCommand):
    help = "Creates the page tree, articles, categories and site settings in Chinese and English (idempotent)."

    def handle(self, *args, **options) -> None:
        SiteContentLoader(stdout=self.stdout).run()
