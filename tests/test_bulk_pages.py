"""
Pages built in bulk (home.content.bulk_pages, bulk_translations; news.imports) are what Wagtail's and
wagtail-localize's own calls make: compared field by field with `add_child` + `publish` + a wagtail-localize
translation of the same article, and re-synced by wagtail-localize without a change.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageLogEntry
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

import pytest

from home.content.bulk_pages import add_pages
from home.content.bulk_translations import translate_pages
from news.imports import ArticleItem, create_article_drafts
from news.models import ArticleCategory, ArticlePage, Category
from tests.factories import locale, section, translate_to_english

pytestmark = pytest.mark.django_db

BODY = [
    ("heading", "服务外包产业"),
    ("paragraph", RichText('<p>数字贸易<b>快速</b>发展，<a href="https://example.com/">详见</a>。</p>')),
    ("paragraph", RichText("<ul><li>离岸外包</li><li>在岸外包</li></ul>")),
]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ENGLISH = {
    "测试标题": "Test title",
    "测试摘要": "Test summary",
    "服务外包产业": "The service outsourcing industry",
    '数字贸易<b>快速</b>发展，<a id="a1">详见</a>。': 'Digital trade <b>grows fast</b>, <a id="a1">see</a>.',
    "离岸外包": "Offshore outsourcing",
    "在岸外包": "Onshore outsourcing",
}


def article(slug: str) -> ArticlePage:
    page = ArticlePage(
        title="测试标题",
        slug=slug,
        date=datetime.date(2024, 3, 1),
        summary="测试摘要",
        body=BODY,
        locale=locale("zh-hans"),
    )
    page.article_categories = [
        ArticleCategory(
            category=Category.objects.get(locale=locale("zh-hans"), slug="recruitment"),
            sort_order=0,
            locale=locale("zh-hans"),
        )
    ]
    return page


def by_wagtail(slug: str) -> tuple[ArticlePage, ArticlePage]:
    page = article(slug)
    section("news").add_child(instance=page)
    page.save_revision().publish()
    return page, translate_to_english(page, ENGLISH)


def in_bulk(*slugs: str) -> tuple[list[ArticlePage], list[ArticlePage]]:
    return add_in_both_languages([article(slug) for slug in slugs])


def add_in_both_languages(pages: list[ArticlePage]) -> tuple[list[ArticlePage], list[ArticlePage]]:
    pages = add_pages(section("news"), pages, publish=True)
    english = translate_pages(pages, section("news", "en"), locale("en"), lambda page, text, path: ENGLISH.get(text))
    return pages, english


def fields(page: Page) -> dict:
    page = ArticlePage.objects.get(pk=page.pk)
    skip = {"id", "page_ptr", "path", "url_path", "slug", "translation_key", "latest_revision", "live_revision"}
    skip |= {"first_published_at", "last_published_at", "latest_revision_created_at", "draft_title"}
    values = {f.name: f.value_from_object(page) for f in ArticlePage._meta.concrete_fields if f.name not in skip}
    values["body"] = page.body.get_prep_value()
    for block in values["body"]:
        block.pop("id")
    values["categories"] = [link.category.slug for link in page.article_categories.all()]
    values["url_path"] = page.url_path.rsplit("/", 2)[0]
    return values


def segments(page: Page) -> list[tuple]:
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    rows = []
    for kind in ("stringsegment", "templatesegment", "relatedobjectsegment", "overridablesegment"):
        for segment in getattr(source, f"{kind}_set").select_related("context").order_by("order"):
            value = getattr(segment, "string", None) or getattr(segment, "template", None)
            path = UUID.sub("<id>", segment.context.path)  # block ids and child objects' keys differ per page
            rows.append((kind, segment.order, path, str(getattr(value, "data", ""))))
    return sorted(rows)


def test_bulk_pages_equal_wagtails_own_in_both_languages():
    zh, en = by_wagtail("made-by-wagtail")
    (bulk_zh,), (bulk_en,) = in_bulk("made-in-bulk")
    assert fields(bulk_zh) == fields(zh)
    assert fields(bulk_en) == fields(en)
    assert fields(bulk_en)["categories"] == ["recruitment"] and bulk_en.locale == locale("en")
    assert segments(bulk_zh) == segments(zh) and len(segments(zh)) >= 8
    for page in (bulk_zh, bulk_en):
        page.refresh_from_db()
        assert page.live and not page.has_unpublished_changes and page.live_revision == page.latest_revision
        assert page.latest_revision.as_object().title == page.title
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    english_strings = StringTranslation.objects.filter(context__object_id=bulk_zh.translation_key)
    assert sorted(english_strings.values_list("data", flat=True)) == sorted(ENGLISH.values())
    assert Page.find_problems() == ([], [], [], [], [])


def test_wagtail_localize_resyncs_a_bulk_translation_without_change(django_capture_on_commit_callbacks):
    (page,), (english,) = in_bulk("resync-me")
    before = fields(english)
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        source.create_or_update_translation(locale("en"), publish=True)
    strings = StringSegment.objects.filter(source=source).count()
    assert fields(english) == before
    assert StringSegment.objects.filter(source=source).count() == strings == 6


def test_the_site_and_the_admin_find_bulk_pages(client, admin_client):
    in_bulk("findable")
    assert "/zh-hans/news/findable/" in client.get("/zh-hans/search/?q=外包").content.decode()
    assert "/en/news/findable/" in client.get("/en/search/?q=outsourcing").content.decode()
    assert client.get("/en/news/findable/").status_code == 200


def test_a_batch_costs_the_same_queries_for_5_or_50_pages():
    def queries(count: int, prefix: str) -> int:
        pages = [article(f"{prefix}-{n}") for n in range(count)]
        with CaptureQueriesContext(connection) as captured:
            add_in_both_languages(pages)
        return len(captured)

    few, many = queries(5, "few"), queries(50, "many")
    # One statement per table and batch, plus per article: the check of its slug in each language (Page.clean)
    # and the lookup of its category's English (wagtail-localize's ingest, in a savepoint): 5, not ~70. SQLite
    # splits the largest inserts by its limit of variables: a few more statements.
    assert many - few <= 45 * 5 + 10


def test_an_importer_creates_chinese_drafts_with_pinyin_slugs(admin_client):
    items = [
        ArticleItem(title="成都服务贸易协会召开年会", body=BODY, categories=["recruitment"]),
        ArticleItem(title="成都服务贸易协会召开年会", summary="同名的第二篇"),
        ArticleItem(title="数字贸易周报", date=datetime.date(2023, 1, 2), slug="weekly"),
    ]
    reported = []
    pages = create_article_drafts(section("news"), items, progress=reported.append)
    assert reported == [3]
    assert [page.slug for page in pages] == ["chengdu-fuwu-maoyi-xiehui-zhaokai-nianhui"] * 1 + [
        "chengdu-fuwu-maoyi-xiehui-zhaokai-nianhui-2",
        "weekly",
    ]
    for page in pages:
        page.refresh_from_db()
        assert not page.live and page.has_unpublished_changes and page.latest_revision is not None
        assert PageLogEntry.objects.filter(page=page, action="wagtail.create").exists()
    assert pages[2].date == datetime.date(2023, 1, 2)
    html = admin_client.get(f"/admin/pages/{section('news').pk}/?q=数字贸易").content.decode()
    assert "数字贸易周报" in html


def test_an_import_with_a_bad_item_writes_nothing_of_its_batch():
    before = ArticlePage.objects.count()
    with pytest.raises(ValidationError):
        create_article_drafts(section("news"), [ArticleItem(title="好的"), ArticleItem(title="")])
    with pytest.raises(ValueError, match="Unknown categories"):
        create_article_drafts(section("news"), [ArticleItem(title="好的", categories=["no-such-category"])])
    assert ArticlePage.objects.count() == before
