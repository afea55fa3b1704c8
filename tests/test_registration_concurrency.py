"""Capacity holds under concurrent submissions, on SQLite and on PostgreSQL."""

import threading
import time
import uuid

from django.db import connections
from django.test import Client

import pytest

from home.security.spam import sign_render_time
from news.models import Registration, SeatCounter
from tests.factories import make_event

CONCURRENT_SUBMISSIONS = 20
SEATS = 5


@pytest.fixture
def committed_event(django_db_blocker):
    """
    An event committed to the database, so that other threads (other connections) see it.

    Not a pytest-django transactional test: that would flush every table afterwards, the seed site
    included. This fixture removes exactly what it made instead.
    """
    with django_db_blocker.unblock():
        event = make_event(capacity_onsite=SEATS)
        yield event
        Registration.objects.filter(event=event).delete()
        SeatCounter.objects.filter(event=event).delete()
        event.delete()


def test_twenty_simultaneous_registrations_fill_exactly_five_seats(committed_event, settings, django_db_blocker):
    settings.RATE_LIMIT_PER_IP = (1000, 3600)
    event = committed_event
    url = event.url
    barrier = threading.Barrier(CONCURRENT_SUBMISSIONS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def submit(number: int) -> None:
        try:
            data = {
                "name": f"Person {number}",
                "organisation": "Example Ltd",
                "phone": "13800138000",
                "email": f"person{number}@example.org",
                "consent": "on",
                "submission_token": (token := str(uuid.uuid4())),
                "form_rendered_at": sign_render_time(time.time() - 30, token),
            }
            barrier.wait(timeout=30)
            with django_db_blocker.unblock():
                statuses.append(Client().post(url, data).status_code)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(CONCURRENT_SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(statuses) == CONCURRENT_SUBMISSIONS
    assert 500 not in statuses
    assert statuses.count(302) == SEATS
    with django_db_blocker.unblock():
        assert Registration.objects.filter(event=event, status="confirmed").count() == SEATS
        assert Registration.objects.filter(event=event).count() == SEATS  # the others were refused, not stored
        assert SeatCounter.objects.get(event=event, mode="onsite").taken == SEATS
