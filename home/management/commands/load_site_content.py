"""`manage.py load_site_content`: build the bilingual site from the content each app ships."""

import io

from django.core.management import call_command
from django.core.management.base import BaseCommand

from wagtail import hooks

from home.content.ordering import order_home_children


class Command(BaseCommand):
    help = (
        "Creates the page tree, articles, categories, reference data and site settings in Chinese and English "
        "(idempotent): every app's loader registered with the register_site_content_loader hook, in order."
    )

    def handle(self, *args, **options) -> None:
        created: list[str] = []
        positions: dict[str, int] = {}
        for loader_class in (hook() for hook in hooks.get_hooks("register_site_content_loader")):
            loader = loader_class(stdout=self.stdout)
            loader.run()
            created += loader.created
            positions.update(loader.positions)
        if any(entry.startswith("page ") for entry in created):
            order_home_children(positions)
        # Pages are indexed as they are saved; a full pass also covers content from older versions
        # of the site, indexed before the segmented search fields existed.
        call_command("update_index", stdout=io.StringIO())
        self.stdout.write(f"Site content ready ({len(created)} objects created).")
