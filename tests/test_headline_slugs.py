"""
Headlines with a year or other ASCII save at the first try with a slug from the whole headline.

Wagtail's admin fills the slug field in the browser from the title and keeps only its ASCII run ("2026" for
"…参加2026年服贸会"); the form replaces what the browser made, keeps what the editor typed, and never fails a new
page on a taken slug. A save that does fail says, in Chinese, which field on which tab.
"""

import re
from html import unescape

from django.test import Client

import pytest

from home.editorial.slugs import browser_slug, pinyin_slug
from news.models import ArticlePage
from tests.editorial import article_form, chinese_admin
from tests.factories import section

pytestmark = pytest.mark.django_db

HEADLINE = "成都服务贸易协会组织会员单位参加2026年服贸会"
SECOND_HEADLINE = "2026年成都市服务贸易统计快报发布"


@pytest.fixture
def chinese_editor(django_user_model) -> Client:
    return chinese_admin(django_user_model, "chief", superuser=True)


def add_article(client: Client, title: str, slug: str) -> tuple[int, str]:
    news = section("news")
    response = client.post(f"/admin/pages/add/news/articlepage/{news.pk}/", article_form(title, [], slug=slug))
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("title", "made_by_wagtail"),
    [
        (HEADLINE, "2026"),
        ("2026年 成都 ITO 外包", "2026-ito"),
        ("Café Forum 2026", "cafe-forum-2026"),
        ("服务贸易", ""),
        ("  Annual   report  ", "annual-report"),
    ],
)
def test_the_browser_slug_is_what_wagtails_script_makes_of_the_title(title, made_by_wagtail):
    assert browser_slug(title) == made_by_wagtail


def test_the_pinyin_slug_keeps_the_year_in_place():
    assert pinyin_slug(HEADLINE).endswith("-canjia-2026-nian-fumaohui")
    assert pinyin_slug(HEADLINE).startswith("chengdu-fuwu-maoyi-xiehui-zuzhi-")


def test_two_headlines_with_2026_save_at_the_first_try_with_pinyin_slugs(chinese_editor):
    # What the browser posts: the slug field as Wagtail's script filled it from the title.
    for title in (HEADLINE, SECOND_HEADLINE):
        status, _html = add_article(chinese_editor, title, slug=browser_slug(title))
        assert status == 302
    first = ArticlePage.objects.get(title=HEADLINE)
    second = ArticlePage.objects.get(title=SECOND_HEADLINE)
    assert first.slug == pinyin_slug(HEADLINE)
    assert "2026" in second.slug and second.slug != "2026" and re.fullmatch(r"[a-z0-9-]+", second.slug)


def test_the_same_headline_twice_gets_a_suffix_not_an_error(chinese_editor):
    for _ in range(2):
        assert add_article(chinese_editor, HEADLINE, slug=browser_slug(HEADLINE))[0] == 302
    slugs = sorted(ArticlePage.objects.filter(title=HEADLINE).values_list("slug", flat=True))
    assert slugs == [pinyin_slug(HEADLINE), f"{pinyin_slug(HEADLINE)}-2"]


def test_a_slug_the_editor_typed_wins(chinese_editor):
    assert add_article(chinese_editor, HEADLINE, slug="cdats-at-ciftis-2026")[0] == 302
    assert ArticlePage.objects.get(title=HEADLINE).slug == "cdats-at-ciftis-2026"


def test_a_draft_saved_with_the_browsers_slug_gets_its_pinyin_at_the_next_save(chinese_editor):
    news = section("news")
    page = news.add_child(instance=ArticlePage(title=HEADLINE, slug="2026", live=False))
    form = article_form(HEADLINE, [], slug="2026")
    assert chinese_editor.post(f"/admin/pages/{page.pk}/edit/", form).status_code == 302
    page.refresh_from_db()
    assert page.slug == pinyin_slug(HEADLINE)


def test_a_live_pages_slug_is_left_alone(chinese_editor):
    news = section("news")
    page = news.add_child(instance=ArticlePage(title=HEADLINE, slug="2026"))
    form = article_form(HEADLINE, [], slug="2026")
    assert chinese_editor.post(f"/admin/pages/{page.pk}/edit/", form).status_code == 302
    page.refresh_from_db()
    assert page.slug == "2026"


def test_a_failed_save_names_the_field_and_its_tab_in_chinese(chinese_editor):
    section("news").add_child(instance=ArticlePage(title="已有的文章", slug="taken-slug"))
    status, html = add_article(chinese_editor, HEADLINE, slug="taken-slug")
    assert status == 200
    banner = unescape(re.search(r'data-w-messages-target="container">(.*?)<template', html, re.S).group(1))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", banner))
    assert "由于验证错误，无法创建页面" in text
    assert "请检查“推荐”标签页中的“缩略名”。" in text
    assert "缩略名“taken-slug”已被同一上级页面下的其他页面使用" in text
    assert "The page could not be created" not in text and "Go to the first error" not in text


def test_a_slug_made_from_the_title_is_checked_again_when_the_page_is_saved():
    """The editor's click and the editor's autosave both create the headline: the second gets a suffix, not a 500."""
    news = section("news")
    form_checked = ArticlePage(title=HEADLINE, slug=pinyin_slug(HEADLINE), live=False)
    form_checked.slug_made_from_title = True
    news.add_child(instance=ArticlePage(title=HEADLINE, slug=pinyin_slug(HEADLINE), live=False))
    news.add_child(instance=form_checked)
    assert form_checked.slug == f"{pinyin_slug(HEADLINE)}-2"
