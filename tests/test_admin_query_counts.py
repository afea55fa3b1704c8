"""
The admin screens editors use every day issue the same number of SQL queries with 300 or 1,300 articles in a
section, and at most a few more than with 10 (a fuller screen shows more page types and parents): the section's
explorer (default order, by title, by date of the last change), the search inside it, the global page search, the
translation status report (all rows and filtered), the dashboard and the registrations and applications listings.
`make bench` measures their time at 13,000 articles per language.
"""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail_localize import wagtail_hooks as localize_hooks

import pytest

from home.content.bulk_pages import add_pages
from home.content.bulk_translations import translate_pages
from news.models import ArticleCategory, ArticlePage, Category
from patches import localize_listing_buttons
from tests.factories import locale, make_article, make_event, section, translate_to_english

pytestmark = pytest.mark.django_db

FEW, SOME, MANY = 10, 300, 1300
# With 10 articles a screen shows fewer rows than fit on it, with another mix of page types and parents: Wagtail
# reads each page type shown in one query, the translation buttons each parent shown in two. Past one full
# screen of rows, nothing grows.
MIX_ALLOWANCE = 5
# Of the bulk articles, every tenth is translated (the report then has every state but "draft").
TRANSLATED_SHARE = 10


def admin_urls() -> list[str]:
    news = section("news")
    return [
        "/admin/",
        f"/admin/pages/{news.pk}/",
        f"/admin/pages/{news.pk}/?ordering=title",
        f"/admin/pages/{news.pk}/?ordering=-latest_revision_created_at",
        f"/admin/pages/{news.pk}/?q=外包",
        "/admin/pages/search/?q=外包",
        "/admin/editorial/translations/",
        f"/admin/editorial/translations/?section={news.path}&state=missing&locale=en",
        "/admin/registrations/",
        "/admin/membership/applications/",
    ]


def count_queries(client, url: str) -> int:
    client.get(url)  # warm the shared caches (site, locales, menus), as any visit but the first finds them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def fill_news_section(total: int) -> None:
    """Articles up to `total` in the news section, added in bulk; every tenth translated to English."""
    news = section("news")
    existing = ArticlePage.objects.child_of(news).count()
    category = Category.objects.get(locale=news.locale, slug="frontier-news")
    pages = []
    for number in range(existing, total):
        page = ArticlePage(
            title=f"服务外包测试文章 {number}", slug=f"admin-count-{number}", summary="服务外包", locale=news.locale
        )
        page.article_categories = [ArticleCategory(category=category, sort_order=0, locale=news.locale)]
        pages.append(page)
    for start in range(0, len(pages), 200):
        batch = add_pages(news, pages[start : start + 200], publish=True)
        translate_pages(
            batch[::TRANSLATED_SHARE], section("news", "en"), locale("en"), lambda page, text, path: "English text"
        )


@override_settings(HTML_CACHE_SECONDS=0)
def test_admin_screens_issue_as_many_queries_with_1300_articles_as_with_10(admin_client):
    make_event(registration_enabled=True)
    fill_news_section(FEW)
    few = {url: count_queries(admin_client, url) for url in admin_urls()}
    fill_news_section(SOME)
    some = {url: count_queries(admin_client, url) for url in admin_urls()}
    fill_news_section(MANY)
    many = {url: count_queries(admin_client, url) for url in admin_urls()}
    assert many == some
    assert {url: count for url, count in many.items() if count > few[url] + MIX_ALLOWANCE} == {}


def test_the_explorers_translation_buttons_are_wagtail_localizes(admin_user):
    """patches.localize_listing_buttons answers as wagtail-localize's own hook does, page by page."""
    untranslated = make_article(section("news"))
    translated = make_article(section("news"))
    english = translate_to_english(translated)
    for page in (untranslated, translated, english, section("news"), section("news", "en")):
        localize_listing_buttons.forget_answers()
        ours = localize_listing_buttons.page_listing_more_buttons(page, admin_user, next_url="/admin/pages/")
        theirs = localize_hooks.page_listing_more_buttons(page, admin_user, next_url="/admin/pages/")
        assert [(b.label, b.url) for b in ours] == [(b.label, b.url) for b in theirs], page
    urls = [button.url for button in localize_listing_buttons.page_listing_more_buttons(translated, admin_user)]
    assert len(urls) == 1 and urls[0].startswith("/admin/localize/update/")  # translated: only "Sync"


def test_each_row_of_a_listing_gets_its_own_translation_buttons(admin_client):
    """In the explorer and in a search listing a page beside its translation, every row's buttons are its own."""
    untranslated = make_article(section("news"), title="列表按钮未翻译文章")
    translated = make_article(section("news"), title="列表按钮已翻译文章 zqxj")
    english = translate_to_english(translated, {"列表按钮已翻译文章 zqxj": "Listing buttons zqxj"})

    def buttons(url: str, page) -> tuple[bool, bool]:
        html = admin_client.get(url).content.decode()
        row = html[html.index(f'id="page_{page.pk}_title"') :]
        row = row[: row.index("</tr>")]
        return f"/admin/localize/submit/page/{page.pk}/" in row, "/admin/localize/update/" in row

    explorer = f"/admin/pages/{section('news').pk}/"
    assert buttons(explorer, untranslated) == (True, False)  # translate, nothing to sync
    assert buttons(explorer, translated) == (False, True)  # every locale has it; its source syncs
    search = "/admin/pages/search/?q=zqxj"  # the Chinese page and its English translation
    assert buttons(search, translated) == (False, True)
    assert buttons(search, english) == (False, False)  # same translation key, but not a source
