"""Faults of the services behind the site: Redis down, the database down, never a 500 nor half a submission."""

from django.db import OperationalError, connection
from django.test import Client, override_settings

import pytest

from news.models import Registration, SeatCounter
from tests.factories import make_event
from tests.test_event_registration import form_data

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "home.caching.backend.FaultTolerantRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    },
    # As in production: the rate limits count in the same Redis through a cache that raises its errors.
    "limits": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    },
}


@pytest.fixture(autouse=True)
def emails_at_once(monkeypatch):
    monkeypatch.setattr("news.registration_service.after_commit", lambda callback: callback())


@override_settings(CACHES=UNREACHABLE_REDIS, RATE_LIMIT_CACHE="limits", HTML_CACHE_SECONDS=300)
def test_redis_down_the_site_keeps_serving_and_forms_keep_storing(client):
    for url in ("/zh-hans/", "/en/news/", "/en/news/chengdu-foreign-talent-fair-2024/", "/sitemap.xml"):
        assert client.get(url).status_code == 200, url
    event = make_event()
    response = client.post(event.url, form_data())
    assert response.status_code == 302
    assert Registration.objects.filter(event=event).count() == 1
    # A load balancer keeps this server: it serves pages; the probe says what is missing.
    health = client.get("/healthz")
    assert (health.status_code, health.content) == (200, b"degraded: cache")


def fail_when(statement_start: str):
    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(statement_start):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper


def test_database_down_shows_a_bilingual_503():
    visitor = Client(raise_request_exception=False)
    with connection.execute_wrapper(fail_when("SELECT")):
        english = visitor.get("/en/news/")
        chinese = visitor.get("/zh-hans/news/")
    assert english.status_code == chinese.status_code == 503
    assert english["Retry-After"] and "no-store" in english["Cache-Control"]
    html = english.content.decode()
    assert "briefly unavailable" in html and "网站暂时无法访问" in html
    assert "briefly unavailable" in chinese.content.decode()


def test_database_failing_mid_submission_leaves_nothing_half_written():
    event = make_event()
    visitor = Client(raise_request_exception=False)
    visitor.get(event.url)
    with connection.execute_wrapper(fail_when('INSERT INTO "NEWS_REGISTRATION"')):
        response = visitor.post(event.url, form_data())
    assert response.status_code == 503
    assert not Registration.objects.filter(event=event).exists()
    assert sum(SeatCounter.objects.filter(event=event).values_list("taken", flat=True)) == 0
