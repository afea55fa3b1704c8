"""The HTML cache of anonymous visits: hits, exact invalidation, forms never cached, time, compression, 304."""

import datetime
import gzip

from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

import brotli
import pytest

from home.caching import invalidation
from home.caching.html_cache import HtmlCacheMiddleware
from home.models import SiteSettings
from news.models import EventPage
from tests.cache_calls import CacheCalls
from tests.factories import make_article, make_event, section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("html_cache_on")]

ARTICLE = "/zh-hans/news/service-outsourcing-jan-apr-2024/"
OTHER_ARTICLE = "/zh-hans/news/ip-trade-competitiveness/"


@pytest.fixture
def html_cache_on(settings):
    settings.HTML_CACHE_SECONDS = 300


def x_cache(client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response["X-Cache"]


def test_second_anonymous_visit_is_a_hit_with_the_same_page(client):
    first = client.get(ARTICLE)
    second = client.get(ARTICLE)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    for header in ("Content-Type", "Content-Language", "X-Frame-Options", "X-Content-Type-Options"):
        assert second[header] == first[header], header


def test_a_returning_visitor_with_language_and_csrf_cookies_still_gets_the_cached_page(client):
    x_cache(client, ARTICLE)
    returning = Client()
    returning.cookies["django_language"] = "zh-hans"
    returning.cookies["csrftoken"] = "x" * 32
    assert x_cache(returning, ARTICLE) == "hit"


def test_editors_with_a_session_never_get_cached_pages(client, admin_client):
    x_cache(client, ARTICLE)
    response = admin_client.get(ARTICLE)
    assert "X-Cache" not in response or response["X-Cache"] != "hit"


def test_publishing_an_article_clears_its_listings_and_home_but_not_other_articles(client):
    for url in ("/zh-hans/", "/zh-hans/news/", "/zh-hans/news/?category=frontier-news", OTHER_ARTICLE, "/en/news/"):
        x_cache(client, url)
    make_article(section("news"), title="刚刚发布的新闻", day=timezone.localdate())
    assert "刚刚发布的新闻" in client.get("/zh-hans/news/").content.decode()
    assert "刚刚发布的新闻" in client.get("/zh-hans/").content.decode()
    assert x_cache(client, "/zh-hans/news/?category=frontier-news") == "miss"
    assert x_cache(client, OTHER_ARTICLE) == "hit"
    assert x_cache(client, "/en/news/") == "hit", "the English listings do not show Chinese articles"


def test_a_settings_change_clears_every_page(client):
    x_cache(client, ARTICLE)
    x_cache(client, "/en/")
    site_settings = SiteSettings.objects.first()
    site_settings.phone = "+86 028-8555-1234"
    site_settings.save()
    response = client.get(ARTICLE)
    # The site shows phone numbers in the reader's convention (home.phones): the national format in Chinese.
    assert response["X-Cache"] == "miss" and "028 8555 1234" in response.content.decode()
    assert x_cache(client, "/en/") == "miss"


def test_pages_with_a_registration_form_are_never_cached_and_tokens_are_per_visitor():
    event = make_event()
    visitor_a, visitor_b = Client(), Client()
    first = visitor_a.get(event.url)
    second = visitor_b.get(event.url)
    assert "no-store" in first["Cache-Control"] and second["X-Cache"] == "miss"
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken"' in second.content.decode()


def test_a_past_event_without_a_form_is_cached(client):
    start = timezone.now() - datetime.timedelta(days=30)
    event = make_event(start=start, end=start + datetime.timedelta(hours=2), registration_enabled=False)
    assert x_cache(client, event.url) == "miss"
    assert x_cache(client, event.url) == "hit"


def cached_entry(url: str) -> dict:
    request = RequestFactory().get(url)
    return cache.get(HtmlCacheMiddleware.cache_key(request))


def test_a_page_showing_an_upcoming_event_expires_when_the_event_starts(client):
    start = timezone.now() + datetime.timedelta(minutes=3)
    make_event(start=start, end=start + datetime.timedelta(hours=1), registration_enabled=False)
    x_cache(client, "/zh-hans/")
    entry = cached_entry("/zh-hans/")
    assert entry["expires"] <= start.timestamp() + 1
    with override_settings(HTML_CACHE_SECONDS=30):
        x_cache(client, "/en/about/")
        assert cached_entry("/en/about/")["expires"] <= timezone.now().timestamp() + 31


def test_event_without_registration_expires_at_its_start(client):
    start = timezone.now() + datetime.timedelta(minutes=2)
    event = make_event(start=start, end=start + datetime.timedelta(hours=1), registration_enabled=False)
    assert EventPage.objects.get(pk=event.pk).next_change() == start
    x_cache(client, event.url)
    assert cached_entry(event.url)["expires"] <= start.timestamp() + 1


def test_cached_pages_are_compressed_for_clients_that_accept_it(client):
    plain = client.get(ARTICLE).content
    as_br = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    as_gzip = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="gzip")
    assert as_br["Content-Encoding"] == "br" and brotli.decompress(as_br.content) == plain
    assert as_gzip["Content-Encoding"] == "gzip" and gzip.decompress(as_gzip.content) == plain
    assert "Accept-Encoding" in as_br["Vary"]


def test_the_miss_that_fills_an_entry_is_answered_compressed_from_it(client):
    miss = client.get(OTHER_ARTICLE, HTTP_ACCEPT_ENCODING="gzip, br")
    hit = client.get(OTHER_ARTICLE, HTTP_ACCEPT_ENCODING="gzip, br")
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert miss["Content-Encoding"] == hit["Content-Encoding"] == "br" and miss.content == hit.content
    assert miss["ETag"] == hit["ETag"]


def test_accept_encoding_q_values_are_obeyed(client):
    plain = client.get(ARTICLE).content
    assert "Content-Encoding" not in client.get(ARTICLE, HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")
    as_gzip = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="gzip, br;q=0")
    assert as_gzip["Content-Encoding"] == "gzip" and gzip.decompress(as_gzip.content) == plain
    assert client.get(ARTICLE, HTTP_ACCEPT_ENCODING="br;q=0.5, gzip;q=0.9")["Content-Encoding"] == "gzip"
    assert client.get(ARTICLE, HTTP_ACCEPT_ENCODING="*")["Content-Encoding"] == "br"
    assert client.get(ARTICLE, HTTP_ACCEPT_ENCODING="*, br;q=0")["Content-Encoding"] == "gzip"


def test_other_responses_are_gzipped_with_djangos_breach_padding(client):
    # A search reflects what the visitor typed: gzip with random bytes in its header, so lengths vary.
    sizes = set()
    for _attempt in range(6):
        response = client.get("/zh-hans/search/?q=外包", HTTP_ACCEPT_ENCODING="gzip, br")
        assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
        assert "外包" in gzip.decompress(response.content).decode()
        sizes.add(len(response.content))
    assert len(sizes) > 1
    refused = client.get("/zh-hans/search/?q=外包", HTTP_ACCEPT_ENCODING="gzip;q=0, identity")
    assert "Content-Encoding" not in refused and "外包" in refused.content.decode()


def test_only_what_the_html_cache_keeps_is_marked_for_the_proxys_micro_cache(client, admin_client, settings):
    settings.EDGE_CACHE_SECONDS = 1
    assert client.get(ARTICLE)["X-Accel-Expires"] == "1"  # the miss that fills the entry
    assert client.get(ARTICLE)["X-Accel-Expires"] == "1"  # a hit
    assert client.get("/en/feeds/news.xml")["X-Accel-Expires"] == "1"
    event = make_event()
    never = [
        client.get(event.url),  # a form with its CSRF token
        client.get("/admin/login/"),
        client.get("/zh-hans/search/?q=外包"),  # not cached: one entry per query
        client.get("/zh-hans/no-such-page/"),
        client.head(OTHER_ARTICLE),  # a HEAD on a cold cache stores nothing, so it is not marked either
        admin_client.get(ARTICLE),  # an editor with a session
    ]
    assert [response.status_code for response in never] == [200, 200, 200, 404, 200, 200]
    assert not any(response.has_header("X-Accel-Expires") for response in never)
    settings.EDGE_CACHE_SECONDS = 0
    assert not client.get(ARTICLE).has_header("X-Accel-Expires")


def test_conditional_get_answers_304_on_pages_and_feeds(client):
    for url in (ARTICLE, "/en/feeds/news.xml"):
        first = client.get(url)
        etag = first["ETag"]
        assert first.has_header("Last-Modified")
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        assert client.get(url, HTTP_IF_NONE_MATCH='W/"other"').status_code == 200


def test_urls_with_unknown_parameters_are_served_but_not_cached(client):
    for _visit in range(2):
        response = client.get(ARTICLE + "?utm_source=wechat")
        assert response.status_code == 200 and response.get("X-Cache") != "hit"


# -- the invalidation registry ------------------------------------------------------------------
def test_registry_deletes_keys_and_bumps_dependencies():
    cache.set("test:menu", "old")
    tokens = invalidation.dependency_tokens(["test-dependency"])
    invalidation.register("menu", keys=["test:menu"], dependencies=lambda **change: ["test-dependency"])
    try:
        assert invalidation.tokens_still_current(tokens)
        invalidation.changed("menu")
        assert cache.get("test:menu") is None
        assert not invalidation.tokens_still_current(tokens)
    finally:
        invalidation._registry["menu"].pop()


def test_registry_refuses_unknown_topics():
    with pytest.raises(ValueError, match="Unknown invalidation topic"):
        invalidation.register("menus", keys=["x"])


def test_a_lost_dependency_token_counts_as_a_change():
    tokens = invalidation.dependency_tokens(["another-dependency"])
    cache.delete(invalidation.DEPENDENCY_KEY_PREFIX + "another-dependency")
    assert not invalidation.tokens_still_current(tokens)


def test_a_cdn_in_front_is_purged_of_the_pages_that_list_a_published_article(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://varnish"}
    }
    purged = []
    monkeypatch.setattr("home.caching.cdn.purge_urls_from_cache", lambda urls: purged.extend(urls))
    monkeypatch.setattr("wagtail.contrib.frontend_cache.signal_handlers.purge_page_from_cache", lambda *a, **k: None)
    with django_capture_on_commit_callbacks(execute=True):
        make_article(section("news"), title="CDN 测试")
    assert {"http://testserver/zh-hans/", "http://testserver/zh-hans/news/", "http://testserver/sitemap.xml"} <= set(
        purged
    )


def test_a_hit_reads_the_entry_and_its_dependencies_in_one_round_trip(client, monkeypatch):
    x_cache(client, OTHER_ARTICLE)
    calls = CacheCalls()
    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, calls.wrap(name, getattr(cache, name)))
    assert x_cache(client, OTHER_ARTICLE) == "hit"
    assert calls.names == ["get_many"]
    # Still exact: a change to what the page shows is seen by that same single read.
    invalidation.changed("settings", instance=SiteSettings.objects.first())
    assert x_cache(client, OTHER_ARTICLE) == "miss"
