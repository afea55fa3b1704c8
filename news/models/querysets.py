"""
The listing queries of articles and events, as queryset methods (`ArticlePage.objects.listing(locale)…`).

Each issues a fixed number of SQL queries whatever the number of articles: event rows come with
select_related, only the columns a listing shows are read (LISTING_FIELDS), and the categories of every row
shown on a page are fetched together (`prefetch_categories`). Listings are ordered by date, then newest first
(`-pk`): both columns are on the article table, where an index serves them (see ArticlePage.Meta).
"""

import datetime

from django.conf import settings
from django.db.models import Min, Prefetch, Q, prefetch_related_objects
from django.utils import timezone

from wagtail.models import PageManager

from home.caching import invalidation, request_cache
from home.caching.visibility import PublicPageQuerySet
from home.pagination import listings_keys

from .categories import ArticleCategory

RECOMMENDED_COUNT = 5
EVENT_VIEWS = ("upcoming", "past")
LISTING_ORDER = ("-date", "-pk")
# The columns a listing row shows (title, link, tag, summary, date, event time and venue, the home page's lead
# image) and those its queries
# and the feeds need. The article and event tables have some forty more (bodies, registration settings, SEO
# fields): loading only these keeps each listing query small to compile and its rows cheap to build. A column
# read that is not here costs one query per row — tests/test_query_counts.py would see it.
LISTING_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "title",
    "slug",
    "locale_id",
    "content_type_id",
    "translation_key",
    "live",
    "last_published_at",
    "alias_of_id",
    "date",
    "summary",
    "recommended",
    "cover_image",
    "cover_image_alt",
    "eventpage__page_ptr_id",
    "eventpage__start",
    "eventpage__end",
    "eventpage__all_day",
    "eventpage__venue",
)


def past_events_q() -> Q:
    """Events that have ended: by their end, else their start. Undated events (to be announced) never have."""
    now = timezone.now()
    return Q(eventpage__end__lt=now) | Q(eventpage__end__isnull=True, eventpage__start__lt=now)


def dated_events_q() -> Q:
    return Q(eventpage__start__isnull=False) | Q(eventpage__end__isnull=False)


def categories_prefetch() -> Prefetch:
    return Prefetch(
        "article_categories", queryset=ArticleCategory.objects.select_related("category").order_by("sort_order")
    )


def prefetch_categories(*groups) -> None:
    """The categories (tags) of every article in these lists, in one query."""
    items = list({id(item): item for group in groups for item in group}.values())  # one article may be in two lists
    prefetch_related_objects(items, categories_prefetch())


class ArticleQuerySet(PublicPageQuerySet):
    def listing(self, locale) -> "ArticleQuerySet":
        """Live, public articles (events included) of one locale (a Locale or its id), with their row data."""
        return (
            self.live()
            .public()
            .filter(locale_id=getattr(locale, "pk", locale))
            .select_related("eventpage")
            .only(*LISTING_FIELDS)
            .order_by(*LISTING_ORDER)
        )

    def with_categories(self) -> "ArticleQuerySet":
        return self.prefetch_related(categories_prefetch())

    def in_category(self, slug: str) -> "ArticleQuerySet":
        return self.filter(article_categories__category__slug=slug).distinct()

    def events(self, view: str) -> "ArticleQuerySet":
        """
        The events among these articles: "past" ones, or those still to come (any other view). An event
        whose time is still to be announced is in neither: it has not ended, and nobody can plan for it.
        """
        events = self.filter(eventpage__isnull=False)
        if view == "past":
            return events.filter(past_events_q())
        return events.filter(dated_events_q()).exclude(past_events_q())

    def recommended(self, limit: int = RECOMMENDED_COUNT) -> list:
        """The 动态推荐 sidebar: the newest `limit` recommended items (categories: see prefetch_categories)."""
        return list(self.filter(recommended=True)[:limit])

    def children_of(self, parent) -> "ArticleQuerySet":
        """Children of `parent` by a range of tree paths (the path index), not Wagtail's LIKE prefix."""
        return self.filter(depth=parent.depth + 1, path__range=(parent.path + "0000", parent.path + "ZZZZ"))

    def latest_per_parent(self, parents: list, count: int, keys_depend_on: str = "") -> dict[int, list]:
        """
        The `count` newest children of each parent page, in one query: {parent id: items, newest first}.

        With `keys_depend_on`, each parent's newest keys come from the section listing's cached keys (the same
        queryset, home.pagination.listing_keys) instead of a sort of the whole section per parent.
        """
        if not parents:
            return {}
        newest = Q()
        children = [self.children_of(parent) for parent in parents]
        if keys_depend_on and settings.LISTING_KEYS_CACHE_SECONDS:
            for keys in listings_keys(children, keys_depend_on):
                newest |= Q(pk__in=keys[:count])
        else:
            for queryset in children:
                newest |= Q(pk__in=queryset.values("pk")[:count])
        by_path = {parent.path: parent.pk for parent in parents}
        latest: dict[int, list] = {pk: [] for pk in by_path.values()}
        for item in self.filter(newest):
            latest[by_path[item.path[: -item.steplen]]].append(item)
        return latest


ArticlePageManager = PageManager.from_queryset(ArticleQuerySet)

NEXT_EVENT_CHANGE_KEY = "news:next-event-change"


def next_midnight() -> datetime.datetime:
    """Events without times become past by date: listings change at the next local midnight."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(), tzinfo=timezone.get_current_timezone())


def next_event_change(queryset: ArticleQuerySet, locale_id: int) -> datetime.datetime:
    """
    When the events of a locale next start or end (upcoming ↔ past), at the latest the next midnight.

    One aggregate query, kept in the shared cache until that moment or the next publish.
    """
    changes = request_cache.get(NEXT_EVENT_CHANGE_KEY) or {}
    stored = changes.get(locale_id)
    now = timezone.now()
    if stored is None or stored <= now:
        found = queryset.filter(locale_id=locale_id, eventpage__isnull=False).aggregate(
            start=Min("eventpage__start", filter=Q(eventpage__start__gt=now)),
            end=Min("eventpage__end", filter=Q(eventpage__end__gt=now)),
        )
        stored = min([when for when in found.values() if when] + [next_midnight()])
        changes[locale_id] = stored
        request_cache.store(NEXT_EVENT_CHANGE_KEY, changes, max(1, int((stored - now).total_seconds())))
    return stored


request_cache.prefetch([NEXT_EVENT_CHANGE_KEY])
invalidation.register("page", keys=[NEXT_EVENT_CHANGE_KEY])
