"""
Indexing a page keeps to what it writes: modelsearch's title normalisation after each indexed page (a publish, an
import batch) reads indexes, not the whole table of search entries with their bodies (home/migrations/0017).
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import make_article, section

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans"),
]


def test_indexing_a_page_scans_no_table_of_search_entries():
    with CaptureQueriesContext(connection) as queries:
        make_article(section("news"), title="索引维护测试 2026")
    upkeep = [
        query["sql"]
        for query in queries.captured_queries
        if "wagtailsearch_indexentry" in query["sql"]
        and ("AVG(" in query["sql"] or "title_norm" in query["sql"])
        and not query["sql"].startswith("INSERT")
    ]
    assert upkeep, "modelsearch no longer normalises titles this way: re-read home/migrations/0017"
    with connection.cursor() as cursor:
        for sql in upkeep:
            plan = " ".join(str(row[-1]) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())
            assert "SCAN wagtailsearch_indexentry" not in plan or "INDEX" in plan, (sql, plan)
