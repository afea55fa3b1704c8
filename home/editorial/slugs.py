"""ASCII slugs from Chinese titles: pinyin per word (成都服务贸易协会 → chengdu-fuwu-maoyi-xiehui)."""

import uuid

from django.utils.text import slugify

from home.search.chinese import has_chinese, words

MAX_SLUG_LENGTH = 80


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
