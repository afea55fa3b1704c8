"""The shared-cache entries every page reads come in one round trip, and a change within the request is seen."""

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from wagtail.models import Page, PageViewRestriction

import pytest

from home.caching import request_cache
from home.caching.request_cache import RequestCacheMiddleware
from home.caching.visibility import RESTRICTED_PATHS_KEY, restricted_paths
from tests.cache_calls import CacheCalls

pytestmark = pytest.mark.django_db


def test_a_page_reads_the_shared_cache_in_few_round_trips(client, monkeypatch):
    client.get("/zh-hans/")  # warm: menus, settings, sites, locales in the cache
    calls = CacheCalls()
    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, calls.wrap(name, getattr(cache, name)))
    assert client.get("/zh-hans/").status_code == 200
    # One batch (sites, locales, restricted paths, menus, next event change), then Wagtail's site root paths
    # and the site settings: eleven reads before.
    assert calls.names.count("get_many") == 1 and len(calls.names) <= 3, calls.names


def test_a_change_during_the_request_is_read_fresh():
    seen = []

    def view(request):
        seen.append(restricted_paths())
        page = Page.objects.get(depth=3, locale__language_code="zh-hans", slug="contact")
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        seen.append(restricted_paths())
        return HttpResponse("ok")

    restricted_paths()  # in the cache before the request starts
    RequestCacheMiddleware(view)(RequestFactory().get("/zh-hans/"))
    assert seen[0] == () and len(seen[1]) == 2  # the page and its English translation (privacy follows the source)


def test_without_a_request_reads_go_to_the_cache():
    request_cache.store(RESTRICTED_PATHS_KEY, ("0001",), 60)
    assert request_cache.get(RESTRICTED_PATHS_KEY) == ("0001",) == cache.get(RESTRICTED_PATHS_KEY)


def test_a_request_that_reads_none_of_them_fetches_no_batch(client, monkeypatch):
    calls = CacheCalls()
    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, calls.wrap(name, getattr(cache, name)))
    assert client.get("/healthz/live").status_code == 200
    assert calls.names == []
