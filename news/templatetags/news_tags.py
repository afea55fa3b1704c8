"""Template tags of the news app: listing rows and event times, and the home page's latest items and events."""

from django import template
from django.utils.translation import get_language

from wagtail.images import get_image_model

from home.caching import html_cache
from news import listing_html
from news.models import ArticlePage, SectionPage
from news.models.querysets import RECOMMENDED_COUNT, next_event_change, prefetch_categories

register = template.Library()
Image = get_image_model()

HOME_LISTING_COUNT = 6
HOME_SECTIONS = ("notices", "news", "association-news")
# After the lead item and the next events: the news first, the association's own notices next.
HOME_BLOCK_ORDER = ("news", "notices", "association-news")
UPCOMING_EVENTS_COUNT = 3
# What a home block shows of its section (title, link) and what finding its children takes.
SECTION_FIELDS = ("id", "path", "depth", "url_path", "title", "slug", "locale_id", "content_type_id", "live")


@register.simple_tag(takes_context=True)
def listing_item(context, item, heading: str = "h3"):
    """`{% listing_item item heading="h2" %}`: one row of a listing (see news.listing_html)."""
    return listing_html.listing_item(item, item.get_url(context.get("request")), heading)


@register.simple_tag
def event_when(event):
    """`{% event_when event %}`: when the event takes place, in local time (see news.listing_html)."""
    return listing_html.event_when(event)


@register.simple_tag(takes_context=True)
def home_listings(context, home) -> dict:
    """
    The home page's blocks: the latest item of all sections (first and larger), the next events, the latest
    notices, news and association news, and the recommended items that none of those blocks shows already (the
    seed recommends its five notices, which the notices block lists: the sidebar would repeat them). A block with
    nothing published is left out (`blocks` lists those with items, in the order the page shows them).

    Five queries whatever the content: the sections, the latest items of all sections together (one windowed
    query), the recommended candidates, the upcoming events, and the categories of everything shown (one more
    for the lead item's cover image, when it has one).
    """
    shown_sections = SectionPage.objects.child_of(home).live().public().filter(slug__in=HOME_SECTIONS)
    sections = {s.slug: s for s in shown_sections.only(*SECTION_FIELDS)}
    by_name = {slug.replace("-", "_"): page for slug, page in sections.items()}  # template-friendly keys
    everything = ArticlePage.objects.listing(home.locale_id)
    listings_dependency = html_cache.listings(get_language())
    latest = everything.latest_per_parent(list(sections.values()), HOME_LISTING_COUNT, listings_dependency)
    listings = {"sections": by_name}
    newest = [item for items in latest.values() for item in items]
    lead = max(newest, key=lambda item: (item.date, item.pk)) if newest else None
    listings["lead"] = lead
    blocks = []
    for slug in HOME_BLOCK_ORDER:
        section = sections.get(slug)
        items = [item for item in latest.get(section.pk, []) if item is not lead] if section else []
        listings["latest_" + slug.replace("-", "_")] = items
        if items:
            blocks.append({"section": section, "items": items})
    listings["blocks"] = blocks
    listings["upcoming_events"] = list(
        everything.events("upcoming").order_by("eventpage__start", "-pk")[:UPCOMING_EVENTS_COUNT]
    )
    shown = {item.pk for item in [*newest, *listings["upcoming_events"]]}
    listings["recommended"] = everything.exclude(pk__in=shown).recommended(limit=RECOMMENDED_COUNT)
    prefetch_categories(listings["recommended"], listings["upcoming_events"], newest)
    if lead is not None and lead.cover_image_id:
        lead.cover_image = Image.objects.filter(pk=lead.cover_image_id).first()
    request = context.get("request")
    html_cache.depend_on(request, listings_dependency)
    html_cache.expire_at(request, next_event_change(ArticlePage.objects.all(), home.locale_id))
    return listings
