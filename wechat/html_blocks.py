"""
WeChat article HTML → the site's body blocks (home.blocks.BodyBlock): paragraphs, headings, images with
captions, lists, tables and quotes.

WeChat's editor wraps everything in nested `<section>`s with inline styles, puts images in `data-src`
(lazy loading), and adds its own widgets (voice, mini-programs, profile cards). Kept: text with bold, italic,
superscript, subscript, line breaks and http(s)/mailto links (tracking parameters removed); images from
WeChat's image hosts. Dropped: every style and class, scripts, frames, media players, WeChat's widgets,
hidden elements, 1-pixel trackers, images from other hosts.

Headings: `<h1>`–`<h2>` → heading, `<h3>` → subheading, `<h4>`–`<h6>` → minor heading; a paragraph that is
only a short bold line numbered as the house style numbers headings (一、 / 1. / （1）) becomes the heading of
that level. A caption is a `<figcaption>`, or the short paragraph right under an image when it is centred
or starts with ▲ / △ / ↑ / 图为 / 图：.
"""

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

MAX_HTML_CHARACTERS = 3_000_000
MAX_DEPTH = 250
MAX_IMAGES = 200
MAX_TABLE_CELLS = 5000
MAX_SPAN = 50

DROPPED_TAGS = {
    "script", "style", "noscript", "iframe", "frame", "object", "embed", "video", "audio", "source", "track",
    "svg", "canvas", "form", "input", "button", "select", "textarea", "template", "link", "meta", "head", "title",
}  # fmt: skip
# WeChat's own widgets: voice, music, mini-program cards, profile cards, product and location cards…
WECHAT_WIDGET_PREFIXES = ("mp-", "mpvoice", "mpprofile", "mpcps", "mpvideo", "mppoi", "mpcpc", "qqmusic", "mpgame")
HEADINGS = {"h1": "heading", "h2": "heading", "h3": "subheading", "h4": "minor_heading"}
HEADINGS |= {"h5": "minor_heading", "h6": "minor_heading"}
MARKS = {"strong": "b", "b": "b", "em": "i", "i": "i", "sup": "sup", "sub": "sub"}
BLOCK_CONTAINERS = {
    "p", "section", "div", "article", "header", "footer", "main", "aside", "nav", "center", "pre", "address",
    "dl", "dt", "dd", "hr", "details", "summary",
}  # fmt: skip
# Numbering of the house style's heading levels (README "Content notes"): 一、 / 1. / （1）
NUMBERED_HEADINGS = [
    (re.compile(r"^[一二三四五六七八九十百]+、"), "heading"),
    (re.compile(r"^\d{1,2}[.．、]\s*\S"), "subheading"),
    (re.compile(r"^[（(][一二三四五六七八九十\d]{1,3}[）)]"), "minor_heading"),
]
MAX_HEADING_CHARACTERS = 40
MAX_CAPTION_CHARACTERS = 60
CAPTION_MARKERS = ("▲", "△", "↑", "图为", "图：", "图:")
# WeChat writes "图片" (image) as the alternative text of every image: no description at all.
GENERIC_ALT_TEXTS = {"", "图片", "image", "img", "picture", "photo"}
TRACKING_PARAMETERS = {
    "chksm", "scene", "from", "isappinstalled", "sessionid", "clicktime", "enterid", "ascene", "devicetype",
    "version", "nettype", "abtest_cookie", "lang", "exportkey", "pass_ticket", "wx_header", "fontgear",
    "subscene", "key", "uin", "share_token", "poc_token", "sharer_shareinfo", "sharer_shareinfo_first",
    "sharer_sharetime", "sharer_shareid", "srcid", "mpshare", "rd2werd",
}  # fmt: skip
TRACKING_FRAGMENTS = {"rd", "wechat_redirect"}
CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK}])((?:<[^>]+>)*)\\s+((?:<[^>]+>)*)(?=[{CJK}])")
EMPTY_MARK = re.compile(r"<(b|i|sup|sub|a)(?: [^>]*)?>(\s|<br/>)*</\1>")
EDGE_BREAKS = re.compile(r"^(\s|<br/>)+|(\s|<br/>)+$")


class MalformedArticle(ValueError):
    """The article's HTML cannot be imported faithfully (missing, oversized, too deeply nested…)."""


@dataclass
class ImageRef:
    """An image of the article, to be downloaded into the library by the importer."""

    url: str
    caption: str = ""
    alt: str = ""


@dataclass
class TableData:
    rows: list[list[str]]
    header_row: bool = False
    caption: str = ""

    def block_value(self) -> dict:
        """The value of home.blocks.TranslatableTableBlock (Wagtail's TableBlock)."""
        return {
            "data": self.rows,
            "first_row_is_table_header": self.header_row,
            "first_col_is_header": False,
            "table_header_choice": "row" if self.header_row else "",
            "table_caption": self.caption,
            "cell": [],
            "mergedCells": [],
        }


def clean_url(url: str) -> str:
    """An http(s) or mailto URL without WeChat's tracking parameters, or '' when it is anything else."""
    url = (url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme == "mailto":
        return url
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMETERS and not key.lower().startswith("utm_")
    ]
    fragment = "" if parts.fragment in TRACKING_FRAGMENTS else parts.fragment
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), fragment))


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u200b", ""))


def tidy_text(text: str) -> str:
    """Whitespace collapsed, and none left between Chinese characters (the source's line breaks)."""
    return SPACE_BETWEEN_CJK.sub(r"\1\2", collapse(text)).strip()


def node_text(node: Tag) -> str:
    return tidy_text(node.get_text(" "))


def _is_hidden(tag: Tag) -> bool:
    return bool(HIDDEN.search(tag.get("style") or "")) or tag.has_attr("hidden")


def _is_dropped(tag: Tag) -> bool:
    name = tag.name.lower()
    return name in DROPPED_TAGS or name.startswith(WECHAT_WIDGET_PREFIXES) or _is_hidden(tag)


def _span(value, default: int = 1) -> int:
    try:
        return min(max(int(value), 1), MAX_SPAN)
    except (TypeError, ValueError):
        return default


class Converter:
    """Walks the parsed HTML once, building blocks; a paragraph is built until a block-level element ends it."""

    def __init__(self, image_hosts: set[str] | None):
        self.image_hosts = image_hosts
        self.blocks: list[tuple[str, object]] = []
        self.parts: list[str] = []  # the current paragraph's HTML
        self.marks: list[str] = []  # inline marks open at this point (b, i, a…), as opening tags
        self.centred: list[bool] = []  # text-align of the block containers we are in
        self.dropped: list[str] = []
        self.image_count = 0

    # -- the current paragraph -------------------------------------------------------------------
    def text(self, text: str) -> None:
        text = collapse(text)
        if text:
            self.parts.append(escape(text, quote=False))

    def open_mark(self, opening: str) -> None:
        self.parts.append(opening)
        self.marks.append(opening)

    def close_mark(self) -> None:
        opening = self.marks.pop()
        self.parts.append(f"</{opening[1:].split()[0].rstrip('>')}>")

    def flush(self) -> None:
        """Ends the current paragraph (if it has text); the open marks go on into the next one."""
        closing = "".join(f"</{opening[1:].split()[0].rstrip('>')}>" for opening in reversed(self.marks))
        html = "".join(self.parts) + closing
        self.parts = list(self.marks)
        for _round in range(3):  # marks left empty by a block inside them, nested up to three deep
            html = EMPTY_MARK.sub("", html)
        # WeChat's editor splits runs of bold text into one element per span.
        html = re.sub(r"</(b|i|sup|sub)><\1>", "", html)
        html = EDGE_BREAKS.sub("", SPACE_BETWEEN_CJK.sub(r"\1\2", html)).strip()
        plain = tidy_text(BeautifulSoup(html, "html.parser").get_text())
        if not plain:
            return
        if self.take_as_caption(plain):
            return
        heading = self.numbered_heading(html, plain)
        if heading:
            self.emit(heading, plain)
        else:
            self.emit("paragraph", f"<p>{html}</p>")

    def take_as_caption(self, plain: str) -> bool:
        if not self.blocks or self.blocks[-1][0] != "image" or self.blocks[-1][1].caption:
            return False
        if len(plain) > MAX_CAPTION_CHARACTERS:
            return False
        if not (any(self.centred) or plain.startswith(CAPTION_MARKERS)):
            return False
        self.blocks[-1][1].caption = plain.lstrip("▲△↑ ").strip()
        return True

    @staticmethod
    def numbered_heading(html: str, plain: str) -> str | None:
        match = re.fullmatch(r"<b>([^<]*)</b>", html)
        if not match or len(plain) > MAX_HEADING_CHARACTERS:
            return None
        return next((kind for pattern, kind in NUMBERED_HEADINGS if pattern.match(plain)), None)

    def emit(self, kind: str, value) -> None:
        self.blocks.append((kind, value))

    # -- walking ---------------------------------------------------------------------------------
    def walk(self, node: Tag, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            raise MalformedArticle("nested too deeply")
        for child in node.children:
            if isinstance(child, Comment | CData | Declaration | Doctype | ProcessingInstruction):
                continue
            if isinstance(child, NavigableString):
                self.text(str(child))
            elif isinstance(child, Tag):
                self.element(child, depth + 1)

    def element(self, tag: Tag, depth: int) -> None:
        name = tag.name.lower()
        if _is_dropped(tag):
            if name not in ("style", "script", "meta", "link", "head", "title"):
                self.dropped.append("hidden element" if _is_hidden(tag) else name)
        elif name == "img":
            self.image(tag)
        elif name == "br":
            self.parts.append("<br/>")
        elif name in HEADINGS:
            self.flush()
            text = node_text(tag)
            if text:
                self.emit(HEADINGS[name], text)
            self.images_within(tag)
        elif name in ("ul", "ol"):
            self.flush()
            self.list(tag, name, depth)
        elif name == "table":
            self.flush()
            self.table(tag, depth)
        elif name == "blockquote":
            self.flush()
            self.quote(tag, depth)
        elif name == "figure":
            self.flush()
            self.figure(tag, depth)
        elif name == "a":
            self.link(tag, depth)
        elif name in MARKS:
            self.open_mark(f"<{MARKS[name]}>")
            self.walk(tag, depth)
            self.close_mark()
        elif name in BLOCK_CONTAINERS:
            self.flush()
            self.centred.append(bool(CENTRED.search(tag.get("style") or "")) or name == "center")
            self.walk(tag, depth)
            self.flush()
            self.centred.pop()
        else:  # span, font, u, label, code… : their content, without them
            self.walk(tag, depth)

    def link(self, tag: Tag, depth: int) -> None:
        href = clean_url(tag.get("href", ""))
        if not href or any(mark.startswith("<a ") for mark in self.marks):
            self.walk(tag, depth)
            return
        self.open_mark(f'<a href="{escape(href)}">')
        self.walk(tag, depth)
        self.close_mark()

    def image(self, tag: Tag, caption: str = "") -> None:
        url = clean_image_url(tag.get("data-src") or "") or clean_image_url(tag.get("src") or "")
        if not url:
            self.dropped.append("img")
            return
        if tag.get("width") in ("0", "1") or tag.get("height") in ("0", "1"):
            self.dropped.append("tracking image")
            return
        if self.image_hosts is not None and (urlsplit(url).hostname or "") not in self.image_hosts:
            self.dropped.append("image from another host")
            return
        self.image_count += 1
        if self.image_count > MAX_IMAGES:
            raise MalformedArticle(f"more than {MAX_IMAGES} images")
        self.flush()
        alt = tidy_text(tag.get("alt") or "")
        self.emit("image", ImageRef(url, caption=caption, alt="" if alt.lower() in GENERIC_ALT_TEXTS else alt))

    def images_within(self, tag: Tag) -> None:
        for image in tag.find_all("img"):
            if not any(_is_dropped(parent) for parent in image.parents if isinstance(parent, Tag)):
                self.image(image)

    def figure(self, tag: Tag, depth: int) -> None:
        caption_tag = tag.find("figcaption")
        caption = node_text(caption_tag) if caption_tag else ""
        if caption_tag:
            caption_tag.extract()
        images = tag.find_all("img")
        if len(images) == 1 and caption:
            self.image(images[0], caption=caption[:255])
            images[0].extract()
        self.walk(tag, depth)
        self.flush()

    def inner(self, tag: Tag, depth: int) -> "Converter":
        """The blocks of an element on their own (a list item, a quotation, a table cell)."""
        converter = Converter(self.image_hosts)
        converter.image_count = self.image_count
        converter.walk(tag, depth)
        converter.flush()
        self.image_count = converter.image_count
        self.dropped += converter.dropped
        return converter

    def list(self, tag: Tag, name: str, depth: int) -> None:
        items, later = [], []
        for item in tag.find_all("li"):
            for nested in item.find_all(["ul", "ol"]):
                nested.extract()  # nested lists: their items follow at the same level (find_all saw them)
            inner = self.inner(item, depth)
            html = "<br/>".join(
                value if kind == "paragraph" else escape(value, quote=False)
                for kind, value in inner.blocks
                if kind in ("paragraph", "heading", "subheading", "minor_heading", "quote")
            )
            html = re.sub(r"</?p>", "", html)
            if html.strip():
                items.append(f"<li>{html}</li>")
            later += [block for block in inner.blocks if block[0] in ("image", "table")]
        if items:
            self.emit("paragraph", f"<{name}>{''.join(items)}</{name}>")
        self.blocks += later

    def quote(self, tag: Tag, depth: int) -> None:
        inner = self.inner(tag, depth)
        lines = [
            tidy_text(BeautifulSoup(value, "html.parser").get_text()) if kind == "paragraph" else value
            for kind, value in inner.blocks
            if kind in ("paragraph", "heading", "subheading", "minor_heading", "quote")
        ]
        if lines:
            self.emit("quote", "\n".join(lines))
        self.blocks += [block for block in inner.blocks if block[0] in ("image", "table")]

    def table(self, tag: Tag, depth: int) -> None:
        caption_tag = tag.find("caption")
        caption = node_text(caption_tag) if caption_tag else ""
        trs = [tr for tr in tag.find_all("tr") if tr.find_parent("table") is tag]
        header_row = bool(trs) and (trs[0].find_parent("thead") is not None or trs[0].find("th") is not None)
        rows, later = [], []
        spanned_below: dict[int, int] = {}  # column → rows still covered by a cell above (rowspan)
        for tr in trs:
            row: list[str] = []

            def skip_spanned(row=row) -> None:
                while spanned_below.get(len(row)):
                    spanned_below[len(row)] -= 1
                    row.append("")

            for cell in tr.find_all(["td", "th"], recursive=False):
                skip_spanned()
                inner = self.inner(cell, depth)
                later += [block for block in inner.blocks if block[0] == "image"]
                text = " ".join(
                    tidy_text(BeautifulSoup(value, "html.parser").get_text()) if kind == "paragraph" else value
                    for kind, value in inner.blocks
                    if isinstance(value, str)
                )
                colspan, rowspan = _span(cell.get("colspan")), _span(cell.get("rowspan"))
                for column in range(len(row), len(row) + colspan):
                    if rowspan > 1:
                        spanned_below[column] = rowspan - 1
                row += [text] + [""] * (colspan - 1)
            skip_spanned()
            while any(spanned_below.get(column) for column in range(len(row), max(spanned_below, default=-1) + 1)):
                row.append("")
                skip_spanned()
            rows.append(row)
        width = max((len(row) for row in rows), default=0)
        if width * len(rows) > MAX_TABLE_CELLS:
            raise MalformedArticle(f"a table of more than {MAX_TABLE_CELLS} cells")
        rows = [row + [""] * (width - len(row)) for row in rows]
        if any(cell for row in rows for cell in row):
            self.emit("table", TableData(rows, header_row=header_row, caption=caption[:255]))
        self.blocks += later


def clean_image_url(url: str) -> str:
    url = (url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url) if url.startswith(("http://", "https://")) else None
    return url if parts and parts.netloc else ""


@dataclass
class Conversion:
    blocks: list[tuple[str, object]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    @property
    def images(self) -> list[ImageRef]:
        return [value for kind, value in self.blocks if kind == "image"]


def convert(html, image_hosts: set[str] | None = None) -> Conversion:
    """The blocks of an article's HTML; `image_hosts`: the only hosts whose images are kept (None: any)."""
    if not isinstance(html, str) or not html.strip():
        raise MalformedArticle("the article has no content")
    if len(html) > MAX_HTML_CHARACTERS:
        raise MalformedArticle("the article's HTML is too large")
    converter = Converter(image_hosts)
    try:
        converter.walk(BeautifulSoup(html, "html.parser"))
    except RecursionError as error:
        raise MalformedArticle("nested too deeply") from error
    converter.flush()
    if not converter.blocks:
        raise MalformedArticle("no text or image found in the article")
    return Conversion(converter.blocks, converter.dropped)
