"""Template tags of the news app for pages it does not own: the home page's latest items and events."""

from django import template

from news.models import ArticlePage, SectionPage

register = template.Library()

HOME_LISTING_COUNT = 6
HOME_SECTIONS = ("notices", "news", "association-news")
UPCOMING_EVENTS_COUNT = 3


@register.simple_tag
def home_listings(home) -> dict:
    """The home page's blocks: latest notices and news, upcoming events, recommended items."""
    sections = {s.slug: s for s in SectionPage.objects.child_of(home).live().public()}
    everything = ArticlePage.objects.listing(home.locale)
    listings = {"recommended": everything.recommended(), "sections": sections}
    for slug in HOME_SECTIONS:
        section = sections.get(slug)
        key = "latest_" + slug.replace("-", "_")
        listings[key] = list(everything.child_of(section)[:HOME_LISTING_COUNT]) if section else []
    listings["upcoming_events"] = list(
        everything.events("upcoming").order_by("eventpage__start")[:UPCOMING_EVENTS_COUNT]
    )
    return listings
