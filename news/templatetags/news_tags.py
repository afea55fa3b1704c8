"""Template tags of the news app for pages it does not own: the home page's latest items and events."""

from django import template
from django.utils.translation import get_language

from home import html_cache
from news.models import ArticlePage, SectionPage
from news.models.querysets import next_event_change, prefetch_categories

register = template.Library()

HOME_LISTING_COUNT = 6
HOME_SECTIONS = ("notices", "news", "association-news")
UPCOMING_EVENTS_COUNT = 3


@register.simple_tag(takes_context=True)
def home_listings(context, home) -> dict:
    """
    The home page's blocks: latest notices and news, upcoming events, recommended items.

    Five queries whatever the content: the sections, the latest items of all sections together (one windowed
    query), the recommended items, the upcoming events, and the categories of everything shown.
    """
    sections = {s.slug: s for s in SectionPage.objects.child_of(home).live().public() if s.slug in HOME_SECTIONS}
    everything = ArticlePage.objects.listing(home.locale_id)
    latest = everything.latest_per_parent(list(sections.values()), HOME_LISTING_COUNT)
    listings = {"recommended": everything.recommended(), "sections": sections}
    for slug in HOME_SECTIONS:
        section = sections.get(slug)
        listings["latest_" + slug.replace("-", "_")] = latest.get(section.pk, []) if section else []
    listings["upcoming_events"] = list(
        everything.events("upcoming").order_by("eventpage__start", "-pk")[:UPCOMING_EVENTS_COUNT]
    )
    prefetch_categories(listings["recommended"], listings["upcoming_events"], *latest.values())
    request = context.get("request")
    html_cache.depend_on(request, html_cache.listings(get_language()))
    html_cache.expire_at(request, next_event_change(ArticlePage.objects.all(), home.locale_id))
    return listings
