"""The content loader's idempotency and demo content, and the shared guards of public forms."""

import datetime
import io

from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

import pytest

from home.security.spam import client_ip
from membership.models import MemberUnit
from news.models import EventPage, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def load(django_capture_on_commit_callbacks):
    """Run the loader as `make run` does: wagtail-localize publishes translations after commit."""

    def run(**settings_overrides) -> str:
        output = io.StringIO()
        with override_settings(**settings_overrides), django_capture_on_commit_callbacks(execute=True):
            call_command("load_site_content", stdout=output)
        return output.getvalue()

    return run


def test_running_the_loader_again_creates_nothing(load):
    from wagtail.models import Page

    before = Page.objects.count()
    assert "(0 objects created)" in load()
    assert Page.objects.count() == before


def test_demo_content_only_where_enabled_and_never_duplicated(load):
    assert not EventPage.objects.filter(slug="demo-event").exists()
    load(SITE_DEMO_CONTENT=True)
    load(SITE_DEMO_CONTENT=True)
    demo = EventPage.objects.get(slug="demo-event", locale__language_code="zh-hans")
    english = EventPage.objects.get(slug="demo-event", locale__language_code="en")
    assert demo.start > timezone.now() and demo.registration_enabled and english.live
    assert "[Demo event]" in english.title
    assert MemberUnit.objects.filter(is_sample=True).count() == 3
    assert all("演示数据" in unit.name_zh_hans for unit in MemberUnit.objects.filter(is_sample=True))


def test_a_past_demo_event_moves_forward_instead_of_duplicating(load):
    load(SITE_DEMO_CONTENT=True)
    demo = EventPage.objects.get(slug="demo-event", locale__language_code="zh-hans")
    demo.start = timezone.now() - datetime.timedelta(days=3)
    demo.end = demo.start + datetime.timedelta(hours=2)
    demo.save_revision().publish()
    load(SITE_DEMO_CONTENT=True)
    assert EventPage.objects.filter(slug="demo-event").count() == 2  # zh + en, nothing more
    demo.refresh_from_db()
    assert demo.start > timezone.now()
    english = EventPage.objects.get(slug="demo-event", locale__language_code="en")
    assert english.start == demo.start


def test_stale_csrf_token_gets_a_translated_page_and_stores_nothing():
    event = EventPage.objects.filter(locale__language_code="en").first()
    client = Client(enforce_csrf_checks=True)
    response = client.post(event.url, {"name": "x"})
    assert response.status_code == 403
    assert "Please submit the form again" in response.content.decode()
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [(0, "203.0.113.9", "10.0.0.1"), (1, "203.0.113.9", "203.0.113.9"), (1, "1.1.1.1, 203.0.113.9", "203.0.113.9")],
)
def test_client_ip_trusts_only_the_configured_proxies(proxies, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == expected
