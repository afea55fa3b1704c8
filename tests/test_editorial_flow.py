"""
The bilingual editorial flow over HTTP, as a new editor in a Chinese admin does it: write in Chinese
(first save works, pinyin slug), submit for translation, machine-translate, review, publish in English;
a table cell left in Chinese blocks the publish; the status report follows every step.
(The same flow in a real browser is the Playwright suite's.)
"""

import re

from django.test import Client

from wagtail_localize.models import StringSegment

import pytest

from news.models import ArticlePage
from tests.editorial import (
    article_form,
    body_blocks,
    chinese_admin,
    make_document,
    make_image,
    translate_segment,
    translation_of,
)
from tests.factories import locale, section

pytestmark = pytest.mark.django_db

ENGLISH = {
    "服务贸易统计快报": "Trade in services statistics",
    "二〇二五年统计": "2025 statistics",
    "服务贸易保持增长。": "Trade in services keeps growing.",
    "成都服务贸易统计": "Chengdu trade in services statistics",
    "地区": "Area",
    "金额": "Amount",
    "成都": "Chengdu",
    "100亿元": "CNY 10 billion",
    "高新区": "Hi-tech Zone",
    "成都夜景": "Chengdu at night",
    "统计表下载": "Download the table",
}


@pytest.fixture
def superuser(django_user_model) -> Client:
    return chinese_admin(django_user_model, "chief", superuser=True)


def status_rows(client: Client, **filters) -> str:
    response = client.get("/admin/editorial/translations/", filters)
    assert response.status_code == 200
    return response.content.decode()


def create_chinese_article(client: Client) -> ArticlePage:
    news = section("news")
    form = article_form(
        "服务贸易统计快报", body_blocks(make_image(), make_document()), **{"action-publish": "publish"}
    )
    response = client.post(f"/admin/pages/add/news/articlepage/{news.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    return ArticlePage.objects.get(locale__language_code="zh-hans", title="服务贸易统计快报")


def test_a_chinese_article_is_written_translated_reviewed_and_published(superuser):
    page = create_chinese_article(superuser)
    # The first save worked and made a pinyin slug; the admin's defaults became translatable texts.
    assert page.live and page.slug == "fuwumaoyi-tongji-kuaibao"
    body = {block.block_type: block.value for block in page.body}
    assert body["image"]["alt_text"] == "成都夜景" and body["attachment"]["title"] == "统计表下载"

    # The status report shows it missing in English.
    assert "服务贸易统计快报" in status_rows(superuser, state="missing")

    # Submit for translation: an English draft, not live.
    response = superuser.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale("en").pk]})
    assert response.status_code == 302
    english = page.get_translation(locale("en"))
    assert not english.live and english.slug == page.slug
    translation = translation_of(page)
    segments = list(StringSegment.objects.filter(source=translation.source).select_related("string"))
    # Tables, captions, alt texts and link texts are segments too.
    assert {s.string.data for s in segments} >= {"地区", "100亿元", "成都服务贸易统计", "成都夜景", "统计表下载"}

    # Machine translation (the test settings' dummy engine, which leaves the Chinese) fills a draft only.
    response = superuser.post(f"/admin/localize/translate/{translation.pk}/machine_translate/")
    assert response.status_code == 302
    english.refresh_from_db()
    assert not english.live

    # The translator reviews every segment but one table cell.
    for segment in segments:
        if segment.string.data != "100亿元":
            assert translate_segment(superuser, translation, segment, ENGLISH[segment.string.data]).status_code in {
                200,
                201,
            }
    response = superuser.post(f"/admin/editorial/translations/{translation.pk}/publish/", follow=True)
    assert "100亿元" in response.content.decode()  # the message names the segment
    english.refresh_from_db()
    assert not english.live

    cell = next(s for s in segments if s.string.data == "100亿元")
    translate_segment(superuser, translation, cell, ENGLISH["100亿元"])
    response = superuser.post(f"/admin/editorial/translations/{translation.pk}/publish/")
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live
    public = Client().get(english.url).content.decode()
    assert "CNY 10 billion" in public and "Chengdu trade in services statistics" in public
    assert 'alt="Chengdu at night"' in public and "Download the table" in public
    assert "100亿元" not in public
    assert "服务贸易统计快报" in status_rows(superuser, state="up_to_date")


def test_a_changed_source_makes_its_english_out_of_date_until_published_again(superuser):
    page = create_chinese_article(superuser)
    superuser.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale("en").pk]})
    translation = translation_of(page)
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        translate_segment(superuser, translation, segment, ENGLISH[segment.string.data])
    superuser.post(f"/admin/editorial/translations/{translation.pk}/publish/")
    english = page.get_translation(locale("en"))
    assert english.live and "up_to_date" in status_rows(superuser, state="up_to_date")

    # The editor changes one paragraph of the Chinese source and publishes it.
    revision = page.get_latest_revision_as_object()
    paragraph = next(block for block in revision.body if block.block_type == "paragraph")
    paragraph.value = paragraph.block.to_python("<p>服务贸易增长较快。</p>")
    revision.save_revision().publish()

    listing = status_rows(superuser, state="out_of_date", section=section("news").path)
    assert "服务贸易统计快报" in listing
    changes = superuser.get(f"/admin/editorial/translations/{translation.pk}/changes/").content.decode()
    assert "服务贸易保持增长。" in changes and "服务贸易增长较快。" in changes
    assert "Trade in services keeps growing." in changes
    # Only the changed segment is new to translate; the live English page keeps its text meanwhile.
    assert changes.count('class="translation-change"') == 1
    assert "Trade in services keeps growing." in Client().get(english.url).content.decode()

    changed = StringSegment.objects.get(source=translation.source, string__data="服务贸易增长较快。")
    translate_segment(superuser, translation, changed, "Trade in services grows fast.")
    superuser.post(f"/admin/editorial/translations/{translation.pk}/publish/")
    assert "Trade in services grows fast." in Client().get(english.url).content.decode()
    assert "服务贸易统计快报" in status_rows(superuser, state="up_to_date")


def test_the_report_and_the_guide_speak_chinese_in_a_chinese_admin(superuser):
    content = status_rows(superuser)
    assert "翻译状态" in content and "已上线且最新" in content and ">提交翻译</a>" not in content
    assert "编辑工作" in superuser.get("/admin/").content.decode()  # the dashboard panel links the report
    guide = superuser.get("/admin/editorial/guide/").content.decode()
    assert "编辑指南" in guide and "/admin/editorial/translations/" in guide


def test_a_page_made_only_in_chinese_is_missing_in_the_report(superuser):
    news = section("news")
    page = ArticlePage(title="仅有中文的文章", locale=news.locale)
    news.add_child(instance=page)
    assert page.slug == "jin-you-zhongwen-de-wenzhang"
    content = status_rows(superuser, state="missing", locale="en")
    assert "仅有中文的文章" in content
    assert f"/admin/localize/submit/page/{page.pk}/?select_locale=en" in content


def test_the_report_shows_the_seed_site_translated_and_up_to_date(superuser):
    content = status_rows(superuser)
    # Every seed page and category has its English: no row is missing, awaiting review or out of date; the only
    # pages in translation are those waiting for content (drafts in Chinese too).
    assert '<tr data-state="up_to_date">' in content
    for state in ("missing", "awaiting_review", "out_of_date"):
        assert f'<tr data-state="{state}">' not in content, state
    drafts = re.findall(r'<tr data-state="in_translation">\s*<td>.*?<a href="[^"]+">([^<]+)</a>', content, re.S)
    assert sorted(drafts) == sorted(["协会章程", "党建工作", "会员权益"])
    assert "通知公告" in content and "最新公告" in content  # a page and a snippet (category)
