"""Text tools for search results: a safe query, and an excerpt with the matched words highlighted."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .search import streamfield_text
from .teasers import width

MAX_QUERY_LENGTH = 100
EXCERPT_RADIUS = 60

_NOT_WORDY = re.compile(r"[^\w\s\-]+")


def normalise_query(raw: str) -> str:
    """Letters, digits and spaces only, at most 100 characters: quotes, operators, NUL and junk removed."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(char for char in text if unicodedata.category(char)[0] not in ("C",))  # control, surrogate
    text = _NOT_WORDY.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def _latin_letter(character: str) -> bool:
    return character.isalnum() and width(character) == 1


def word_boundaries(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`/`end` moved off the middle of a Latin word (Chinese has no spaces: any character will do)."""
    end = min(end, len(text))
    if 0 < start < end and _latin_letter(text[start - 1]) and _latin_letter(text[start]):
        space = text.find(" ", start, end)
        start = space + 1 if space >= 0 else start
    if start < end < len(text) and _latin_letter(text[end - 1]) and _latin_letter(text[end]):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def highlight(text: str, terms: list[str]) -> str:
    """An escaped excerpt around the first match, with every term wrapped in <mark>."""
    text = " ".join(text.split())
    lowered = text.lower()
    positions = [lowered.find(term.lower()) for term in terms if term and lowered.find(term.lower()) >= 0]
    start = max(min(positions) - EXCERPT_RADIUS, 0) if positions else 0
    start, end = word_boundaries(text, start, start + 2 * EXCERPT_RADIUS + 40)
    excerpt = text[start:end]
    prefix, suffix = ("…" if start else ""), ("…" if start + len(excerpt) < len(text) else "")
    escaped = escape(excerpt)
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        escaped = re.sub(f"({re.escape(escape(term))})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE)
    return mark_safe(prefix + escaped + suffix)


def page_text(page) -> str:
    """The body (where matches usually are), else the summary or introduction."""
    return streamfield_text(getattr(page, "body", None)) or getattr(page, "summary", "") or getattr(page, "intro", "")
