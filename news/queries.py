"""
Listing queries for section, home and article pages.

Each helper issues a fixed number of SQL queries whatever the number of articles: categories,
cover images and event rows are fetched with select_related / prefetch_related, and StreamField
bodies are deferred in listings.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from .models import ArticleCategory, ArticlePage, SectionPage

RECOMMENDED_COUNT = 5
HOME_LISTING_COUNT = 6

EVENT_VIEWS = ("upcoming", "past")


def listing_queryset(locale) -> QuerySet:
    """Live, public articles (events included) of one locale, with everything a listing row shows."""
    return (
        ArticlePage.objects.live()
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


def past_events_q() -> Q:
    """Events that have ended: by end, else start, else the article date (time to be announced)."""
    now = timezone.now()
    return (
        Q(eventpage__end__lt=now)
        | Q(eventpage__end__isnull=True, eventpage__start__lt=now)
        | Q(eventpage__end__isnull=True, eventpage__start__isnull=True, date__lt=timezone.localdate())
    )


def filter_event_view(queryset: QuerySet, view: str) -> QuerySet:
    events = queryset.filter(eventpage__isnull=False)
    if view == "past":
        return events.filter(past_events_q())
    return events.exclude(past_events_q())


def recommended_items(locale) -> list:
    return list(listing_queryset(locale).filter(recommended=True)[:RECOMMENDED_COUNT])


def section_listing(section: SectionPage, request) -> dict:
    """The context of a section page: filters, the current page of items, the sidebar."""
    categories = [link.category for link in section.section_categories.select_related("category")]
    items = listing_queryset(section.locale).child_of(section)

    active_category = None
    category_slug = request.GET.get("category", "")
    if category_slug:
        active_category = next((c for c in categories if c.slug == category_slug), None)
        # An unknown slug shows the empty state rather than an error: stable, harmless URLs.
        items = items.filter(article_categories__category__slug=category_slug).distinct()

    event_view = request.GET.get("when", "")
    if event_view in EVENT_VIEWS:
        # Upcoming and past events (最新活动 / 活动回顾) are site-wide: an event is an event in
        # whichever section it was published.
        events = listing_queryset(section.locale)
        if category_slug:
            events = events.filter(article_categories__category__slug=category_slug).distinct()
        items = filter_event_view(events, event_view)
        if event_view == "upcoming":
            items = items.order_by("eventpage__start", "-path")
    else:
        event_view = ""

    return {
        "categories": categories,
        "active_category": active_category,
        "category_slug": category_slug,
        "event_view": event_view,
        "items": SectionPage.paginate(items, request.GET.get("page")),
        "recommended": recommended_items(section.locale),
    }


def home_page_listings(home) -> dict:
    """The home page's blocks: latest notices, latest news, recommended items."""
    sections = {s.slug: s for s in SectionPage.objects.child_of(home).live().public()}
    base = listing_queryset(home.locale)
    context = {"recommended": recommended_items(home.locale), "sections": sections}
    for slug in ("notices", "news", "association-news"):
        section = sections.get(slug)
        key = "latest_" + slug.replace("-", "_")
        context[key] = list(base.child_of(section)[:HOME_LISTING_COUNT]) if section else []
    context["upcoming_events"] = list(filter_event_view(base, "upcoming").order_by("eventpage__start")[:3])
    return context
