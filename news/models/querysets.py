"""
The listing queries of articles and events, as queryset methods (`ArticlePage.objects.listing(locale)…`).

Each issues a fixed number of SQL queries whatever the number of articles: categories, cover images
and event rows come with select_related / prefetch_related, and StreamField bodies are deferred.
"""

from django.db.models import Prefetch, Q
from django.utils import timezone

from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from .categories import ArticleCategory

RECOMMENDED_COUNT = 5
EVENT_VIEWS = ("upcoming", "past")


def past_events_q() -> Q:
    """Events that have ended: by their end, else their start. Undated events (to be announced) never have."""
    now = timezone.now()
    return Q(eventpage__end__lt=now) | Q(eventpage__end__isnull=True, eventpage__start__lt=now)


def dated_events_q() -> Q:
    return Q(eventpage__start__isnull=False) | Q(eventpage__end__isnull=False)


class ArticleQuerySet(PageQuerySet):
    def listing(self, locale) -> "ArticleQuerySet":
        """Live, public articles (events included) of one locale, with everything a listing row shows."""
        return (
            self.live()
            .public()
            .filter(locale=locale)
            .defer_streamfields()
            .select_related("eventpage", "cover_image")
            .prefetch_related(
                Prefetch(
                    "article_categories",
                    queryset=ArticleCategory.objects.select_related("category").order_by("sort_order"),
                )
            )
            .order_by("-date", "-path")
        )

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
        """The 动态推荐 sidebar: the newest `limit` recommended items."""
        return list(self.filter(recommended=True)[:limit])


ArticlePageManager = PageManager.from_queryset(ArticleQuerySet)
