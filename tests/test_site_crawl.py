"""Follow every internal link from both home pages, as a visitor clicking around would."""

import importlib
import re
from urllib.parse import urlsplit

import pytest

from tests.html import chinese_outside_marked_elements, internal_links, link_tags, main_of

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/")


def crawl(client, start: str, limit: int = 400) -> dict[str, bytes]:
    seen: dict[str, bytes] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIP_PREFIXES):
            continue
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        seen[url] = response.content
        for href in internal_links(response.content.decode()):
            href = href.split("#", 1)[0]
            if href and href not in seen and not href.startswith(SKIP_PREFIXES):
                queue.append(href)
    return seen


@pytest.fixture(scope="module")
def crawled(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        client = Client()
        return {"zh-hans": crawl(client, "/zh-hans/"), "en": crawl(client, "/en/")}


def test_every_link_from_both_home_pages_resolves(crawled):
    # The crawl itself asserts 200 for every page; here: it reached the whole site in each language.
    for language, pages in crawled.items():
        paths = {urlsplit(url).path for url in pages}
        assert len(paths) >= 30, (language, len(paths))


def test_english_pages_show_no_chinese_outside_marked_elements(crawled):
    offenders = {}
    for url, content in crawled["en"].items():
        if not urlsplit(url).path.startswith("/en/"):
            continue
        found = chinese_outside_marked_elements(content.decode())
        if found:
            offenders[url] = found[:3]
    assert offenders == {}


# What an empty room says (today's words and the old ones), and the note a page waiting for content carries.
EMPTY_STATES = (
    "No items yet",
    "暂无内容",
    "Nothing has been published here yet",
    "本栏目暂未发布内容",
    "No events are announced at the moment",
    "目前暂无已公布的活动",
    "No member organisations are listed",
    "Note for editors",
    "编辑说明",
)


def html_pages(crawled) -> dict[str, str]:
    return {
        url: content.decode()
        for pages in crawled.values()
        for url, content in pages.items()
        if content.lstrip().startswith(b"<!DOCTYPE html>")
    }


def test_no_page_linked_from_menus_footer_or_home_is_an_empty_room(crawled):
    offenders = {}
    for url, html in html_pages(crawled).items():
        found = [state for state in EMPTY_STATES if state in main_of(html)]
        if found:
            offenders[url] = found
    assert offenders == {}


def test_no_live_page_is_a_placeholder(crawled, client):
    """The pages the seed only names are drafts: unreachable, and their old "please contact us" text nowhere."""
    loader_texts = importlib.import_module("home.migrations.0014_seed_placeholders_and_english_address").LOADER_TEXTS
    sentences = [text for texts in loader_texts.values() for language in texts.values() for text in language[2:]]
    pages = html_pages(crawled)
    for sentence in sentences:
        assert not [url for url, html in pages.items() if sentence.replace("'", "&#x27;") in html], sentence
    for path in ("/about/charter/", "/party-building/", "/join/member-benefits/"):
        for language in ("zh-hans", "en"):
            assert client.get(f"/{language}{path}").status_code == 404
            assert f"/{language}{path}" not in {urlsplit(url).path for url in pages}


def test_every_feed_offered_has_items(crawled, client):
    feeds = set()
    for html in html_pages(crawled).values():
        feeds |= {tag["href"] for tag in link_tags(html, "alternate") if tag.get("type") == "application/rss+xml"}
        feeds |= {href for href in internal_links(html) if "/feeds/" in href}
    assert feeds, "the listings with items offer their feeds"
    empty = [feed for feed in sorted(feeds) if "<item>" not in client.get(feed).content.decode()]
    assert empty == []


def test_every_sitemap_listed_has_entries(client):
    index = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", index)
    assert locations
    for location in locations:
        response = client.get(urlsplit(location).path)
        assert response.status_code == 200 and "<url>" in response.content.decode(), location
