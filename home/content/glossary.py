"""
The English of the seed content, paired with its Chinese in wagtail-localize's segment form.

Bodies are written once in the data files, as blocks with a `zh` and an `en` text; `build_body` turns
them into the Chinese StreamField value and records each pair in a Glossary, from which the loader
fills the translation of every segment.
"""

from html import escape

from wagtail.rich_text import RichText
from wagtail_localize.strings import StringValue

# h2, h3, h4 (home.blocks): a data file names the level as the block type.
HEADING_TYPES = ("heading", "subheading", "minor_heading")
# Blocks without text that the website fills in from its settings (home.site_facts).
SITE_FACT_TYPES = ("hosting_location", "data_access", "data_requests", "retention_periods")


class Glossary:
    """zh → en pairs in wagtail-localize's segment form (HTML-escaped, inline markup only)."""

    def __init__(self):
        self.pairs: dict[tuple[str, str], str] = {}

    def add(self, zh: str, en: str, field: str = "") -> None:
        """Pair `zh` with `en`; with `field`, only for that field (the segment's context path)."""
        if zh and zh.strip():
            # First wins: a title keeps its own translation when a body repeats the words.
            key = (field, self.key(StringValue.from_plaintext(zh).data))
            self.pairs.setdefault(key, StringValue.from_plaintext(en).data)

    def add_titles(self, data: dict) -> None:
        """The title and introduction of a page's data file."""
        self.add(data["title"]["zh"], data["title"]["en"])
        if data.get("intro"):
            self.add(data["intro"]["zh"], data["intro"]["en"])

    @staticmethod
    def key(segment_html: str) -> str:
        return " ".join(segment_html.split())

    def lookup(self, segment_html: str, context_path: str = "") -> str | None:
        key = self.key(segment_html)
        return self.pairs.get((context_path, key)) or self.pairs.get(("", key))


def build_body(blocks: list[dict], glossary: Glossary) -> list[tuple[str, object]]:
    """The zh StreamField value of a content body; records each block's English in the glossary."""
    body = []
    for block in blocks:
        kind = block["type"]
        if kind in HEADING_TYPES:
            body.append((kind, block["zh"]))
            glossary.add(block["zh"], block["en"])
        elif kind in SITE_FACT_TYPES:
            body.append((kind, None))
        elif kind == "omitted_figure":
            source = block.get("source") or {"zh": "", "en": ""}
            body.append(("omitted_figure", {"caption": block["caption"]["zh"], "source": source["zh"]}))
            glossary.add(block["caption"]["zh"], block["caption"]["en"])
            glossary.add(source["zh"], source["en"])
        elif kind == "paragraph":
            body.append(("paragraph", RichText(f"<p>{escape(block['zh'])}</p>")))
            glossary.add(block["zh"], block["en"])
        elif kind == "list":
            items = "".join(f"<li>{escape(item)}</li>" for item in block["zh"])
            body.append(("paragraph", RichText(f"<ul>{items}</ul>")))
            for zh, en in zip(block["zh"], block["en"], strict=True):
                glossary.add(zh, en)
        else:
            raise ValueError(f"unknown block type {kind!r}")
    return body
