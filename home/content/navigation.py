"""
The seed's menus and footer, loaded after every app has made its pages (links choose pages).

Creates the Chinese `SiteNavigation` once and its English translation through wagtail-localize;
an existing record is never touched again (it is the editors' from then on).
"""

import json
from pathlib import Path

from wagtail.models import Page

from home.content.loader import ContentLoader
from home.navigation.menus import SiteNavigation

NAVIGATION_FILE = "navigation.json"
GLOSSARY_KEY = "navigation"


class NavigationContentLoader(ContentLoader):
    content_dir = Path(__file__).resolve().parent.parent / "seed_content"

    def run(self) -> None:
        data = json.loads((self.content_dir / NAVIGATION_FILE).read_text(encoding="utf-8"))
        navigation = SiteNavigation.objects.filter(locale=self.source_locale).first()
        if navigation is None:
            navigation = SiteNavigation.objects.create(locale=self.source_locale, **self.stream_values(data))
            self.created.append("menus and footer")
        self.record_english(data)
        self.translate(navigation)

    def glossary_key(self, instance) -> str:
        return GLOSSARY_KEY if isinstance(instance, SiteNavigation) else super().glossary_key(instance)

    def stream_values(self, data: dict) -> dict:
        return {
            "main_menu": [("item", {**self.link(entry), "automatic_dropdown": True, "children": []})
                          for entry in data["main_menu"]],
            "header_shortcuts": [("link", self.link(entry)) for entry in data["header_shortcuts"]],
            "footer_columns": [
                ("column", {"heading": column["heading"]["zh"], "links": [self.link(e) for e in column["links"]]})
                for column in data["footer_columns"]
            ],
        }  # fmt: skip

    def link(self, entry: dict) -> dict:
        return {
            "page": self.page(entry["page"]),
            "filter": entry.get("filter", ""),
            "url": "",
            "label": (entry.get("label") or {}).get("zh", ""),
        }

    def page(self, slug: str) -> Page:
        page = Page.objects.filter(locale=self.source_locale, slug=slug, depth__gt=2).order_by("depth").first()
        if page is None:
            raise ValueError(f"The seed's menus link to a page that does not exist: {slug!r}")
        return page

    def record_english(self, data: dict) -> None:
        glossary = self.glossary_for(GLOSSARY_KEY)
        labelled = [*data["main_menu"], *data["header_shortcuts"]]
        for column in data["footer_columns"]:
            glossary.add(column["heading"]["zh"], column["heading"]["en"])
            labelled += column["links"]
        for entry in labelled:
            if entry.get("label"):
                glossary.add(entry["label"]["zh"], entry["label"]["en"])
