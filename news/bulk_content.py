"""
Bulk demo articles and events for measurements at the original site's size (`manage.py populate_bulk`).

Every item is a real page in both trees: the Chinese page is built from one of the seed's articles (its
body, kinds of blocks and length) and translated to English through wagtail-localize's own records, like
the seed. Items are marked as demo data in their slug (`demo-bulk-…`) and title (演示数据 / demo data).
They are written in batches by the import code path (news.imports, home.content.bulk_pages and
bulk_translations): ~100 pages per statement per table, so 13,000 articles per language take minutes.
"""

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from home.content.bulk_translations import TABLES_WRITTEN, translate_pages
from home.content.glossary import build_body
from home.content.loader import ContentLoader

from .content import CATEGORIES
from .imports import add_in_batches
from .models import ArticleCategory, ArticlePage, Category, EventPage, SectionPage

# populate_bulk's progress bar: `with progress(label, total) as bar: bar.update(n)`.
Progress = Callable[[str, int], AbstractContextManager]

ARTICLE_SLUG = "demo-bulk-article-{:04d}"
EVENT_SLUG = "demo-bulk-event-{:04d}"
# The section that gets the articles: 新闻资讯 holds most items on the original site (127 listing pages).
ARTICLE_SECTION = "news"
EVENT_SECTION = "association-news"
SECTION_CATEGORIES = {
    "news": ["frontier-news", "recruitment", "event-invitations"],
    "association-news": ["event-invitations"],
}
EVENT_VENUE = ("成都高新区国际人才港", "International Talent Port, Chengdu Hi-tech Zone")
# Newest bulk item: the seed's newest items are from 2024; older ones go back a day or three each.
NEWEST_DATE = date(2024, 5, 1)


class BulkNewsBuilder(ContentLoader):
    """Creates `demo-bulk-…` articles and events that are missing; never touches other pages."""

    content_dir = Path(__file__).resolve().parent / "seed_content"

    def __init__(self, stdout=None):
        super().__init__(stdout)
        articles = [self._read(path) for path in sorted((self.content_dir / "articles").glob("*.json"))]
        self.article_models = [data for data in articles if data["body"] and not data.get("event")]
        self.event_models = [data for data in articles if data.get("event")]
        self.categories = {
            slug: Category.objects.get(locale=self.source_locale, slug=slug) for slug, *_names in CATEGORIES
        }

    @staticmethod
    def _read(path: Path) -> dict:
        return json.loads(path.read_text(encoding="utf-8"))

    def section(self, slug: str) -> SectionPage:
        return SectionPage.objects.get(locale=self.source_locale, slug=slug)

    def missing(self, slugs: list[str]) -> list[str]:
        existing = set(
            ArticlePage.objects.filter(locale=self.source_locale, slug__in=slugs).values_list("slug", flat=True)
        )
        return [slug for slug in slugs if slug not in existing]

    def untranslated(self, slug_prefix: str) -> list[ArticlePage]:
        # Compared in SQL: loading every demo page to find none missing cost seconds at 13,000 articles.
        english = Page.objects.filter(locale=self.target_locale, slug__startswith=slug_prefix)
        chinese = Page.objects.filter(locale=self.source_locale, slug__startswith=slug_prefix)
        missing = chinese.exclude(translation_key__in=english.values("translation_key")).order_by("path")
        return list(missing.specific())

    # -- items -----------------------------------------------------------------------------------
    def build_articles(self, count: int, progress: Progress) -> int:
        numbers = {ARTICLE_SLUG.format(n): n for n in range(1, count + 1)}
        pages = []
        # Oldest first, so the newest-created (first listed on a day) is also the highest number.
        for slug in sorted(self.missing(list(numbers)), key=lambda s: -numbers[s]):
            number = numbers[slug]
            model = self.article_models[number % len(self.article_models)]
            page = ArticlePage(**self.fields(model, slug, number, NEWEST_DATE - timedelta(days=3 * number)))
            page.article_categories = self.tags(ARTICLE_SECTION, number)
            pages.append(page)
        return self.add_bilingual(ARTICLE_SECTION, pages, progress, "articles")

    def build_events(self, count: int, progress: Progress) -> int:
        numbers = {EVENT_SLUG.format(n): n for n in range(1, count + 1)}
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        pages = []
        for slug in sorted(self.missing(list(numbers)), key=lambda s: -numbers[s]):
            number = numbers[slug]
            model = self.event_models[number % len(self.event_models)]
            # Every other event is still to come; the rest are spread over the past years.
            upcoming = number % 2 == 0
            start = now + timedelta(days=7 * number) if upcoming else now - timedelta(days=11 * number)
            fields = self.fields(model, slug, number, min(start.date(), timezone.localdate()))
            event = EventPage(
                **fields,
                start=start,
                end=start + timedelta(hours=3),
                venue=EVENT_VENUE[0],
                event_format="offline",
                registration_enabled=upcoming,
                capacity_onsite=100,
                waitlist_enabled=True,
            )
            event.article_categories = self.tags(EVENT_SECTION, number)
            self.glossary_for(f"page:{slug}").add(*EVENT_VENUE)
            pages.append(event)
        return self.add_bilingual(EVENT_SECTION, pages, progress, "events")

    def add_bilingual(self, section_slug: str, pages: list[ArticlePage], progress: Progress, label: str) -> int:
        """The Chinese pages and their English translations, batch by batch (news.imports), one bar each."""
        section = self.section(section_slug)
        english_section = section.get_translation(self.target_locale)
        translated = 0
        with progress(f"{label} (zh + en)", len(pages)) as bar:

            def translate(batch) -> None:
                nonlocal translated
                translate_pages(batch, english_section, self.target_locale, self.english)
                translated += len(batch)
                bar.update(len(batch))

            add_in_batches(section, pages, publish=True, after_batch=translate, statistics_of=TABLES_WRITTEN)
        # Items left untranslated by an interrupted earlier run.
        return translated + self.translate_all("demo-bulk-event-" if label == "events" else "demo-bulk-article-")

    def english(self, page: ArticlePage, text: str, path: str) -> str | None:
        return self.glossary_for(f"page:{page.slug}").lookup(text, path)

    def fields(self, model: dict, slug: str, number: int, day: date) -> dict:
        """Title, summary and body of a seed article, labelled as demo data, with its English recorded."""
        glossary = self.glossary_for(f"page:{slug}")
        title_zh = f"{model['title']['zh']}（演示数据 {number}）"
        title_en = f"{model['title']['en']} (demo data {number})"
        glossary.add(title_zh, title_en)
        glossary.add(model["summary"]["zh"], model["summary"]["en"])
        source = model.get("source") or {}
        if source:
            glossary.add(source["zh"], source["en"])
        return {
            "title": title_zh,
            "slug": slug,
            "date": day,
            "summary": model["summary"]["zh"],
            "body": build_body(model["body"], glossary),
            "source_name": source.get("zh", ""),
            "locale": self.source_locale,
        }

    def tags(self, section_slug: str, number: int) -> list[ArticleCategory]:
        slugs = SECTION_CATEGORIES[section_slug]
        category = self.categories[slugs[number % len(slugs)]]
        return [ArticleCategory(category=category, sort_order=0, locale=self.source_locale)]

    def translate_all(self, slug_prefix: str) -> int:
        """Chinese demo pages whose translation an interrupted run left out, translated one by one."""
        pages = self.untranslated(slug_prefix)
        for page in pages:
            self.remember_english(page)
            # One commit per page; wagtail-localize publishes the English page when this block commits.
            with transaction.atomic():
                self.translate(page)
        return len(pages)

    def remember_english(self, page: ArticlePage) -> None:
        """On a later run the glossary is empty: rebuild this page's pairs from its seed model."""
        number = int(page.slug.rsplit("-", 1)[1])
        models = self.event_models if isinstance(page, EventPage) else self.article_models
        self.fields(models[number % len(models)], page.slug, number, page.date)
        if isinstance(page, EventPage):
            self.glossary_for(f"page:{page.slug}").add(*EVENT_VENUE)
