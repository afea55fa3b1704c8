"""Rate limits and spent form timestamps live in a cache every worker shares; cache trouble fails open."""

import itertools
import threading
import time
import uuid

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

import pytest

from home.security import spam
from home.security.spam import sign_render_time
from news.models import Registration
from tests.factories import make_event
from tests.test_event_registration import form_data

SHARED_TABLE = "test_shared_ratelimit_cache"
TWO_WORKERS = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    # Two cache connections over one database table: what two gunicorn workers (or servers) see.
    "worker_a": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": SHARED_TABLE},
    "worker_b": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": SHARED_TABLE},
}


@pytest.fixture(autouse=True)
def emails_after_commit_run_at_once(monkeypatch):
    monkeypatch.setattr("news.registration_service.after_commit", lambda callback: callback())


@pytest.fixture
def shared_table(django_db_blocker):
    """A committed database cache table, so that threads on their own connections share it."""
    with override_settings(CACHES=TWO_WORKERS), django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)
        yield
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {SHARED_TABLE}")


def test_two_workers_together_let_through_no_more_than_the_limit(shared_table, django_db_blocker):
    limit, attempts_per_worker = 7, 12
    allowed: list[bool] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2 * 4)
    scope = f"test:{uuid.uuid4().hex}"

    def worker(alias: str) -> None:
        try:
            barrier.wait(timeout=30)
            with django_db_blocker.unblock():
                for _ in range(attempts_per_worker // 4):
                    allowed.append(spam.hit(scope, "203.0.113.7", limit, 3600, cache=caches[alias]))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(alias,)) for alias in ("worker_a", "worker_b") * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert len(allowed) == 2 * attempts_per_worker
    assert allowed.count(True) == limit


@pytest.mark.django_db
def test_alternating_workers_share_the_count():
    with override_settings(CACHES=TWO_WORKERS):
        call_command("createcachetable", verbosity=0)
        results = [
            spam.hit("test:alternate", "198.51.100.1", 3, 3600, cache=caches["worker_a" if n % 2 else "worker_b"])
            for n in range(6)
        ]
    assert results == [True, True, True, False, False, False]


@pytest.mark.django_db
def test_form_posts_through_two_workers_share_the_ip_limit(client, monkeypatch):
    event = make_event(capacity_onsite=50)
    with override_settings(CACHES=TWO_WORKERS, RATE_LIMIT_PER_IP=(3, 3600)):
        call_command("createcachetable", verbosity=0)
        workers = itertools.cycle(["worker_a", "worker_b"])
        monkeypatch.setattr(spam, "rate_limit_cache", lambda: caches[next(workers)])
        statuses = [client.post(event.url, form_data()).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert Registration.objects.count() == 3


@pytest.mark.django_db
def test_a_broken_cache_lets_the_visitor_through_and_logs(client, monkeypatch, caplog):
    class BrokenCache:
        def __getattr__(self, name):
            raise ConnectionError("cache is down")

    event = make_event()
    monkeypatch.setattr(spam, "rate_limit_cache", BrokenCache)
    response = client.post(event.url, form_data())
    assert response.status_code == 302
    assert Registration.objects.count() == 1
    assert "Rate-limit cache unavailable" in caplog.text


@pytest.mark.django_db
def test_a_reused_timestamp_with_a_new_token_is_refused(client):
    event = make_event()
    first = form_data()
    assert client.post(event.url, first).status_code == 302
    second = form_data(form_rendered_at=first["form_rendered_at"])  # same timestamp, new token
    response = client.post(event.url, second)
    assert response.status_code == 400
    assert "表单已过期" in response.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_the_same_submission_token_resubmitted_lands_on_the_same_confirmation(client):
    event = make_event()
    data = form_data()
    first = client.post(event.url, data)
    again = client.post(event.url, {**data, "name": "Someone Else"})
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Registration.objects.get().name == "Alice Smith"


@pytest.mark.django_db
def test_a_refused_submission_spends_its_timestamp(client):
    event = make_event()
    data = form_data(phone="123")
    response = client.post(event.url, data)
    assert response.status_code == 400
    # The re-displayed form carries a fresh timestamp for the same token...
    html = response.content.decode()
    assert f'value="{data["submission_token"]}"' in html
    # ...and replaying the old one (a script retrying) is refused even with the token it was bound to.
    replay = client.post(event.url, {**data, "phone": "13800138000"})
    assert replay.status_code == 400
    assert "此表单已提交过" in replay.content.decode()
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_timestamp_signed_for_another_token_or_none_is_refused(client):
    event = make_event()
    token = str(uuid.uuid4())
    for timestamp in (sign_render_time(time.time() - 30), sign_render_time(time.time() - 30, uuid.uuid4())):
        response = client.post(event.url, form_data(submission_token=token, form_rendered_at=timestamp))
        assert response.status_code == 400
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_bidi_overrides_and_zero_width_characters_are_stripped(client):
    event = make_event()
    name = "Ali\u202ece\u200b \u2066Smith\u2069\ufeff"
    response = client.post(event.url, form_data(name=name, organisation="Ex\u200dample\u200f Ltd"))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.organisation) == ("Alice Smith", "Example Ltd")


def test_unicode_line_separators_are_not_single_line():
    from django.core.exceptions import ValidationError

    from home.validators import single_line_text, strip_invisible

    for value in ("a\u2028b", "a\u2029b", "a\x85b"):
        with pytest.raises(ValidationError):
            single_line_text(value)
    assert strip_invisible("\u202eabc\u202c") == "abc"
    assert strip_invisible(None) is None
