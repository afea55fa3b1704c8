"""The translation status report stays fast: the same number of queries with 5 or 60 more pages."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.editorial.translation_status import translation_status
from tests.factories import make_article, section, translate_to_english

pytestmark = pytest.mark.django_db


def report_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/editorial/translations/")
    assert response.status_code == 200
    return len(queries)


def add_pages(count: int) -> None:
    for number in range(count):
        page = make_article(section("news"), title=f"查询测试 {number}")
        if number % 2:
            translate_to_english(page)


def test_the_report_issues_a_constant_number_of_queries(admin_client):
    add_pages(5)
    rows_with_5 = len(translation_status()[0])
    with_5 = report_queries(admin_client)
    add_pages(55)
    assert len(translation_status()[0]) == rows_with_5 + 55
    assert report_queries(admin_client) == with_5
