"""
Creating many articles at once: the code path of every import (the demo content of `populate_bulk`, an archive,
WeChat articles), fast enough for thousands of items while editors keep working.

Articles are added in batches (`BATCH_SIZE`), each batch in its own short transaction, through
`home.content.bulk_pages.add_pages` (real pages with a revision, log entries, the search and reference indexes);
after each batch the planner statistics of the tables written are refreshed, so the admin's queries stay planned
for the real size of the tables while the import runs.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction

from wagtail.models import Locale

from home.content.bulk_pages import add_pages, announce_batch, tables_written
from home.operations.statistics import refresh_statistics

from .models import ArticleCategory, ArticlePage, Category, SectionPage

# Pages per transaction: ~1–3 s of writing, so an editor's save waits at most that long on SQLite.
BATCH_SIZE = 100


@dataclass
class ArticleItem:
    """One article to import, in the section's language."""

    title: str
    # A StreamField value of the body blocks (home.blocks.BodyBlock), e.g. [("paragraph", RichText("<p>…</p>"))].
    body: list = field(default_factory=list)
    summary: str = ""
    # The article's date (listings order by it); None: today.
    date: datetime.date | None = None
    # Empty: made from the title's pinyin, unique among the section's pages.
    slug: str = ""
    # Slugs of the section's categories, the first being the article's tag.
    categories: Sequence[str] = ()
    source_name: str = ""
    source_url: str = ""
    author: str = ""


def article_page(item: ArticleItem, locale: Locale, categories: dict[str, Category], model=ArticlePage, **extra):
    """An unsaved page of `model` from `item`, with its categories in memory."""
    fields = {
        "title": item.title,
        "slug": item.slug,
        "summary": item.summary,
        "body": item.body,
        "source_name": item.source_name,
        "source_url": item.source_url,
        "author": item.author,
        "locale": locale,
        **({"date": item.date} if item.date else {}),
        **extra,
    }
    page = model(**fields)
    unknown = [slug for slug in item.categories if slug not in categories]
    if unknown:
        raise ValueError(f"Unknown categories {unknown} for {item.title!r}.")
    page.article_categories = [
        ArticleCategory(category=categories[slug], sort_order=order, locale=locale)
        for order, slug in enumerate(item.categories)
    ]
    return page


def in_batches(items: Sequence, size: int = BATCH_SIZE) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def add_in_batches(
    section: SectionPage,
    pages: Sequence[ArticlePage],
    *,
    publish: bool,
    user=None,
    after_batch: Callable[[Sequence[ArticlePage]], None] | None = None,
    statistics_of: set[str] = frozenset(),
) -> list[ArticlePage]:
    """
    `pages` added under `section` batch by batch, each batch committed and announced; then `after_batch` (e.g. its
    translations), then the planner statistics of the tables written (and of `statistics_of`) are refreshed.
    """
    added = []
    for batch in in_batches(pages):
        batch = add_pages(section, batch, publish=publish, user=user)
        transaction.on_commit(lambda batch=batch: announce_batch(batch))
        if after_batch:
            after_batch(batch)
        refresh_statistics(tables_written(type(batch[0])) | set(statistics_of))
        added += batch
    return added


def create_article_drafts(
    section: SectionPage,
    items: Iterable[ArticleItem],
    *,
    user=None,
    publish: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[ArticlePage]:
    """
    Creates an article under `section` (a SectionPage, in its language) for each item: a draft by default (the
    editors review and publish it), live with `publish=True`. Each has a revision by `user` and the history entry
    "created" (and "published"); drafts are in the admin's search, live ones in the site's too.

    Items are checked before anything is written, batch by batch: a title or slug the page could not be saved
    with raises ValidationError, an unknown category ValueError, and that batch writes nothing (earlier batches
    stay). `progress(n)` is called after each batch with the number of articles it created.

    For an importer (e.g. WeChat articles), 1,000 items take about a minute.
    """
    categories = {
        category.slug: category for category in Category.objects.filter(locale=section.locale, slug__isnull=False)
    }
    pages = [article_page(item, section.locale, categories) for item in items]

    def report(batch: Sequence[ArticlePage]) -> None:
        if progress:
            progress(len(batch))

    return add_in_batches(section, pages, publish=publish, user=user, after_batch=report)
