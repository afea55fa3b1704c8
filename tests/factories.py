"""Builders for test content: plain `parent.add_child(instance=…)`, as editors' saves would do."""

import datetime
import itertools

from wagtail.models import Locale, Page

from news.models import ArticleCategory, ArticlePage, Category, SectionPage

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
