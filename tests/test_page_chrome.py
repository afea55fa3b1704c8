"""What every page carries: language, alternates, canonical URL, switcher, menus, footer, dates."""

import datetime

from django.http import Http404

import pytest

from home.pagination import paginate
from tests.factories import make_article, section
from tests.html import link_tags, main_of, read_page

pytestmark = pytest.mark.django_db

ARTICLE = "/news/service-outsourcing-jan-apr-2024/"


@pytest.mark.parametrize(("language", "lang_attr"), [("zh-hans", "zh-hans"), ("en", "en")])
def test_html_lang_follows_the_locale(client, language, lang_attr):
    html = client.get(f"/{language}{ARTICLE}").content.decode()
    assert f'<html lang="{lang_attr}">' in html


def test_alternates_cover_both_translations_and_x_default(client):
    html = client.get(f"/en{ARTICLE}").content.decode()
    alternates = {tag["hreflang"]: tag["href"] for tag in link_tags(html, "alternate") if "hreflang" in tag}
    assert alternates == {
        "zh-Hans": f"http://testserver/zh-hans{ARTICLE}",
        "en": f"http://testserver/en{ARTICLE}",
        "x-default": f"http://testserver/zh-hans{ARTICLE}",
    }
    assert link_tags(html, "canonical") == [{"rel": "canonical", "href": f"http://testserver/en{ARTICLE}"}]


def test_switcher_lands_on_the_translation_and_keeps_the_filter(client):
    html = client.get("/zh-hans/news/?category=recruitment").content.decode()
    switch = [a for tag, a in read_page(html).tags if tag == "a" and a.get("lang") == "en"]
    assert switch and switch[0]["href"] == "/en/news/?category=recruitment"


def test_switcher_falls_back_to_the_nearest_translated_ancestor_with_a_notice(client):
    article = make_article(section("news"), title="只有中文的通知")
    html = client.get(article.url).content.decode()
    switch = [a for tag, a in read_page(html).tags if tag == "a" and a.get("lang") == "en"][0]
    assert switch["href"] == "/en/news/?notice=untranslated"
    landing = client.get(switch["href"]).content.decode()
    assert "only available in Chinese" in landing
    assert '<span lang="zh-hans">该页面目前仅有中文版本。</span>' in landing


@pytest.mark.parametrize(
    ("language", "entries"),
    [
        ("zh-hans", ["首页", "关于协会", "通知公告", "新闻资讯", "投资指南"]),
        ("en", ["Home", "About Us", "Notices", "News", "Investment Guide"]),
    ],
)
def test_main_navigation_has_the_seed_entries_that_have_something_to_show(client, language, entries):
    """The seed's menu, less what has nothing yet: association news and members (empty), Party building (a draft)."""
    html = client.get(f"/{language}/").content.decode()
    nav = html.split('id="main-nav"', 1)[1].split("</nav>", 1)[0]
    positions = [nav.index(f">{entry}</a>") for entry in entries]
    assert positions == sorted(positions)
    for hidden in ("协会动态", "会员单位", "党建工作", "Association News", "Member Organisations", "Party Building"):
        assert f">{hidden}</a>" not in nav


@pytest.mark.parametrize(
    ("language", "dropdown"),
    [
        ("zh-hans", ["协会概况", "最新公告", "前沿资讯", "人才招聘", "活动邀请"]),
        ("en", ["Overview", "Announcements", "Industry Insights", "Talent Recruitment", "Event Invitations"]),
    ],
)
def test_dropdowns_and_header_shortcuts(client, language, dropdown):
    html = client.get(f"/{language}/").content.decode()
    nav = html.split('id="main-nav"', 1)[1].split("</nav>", 1)[0]
    for entry in dropdown:
        assert f">{entry}</a>" in nav
    # A category with no items (Policies, Risk Alerts) and a draft page (the charter) are not offered.
    for hidden in ("最新政策", "风险预警", "协会章程", "Policies", "Risk Alerts", "Charter"):
        assert f">{hidden}</a>" not in nav
    join, contact = ("申请入会", "联系我们") if language == "zh-hans" else ("Join", "Contact Us")
    assert f'href="/{language}/join/">{join}</a>' in html
    assert f'href="/{language}/contact/">{contact}</a>' in html


def test_footer_links_as_the_seed_has_them(client):
    html = client.get("/zh-hans/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    for href, label in [
        ("/zh-hans/about/overview/", "协会概况"),
        ("/zh-hans/news/", "最新资讯"),
        ("/zh-hans/news/?when=past", "活动回顾"),
        ("/zh-hans/join/how-to-join/", "入会指南"),
        ("/zh-hans/privacy/", "隐私政策"),
        ("/zh-hans/terms/", "网站服务条款"),
    ]:
        assert f'<a href="{href}">{label}</a>' in footer
    # Left out while they have nothing to show (no policies, no upcoming events, no association news, drafts).
    for href in ("?category=policies", "?when=upcoming", "/association-news/", "/about/charter/", "member-benefits"):
        assert href not in footer
    assert (
        '<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank" lang="zh-hans">蜀ICP17033979号</a>'
        in footer
    )
    assert "support@cdats.org.cn" in footer
    assert '<a class="phone" href="tel:+862886935965">028 8693 5965</a>' in footer  # the national format in Chinese


def test_english_footer_marks_the_icp_number_as_chinese(client):
    html = client.get("/en/").content.decode()
    assert 'lang="zh-hans">蜀ICP17033979号</a>' in html
    assert "Copyright © " in html and "Chengdu Association of Trade in Services" in html


def test_recruitment_filter_shows_the_talent_fair(client):
    html = client.get("/en/news/?category=recruitment").content.decode()
    assert "2024 Chengdu Foreign Talent Recruitment Fair" in html
    assert "Industry Insights" in html  # the filter bar
    # A category's tag label has its own translation, even where the Chinese name and tag are equal.
    assert '<span class="tag">Event Invitation</span>2024 Chengdu Foreign Talent' in html


def test_an_empty_listing_reached_directly_says_so_calmly_and_leads_to_the_news(client):
    zh = client.get("/zh-hans/notices/?category=policies").content.decode()
    assert "本栏目暂未发布内容。" in zh and '<a href="/zh-hans/news/">' in main_of(zh)
    page = client.get("/en/notices/?category=policies").content.decode()
    en = main_of(page)
    assert "Nothing has been published here yet." in en and '<a href="/en/news/">Read the latest news</a>' in en
    assert "RSS" not in en and "application/rss+xml" not in page  # no empty feed offered
    upcoming = main_of(client.get("/en/news/?when=upcoming").content.decode())
    assert "No events are announced at the moment." in upcoming
    assert '<a href="/en/news/?when=past">Past Events</a>' in upcoming


def test_past_events_list_the_seed_events(client):
    html = client.get("/en/news/?when=past").content.decode()
    assert "in-PHARMA JAPAN" in html or "Tokyo" in html
    assert "Talent Recruitment Fair" in html
    assert "Upcoming Events" in client.get("/en/news/?when=upcoming").content.decode()


@pytest.mark.parametrize("query", ["?category=nope", "?when=x", "?page=", "?page=1"])
def test_unknown_filters_give_a_normal_page(client, query):
    response = client.get(f"/en/news/{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["?page=abc", "?page=0", "?page=-1", "?page=2", "?page=99999"])
def test_listing_pages_that_do_not_exist_are_not_found(client, query):
    """The seed's ten news items fill one page: page 2 and junk are 404s, never a copy of a real page."""
    response = client.get(f"/en/news/{query}")
    assert response.status_code == 404


def test_elided_pagination_like_the_seed():
    page = paginate(list(range(1270)), "5")
    assert [str(n) for n in page.elided_range] == ["1", "…", "4", "5", "6", "…", "127"]
    assert paginate(list(range(30)), "3").number == 3
    assert paginate(list(range(30)), None).number == 1
    assert paginate([], None).number == 1  # an empty listing still has its first page
    for missing in ("4", "99999", "0", "abc"):
        with pytest.raises(Http404):
            paginate(list(range(30)), missing)


def test_listing_paginates_ten_per_page(client):
    news = section("news")
    for _ in range(12):
        make_article(news)
    html = client.get("/zh-hans/news/?page=2").content.decode()
    assert 'aria-current="page">2</span>' in html
    assert html.count('class="listing-item"') == 10


def test_dates_in_each_language(client):
    zh = client.get(f"/zh-hans{ARTICLE}").content.decode()
    en = client.get(f"/en{ARTICLE}").content.decode()
    assert "2024年5月22日" in zh
    assert "22 May 2024" in en
    # Listing badges: the seed's "05-22" over the year in Chinese, "22 May" in English (never "05-22").
    listing = client.get("/en/news/").content.decode()
    assert '<span class="date-badge__day">22 May</span><span class="date-badge__year">2024</span>' in listing
    assert ">05-22<" not in listing
    listing = client.get("/zh-hans/news/").content.decode()
    assert '<span class="date-badge__day">05-22</span><span class="date-badge__year">2024</span>' in listing


def test_breadcrumbs_lead_back_up_without_repeating_the_title(client):
    html = client.get("/en/about/overview/").content.decode()
    crumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert ">Home</a>" in crumbs and ">About Us</a>" in crumbs and "Overview" not in crumbs
    article = client.get(f"/en{ARTICLE}").content.decode()
    crumbs = article.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert ">News</a>" in crumbs and "MOFCOM" not in crumbs


def test_nothing_loads_from_third_party_hosts(client):
    for url in ["/zh-hans/", "/en/", f"/en{ARTICLE}"]:
        html = client.get(url).content.decode()
        for tag, attrs in read_page(html).tags:
            source = attrs.get("src") or (attrs.get("href") if tag == "link" else None)
            if source:
                assert source.startswith("/") or source.startswith("http://testserver"), source
        assert "googleapis" not in html and "gstatic" not in html


def test_upcoming_events_are_site_wide_and_soonest_first(client):
    from django.utils import timezone

    from tests.factories import make_event

    later = make_event(
        section("association-news"), title="稍后的活动", start=timezone.now() + datetime.timedelta(days=30)
    )
    sooner = make_event(section("news"), title="较早的活动", start=timezone.now() + datetime.timedelta(days=3))
    html = client.get("/zh-hans/news/?when=upcoming").content.decode()
    assert html.index(sooner.title) < html.index(later.title)
    assert "活动回顾" in client.get("/zh-hans/news/?when=past").content.decode()
