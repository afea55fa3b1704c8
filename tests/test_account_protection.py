"""
The per-account cap on failed admin sign-ins, counted across every address (home/security/account_protection.py):
an account without a second factor is locked for every address; one with a second factor never is, and its owner
still signs in; the owner and the administrators are e-mailed in their admin language; the lock is lifted in the
admin. Run with the production switch on (ADMIN_2FA_REQUIRED).
"""

import datetime

from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.editorial.roles import PERSONAL_DATA_REQUESTS
from home.personal_data.login_records import LoginRecordSource
from home.personal_data.registry import Identity
from home.security.models import AccountLockout
from tests.test_admin_in_chinese import english_words
from tests.test_second_factor import PASSWORD, app_code, sign_in, staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_switch")]


@pytest.fixture
def production_switch(settings):
    settings.ADMIN_2FA_REQUIRED = settings.WAGTAIL_2FA_REQUIRED = True


@pytest.fixture
def administrators(django_user_model):
    """The secretariat's administrators: one reads the admin in Chinese, one in English."""
    chinese = django_user_model.objects.create_superuser("chief", "chief@cdats.example", PASSWORD)
    english = django_user_model.objects.create_superuser("it-admin", "it@cdats.example", PASSWORD)
    for user, language in ((chinese, "zh-hans"), (english, "en")):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return chinese, english


def address(number: int) -> str:
    return f"198.51.100.{number}"


def guess_from_many_addresses(username: str, count: int = 30) -> list[int]:
    """One wrong password from each of `count` addresses, each from its own browser."""
    return [sign_in(Client(), username, "wrong guess", ip=address(n)).status_code for n in range(1, count + 1)]


def mail_to(address_: str):
    return [message for message in mail.outbox if message.to == [address_]]


def test_thirty_guesses_from_thirty_addresses_never_lock_an_account_with_a_second_factor(
    django_user_model, administrators
):
    owner = staff(django_user_model, "wang", PERSONAL_DATA_REQUESTS)
    device = TOTPDevice.objects.create(user=owner, name="手机", confirmed=True)

    assert set(guess_from_many_addresses("wang")) == {200}  # each address sees a plain wrong-password answer
    lockout = AccountLockout.objects.get(username="wang")
    assert lockout.failures == 30 and lockout.addresses == 30

    # One e-mail each, at the 20th failure, not one per failure: the owner in Chinese, the administrators in their
    # own language.
    (to_owner,) = mail_to("wang@example.org")
    assert "登录失败" in to_owner.subject and "20 次错误密码" in to_owner.body and "未被锁定" in to_owner.body
    assert "验证器应用" in to_owner.body
    (to_chief,) = mail_to("chief@cdats.example")
    assert "wang" in to_chief.subject and "双重验证" in to_chief.body
    (to_it,) = mail_to("it@cdats.example")
    assert "failed sign-ins" in to_it.subject and "not locked" in to_it.body
    assert len(mail.outbox) == 3

    # The owner, from a 31st address: the password, then the authenticator's code; in.
    client = Client()
    assert sign_in(client, "wang", ip=address(31)).status_code == 302
    verified = client.post(reverse("wagtail_2fa_auth"), {"otp_token": app_code(device), "next": "/admin/"})
    assert verified.status_code == 302 and client.get("/admin/personal-data/").status_code == 200


def test_an_account_without_a_second_factor_is_locked_for_every_address_until_lifted(
    django_user_model, administrators
):
    staff(django_user_model, "translator", "译员 · Translators")
    answers = guess_from_many_addresses("translator", 25)
    assert answers[:19] == [200] * 19  # the 20th wrong password locks the account
    assert set(answers[20:]) == {429}

    # Even the right password, from a new address, is refused while the lock runs: a page that says so.
    refused = sign_in(Client(), "translator", ip=address(99))
    page = refused.content.decode()
    assert refused.status_code == 429 and "该账户已暂时锁定" in page and "This account is temporarily locked" in page
    (to_owner,) = mail_to("translator@example.org")
    assert "锁定" in to_owner.body and "北京时间" in to_owner.body and "双重验证" in to_owner.body
    assert len(mail_to("chief@cdats.example")) == 1

    # An administrator sees it under Settings → Sign-in lockouts (in Chinese) and lifts it.
    chief = Client()
    chief.force_login(administrators[0])
    device = TOTPDevice.objects.create(user=administrators[0], name="phone", confirmed=True)
    verified = chief.post(reverse("wagtail_2fa_auth"), {"otp_token": app_code(device)})
    assert verified.status_code == 302, verified.content.decode()
    listing = chief.get(reverse("sign_in_lockouts:index"))
    assert listing.status_code == 200, listing.get("Location")
    listing = listing.content.decode()
    assert "translator" in listing and "已对所有地址锁定" in listing and "解除锁定" in listing
    assert english_words(listing, data=frozenset({"translator", "IP"})) == {}  # "IP 地址" is how Chinese says it
    lockout = AccountLockout.objects.get(username="translator")
    lifted = chief.post(reverse("sign_in_lockouts:lift_account_lock", args=[lockout.pk]))
    assert lifted.status_code == 302 and not AccountLockout.objects.exists()
    assert sign_in(Client(), "translator", ip=address(99)).status_code == 302


def test_the_lock_ends_by_itself(django_user_model, settings):
    staff(django_user_model, "editor-x", "通知公告编辑 · Notices editors")
    guess_from_many_addresses("editor-x", 20)
    assert sign_in(Client(), "editor-x", ip=address(77)).status_code == 429
    AccountLockout.objects.update(locked_until=timezone.now() - datetime.timedelta(seconds=1))
    assert sign_in(Client(), "editor-x", ip=address(77)).status_code == 302


def test_attempts_one_address_makes_lock_only_that_pair_not_the_account(django_user_model):
    """django-axes refuses the pair after 5 wrong passwords: refused attempts check no password and count nowhere."""
    staff(django_user_model, "zhang", "译员 · Translators")
    answers = [sign_in(Client(), "zhang", "wrong", ip=address(5)).status_code for _ in range(30)]
    assert answers[:4] == [200] * 4 and set(answers[4:]) == {429}  # the 5th locks the pair
    assert not AccountLockout.objects.exists() and not mail.outbox
    assert sign_in(Client(), "zhang", ip=address(6)).status_code == 302


def test_an_unknown_user_name_locks_like_a_real_one_and_mails_nobody(administrators):
    answers = guess_from_many_addresses("nobody-here", 21)
    assert answers[-1] == 429  # the same answer a real account gives: the lock tells nobody which names exist
    assert AccountLockout.objects.filter(username="nobody-here").exists()
    assert mail.outbox == []


@override_settings(ADMIN_LOGIN_ACCOUNT_LIMIT=(3, 3600))
def test_the_cap_is_a_setting_and_the_lock_is_a_sign_in_record(django_user_model):
    staff(django_user_model, "liu", "译员 · Translators")
    guess_from_many_addresses("liu", 3)
    assert sign_in(Client(), "liu", ip=address(50)).status_code == 429
    records = LoginRecordSource().find(Identity(email="liu@example.org"))
    assert any(record.reference.startswith("account-lock-") for record in records)
    LoginRecordSource().erase(Identity(email="liu@example.org"))
    assert not AccountLockout.objects.exists()
