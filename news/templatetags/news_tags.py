"""Template tags of the news app for pages it does not own: the home page's latest items and events."""

from django import template
from django.utils.translation import get_language

from home import html_cache
from news.models import ArticlePage, SectionPage
from news.models.querysets import RECOMMENDED_COUNT, next_event_change, prefetch_categories

register = template.Library()

HOME_LISTING_COUNT = 6
HOME_SECTIONS = ("notices", "news", "association-news")
UPCOMING_EVENTS_COUNT = 3


@register.simple_tag(takes_context=True)
def home_listings(context, home) -> dict:
    """
    The home page's blocks: latest notices, news and association news, upcoming events, and the
    recommended items that none of those blocks shows already (the seed recommends its five notices,
    which the notices block lists: the sidebar would repeat them).

    Five queries whatever the content: the sections, the latest items of all sections together (one windowed
    query), the recommended candidates, the upcoming events, and the categories of everything shown.
    """
    sections = {s.slug: s for s in SectionPage.objects.child_of(home).live().public() if s.slug in HOME_SECTIONS}
    by_name = {slug.replace("-", "_"): page for slug, page in sections.items()}  # template-friendly keys
    everything = ArticlePage.objects.listing(home.locale_id)
    latest = everything.latest_per_parent(list(sections.values()), HOME_LISTING_COUNT)
    listings = {"sections": by_name}
    for slug in HOME_SECTIONS:
        section = sections.get(slug)
        listings["latest_" + slug.replace("-", "_")] = latest.get(section.pk, []) if section else []
    listings["upcoming_events"] = list(
        everything.events("upcoming").order_by("eventpage__start", "-pk")[:UPCOMING_EVENTS_COUNT]
    )
    shown = {item.pk for key, items in listings.items() if key != "sections" for item in items}
    # Enough candidates that five remain even when every shown item is among them (one query either way).
    candidates = everything.recommended(limit=RECOMMENDED_COUNT + len(shown))
    listings["recommended"] = [item for item in candidates if item.pk not in shown][:RECOMMENDED_COUNT]
    prefetch_categories(listings["recommended"], listings["upcoming_events"], *latest.values())
    request = context.get("request")
    html_cache.depend_on(request, html_cache.listings(get_language()))
    html_cache.expire_at(request, next_event_change(ArticlePage.objects.all(), home.locale_id))
    return listings
