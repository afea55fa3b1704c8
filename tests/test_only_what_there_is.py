"""
Show only what there is: a section, category or directory with nothing published is left out of the menus, the
footer and the home page, and comes back with its first item at once (the HTML cache included); pages the seed
only names are drafts with a note for editors; editors are told what is waiting.
"""

import datetime
import importlib

from django.apps import apps
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page
from wagtail.rich_text import RichText

import pytest

from home.editorial.pages import holds_note_for_editors
from home.editorial.wagtail_hooks import refuse_publishing_a_note_for_editors
from home.models import SiteSettings, StandardPage
from home.navigation.build import navigation_for
from home.navigation.menus import SiteNavigation
from membership.models import Industry, MemberUnit
from news.models import ArticlePage
from tests.factories import make_article, section, translate_to_english
from tests.html import main_of

pytestmark = pytest.mark.django_db

ARTICLE = "/zh-hans/news/service-outsourcing-jan-apr-2024/"
PLACEHOLDERS = {
    "charter": "/about/charter/",
    "party-building": "/party-building/",
    "member-benefits": "/join/member-benefits/",
}
MIGRATION = importlib.import_module("home.migrations.0014_seed_placeholders_and_english_address")


def chrome(html: str) -> str:
    """What every page shows around its content: the header with the menus, and the footer."""
    return html.split("<main", 1)[0] + html.split("</main>", 1)[1]


def get(client, url: str) -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), response.get("X-Cache", "")


@pytest.fixture
def html_cache_on(settings):
    settings.HTML_CACHE_SECONDS = 300


@pytest.mark.usefixtures("html_cache_on")
def test_the_first_association_news_item_brings_the_section_back_into_menus_and_home_at_once(client):
    for url in ("/zh-hans/", ARTICLE, "/zh-hans/news/", "/en/"):
        get(client, url)
        assert get(client, url)[1] == "hit", url  # every page below is served from the HTML cache
    home, _ = get(client, "/zh-hans/")
    assert "/zh-hans/association-news/" not in home and 'id="home-association-news"' not in home

    # Older than the seed's news: in its own home block, not the home page's lead item.
    item = make_article(
        section("association-news"), title="协会召开会员交流会", day=datetime.date(2023, 6, 1), categories=[]
    )

    home, x_cache = get(client, "/zh-hans/")
    assert x_cache == "miss"
    assert '<a href="/zh-hans/association-news/">协会动态</a>' in chrome(home)  # the main menu
    assert '<a href="/zh-hans/association-news/">会员动态</a>' in chrome(home)  # the footer's "Member News"
    assert 'id="home-association-news"' in home and "协会召开会员交流会" in main_of(home)
    # Another page, cached before, shows the menus with it too (not only the listings the item is in).
    article, x_cache = get(client, ARTICLE)
    assert x_cache == "miss" and '<a href="/zh-hans/association-news/">协会动态</a>' in chrome(article)
    # Nothing in English yet: the English menus stay as they were until the translation is published.
    assert "/en/association-news/" not in get(client, "/en/")[0]
    translate_to_english(item, {"协会召开会员交流会": "The association holds a members' meeting"})
    assert '<a href="/en/association-news/">Association News</a>' in chrome(get(client, "/en/")[0])

    # And out again with its last item.
    item.unpublish()
    assert "/zh-hans/association-news/" not in chrome(get(client, ARTICLE)[0])


def test_a_member_listed_brings_the_directory_back(client):
    assert "/en/members/" not in chrome(get(client, "/en/")[0])
    assert "sitemap-members" not in client.get("/sitemap.xml").content.decode()
    assert client.get("/sitemap-members-1.xml").status_code == 404  # never an empty <urlset/>
    industry = Industry.objects.get(slug="it-services")
    member = MemberUnit.objects.create(name_zh_hans="阿尔法科技", name_en="Alpha Tech", industry=industry)
    assert "/en/members/" not in chrome(get(client, "/en/")[0])  # not published yet
    member.published = True
    member.save()
    assert '<a href="/en/members/">Member Organisations</a>' in chrome(get(client, "/en/")[0])
    assert "sitemap-members-1.xml" in client.get("/sitemap.xml").content.decode()


def test_menus_cost_no_query_per_entry(client):
    """The facts behind "hidden while empty" come with the cached menus: a warm page reads none of them."""
    client.get("/zh-hans/notices/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/zh-hans/notices/")
    assert not [query for query in queries if "news_articlecategory" in query["sql"] and "DISTINCT" in query["sql"]]
    navigation = navigation_for("zh-hans")
    assert [link.title for link in navigation["main"]] == ["关于协会", "通知公告", "新闻资讯", "投资指南"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_pages_the_seed_only_names_are_drafts_not_live_placeholders(client, language):
    for slug, path in PLACEHOLDERS.items():
        assert client.get(f"/{language}{path}").status_code == 404, path
        page = StandardPage.objects.get(slug=slug, locale__language_code=language)
        assert not page.live and page.first_published_at is None
        note = str(page.body[0].value)
        assert ("编辑说明" if language == "zh-hans" else "Note for editors") in note
    about = main_of(get(client, f"/{language}/about/")[0])
    assert "/about/charter/" not in about and "/about/overview/" in about


def test_the_menu_editor_and_the_dashboard_say_what_is_hidden_and_why(admin_client):
    chinese = SiteNavigation.objects.get(locale__language_code="zh-hans")
    editor = admin_client.get(f"/admin/snippets/home/sitenavigation/edit/{chinese.pk}/").content.decode()
    assert "目前未在网站上显示" in editor
    assert "<strong>协会动态</strong>" in editor and "暂无内容，暂时隐藏" in editor
    assert "<strong>党建工作</strong>" in editor and "已隐藏：页面尚未发布" in editor
    dashboard = admin_client.get("/admin/").content.decode()
    assert "待补充内容的栏目" in dashboard
    panel = dashboard.split('id="waiting-for-content-content"', 1)[1]
    for entry in ("协会动态", "会员单位", "党建工作", "协会章程", "会员权益"):
        assert entry in panel, entry
    # One row per entry, named in Chinese, with the languages that leave it out.
    row = panel.split(">协会动态</a>", 1)[1].split("</tr>", 1)[0]
    assert "英文" in row and "Association News" not in panel  # the languages in the admin's language
    party = Page.objects.get(slug="party-building", locale__language_code="zh-hans")
    assert f"/admin/pages/{party.pk}/edit/" in panel


def test_the_migration_unpublishes_placeholders_only_where_the_loader_text_is_unchanged():
    charter = StandardPage.objects.get(slug="charter", locale__language_code="zh-hans")
    party = StandardPage.objects.get(slug="party-building", locale__language_code="zh-hans")
    loader_text = MIGRATION.LOADER_TEXTS
    for page, texts in ((charter, loader_text["charter"]["zh"]), (party, loader_text["party-building"]["zh"])):
        page.intro = texts[0]
        page.body = [("heading" if len(text) < 6 else "paragraph", text) for text in texts[1:]]
        page.save_revision().publish()
    party.body = [*party.body.raw_data, {"type": "paragraph", "value": "<p>协会党支部成立于……</p>"}]
    party.save_revision().publish()  # an editor added to it: stays live
    charter.refresh_from_db()
    party.refresh_from_db()
    assert charter.live and party.live

    MIGRATION.unpublish_placeholders(apps, None)
    charter.refresh_from_db()
    party.refresh_from_db()
    assert not charter.live and party.live


def test_the_migration_completes_the_english_address_where_it_is_the_loader_one():
    site_settings = SiteSettings.objects.first()
    site_settings.address_en = MIGRATION.OLD_ENGLISH_ADDRESS
    site_settings.save()
    MIGRATION.complete_english_address(apps, None)
    site_settings.refresh_from_db()
    assert site_settings.address_en.endswith("Chengdu, Sichuan, China")
    site_settings.address_en = "Room 1, Somewhere Else"
    site_settings.save()
    MIGRATION.complete_english_address(apps, None)
    site_settings.refresh_from_db()
    assert site_settings.address_en == "Room 1, Somewhere Else"


def test_home_leads_with_the_newest_item_and_leaves_out_empty_blocks(client):
    for language in ("zh-hans", "en"):
        home = main_of(get(client, f"/{language}/")[0])
        lead = home.split('class="home-lead', 1)[1].split("</article>", 1)[0]
        newest = ArticlePage.objects.live().filter(locale__language_code=language).order_by("-date", "-pk").first()
        assert newest.title.replace("'", "&#x27;") in lead
        # The lead comes before any block, and the association's own text after all of them.
        assert home.index("home-lead") < home.index('class="home-block"') < home.index("home-about")
        assert "No items yet" not in home and "暂无内容" not in home
        assert 'id="home-upcoming"' not in home  # no event is still to come in the seed


def test_a_page_waiting_for_content_is_never_published_with_the_note_for_editors(rf):
    party = StandardPage.objects.get(slug="party-building", locale__language_code="zh-hans")
    request = rf.post("/admin/")
    request.session = {}
    request._messages = FallbackStorage(request)
    refused = refuse_publishing_a_note_for_editors(request, party)
    assert refused is not None and refused.url == f"/admin/pages/{party.pk}/edit/"
    assert len(list(request._messages)) == 1
    party.body = [("paragraph", RichText("<p>协会党支部的工作……</p>"))]
    assert refuse_publishing_a_note_for_editors(request, party) is None
    english = StandardPage.objects.get(slug="party-building", locale__language_code="en")
    assert holds_note_for_editors(english)
