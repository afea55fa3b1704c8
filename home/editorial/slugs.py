"""
ASCII slugs from Chinese titles: pinyin per word (成都服务贸易协会 → chengdu-fuwu-maoyi-xiehui), Latin runs and
numbers kept in place (…参加2026年服贸会 → …-canjia-2026-nian-fumaohui).
"""

import re
import unicodedata
import uuid

from django.utils.text import slugify

from home.search.chinese import has_chinese, words

MAX_SLUG_LENGTH = 80
# Wagtail's admin slug field keeps at most this many characters of what it makes from the title.
BROWSER_SLUG_LENGTH = 255


def chunks(word: str) -> list[str]:
    """A long dictionary word (成都服务贸易协会) in two-character pieces, which is how such names are built."""
    if len(word) <= 4 or not has_chinese(word):
        return [word]
    return [word[start : start + 2] for start in range(0, len(word), 2)]


def pinyin_slug(title: str) -> str:
    """
    The slug of a title: each word's pinyin without tones, words joined by hyphens, Latin text kept.

    A title that yields nothing (only punctuation or emoji) gets a short `page-xxxxxxxx`.
    """
    # Imported here (a third-party import, which the layering rule allows): pypinyin loads its phrase dictionary
    # as it is imported, ~0.25 s of CPU and ~20 MB, which only a page saved without a slug needs, not every worker.
    from pypinyin import lazy_pinyin

    parts = [slugify("".join(lazy_pinyin(chunk))) for word in words(title or "") for chunk in chunks(word)]
    slug = "-".join(part for part in parts if part)
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug or f"page-{uuid.uuid4().hex[:8]}"


def browser_slug(title: str) -> str:
    """
    What Wagtail 7.4's admin writes into the slug field while the editor types a title (the `w-slug` controller's
    `urlify`, with WAGTAIL_ALLOW_UNICODE_SLUGS off): accents dropped, everything but ASCII letters, digits, `_`,
    `-` and spaces removed, spaces and hyphens collapsed. For "…参加2026年服贸会" that is "2026". A slug equal to
    it was filled in by the browser, not typed by the editor (Wagtail's own script tells them apart the same way:
    it stops syncing once the slug differs from this).
    """
    value = (title or "").strip()
    # Decomposed accents drop out with the other non-ASCII characters: é → e, as Wagtail's Latin map does.
    text = "".join(char for char in unicodedata.normalize("NFD", value) if not unicodedata.combining(char))
    text = re.sub(r"[^\-A-Za-z0-9_\s]", "", text.lower())
    text = re.sub(r"[-\s]+", "-", text)[:BROWSER_SLUG_LENGTH].rstrip("-")
    if text:
        return text
    # Wagtail's fallback when that leaves nothing: its plain slugify of the title.
    return re.sub(r"[^A-Za-z0-9\-_]", "", re.sub(r"\s+", "-", value)).lower()
