"""What the search index holds of a page: a segmented copy of its Chinese text, next to Wagtail's own fields."""

import re
from collections.abc import Iterator

from django.utils.html import strip_tags

from wagtail.rich_text import RichText
from wagtail.search import index

from home.search.chinese import segment_for_index

# Fields whose text a page's search copy is made of, where the page has them.
TEXT_FIELDS = ("title", "intro", "summary", "venue", "audience", "source_name")


# Tags that end a paragraph, a list item, a cell…: they leave a space, or two blocks run together
# ("…intellectual propertyEvent Invitations…") in the index and in search excerpts.
BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|br|div|tr|td|th|table|blockquote|figcaption|caption)\b[^>]*>", re.I)


def text_of_html(html: str) -> str:
    """Rich text as plain text, its blocks apart."""
    return strip_tags(BLOCK_TAG.sub(" ", html))


def streamfield_parts(body, strip_html=text_of_html) -> Iterator[str]:
    """The readable texts of a StreamField body, block by block (headings, paragraphs, quotes, captions)."""
    for block in body or []:
        value = block.value
        if isinstance(value, RichText):
            yield strip_html(value.source)
        elif isinstance(value, str):
            yield value
        elif hasattr(value, "get"):
            yield from (str(value.get(key) or "") for key in ("text", "caption", "title", "attribution"))


def streamfield_text(body) -> str:
    """The readable text of a StreamField body, as the search index holds it."""
    return "\n".join(part for part in streamfield_parts(body) if part)


class ChineseSearchMixin:
    """Adds segmented copies of a page's title and text to its search fields (see home/chinese.py for why)."""

    def segmented_title(self) -> str:
        return segment_for_index(self.title)

    def segmented_search_text(self) -> str:
        texts = [str(getattr(self, name, "") or "") for name in TEXT_FIELDS]
        if getattr(self, "body", None) is not None:
            texts.append(streamfield_text(self.body))
        # Field by field (the segmenter cuts at line ends anyway), so an unchanged body is segmented only once.
        return "\n".join(segment_for_index(text) for text in texts if text)


# Searched by the site search; autocompleted by the admin's page search (which uses autocomplete).
SEGMENTED_SEARCH_FIELDS = [
    # A match in the title counts more than one in the body, as Wagtail does for the plain title.
    index.SearchField("segmented_title", boost=3),
    index.SearchField("segmented_search_text"),
    index.AutocompleteField("segmented_search_text"),
]
