"""Template tags for articles and events: structured data (schema.org JSON-LD)."""

import json

from django import template
from django.utils.translation import get_language

from home.urls_util import absolute_url

register = template.Library()

_ATTENDANCE = {
    "offline": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def _json(data: dict) -> str:
    # Escape "<" so a title containing "</script>" cannot close the script element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


@register.simple_tag(takes_context=True)
def event_json_ld(context, page) -> str:
    """schema.org Event for an event page, in the page's language."""
    request = context.get("request")
    url = absolute_url(page.get_url(request))
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": url,
        "inLanguage": get_language(),
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": {"@type": "Organization", "name": context.get("organisation_name", "")},
    }
    if page.summary:
        data["description"] = page.summary
    if page.start:
        data["startDate"] = page.start.isoformat()
    if page.end:
        data["endDate"] = page.end.isoformat()
    if page.event_format:
        data["eventAttendanceMode"] = _ATTENDANCE[page.event_format]
    if page.venue or page.address:
        data["location"] = {
            "@type": "Place",
            "name": page.venue or page.address,
            "address": page.address or page.venue,
        }
    if page.event_format == "online":
        data["location"] = {"@type": "VirtualLocation", "url": url}
    organisers = [o.name for o in page.organisers.all()]
    if organisers:
        data["organizer"] = [{"@type": "Organization", "name": name} for name in organisers]
    else:
        data.pop("organizer")
    return _json(data)
