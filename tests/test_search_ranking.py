"""
SQLite's one-pass ranking (home.search.ranking) finds, counts and orders hits exactly as modelsearch's own
SQLite backend does, for every window of results; on PostgreSQL the vendor backend is used as it is.
"""

from django.db import connection

import pytest

if connection.vendor != "sqlite":
    # modelsearch's SQLite models (imported below) exist only on SQLite.
    pytest.skip("the one-pass ranking is SQLite's", allow_module_level=True)

from modelsearch.backends.database import SearchBackend as vendor_search_backend
from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

from home.search.backend import SearchBackend
from home.search.chinese import segment_query
from home.search.ranking import RankedSQLiteAutocompleteQueryCompiler, RankedSQLiteSearchQueryCompiler
from news.models import ArticlePage
from tests.factories import locale, make_article, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked_articles():
    news = section("news")
    # Different term frequencies and lengths give different scores; equal ones tie and fall back to the id.
    for repeat in (1, 3, 2, 1, 5, 1, 2):
        body = [("paragraph", "<p>" + "跨境电商服务 " * repeat + "</p>")]
        make_article(news, title=f"跨境电商第{repeat}篇", body=body)
    make_article(news, title="无关文章", body=[("paragraph", "<p>别的内容</p>")])


def backends():
    ours = SearchBackend({})
    vendor = vendor_search_backend({})
    assert isinstance(vendor, SQLiteSearchBackend)
    return ours, vendor


def ids(results) -> list[int]:
    return [page.pk for page in results]


QUERY = "跨境电商"
SEGMENTED = segment_query(QUERY)  # what our backend hands the vendor's (the vendor alone would not segment)


def test_same_hits_in_the_same_order_for_every_window(ranked_articles):
    ours, vendor = backends()
    queryset = ArticlePage.objects.live().filter(locale=locale("zh-hans"))
    mine, theirs = ours.search(QUERY, queryset), vendor.search(SEGMENTED, queryset)
    assert isinstance(mine.query_compiler, RankedSQLiteSearchQueryCompiler)
    assert mine.count() == theirs.count() >= 7
    assert ids(mine) == ids(theirs)
    for start, stop in [(0, 3), (2, 5), (5, 10), (7, 9)]:
        assert ids(mine[start:stop]) == ids(theirs[start:stop])


def test_the_querysets_filters_still_apply(ranked_articles):
    ours, vendor = backends()
    one = ArticlePage.objects.live().filter(title__contains="第1篇").values_list("pk", flat=True)
    queryset = ArticlePage.objects.live().exclude(pk__in=list(one))
    everything = ours.search(QUERY, ArticlePage.objects.live()).count()
    assert ours.search(QUERY, queryset).count() == vendor.search(SEGMENTED, queryset).count() == everything - 3
    assert ids(ours.search(QUERY, queryset)) == ids(vendor.search(SEGMENTED, queryset))


def test_scores_and_unordered_searches_take_the_vendor_path(ranked_articles):
    ours, vendor = backends()
    queryset = ArticlePage.objects.live()
    scored = ours.search(QUERY, queryset).annotate_score("_score")
    assert all(hasattr(page, "_score") for page in scored)
    assert ids(scored) == ids(vendor.search(SEGMENTED, queryset).annotate_score("_score"))
    unordered = ours.search(QUERY, queryset, order_by_relevance=False)
    assert ids(unordered) == ids(vendor.search(SEGMENTED, queryset, order_by_relevance=False))


def test_autocomplete_the_admins_page_search_ranks_the_same_for_every_window(ranked_articles):
    """The admin's page search autocompletes (prefix matches): same hits, count and order as the vendor's."""
    ours, vendor = backends()
    queryset = ArticlePage.objects.filter(locale=locale("zh-hans"))
    mine, theirs = ours.autocomplete(QUERY, queryset), vendor.autocomplete(SEGMENTED, queryset)
    assert isinstance(mine.query_compiler, RankedSQLiteAutocompleteQueryCompiler)
    assert mine.count() == theirs.count() >= 7
    assert ids(mine) == ids(theirs)
    for start, stop in [(0, 3), (2, 5), (5, 10)]:
        assert ids(mine[start:stop]) == ids(theirs[start:stop])


def test_a_facet_over_every_hit_still_counts(ranked_articles):
    ours, vendor = backends()
    queryset = ArticlePage.objects.filter(locale=locale("zh-hans"))
    assert ours.autocomplete(QUERY, queryset).facet("content_type_id") == (
        vendor.autocomplete(SEGMENTED, queryset).facet("content_type_id")
    )


def test_the_admins_page_search_finds_chinese_words(admin_client, ranked_articles):
    html = admin_client.get("/admin/pages/search/", {"q": "跨境"}).content.decode()
    assert "跨境电商第5篇" in html and "无关文章" not in html
