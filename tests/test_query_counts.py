"""
Every public page issues at most 12 SQL queries, and the same number with 15 or 200 articles in a section.

"Uncached": the HTML cache misses, while menus and settings are warm (as any visit but the first finds them).
`make bench` measures the same pages at the original site's size (1,300 articles per locale).
"""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

import pytest

from news.models import ArticlePage
from tests.factories import make_article, section

pytestmark = pytest.mark.django_db

QUERY_BOUND = 12
FEW, MANY = 15, 200
# Search reads the shown hits' own rows, one query per page type among the ten shown: bounded by the number of
# page types, not by the number of hits.
SEARCH_URLS = ["/zh-hans/search/?q=外包", "/en/search/?q=trade", "/en/search/?q=trade&page=2"]

URLS = [
    "/zh-hans/",
    "/en/",
    "/zh-hans/news/",
    "/zh-hans/news/?category=frontier-news",
    "/zh-hans/news/?page=2",
    "/zh-hans/news/?page=last",
    "/zh-hans/news/?when=past",
    "/zh-hans/news/?when=upcoming",
    "/zh-hans/association-news/",  # empty: the calm line and its link to the latest news
    "/en/notices/?category=policies",
    "/zh-hans/news/service-outsourcing-jan-apr-2024/",
    "/zh-hans/news/chengdu-foreign-talent-fair-2024/",
    "/en/news/chengdu-foreign-talent-fair-2024/",
    "/en/members/",
    "/en/contact/",
    "/en/about/",
    "/en/about/overview/",
    "/en/feeds/news.xml",
    "/sitemap.xml",
    "/sitemap-pages-1.xml",
]


def count_queries(client, url: str) -> int:
    client.get(url)  # warm the menus and settings, as any visit but the first finds them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def fill_news_section(total: int) -> None:
    news = section("news")
    existing = ArticlePage.objects.child_of(news).count()
    for _ in range(max(0, total - existing)):
        make_article(news, categories=["frontier-news", "recruitment"], body=[("paragraph", "<p>服务外包</p>")])


def last_page(url: str, total: int) -> str:
    return url.replace("page=last", f"page={-(-total // 10)}")


@override_settings(HTML_CACHE_SECONDS=0)
def test_query_counts_are_bounded_and_do_not_grow_with_the_number_of_articles(client):
    fill_news_section(FEW)
    few = {url: count_queries(client, last_page(url, FEW)) for url in URLS}
    few_search = {url: count_queries(client, url) for url in SEARCH_URLS}
    fill_news_section(MANY)
    many = {url: count_queries(client, last_page(url, MANY)) for url in URLS}
    many_search = {url: count_queries(client, url) for url in SEARCH_URLS}
    assert many == few
    too_many = {url: count for url, count in {**many, **few_search, **many_search}.items() if count > QUERY_BOUND}
    assert too_many == {}
