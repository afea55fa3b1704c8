"""Small HTML readers for black-box tests (stdlib only)."""

import re
from html.parser import HTMLParser

CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []  # the lang of each open element (None: inherited)
        self.outside_chinese: list[str] = []
        self.links: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def _in_chinese(self) -> bool:
        for lang in reversed(self.stack):
            if lang is not None:
                return lang.lower().startswith("zh")
        return False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        # Attribute text a reader sees (alt, title, aria-label, placeholder) counts as chrome too.
        inside = attributes.get("lang")
        if not (inside or "").lower().startswith("zh") and not self._in_chinese():
            for name in ("alt", "title", "aria-label", "placeholder", "content"):
                value = attributes.get(name) or ""
                if CHINESE.search(value):
                    self.outside_chinese.append(f"<{tag} {name}={value!r}>")
        if tag not in VOID_TAGS:
            self.stack.append(attributes.get("lang"))

    def handle_endtag(self, tag):
        if tag not in VOID_TAGS and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if CHINESE.search(data) and not self._in_chinese():
            self.outside_chinese.append(data.strip())


def read_page(html: str) -> _PageReader:
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    return reader


def chinese_outside_marked_elements(html: str) -> list[str]:
    """Chinese text on an English page that is not inside an element marked lang="zh-hans"."""
    return read_page(html).outside_chinese


def internal_links(html: str) -> list[str]:
    return [href for href in read_page(html).links if href.startswith("/") and not href.startswith("//")]


def link_tags(html: str, rel: str) -> list[dict]:
    return [attrs for tag, attrs in read_page(html).tags if tag == "link" and attrs.get("rel") == rel]


def main_of(html: str) -> str:
    """The page's <main> element: its own content, without the header, menus and footer."""
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
