"""
Section listings, their feeds and the home page read a listing's keys in order from the shared cache
(home.pagination): the count and a page's keys cost no scan of the section, and every publish or unpublish shows at
once, as with the HTML cache.
"""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import make_article, section

pytestmark = pytest.mark.django_db
keys_cached = override_settings(LISTING_KEYS_CACHE_SECONDS=300)
LISTING = "/zh-hans/news/"
FEED = "/zh-hans/feeds/news.xml"


def scans_of_the_section(client, path: str) -> int:
    """The queries that list or count the section's articles in order (what the cached keys spare)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    listing_keys = '"news_articlepage"."page_ptr_id" AS "pk"'
    return sum(1 for query in queries if listing_keys in query["sql"] or "COUNT(" in query["sql"])


def sorts_of_the_section(client, path: str) -> int:
    """The queries that sort articles newest first (a page with no other list of articles than the section's)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return sum(1 for query in queries if 'ORDER BY "news_articlepage"."date" DESC' in query["sql"])


@keys_cached
def test_the_keys_are_read_once_then_come_from_the_cache(client):
    for number in range(12):
        make_article(section("news"), title=f"分页测试文章{number:02d}")
    client.get(LISTING)
    assert scans_of_the_section(client, LISTING) == 0
    assert scans_of_the_section(client, LISTING + "?page=2") == 0
    client.get(FEED)
    assert scans_of_the_section(client, FEED) == sorts_of_the_section(client, FEED) == 0  # the listing's keys


@keys_cached
@pytest.mark.parametrize("path", [LISTING, "/zh-hans/", FEED])
def test_a_publish_and_an_unpublish_show_at_once(client, path):
    client.get(path)
    article = make_article(section("news"), title="刚刚发布的新闻", day=None)
    article.date = article.date.replace(year=2099)  # the newest: first on the listing and the home page
    article.save_revision().publish()
    assert "刚刚发布的新闻" in client.get(path).content.decode()
    article.unpublish()
    assert "刚刚发布的新闻" not in client.get(path).content.decode()


@keys_cached
def test_the_cached_keys_give_the_same_pages_as_the_database(client):
    for number in range(12):
        make_article(section("news"), title=f"分页测试文章{number:02d}")
    cached = [client.get(LISTING, {"page": page}).content.decode() for page in (1, 2)]
    with override_settings(LISTING_KEYS_CACHE_SECONDS=0):
        fresh = [client.get(LISTING, {"page": page}).content.decode() for page in (1, 2)]
    assert cached == fresh
