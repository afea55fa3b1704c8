"""Follow every internal link from both home pages, as a visitor clicking around would."""

from urllib.parse import urlsplit

import pytest

from tests.html import chinese_outside_marked_elements, internal_links

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
def crawled(django_db_blocker):
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
