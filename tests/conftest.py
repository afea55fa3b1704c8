"""Shared fixtures: the seed site is loaded once per test session, as `make run` loads it."""

import io

from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

import pytest

from tests.fake_wechat import FakeWeChat, configure


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_site_content", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _clear_cache():
    # Menus are cached per locale; tests that add pages must not see another test's menus.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def admin_client(db, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pass-for-tests")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def wechat(settings):
    """The fake WeChat API (tests/fake_wechat.py), running, with the site's WeChat settings pointing at it."""
    with FakeWeChat() as fake:
        configure(settings, fake)
        yield fake
