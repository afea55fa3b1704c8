"""Being found: Chinese-aware search, the multilingual sitemap, feeds, share metadata, error pages."""

import json
import re
import xml.etree.ElementTree as ET

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from home.search.chinese import segment_for_index, segment_query
from home.search.excerpts import normalise_query
from home.sitemap import page_count, page_entries
from membership.models import Industry, MemberUnit
from news.content import NEWS_ITEMS
from news.models import ArticlePage
from site_cms import views
from tests.factories import make_article, section

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SEED_SLUGS = NEWS_ITEMS  # the ten items of the original 新闻资讯 listing


def result_titles(client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    return re.findall(r'class="listing-item__title"><a href="([^"]+)">', html)


# -- segmentation -------------------------------------------------------------------------------
def test_segmentation_keeps_domain_terms_and_indexes_sub_words():
    assert segment_query("外包") == "外包"
    assert "服务外包" in segment_for_index("服务外包产业发展情况").split()
    assert {"服务", "外包"} <= set(segment_for_index("服务外包产业发展情况").split())
    assert segment_for_index("only English text") == ""


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("服务外包", "service-outsourcing-jan-apr-2024"),
        ("外包", "service-outsourcing-jan-apr-2024"),
        ("知识产权", "ip-trade-competitiveness"),
        ("数字文化", "digital-cultural-trade-capabilities"),
        ("发展情况", "service-outsourcing-jan-apr-2024"),
    ],
)
def test_chinese_words_find_the_articles_that_contain_them(client, query, slug):
    urls = result_titles(client, f"/zh-hans/search/?q={query}")
    assert f"/zh-hans/news/{slug}/" in urls
    assert all(url.startswith("/zh-hans/") for url in urls)


def test_english_search_finds_the_english_translation_only(client):
    urls = result_titles(client, "/en/search/?q=intellectual+property")
    assert "/en/news/ip-trade-competitiveness/" in urls
    assert all(url.startswith("/en/") for url in urls)


def test_results_show_type_date_and_highlighted_excerpt(client):
    html = client.get("/zh-hans/search/?q=外包").content.decode()
    assert "<mark>外包</mark>" in html
    assert "2024年5月22日" in html


def test_drafts_and_other_languages_are_not_found(client):
    draft = make_article(section("news"), title="草稿中的服务外包文章")
    draft.unpublish()
    assert draft.url not in result_titles(client, "/zh-hans/search/?q=草稿")
    assert result_titles(client, "/en/search/?q=外包") == []


def test_results_pages_run_through_page_hits_then_member_hits(client):
    """12 articles and 5 members match: page 1 shows ten articles, page 2 two articles then the five members."""
    news = section("news")
    articles = {make_article(news, title=f"跨境结算服务第{n}期").url for n in range(12)}
    industry = Industry.objects.get(slug="it-services")
    for n in range(5):
        MemberUnit.objects.create(name_zh_hans=f"跨境结算公司{n}", industry=industry, published=True)

    assert "共 17 条结果" in client.get("/zh-hans/search/?q=跨境结算").content.decode()
    first_urls = result_titles(client, "/zh-hans/search/?q=跨境结算")
    second_urls = result_titles(client, "/zh-hans/search/?q=跨境结算&page=2")
    assert len(first_urls) == 10 and set(first_urls) <= articles
    assert len(second_urls) == 7 and set(second_urls[:2]) <= articles
    assert all("/members/" in url for url in second_urls[2:])
    assert set(first_urls) | set(second_urls[:2]) == articles


class Hits(list):
    def count(self) -> int:
        return len(self)


def test_search_hits_slice_across_their_parts():
    hits = views.SearchHits(Hits("abc"), Hits(), Hits("xy"))
    assert hits.count() == 5 and len(hits) == 5
    assert hits[0:2] == ["a", "b"]
    assert hits[2:4] == ["c", "x"]
    assert hits[3:10] == ["x", "y"]
    assert hits[5:10] == []


def test_no_results_suggests_the_other_language(client):
    html = client.get("/en/search/?q=zzzzqqq").content.decode()
    assert "No results" in html and 'href="/zh-hans/search/?q=zzzzqqq"' in html


@pytest.mark.parametrize(
    "query",
    ["x" * 50000, '"服务 外包" AND OR NOT *', "'; DROP TABLE wagtailcore_page; --", "%00外包", "%ED%A0%80", "((("],
)
def test_hostile_queries_get_a_normal_page_with_bounded_queries(client, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/zh-hans/search/?q={query}")
    assert response.status_code == 200
    assert len(queries) <= 40


def test_query_normalisation():
    assert normalise_query("a\x00b") == "ab"
    assert len(normalise_query("外" * 500)) == 100
    assert normalise_query('"foo" OR bar*') == "foo OR bar"


def test_admin_page_search_finds_chinese_words(admin_client):
    html = admin_client.get("/admin/pages/search/?q=外包").content.decode()
    assert "商务部服贸司负责人谈2024年1-4月我国服务外包产业发展情况" in html


# -- sitemap and robots -------------------------------------------------------------------------
def sitemap_pages(client) -> list[str]:
    """/sitemap.xml is a sitemap index; the URLs of its paged sitemaps."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locations = [loc.text for loc in root.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert locations and all(loc.startswith("http://testserver/sitemap-") for loc in locations)
    return locations


def parse_sitemap(client) -> dict[str, dict]:
    """Every entry of every paged sitemap, by URL, with its alternates."""
    urls = []
    for location in sitemap_pages(client):
        response = client.get(location.removeprefix("http://testserver"))
        assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
        root = ET.fromstring(response.content)
        assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
        urls += root.findall("s:url", SITEMAP_NS)
    entries = {}
    for url in urls:
        children = list(url)
        assert children[0].tag.endswith("loc"), "loc must come first"
        loc = url.find("s:loc", SITEMAP_NS).text
        assert loc.startswith("http://testserver/") and len(loc) < 2048
        lastmod = url.find("s:lastmod", SITEMAP_NS)
        if lastmod is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod.text)
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)}
        assert loc not in entries, "each URL once"
        entries[loc] = alternates
    assert len(entries) <= 50000
    return entries


def test_sitemap_lists_both_locales_with_alternates(client):
    entries = parse_sitemap(client)
    assert "http://testserver/zh-hans/" in entries and "http://testserver/en/" in entries
    for slug in SEED_SLUGS:
        zh, en = f"http://testserver/zh-hans/news/{slug}/", f"http://testserver/en/news/{slug}/"
        assert entries[zh] == entries[en] == {"zh-Hans": zh, "en": en, "x-default": zh}


def test_sitemap_leaves_out_drafts_and_private_pages(client):
    draft = make_article(section("news"), title="未发布")
    draft.unpublish()
    entries = parse_sitemap(client)
    assert not any(draft.slug in url for url in entries)


def test_sitemap_pages_split_the_site_and_stay_inside_the_protocol(client, monkeypatch):
    everything = parse_sitemap(client)
    monkeypatch.setitem(views.SITEMAP_SECTIONS, "pages", (page_count, page_entries, 7))
    locations = sitemap_pages(client)
    assert len([loc for loc in locations if "/sitemap-pages-" in loc]) == -(-page_count() // 7)
    assert parse_sitemap(client) == everything, "the same entries, split over pages"
    assert client.get("/sitemap-pages-999.xml").status_code == 404
    assert client.get("/sitemap-unknown-1.xml").status_code == 404


def test_robots_txt(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body and "Sitemap: http://testserver/sitemap.xml" in body


# -- feeds ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "title"), [("zh-hans", "数字技术激发文化消费新动能"), ("en", "Digital Technology")]
)
def test_news_feeds_in_both_languages(client, language, title):
    response = client.get(f"/{language}/feeds/news.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    channel = root.find("channel")
    assert channel.find("language").text == language
    items = channel.findall("item")
    assert any(title in item.find("title").text for item in items)
    for item in items:
        assert item.find("link").text.startswith(f"http://testserver/{language}/")
        assert item.find("pubDate").text


def test_category_feed_and_advertised_link(client):
    response = client.get("/en/feeds/news.xml?category=recruitment")
    titles = [item.find("title").text for item in ET.fromstring(response.content).iter("item")]
    assert titles and all("Talent" in title or "Recruitment" in title for title in titles)
    html = client.get("/en/news/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html and "/en/feeds/news.xml" in html
    assert client.get("/en/feeds/news.xml?category=nope").status_code == 404


# -- share metadata -------------------------------------------------------------------------------
def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


def test_article_share_metadata_and_news_article_json_ld(client):
    page = ArticlePage.objects.get(locale__language_code="en", slug="service-outsourcing-jan-apr-2024")
    html = client.get(page.url).content.decode()
    assert f'<meta property="og:title" content="{page.title}' in html.replace("&#x27;", "'")
    assert '<meta property="og:image" content="http://testserver/static/img/og-default.png">' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    assert '<meta property="og:locale:alternate" content="zh_CN">' in html
    article = next(item for item in json_ld(html) if item["@type"] == "NewsArticle")
    for required in ("headline", "image", "datePublished", "author", "publisher"):
        assert article[required], required
    assert article["datePublished"] == "2024-05-22"
    assert article["isBasedOn"]["name"] == "MOFCOM website"
    assert article["inLanguage"] == "en"
    breadcrumbs = next(item for item in json_ld(html) if item["@type"] == "BreadcrumbList")
    assert breadcrumbs["itemListElement"][0]["item"] == "http://testserver/en/"


def test_home_page_has_organization_json_ld(client):
    organisation = next(
        item for item in json_ld(client.get("/zh-hans/").content.decode()) if item["@type"] == "Organization"
    )
    assert organisation["name"] == "成都服务贸易协会"


def test_qr_code_of_a_page(client):
    page = ArticlePage.objects.get(locale__language_code="en", slug="ip-trade-competitiveness")
    response = client.get(f"/en/qr/{page.pk}.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<?xml") or b"<svg" in response.content
    assert f"/en/qr/{page.pk}.svg" in client.get(page.url).content.decode()
    assert client.get("/en/qr/99999999.svg").status_code == 404


# -- error pages ---------------------------------------------------------------------------------
def test_404_offers_search(client):
    html = client.get("/en/nothing-here/").content.decode()
    assert 'action="/en/search/"' in html


@pytest.mark.parametrize(("path", "text"), [("/en/news/", "Something went wrong"), ("/zh-hans/news/", "出错了")])
def test_500_page_in_the_visitors_language_without_the_database(path, text, django_assert_num_queries, monkeypatch):
    from django.test import RequestFactory

    from home.operations.error_pages import server_error

    request = RequestFactory().get(path)
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500 and text in response.content.decode()


def test_a_crashing_page_answers_the_styled_500(monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("news.models.pages.SectionPage.get_context", crash)
    client = Client(raise_request_exception=False)
    response = client.get("/en/news/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
