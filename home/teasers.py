"""
Short texts cut to length for listings, sidebars and meta descriptions, in either language.

English is cut at a word boundary, Chinese between characters (it has no spaces), and both end with
an ellipsis. Length is measured in display columns: a Chinese character is as wide as two Latin
letters, so `teaser(text, 140)` gives about 140 letters of English or 70 characters of Chinese — the
same space on the page.
"""

import unicodedata

ELLIPSIS = "…"
# Left at the end of a cut text, these would stand before the ellipsis: "发展，…", "trade, …".
TRAILING_PUNCTUATION = " ,.;:!?，。；：！？、（(“‘-–—"


def width(character: str) -> int:
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def teaser(text: str, columns: int) -> str:
    """`text` on one line, at most `columns` wide (ellipsis included)."""
    text = " ".join((text or "").split())
    if sum(width(c) for c in text) <= columns:
        return text
    used, cut = 0, 0
    for index, character in enumerate(text):
        used += width(character)
        if used > columns - 1:  # room for the ellipsis
            break
        cut = index + 1
    head = text[:cut]
    next_character = text[cut] if cut < len(text) else ""
    # Mid-word in a Latin run: go back to the last space (unless the word is all there is).
    mid_word = bool(next_character) and width(next_character) == 1 and not next_character.isspace()
    if mid_word and head and width(head[-1]) == 1 and not head[-1].isspace() and " " in head:
        head = head[: head.rindex(" ")]
    return head.rstrip(TRAILING_PUNCTUATION) + ELLIPSIS


# What a share card (OpenGraph, the meta description, a WeChat card) shows of a page: about 80 Chinese characters
# or 160 letters of English, which every card shows whole.
SHARE_COLUMNS = 160


def share_description(page, columns: int = SHARE_COLUMNS) -> str:
    """
    The one description of a page for search engines and share cards: its search description, else its teaser,
    else its introduction, else its title; cut at a word (English) or a character (Chinese), with an ellipsis.
    """
    text = page.search_description or getattr(page, "summary", "") or getattr(page, "intro", "") or page.title
    return teaser(str(text), columns)
