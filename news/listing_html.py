"""
The markup of a listing row (section listings, the home page's blocks, upcoming events) and of an event's time.

Built here rather than by including a template for each row: the home page shows some 26 rows, and the
included template cost ~180 µs a row (three date filters, the URL, the tag, the event time) — a fifth of the
page's CPU. The same markup costs ~40 µs a row this way. Every text goes through `format_html` (escaped);
dates and times are in the active language's formats and the site's time zone.
"""

from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from home.teasers import teaser

SUMMARY_COLUMNS = 140
HEADING_LEVELS = ("h2", "h3")


def _time(value: str, text: str) -> SafeString:
    return format_html('<time datetime="{}">{}</time>', value, text)


def event_when(event) -> SafeString:
    """
    When an event takes place: a day or a range of days for all-day events, else date and time (the end's time
    alone when it ends on the day it starts), in local time; "to be announced" without a start.
    """
    if not event.start:
        return escape(gettext("Time to be announced"))
    start = timezone.localtime(event.start)
    end = timezone.localtime(event.end) if event.end else None
    if event.all_day:
        html = _time(start.date().isoformat(), formats.date_format(start, "DATE_FORMAT"))
        if end and end.date() != start.date():
            html += format_html(" – {}", _time(end.date().isoformat(), formats.date_format(end, "DATE_FORMAT")))
        return html
    # Whole seconds: HTML allows at most three digits of a fraction in `datetime`.
    html = _time(start.replace(microsecond=0).isoformat(), formats.date_format(start, "DATETIME_FORMAT"))
    if end:
        same_day = end.date() == start.date()
        shown = formats.time_format(end, "H:i") if same_day else formats.date_format(end, "DATETIME_FORMAT")
        html += format_html(" – {}", _time(end.replace(microsecond=0).isoformat(), shown))
    return html


def badge_day(day) -> str:
    """
    The day over the year in a listing's date badge: `05-22` on Chinese pages (the original site's style),
    `22 May` on English ones (a British reader takes `05-22` for nothing, or for the 5th of the 22nd month).
    """
    if (get_language() or "").startswith("zh"):
        return f"{day.month:02d}-{day.day:02d}"
    return formats.date_format(day, "MONTH_DAY_FORMAT")


def listing_item(item, url: str, heading: str = "h3") -> SafeString:
    """One row: tag and title linked to `url`, the summary cut to length, an event's time and venue, the date."""
    if heading not in HEADING_LEVELS:
        raise ValueError(f"heading must be one of {HEADING_LEVELS}, not {heading!r}")
    tag = item.tag
    title = format_html('<span class="tag">{}</span>{}', tag.tag_label, item.title) if tag else escape(item.title)
    summary = ""
    if item.summary:
        summary = format_html('<p class="listing-item__summary">{}</p>', teaser(item.summary, SUMMARY_COLUMNS))
    event = item.event
    event_line = ""
    if event:
        venue = format_html(" · {}", event.venue) if event.venue else ""
        event_line = format_html('<p class="listing-item__event">{}{}</p>', event_when(event), venue)
    day = item.date
    return format_html(
        '<li class="listing-item"><div class="listing-item__text">'
        '<{heading} class="listing-item__title"><a href="{url}">{title}</a></{heading}>{summary}{event}</div>'
        '<time class="date-badge" datetime="{iso}"><span class="date-badge__day">{month_day}</span>'
        '<span class="date-badge__year">{year}</span></time></li>',
        heading=heading,
        url=url,
        title=title,
        summary=summary,
        event=event_line,
        iso=day.isoformat(),
        month_day=badge_day(day),
        year=day.year,
    )
