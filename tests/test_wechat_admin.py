"""
The admin's WeChat import screen for section editors: the account's articles with a tick box each, a section
among those the editor may add to, and the same import as the command (drafts, images, one message each).
"""

import re

from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile

import pytest

from news.models import ArticlePage
from tests.editorial import chinese_admin
from tests.factories import section
from tests.fake_wechat import BROKEN_ID, PHOTOS_ID, TABLE_ID, UPDATE_TIMES
from wechat.models import WeChatArticleImport

pytestmark = pytest.mark.django_db

URL = "/admin/wechat/import/"
NEWS_EDITORS = "新闻资讯编辑 · News editors"


@pytest.fixture
def editor(django_user_model):
    return chinese_admin(django_user_model, "news-editor", NEWS_EDITORS)


def choice(article_id: str, position: int = 1) -> str:
    return f"{article_id}:{position}:{UPDATE_TIMES[article_id]}"


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in response.context["messages"]]


def test_a_section_editor_sees_the_articles_and_only_their_sections(editor, wechat):
    html = editor.get(URL).content.decode()
    for title in ("协会召开2024年会员大会", "1—4月成都服务外包执行额", "协会秘书处联系方式更新", "图片下载失败的文章"):
        assert title in html
    assert re.findall(r'<option value="(\d+)">', html) == [str(section("news").pk)]
    assert f'value="{choice(TABLE_ID, 2)}"' in html
    assert "公众号文章" in html  # the menu entry, in the editor's Chinese admin


def test_a_section_editor_imports_the_ticked_articles_as_drafts(editor, wechat):
    response = editor.post(
        URL,
        {
            "section": section("news").pk,
            "articles": [choice(PHOTOS_ID), choice(TABLE_ID, 1), choice(TABLE_ID, 2), choice(BROKEN_ID)],
        },
        follow=True,
    )
    assert response.status_code == 200
    messages = messages_of(response)
    assert sum("已作为中文草稿导入" in message for message in messages) == 3
    assert any("“图片下载失败的文章”未导入" in message and "HTTP 404" in message for message in messages)
    pages = [record.page.specific for record in WeChatArticleImport.objects.select_related("page")]
    assert len(pages) == 3 and all(not page.live for page in pages)
    assert {page.owner.username for page in pages} == {"news-editor"}
    assert {page.latest_revision.user.username for page in pages} == {"news-editor"}
    assert str(pages[0].date) in ("2024-05-28", "2024-05-23")
    # Again: the drafts get a new revision, nothing is duplicated.
    count = ArticlePage.objects.count()
    response = editor.post(URL, {"section": section("news").pk, "articles": [choice(PHOTOS_ID)]}, follow=True)
    assert any("草稿已更新" in message for message in messages_of(response))
    assert ArticlePage.objects.count() == count


def test_the_messages_follow_the_admins_language(editor, wechat, django_user_model):
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="news-editor"))
    profile.preferred_language = "en"
    profile.save()
    response = editor.post(URL, {"section": section("news").pk, "articles": [choice(BROKEN_ID)]}, follow=True)
    assert messages_of(response) == [
        "“图片下载失败的文章” was not imported: an image could not be downloaded or is not a valid image (HTTP 404)."
    ]


def test_an_editor_cannot_import_into_another_section(editor, wechat):
    response = editor.post(URL, {"section": section("notices").pk, "articles": [choice(PHOTOS_ID)]}, follow=True)
    assert messages_of(response) == ["请选择一个您可以添加文章的栏目。"]
    assert not WeChatArticleImport.objects.exists() and wechat.count("/cgi-bin/freepublish/getarticle") == 0


def test_staff_without_a_section_get_no_import_screen(django_user_model, wechat):
    translator = chinese_admin(django_user_model, "translator", "译员 · Translators")
    assert translator.get(URL).status_code in (302, 403)
    assert "公众号文章" not in translator.get("/admin/").content.decode()


def test_the_screen_says_when_wechat_is_not_configured(editor, settings):
    settings.WECHAT_APP_ID = ""
    html = editor.get(URL).content.decode()
    assert "WECHAT_APP_ID" in html and 'name="articles"' not in html


def test_an_unreachable_wechat_is_said_on_the_screen(editor, settings):
    settings.WECHAT_APP_ID, settings.WECHAT_APP_SECRET = "wx", "secret"
    settings.WECHAT_API_BASE_URL = "http://127.0.0.1:9"
    response = editor.get(URL)
    assert response.status_code == 200 and "微信未返回文章列表" in response.content.decode()


def test_a_deleted_article_has_no_tick_box_and_its_page_is_kept(editor, wechat):
    editor.post(URL, {"section": section("news").pk, "articles": [choice(PHOTOS_ID)]})
    wechat.delete(PHOTOS_ID)
    html = editor.get(URL).content.decode()
    assert f'value="{choice(PHOTOS_ID)}"' not in html and "已在微信删除" in html
    assert WeChatArticleImport.objects.get(article_id=PHOTOS_ID).page is not None
    assert Group.objects.filter(name=NEWS_EDITORS).exists()


def test_the_editors_guide_explains_the_import(editor, django_user_model):
    html = editor.get("/admin/editorial/guide/").content.decode()
    assert "导入微信公众号文章" in html and f'href="{URL}"' in html and "中文草稿" in html
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="news-editor"))
    profile.preferred_language = "en"
    profile.save()
    html = editor.get("/admin/editorial/guide/").content.decode()
    assert "Importing from the WeChat Official Account" in html and "updates its draft" in html


def test_nothing_ticked_or_too_much_ticked_imports_nothing(editor, wechat):
    news = section("news").pk
    response = editor.post(URL, {"section": news, "articles": ["not-a-choice"]}, follow=True)
    assert messages_of(response) == ["请勾选要导入的文章。"]
    many = [f"{PHOTOS_ID}-{n}:1:0" for n in range(21)]
    response = editor.post(URL, {"section": news, "articles": many}, follow=True)
    assert messages_of(response) == ["每次最多导入20篇文章。"]
    assert wechat.count("/cgi-bin/freepublish/getarticle") == 0
