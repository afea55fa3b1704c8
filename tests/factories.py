"""Builders for test content: plain `parent.add_child(instance=…)`, as editors' saves would do."""

import datetime
import itertools

from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from news.models import ArticleCategory, ArticlePage, Category, EventPage, SectionPage

_counter = itertools.count(1)


def section(slug: str = "news", language: str = "zh-hans") -> SectionPage:
    return SectionPage.objects.get(slug=slug, locale__language_code=language)


def make_article(parent: Page, title: str | None = None, day: datetime.date | None = None, **fields) -> ArticlePage:
    """A published article under `parent`, in the parent's locale, tagged like a news item."""
    number = next(_counter)
    categories = fields.pop("categories", ["frontier-news"])
    page = ArticlePage(
        title=title or f"测试文章 {number}",
        slug=f"test-article-{number}",
        date=day or datetime.date(2024, 1, 1) + datetime.timedelta(days=number % 300),
        summary=fields.pop("summary", f"摘要 {number}"),
        locale=parent.locale,
        **fields,
    )
    page.article_categories = [
        ArticleCategory(category=Category.objects.get(locale=parent.locale, slug=slug), sort_order=index)
        for index, slug in enumerate(categories)
    ]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def locale(language: str) -> Locale:
    return Locale.objects.get(language_code=language)


def make_event(parent: Page | None = None, **fields):
    """A published, registrable event on the Chinese tree, starting in two weeks."""
    parent = parent or section("news")
    number = next(_counter)
    start = timezone.now() + datetime.timedelta(days=14)
    defaults = {
        "title": f"测试活动 {number}",
        "slug": f"test-event-{number}",
        "date": timezone.localdate(),
        "summary": "活动摘要",
        "start": start,
        "end": start + datetime.timedelta(hours=3),
        "venue": "成都高新区",
        "event_format": "offline",
        "registration_enabled": True,
        "capacity_onsite": 5,
        "locale": parent.locale,
    }
    defaults.update(fields)
    event = EventPage(**defaults)
    parent.add_child(instance=event)
    event.save_revision().publish()
    return event


def translate_segments(source: TranslationSource, english: dict[str, str] | None = None) -> None:
    """English for every segment still untranslated: `english[chinese]`, else a placeholder."""
    english = english or {}
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale("en"),
            context=segment.context,
            defaults={"data": english.get(segment.string.data, f"English text {segment.pk}")},
        )


def translate_to_english(page: Page, english: dict[str, str] | None = None) -> Page:
    """
    An English translation through wagtail-localize, published.

    Segments get English (`english[chinese]` or a placeholder): the publish guard refuses Chinese there.
    """
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale("en"))
    translate_segments(source, english)
    translation.save_target(publish=True)
    english = page.get_translation(locale("en"))
    if not english.live:
        # wagtail-localize publishes in an on_commit hook, which never fires inside a test transaction.
        english.get_latest_revision().publish()
        english.refresh_from_db()
    return english
