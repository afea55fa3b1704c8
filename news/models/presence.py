"""
What the news app has published in one language: which sections, categories and event views have items.

The menus, the footer, the home page, the listings' category filters and the feeds leave out what is empty
(see `home.caching.presence`, which caches these facts and bumps the HTML cache when they move). Computed in
four queries per language whatever the number of articles; a menu entry then costs no query.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.db.models import F, Min, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone

from wagtail.models import Page

from home.caching.presence import Snapshot
from home.caching.routing import locale_for

from .categories import ArticleCategory
from .querysets import EVENT_VIEWS, next_midnight

ANY_CATEGORY = ""


@dataclass(frozen=True)
class NewsFacts:
    """Tree paths of the sections with items, (section path, category slug) and (event view, category slug) pairs."""

    sections: frozenset[str]
    section_categories: frozenset[tuple[str, str]]
    events: frozenset[tuple[str, str]]

    def shows_items(self, section_path: str, query: str = "") -> bool:
        """Whether the listing of the section at `section_path` with the filter `query` lists anything."""
        params = dict(parse_qsl(query))
        category = params.get("category", ANY_CATEGORY)
        view = params.get("when", "")
        if view in EVENT_VIEWS:
            # Upcoming and past events are site-wide, like the listing (news.models.pages.SectionPage).
            return (view, category) in self.events
        if category:
            return (section_path, category) in self.section_categories
        return section_path in self.sections


def _parent_path(path_field: str):
    """A child's tree path minus its last step: its parent's path."""
    return Substr(path_field, 1, Length(path_field) - Page.steplen)


def _next_event_change(events, now: datetime.datetime) -> datetime.datetime:
    found = events.aggregate(
        start=Min("eventpage__start", filter=Q(eventpage__start__gt=now)),
        end=Min("eventpage__end", filter=Q(eventpage__end__gt=now)),
    )
    return min([when for when in found.values() if when] + [next_midnight()])


def news_facts(articles, language: str) -> Snapshot | None:
    """The facts of `language` from `articles` (ArticlePage's manager), valid until the next event starts or ends."""
    locale = locale_for(language)
    if locale is None:
        return None
    items = articles.live().public().filter(locale_id=locale.pk).order_by()
    sections = items.annotate(parent=_parent_path("path")).values_list("parent", flat=True).distinct()
    pairs = (
        ArticleCategory.objects.filter(page__in=items.values("pk"))
        .annotate(parent=_parent_path("page__path"), slug=F("category__slug"))
        .values_list("parent", "slug")
        .distinct()
    )
    events = set()
    for view in EVENT_VIEWS:
        slugs = set(items.events(view).values_list("article_categories__category__slug", flat=True).distinct())
        if slugs:
            events |= {(view, ANY_CATEGORY)} | {(view, slug) for slug in slugs if slug}
    facts = NewsFacts(frozenset(sections), frozenset(pairs), frozenset(events))
    return Snapshot(facts, changes_at=_next_event_change(items.filter(eventpage__isnull=False), timezone.now()))
