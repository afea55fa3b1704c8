"""/healthz for load balancers: 200 while the database answers (the cache and storage reported), 503 without it."""

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_outside_the_language_prefixes_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-store" in response["Cache-Control"] and response["Content-Type"].startswith("text/plain")
    assert client.get("/en/healthz/").status_code == 404  # not a page of the site


def test_healthz_says_database_when_the_database_is_unreachable(client, monkeypatch, caplog):
    def unreachable(self, *args, **kwargs):
        raise OperationalError('connection to server at "db.internal" (10.0.0.5), port 5432 failed')

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.content == b"database"  # one word, no host, no error text
    assert "no-store" in response["Cache-Control"]
    assert "health check failed: database (OperationalError)" in caplog.text


def test_healthz_reports_the_cache_and_the_storage_as_degraded_but_keeps_the_server(client, monkeypatch):
    monkeypatch.setattr("home.operations.health.cache.get", lambda key: None)  # a cache that forgets what it was given
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"degraded: cache")

    monkeypatch.setattr("home.operations.health.os.access", lambda path, mode: False)  # a media folder we cannot write
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"degraded: cache, storage")
    assert "no-store" in response["Cache-Control"]
    monkeypatch.undo()
    assert client.get("/healthz").content == b"ok"


def test_liveness_needs_nothing_but_the_process(client, monkeypatch):
    def unreachable(self, *args, **kwargs):
        raise OperationalError("down")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", unreachable)
    response = client.get("/healthz/live")
    assert response.status_code == 200 and response.content == b"ok" and "no-store" in response["Cache-Control"]
