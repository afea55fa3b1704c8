"""iCalendar (RFC 5545) files for events: one VEVENT, times in UTC, no third-party library."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from home.absolute_urls import absolute_url

PRODID = "-//Chengdu Association of Trade in Services//cdats.org.cn//EN"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_calendar(event, url_path: str) -> str | None:
    """The .ics text of `event` (a page in the reader's language), or None without a start time."""
    if not event.start:
        return None
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:event-{event.translation_key}@cdats.org.cn",
        f"DTSTAMP:{_utc(timezone.now())}",
    ]
    if event.all_day:
        end_day = (event.end or event.start).astimezone(timezone.get_current_timezone()).date() + timedelta(days=1)
        start_day = event.start.astimezone(timezone.get_current_timezone()).date()
        lines += [f"DTSTART;VALUE=DATE:{start_day:%Y%m%d}", f"DTEND;VALUE=DATE:{end_day:%Y%m%d}"]
    else:
        lines.append(f"DTSTART:{_utc(event.start)}")
        lines.append(f"DTEND:{_utc(event.end or event.start + timedelta(hours=2))}")
    location = ", ".join(part for part in (event.venue, event.address) if part)
    lines.append(f"SUMMARY:{_escape(event.title)}")
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if event.summary:
        lines.append(f"DESCRIPTION:{_escape(event.summary)}")
    lines.append(f"URL:{absolute_url(url_path)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
