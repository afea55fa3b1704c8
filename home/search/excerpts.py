"""Text tools for search results: a safe query, and an excerpt with the matched words highlighted."""

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import unescape

from django.utils.html import escape
from django.utils.safestring import mark_safe

from home.search.index import BLOCK_TAG, streamfield_parts
from home.teasers import width

MAX_QUERY_LENGTH = 100
EXCERPT_RADIUS = 60
EXCERPT_LENGTH = 2 * EXCERPT_RADIUS + 40

_TAG = re.compile(r"<[^>]*>")

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
    start, end = word_boundaries(text, start, start + EXCERPT_LENGTH)
    excerpt = text[start:end]
    prefix, suffix = ("…" if start else ""), ("…" if start + len(excerpt) < len(text) else "")
    escaped = escape(excerpt)
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        escaped = re.sub(f"({re.escape(escape(term))})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE)
    return mark_safe(prefix + escaped + suffix)


def quick_text(html: str) -> str:
    """Rich text without its tags (blocks kept apart by a space), for an excerpt: it is escaped again when shown."""
    return unescape(_TAG.sub("", BLOCK_TAG.sub(" ", html))).strip()


def text_around_first_match(parts: Iterable[str], terms: list[str]) -> str:
    """
    The body's text up to a little past the first match (all of it when nothing matches): a long body's later
    blocks are never turned into text for an excerpt that cannot reach them.
    """
    text, match = "", -1
    lowered_terms = [term.lower() for term in terms if term]
    for part in parts:
        if not part:
            continue
        text = f"{text}\n{part}" if text else part
        if match < 0:
            found = [position for term in lowered_terms if (position := text.lower().find(term)) >= 0]
            match = min(found) if found else -1
        if match >= 0 and len(text) > match + EXCERPT_RADIUS + EXCERPT_LENGTH:
            return text  # more text follows the excerpt's window: it still ends with "…"
    return text


def page_text(page, terms: list[str]) -> str:
    """The body (where matches usually are), else the summary or introduction."""
    body_text = text_around_first_match(streamfield_parts(getattr(page, "body", None), quick_text), terms)
    return body_text or getattr(page, "summary", "") or getattr(page, "intro", "")


@dataclass
class SearchResult:
    """
    One hit of the site search. Its excerpt is built only when shown: a query may match 200 pages, a results page
    shows 10, and reading a body and highlighting it is most of a hit's cost. Page hits get their date and text
    from their specific page (`fill`); others bring their own `text`.
    """

    title: str
    url: str
    type: str
    terms: list[str]
    date: datetime.date | None = None
    text: Callable[[], str] = field(default=lambda: "", repr=False)

    @property
    def excerpt(self) -> str:
        if not hasattr(self, "_excerpt"):
            self._excerpt = highlight(self.text(), self.terms)
        return self._excerpt

    def fill(self, page) -> None:
        """Date and text from the hit's specific page."""
        self.date = getattr(page, "date", None)
        self.text = lambda: page_text(page, self.terms)
