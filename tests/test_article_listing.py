"""
Finding one article among many: the admin's article listing filters by section, category, month, live/draft and
the English translation's state (as the status report computes it), sorts by the article's date, and each section's
explorer links to it. The article body's block menu offers only the blocks articles use.
"""

import datetime
import re
from html import unescape

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.blocks import ArticleBodyBlock, BodyBlock
from home.editorial.translation_status import MISSING, UP_TO_DATE, translation_status
from news.models import ArticlePage, EventPage
from tests.factories import make_article, section

pytestmark = pytest.mark.django_db

LISTING = "/admin/articles/"
SITE_FACTS = {"hosting_location", "data_access", "data_requests", "retention_periods"}


def titles(html: str) -> list[str]:
    """The row titles of the listing, in order."""
    return [unescape(title) for title in re.findall(r"<span id=\"page_\d+_title\">\s*([^<]+?)\s*</span>", html)]


@pytest.fixture
def articles():
    news, notices = section("news"), section("notices")
    return {
        "may": make_article(news, "五月的前沿资讯", datetime.date(2023, 5, 20), categories=["frontier-news"]),
        "june": make_article(news, "六月的人才招聘", datetime.date(2023, 6, 2), categories=["recruitment"]),
        "notice": make_article(notices, "六月的通知", datetime.date(2023, 6, 9), categories=["announcements"]),
    }


def test_the_listing_filters_by_category(admin_client, articles):
    html = admin_client.get(LISTING, {"category": "recruitment"}).content.decode()
    assert "六月的人才招聘" in titles(html)
    assert "五月的前沿资讯" not in titles(html) and "六月的通知" not in titles(html)


def test_the_listing_filters_by_month_and_offers_the_months_that_have_articles(admin_client, articles):
    html = admin_client.get(LISTING, {"month": "2023-06"}).content.decode()
    assert {"六月的人才招聘", "六月的通知"} <= set(titles(html))
    assert "五月的前沿资讯" not in titles(html)
    assert 'value="2023-05"' in html and "2023年5月" in html


def test_the_listing_filters_by_section_in_both_trees(admin_client, articles):
    notices = section("notices")
    html = admin_client.get(LISTING, {"section": str(notices.translation_key)}).content.decode()
    assert "六月的通知" in titles(html) and "六月的人才招聘" not in titles(html)
    english_notice = ArticlePage.objects.child_of(section("notices", "en")).first()
    assert english_notice.title in titles(html)


def test_the_listing_filters_by_live_or_draft(admin_client, articles):
    draft = articles["may"]
    draft.unpublish()
    drafts = titles(admin_client.get(LISTING, {"status": "draft"}).content.decode())
    live = titles(admin_client.get(LISTING, {"status": "live"}).content.decode())
    assert "五月的前沿资讯" in drafts and "五月的前沿资讯" not in live
    assert "六月的通知" in live and "六月的通知" not in drafts


def test_the_translation_filter_agrees_with_the_status_report(admin_client, articles):
    rows, _counts, _locales = translation_status(state=MISSING, language="en")
    missing = {row.source_id for row in rows if row.is_page}
    assert articles["may"].pk in missing
    html = admin_client.get(LISTING, {"translation": MISSING, "locale": "zh-hans"}).content.decode()
    assert "五月的前沿资讯" in titles(html)
    up_to_date = titles(admin_client.get(LISTING, {"translation": UP_TO_DATE}).content.decode())
    assert "五月的前沿资讯" not in up_to_date and up_to_date


def test_the_listing_sorts_by_the_articles_date_newest_first(admin_client, articles):
    shown = titles(admin_client.get(LISTING, {"locale": "zh-hans", "month": "2023-06"}).content.decode())
    assert shown.index("六月的通知") < shown.index("六月的人才招聘")
    oldest_first = titles(admin_client.get(LISTING, {"locale": "zh-hans", "ordering": "date"}).content.decode())
    assert oldest_first.index("五月的前沿资讯") < oldest_first.index("六月的人才招聘")


def test_the_listing_shows_each_articles_date_categories_and_translation_state(admin_client, articles):
    html = admin_client.get(LISTING, {"month": "2023-05", "locale": "zh-hans"}).content.decode()
    row = html.split("五月的前沿资讯", 1)[1].split("</tr>", 1)[0]
    assert "2023-05-20" in row or "2023年5月20日" in row
    assert "前沿资讯" in row and "缺失" in row


def test_a_sections_explorer_links_to_its_articles(admin_client):
    news = section("news")
    html = admin_client.get(f"/admin/pages/{news.pk}/").content.decode()
    assert f"{LISTING}?section={news.translation_key}" in html


def test_an_editor_of_one_section_sees_only_its_articles(django_user_model, client, articles):
    user = django_user_model.objects.create_user("notices-only", password="x")
    user.groups.add(Group.objects.get(name="通知公告编辑 · Notices editors"))
    client.force_login(user)
    shown = titles(client.get(LISTING).content.decode())
    assert "六月的通知" in shown and "六月的人才招聘" not in shown


def test_the_article_block_menu_offers_only_the_blocks_articles_use():
    offered = set(ArticlePage._meta.get_field("body").stream_block.child_blocks)
    assert not offered & SITE_FACTS
    assert {"heading", "paragraph", "image", "table", "attachment"} <= offered
    assert set(EventPage._meta.get_field("body").stream_block.child_blocks) == offered
    assert set(BodyBlock().child_blocks) >= SITE_FACTS and set(ArticleBodyBlock().child_blocks) == offered


def test_the_article_editor_offers_no_site_fact_blocks(admin_client):
    html = admin_client.get(f"/admin/pages/add/news/articlepage/{section('news').pk}/").content.decode()
    assert "hosting_location" not in html and "data_access" not in html


def queries(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_the_listing_adds_no_query_per_row_to_wagtails_own_explorer(admin_client):
    """
    Wagtail's page explorer itself reads two queries per row (wagtail-localize's translate and sync buttons in each
    row's menu); the articles listing adds none of its own (categories and translation states are read once).
    """
    news = section("news")
    explorer, listing = f"/admin/pages/{news.pk}/", LISTING
    counts = []
    for batch in (range(0, 5), range(5, 25)):
        for day in batch:
            make_article(news, f"查询计数文章{day}", datetime.date(2022, 1, day + 1))
        admin_client.get(explorer), admin_client.get(listing)  # the admin's own first-request caches
        counts.append(
            (queries(admin_client, explorer), queries(admin_client, listing, {"section": news.translation_key}))
        )
    (explorer_few, listing_few), (explorer_many, listing_many) = counts
    assert listing_many - listing_few <= explorer_many - explorer_few
