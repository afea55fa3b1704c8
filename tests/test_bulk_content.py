"""`manage.py populate_bulk`: real bilingual pages through wagtail-localize, idempotent, never in production."""

import io

from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from membership.models import MemberUnit
from news.models import ArticlePage, EventPage

pytestmark = pytest.mark.django_db


def populate(**counts) -> str:
    out = io.StringIO()
    args = [f"--{name}={value}" for name, value in counts.items()]
    call_command("populate_bulk", *args, "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_refused_where_demo_content_is_off():
    with pytest.raises(CommandError, match="SITE_DEMO_CONTENT"):
        populate(articles=1, events=0, members=0)
    assert not ArticlePage.objects.filter(slug__startswith="demo-bulk-").exists()


@override_settings(SITE_DEMO_CONTENT=True)
def test_builds_bilingual_demo_pages_idempotently(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        populate(articles=3, events=2, members=2)
    bulk = ArticlePage.objects.filter(slug__startswith="demo-bulk-")
    assert bulk.filter(locale__language_code="zh-hans", live=True).count() == 5
    english = bulk.filter(locale__language_code="en")
    assert english.count() == 5 and all(page.live for page in english)
    assert all("(demo data" in page.title for page in english)
    assert EventPage.objects.filter(slug__startswith="demo-bulk-event-").count() == 4
    assert MemberUnit.objects.filter(is_sample=True, name_en__contains="demo data").count() >= 2

    article = bulk.get(locale__language_code="en", slug="demo-bulk-article-0001")
    html = client.get(article.url).content.decode()
    assert "(demo data 1)" in html and "演示数据" not in html.split("<main", 1)[1].split("</main>")[0]

    with django_capture_on_commit_callbacks(execute=True):
        populate(articles=3, events=2, members=2)
    assert ArticlePage.objects.filter(slug__startswith="demo-bulk-").count() == 10
    assert MemberUnit.objects.filter(name_en__startswith="Sample Member 0").count() == 2


@override_settings(SITE_DEMO_CONTENT=True)
def test_a_later_run_translates_what_an_interrupted_one_left_in_chinese(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        populate(articles=3, events=2, members=0)
    bulk = ArticlePage.objects.filter(slug__startswith="demo-bulk-")
    bulk.filter(locale__language_code="en", slug__in=["demo-bulk-article-0002", "demo-bulk-event-0001"]).delete()
    with django_capture_on_commit_callbacks(execute=True):
        populate(articles=3, events=2, members=0)
    english = bulk.filter(locale__language_code="en")
    assert sorted(english.values_list("slug", flat=True)) == sorted(
        bulk.filter(locale__language_code="zh-hans").values_list("slug", flat=True)
    )
    assert english.count() == 5 and all(page.live for page in english)
