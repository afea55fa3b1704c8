"""Admin sign-in: lockout per (user name, IP) shared by every worker, a per-IP throttle, reset throttle, 2FA."""

import datetime

from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

import pytest
from axes.models import AccessAttempt

from home.security import spam

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
OFFICE = "203.0.113.5"
ELSEWHERE = "198.51.100.9"


@pytest.fixture
def secretariat(django_user_model):
    return django_user_model.objects.create_superuser("secretariat", "office@cdats.example", PASSWORD)


def sign_in(client, password, ip, username="secretariat"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_thirty_wrong_passwords_on_two_workers_lock_only_that_pair(secretariat):
    # Two workers: two clients, no shared process state; the lockout lives in the database (axes handler).
    workers = [Client(), Client()]
    for attempt in range(30):
        response = sign_in(workers[attempt % 2], "wrong", OFFICE)
        assert response.status_code in (200, 429)
    assert response.status_code == 429

    # The right password from that address now waits for the cool-off, on either worker...
    for worker in workers:
        refused = sign_in(worker, PASSWORD, OFFICE)
        assert refused.status_code == 429
        html = refused.content.decode()
        assert "登录失败次数过多" in html and "Too many failed sign-in attempts" in html
        assert "15" in html
    # ...while the same account still signs in from anywhere else.
    assert sign_in(Client(), PASSWORD, ELSEWHERE).status_code == 302

    # After the cool-off the right password works from the office again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert sign_in(Client(), PASSWORD, OFFICE).status_code == 302


def test_the_lockout_ip_follows_the_trusted_proxy_rule(secretariat):
    with override_settings(TRUSTED_PROXY_COUNT=1):
        for _ in range(6):
            Client().post(
                "/admin/login/",
                {"username": "secretariat", "password": "wrong"},
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=f"1.2.3.4, {OFFICE}",
            )
        attempt = AccessAttempt.objects.get()
        assert attempt.ip_address == OFFICE
        # A visitor behind the same proxy but from another address is not locked out.
        ok = Client().post(
            "/admin/login/",
            {"username": "secretariat", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=ELSEWHERE,
        )
        assert ok.status_code == 302


@override_settings(ADMIN_LOGIN_IP_LIMIT=(10, 3600))
def test_password_spraying_from_one_address_is_throttled_not_the_accounts(secretariat):
    client = Client()
    for number in range(10):
        assert sign_in(client, "wrong", OFFICE, username=f"user{number}").status_code == 200
    throttled = sign_in(client, PASSWORD, OFFICE)
    assert throttled.status_code == 429
    assert "您所在网络的登录尝试过多" in throttled.content.decode()
    assert sign_in(Client(), PASSWORD, ELSEWHERE).status_code == 302


def test_admin_login_fails_closed_when_the_cache_errors(secretariat, monkeypatch):
    class BrokenCache:
        def __getattr__(self, name):
            raise ConnectionError("cache is down")

    monkeypatch.setattr(spam, "rate_limit_cache", BrokenCache)
    response = sign_in(Client(), PASSWORD, OFFICE)
    assert response.status_code == 503
    assert "登录功能暂时不可用" in response.content.decode()


def test_lockouts_are_listed_and_lifted_in_the_admin(secretariat, admin_client):
    for _ in range(6):
        sign_in(Client(), "wrong", OFFICE)
    attempt = AccessAttempt.objects.get(username="secretariat")
    listing = admin_client.get(reverse("sign_in_lockouts:index"))
    assert listing.status_code == 200
    assert "secretariat" in listing.content.decode() and OFFICE in listing.content.decode()
    assert admin_client.get(reverse("sign_in_lockouts:add")).status_code in (302, 403)
    assert admin_client.post(reverse("sign_in_lockouts:delete", args=[attempt.pk])).status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in(Client(), PASSWORD, OFFICE).status_code == 302


def test_editors_without_the_permission_do_not_see_lockouts(secretariat, django_user_model):
    editor = django_user_model.objects.create_user("editor2", password="x")
    editor.groups.add(Group.objects.get(name="译员 · Translators"))
    client = Client()
    client.force_login(editor)
    assert client.get(reverse("sign_in_lockouts:index")).status_code in (302, 403)


@override_settings(ADMIN_PASSWORD_RESET_LIMIT=(2, 3600))
def test_password_reset_is_throttled_per_address_and_per_ip(secretariat):
    client = Client()
    for _ in range(2):
        response = client.post("/admin/password_reset/", {"email": "office@cdats.example"}, REMOTE_ADDR=OFFICE)
        assert response.status_code == 302
    assert len(mail.outbox) == 2
    third = client.post("/admin/password_reset/", {"email": "OFFICE@cdats.example"}, REMOTE_ADDR=OFFICE)
    assert third.status_code == 302 and third["Location"] == reverse("wagtailadmin_password_reset_done")
    assert len(mail.outbox) == 2  # same answer, no mail
    for number in range(3):
        client.post("/admin/password_reset/", {"email": f"x{number}@example.org"}, REMOTE_ADDR=OFFICE)
    assert client.post("/admin/password_reset/", {"email": "y@example.org"}, REMOTE_ADDR=OFFICE).status_code == 429


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_with_2fa_on_a_superuser_without_a_device_is_sent_to_set_one_up(secretariat):
    client = Client()
    client.force_login(secretariat)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtail_2fa_device_new"))
    setup = client.get(reverse("wagtail_2fa_device_new"))
    assert setup.status_code == 200
    assert "otp_token" in setup.content.decode() or "qr" in setup.content.decode().lower()


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_with_2fa_on_a_device_must_be_verified_and_staff_may_go_without(secretariat, django_user_model):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=secretariat, name="phone", confirmed=True)
    client = Client()
    client.force_login(secretariat)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtail_2fa_auth"))
    assert client.get(reverse("wagtail_2fa_auth")).status_code == 200

    # A translator holds no personal data and publishes nothing: the second factor is theirs to add or not.
    translator = django_user_model.objects.create_user("translator3", password="x")
    translator.groups.add(Group.objects.get(name="译员 · Translators"))
    staff = Client()
    staff.force_login(translator)
    assert staff.get("/admin/").status_code == 200


def test_2fa_is_off_by_default_outside_production(secretariat):
    client = Client()
    client.force_login(secretariat)
    assert client.get("/admin/").status_code == 200
