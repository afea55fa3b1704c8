"""Template tags of the news app for pages it does not own: the home page's latest items and events."""

from django import template

from news.models import ArticlePage, SectionPage
from news.models.querysets import RECOMMENDED_COUNT

register = template.Library()

HOME_LISTING_COUNT = 6
HOME_SECTIONS = ("notices", "news", "association-news")
UPCOMING_EVENTS_COUNT = 3


@register.simple_tag
def home_listings(home) -> dict:
    """
    The home page's blocks: latest notices, news and association news, upcoming events, and the
    recommended items that none of those blocks shows already (the seed recommends its five notices,
    which the notices block lists: the sidebar would repeat them).
    """
    sections = {s.slug: s for s in SectionPage.objects.child_of(home).live().public()}
    by_name = {slug.replace("-", "_"): page for slug, page in sections.items()}  # template-friendly keys
    everything = ArticlePage.objects.listing(home.locale)
    listings = {"sections": by_name}
    for slug in HOME_SECTIONS:
        section = sections.get(slug)
        key = "latest_" + slug.replace("-", "_")
        listings[key] = list(everything.child_of(section)[:HOME_LISTING_COUNT]) if section else []
    listings["upcoming_events"] = list(
        everything.events("upcoming").order_by("eventpage__start")[:UPCOMING_EVENTS_COUNT]
    )
    shown = {item.pk for key, items in listings.items() if key != "sections" for item in items}
    # Enough candidates that five remain even when every shown item is among them (one query either way).
    candidates = everything.recommended(limit=RECOMMENDED_COUNT + len(shown))
    listings["recommended"] = [item for item in candidates if item.pk not in shown][:RECOMMENDED_COUNT]
    return listings
