"""Home, listing and article pages issue the same number of SQL queries with 5 or 60 articles."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from news.models import ArticlePage
from tests.factories import make_article, section

pytestmark = pytest.mark.django_db

QUERY_BOUND = 30


def count_queries(client, url: str) -> int:
    client.get(url)  # warm the per-locale menu cache, as any visit but the first finds it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def fill_news_section(total: int) -> None:
    news = section("news")
    existing = ArticlePage.objects.child_of(news).count()
    for _ in range(max(0, total - existing)):
        make_article(news, categories=["frontier-news", "recruitment"])


@pytest.mark.parametrize(
    "url",
    [
        "/zh-hans/",
        "/zh-hans/news/",
        "/zh-hans/news/?category=frontier-news",
        "/zh-hans/news/?page=2",
        "/zh-hans/news/?when=past",
        "/zh-hans/news/service-outsourcing-jan-apr-2024/",
        "/zh-hans/news/chengdu-foreign-talent-fair-2024/",
    ],
)
def test_query_count_does_not_grow_with_the_number_of_articles(client, url):
    fill_news_section(15)  # enough for a second page in both runs
    few = count_queries(client, url)
    fill_news_section(60)
    many = count_queries(client, url)
    assert few == many
    assert many <= QUERY_BOUND
