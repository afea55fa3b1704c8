"""
The admin's second factor as production runs it (ADMIN_2FA_REQUIRED on): which groups must use it, enrolment at
the first sign-in walked in Chinese, the second step with the app's code or a recovery code, recovery codes.
"""

import re
import time
from base64 import b32decode
from html import unescape
from urllib.parse import parse_qs, urlparse

from django.apps import apps
from django.contrib.auth.models import Group
from django.db.models import Q
from django.test import Client, override_settings
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.editorial.roles import EVENT_REGISTRATIONS, MEMBERSHIP_AFFAIRS, PERSONAL_DATA_REQUESTS, SECRETARIAT
from home.security import second_factor
from tests.test_admin_in_chinese import english_words

pytestmark = pytest.mark.django_db
production_switch = override_settings(ADMIN_2FA_REQUIRED=True, WAGTAIL_2FA_REQUIRED=True)

PASSWORD = "a long password for tests"
MUST = [
    PERSONAL_DATA_REQUESTS,
    MEMBERSHIP_AFFAIRS,
    EVENT_REGISTRATIONS,
    "审核人 · Approvers",
    "协会动态编辑 · Association News editors",
    "新闻资讯编辑 · News editors",
    "会员单位编辑 · Member Organisations editors",
    SECRETARIAT,
]
MAY = ["译员 · Translators", "通知公告编辑 · Notices editors"]


def staff(django_user_model, username: str, *groups: str, language: str = "zh-hans"):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(*Group.objects.filter(name__in=groups))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def sign_in(client: Client, username: str, password: str = PASSWORD, ip: str = "203.0.113.7"):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def app_code(device: TOTPDevice, steps_ahead: int = 1) -> str:
    """The code the phone shows `steps_ahead` periods from now (django-otp refuses a code used before)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def secret_shown(html: str) -> bytes:
    """The key in the otpauth:// address printed under the QR code, as the phone would read it."""
    address = unescape(re.search(r"otpauth://totp/[^<\s]+", html).group(0))
    secret = parse_qs(urlparse(address).query)["secret"][0]
    return b32decode(secret + "=" * (-len(secret) % 8))


def code_for_secret(key: bytes, steps_ahead: int = 0) -> str:
    totp = TOTP(key)
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def enrolled(django_user_model, username: str, *groups: str) -> tuple:
    user = staff(django_user_model, username, *groups)
    device = TOTPDevice.objects.create(user=user, name="手机", confirmed=True)
    return user, device


def verified_client(user, device) -> Client:
    client = Client()
    sign_in(client, user.username)
    assert (
        client.post(reverse("wagtail_2fa_auth"), {"otp_token": app_code(device), "next": "/admin/"}).status_code == 302
    )
    return client


# The example of a recovery code's shape in the field's help ("like abcd-efgh").
EXAMPLE_CODE = frozenset({"abcd", "efgh"})


# -- who must use it -------------------------------------------------------------------------------
def test_every_group_with_personal_data_or_publishing_rights_requires_the_second_factor():
    for name in MUST:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="enable_2fa").exists(), name
    for name in MAY:
        assert not Group.objects.get(name=name).permissions.filter(codename="enable_2fa").exists(), name


def test_the_data_migration_grants_it_to_groups_made_before_it(django_user_model):
    """An install whose groups exist already (the migration's rule, run again on a group that lost it)."""
    group = Group.objects.get(name=MEMBERSHIP_AFFAIRS)
    group.permissions.remove(second_factor.second_factor_permission())
    second_factor.grant_in_migration(apps, second_factor.holding_any([("membership", "review_membershipapplication")]))
    assert group.permissions.filter(codename="enable_2fa").exists()
    assert not Group.objects.filter(Q(name__in=MAY), permissions__codename="enable_2fa").exists()


# -- enrolment at the first sign-in, in Chinese -------------------------------------------------------
@production_switch
def test_a_personal_data_staff_member_must_enrol_at_the_first_sign_in_in_chinese(django_user_model):
    staff(django_user_model, "wang", PERSONAL_DATA_REQUESTS)
    client = Client()
    assert sign_in(client, "wang").status_code == 302

    # Anything in the admin leads to the set-up page first, the personal-data screen too.
    for url in ("/admin/", "/admin/personal-data/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("wagtail_2fa_device_new"))

    setup = client.get(reverse("wagtail_2fa_device_new"))
    html = setup.content.decode()
    assert setup.status_code == 200
    assert "一次性验证码" in html and "恢复码" in html and "扫描" in html
    # The page's text is Chinese; the otpauth address (for the phone), "TOTP" and the apps' names are data.
    without_address = re.sub(r"otpauth://\S+?(?=<)", "", html)
    assert english_words(without_address, data=frozenset({"TOTP", "Microsoft", "Authenticator", "FreeOTP"})) == {}
    sidebar = client.get(reverse("wagtail_2fa_device_list", args=[django_user_model.objects.get(username="wang").pk]))
    assert "2FA Setup" not in sidebar.content.decode() and "双重验证" in sidebar.content.decode()

    # Wrong code: refused, in Chinese; the right one (the phone's, from the printed key) sets the app up.
    key = secret_shown(html)
    form = {"name": "我的手机", "password": PASSWORD}
    wrong = client.post(reverse("wagtail_2fa_device_new"), {**form, "otp_token": "000000"})
    assert wrong.status_code == 200 and "验证码无效" in wrong.content.decode()
    time.sleep(1.1)  # django-otp lets the next code through a second after a wrong one (a person retyping)
    done = client.post(reverse("wagtail_2fa_device_new"), {**form, "otp_token": code_for_secret(key)})
    assert done.status_code == 302, done.context["form"].errors
    listing = client.get(done["Location"])
    assert "我的手机" in listing.content.decode() and reverse("account_recovery_codes") in listing.content.decode()
    assert client.get("/admin/personal-data/").status_code == 200

    # The next sign-in asks for the phone's code; the right one opens the admin.
    later = Client()
    sign_in(later, "wang")
    assert later.get("/admin/")["Location"].startswith(reverse("wagtail_2fa_auth"))
    step = later.get(reverse("wagtail_2fa_auth"))
    assert "恢复码" in step.content.decode() and english_words(step.content.decode(), EXAMPLE_CODE) == {}
    verified = later.post(reverse("wagtail_2fa_auth"), {"otp_token": code_for_secret(key, 1), "next": "/admin/"})
    assert verified.status_code == 302 and verified["Location"] == "/admin/"
    assert later.get("/admin/personal-data/").status_code == 200


@production_switch
def test_staff_without_such_rights_may_sign_in_with_the_password_alone(django_user_model):
    staff(django_user_model, "translator", "译员 · Translators")
    client = Client()
    sign_in(client, "translator")
    assert client.get("/admin/").status_code == 200


# -- the second step -----------------------------------------------------------------------------------
@production_switch
def test_the_app_code_completes_the_sign_in(django_user_model):
    """wagtail-2fa 1.8's own form names no device, which django-otp ≥ 1.7.1 refuses: nobody could sign in."""
    user, device = enrolled(django_user_model, "li", EVENT_REGISTRATIONS)
    client = Client()
    sign_in(client, "li")
    response = client.post(
        reverse("wagtail_2fa_auth"), {"otp_token": app_code(device), "next": "/admin/registrations/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/registrations/"
    assert client.get("/admin/registrations/").status_code == 200


@production_switch
def test_wrong_codes_are_refused_in_chinese_and_slow_down(django_user_model):
    user, device = enrolled(django_user_model, "zhao", MEMBERSHIP_AFFAIRS)
    client = Client()
    sign_in(client, "zhao")
    first = client.post(reverse("wagtail_2fa_auth"), {"otp_token": "000000"})
    assert "验证码无效" in first.content.decode()
    second = client.post(reverse("wagtail_2fa_auth"), {"otp_token": app_code(device)})
    # django-otp waits 2^(n-1) s after n wrong codes: even the right code waits; the page says why.
    assert second.status_code == 200 and "错误次数过多" in second.content.decode()
    assert english_words(second.content.decode(), EXAMPLE_CODE) == {}


@production_switch
def test_with_several_apps_the_staff_member_chooses_one(django_user_model):
    user, phone = enrolled(django_user_model, "sun", EVENT_REGISTRATIONS)
    tablet = TOTPDevice.objects.create(user=user, name="平板", confirmed=True)
    client = Client()
    sign_in(client, "sun")
    page = client.get(reverse("wagtail_2fa_auth")).content.decode()
    assert "平板" in page and "手机" in page
    response = client.post(reverse("wagtail_2fa_auth"), {"otp_device": str(tablet.pk), "otp_token": app_code(tablet)})
    assert response.status_code == 302
    phone.refresh_from_db()
    assert phone.throttling_failure_count == 0


# -- recovery codes --------------------------------------------------------------------------------------
@production_switch
def test_recovery_codes_are_shown_once_and_each_signs_in_once(django_user_model):
    user, device = enrolled(django_user_model, "zhou", PERSONAL_DATA_REQUESTS)
    client = verified_client(user, device)
    page = client.get(reverse("account_recovery_codes"))
    assert "您还没有恢复码" in page.content.decode() and english_words(page.content.decode()) == {}

    made = client.post(reverse("account_recovery_codes"))
    assert "no-store" in made["Cache-Control"]
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", made.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert english_words(re.sub(r"<code>[^<]*</code>", "", made.content.decode())) == {}
    # Later visits give the count, never the codes.
    later = client.get(reverse("account_recovery_codes")).content.decode()
    assert "10" in later and codes[0] not in later

    # Phone at home: a recovery code, typed as it comes (upper case, a space), signs in; only once.
    for attempt, expected in ((codes[0].upper().replace("-", " "), 302), (codes[0], 200)):
        other = Client()
        sign_in(other, "zhou")
        response = other.post(reverse("wagtail_2fa_auth"), {"otp_token": attempt, "next": "/admin/"})
        assert response.status_code == expected
    assert StaticToken.objects.filter(device__user=user).count() == 9
    # Using recovery codes never throttles the app, nor the app's code the recovery codes.
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    verified_client(user, device)
    assert StaticDevice.objects.get(user=user).throttling_failure_count == 1  # the one reused code


@production_switch
def test_new_codes_void_the_old_ones(django_user_model):
    user, device = enrolled(django_user_model, "qian", PERSONAL_DATA_REQUESTS)
    client = verified_client(user, device)
    old = re.findall(r"<code>([a-z2-7-]{9})</code>", client.post(reverse("account_recovery_codes")).content.decode())
    new = re.findall(r"<code>([a-z2-7-]{9})</code>", client.post(reverse("account_recovery_codes")).content.decode())
    assert not set(old) & set(new)
    other = Client()
    sign_in(other, "qian")
    assert other.post(reverse("wagtail_2fa_auth"), {"otp_token": old[0]}).status_code == 200


@production_switch
def test_a_password_alone_cannot_make_recovery_codes(django_user_model):
    user, device = enrolled(django_user_model, "wu", PERSONAL_DATA_REQUESTS)
    client = Client()
    sign_in(client, "wu")  # password only: not verified with the app
    response = client.post(reverse("account_recovery_codes"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtail_2fa_auth"))
    assert not StaticToken.objects.filter(device__user=user).exists()


@production_switch
def test_removing_the_last_app_removes_the_recovery_codes(django_user_model):
    """A lost phone: an administrator removes the app; the codes go with it and the user enrols again."""
    user, device = enrolled(django_user_model, "zheng", PERSONAL_DATA_REQUESTS)
    client = verified_client(user, device)
    client.post(reverse("account_recovery_codes"))
    administrator = django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    admin_device = TOTPDevice.objects.create(user=administrator, name="phone", confirmed=True)
    chief = verified_client(administrator, admin_device)
    removed = chief.post(reverse("wagtail_2fa_device_remove", args=[device.pk]), {"user_id": user.pk})
    assert removed.status_code == 302
    assert not StaticDevice.objects.filter(user=user).exists()
    again = Client()
    sign_in(again, "zheng")
    assert again.get("/admin/")["Location"].startswith(reverse("wagtail_2fa_device_new"))
