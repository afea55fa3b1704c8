"""
Private pages, black-box in both languages: a password-protected page opens with its password (the form posts
under the language prefix, where it answered 404), a staff-only page through the admin's sign-in, a page for some
groups tells others they may not see it; none of it is ever in the HTML cache; the form speaks the page's
language; wrong passwords are limited per address.
"""

import re

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.caching.html_cache import KEY_PREFIX, HtmlCacheMiddleware
from home.editorial.roles import EVENT_REGISTRATIONS
from home.security import spam
from tests.factories import make_article, section, translate_to_english
from tests.test_admin_in_chinese import english_words
from tests.test_second_factor import PASSWORD, app_code, staff

pytestmark = pytest.mark.django_db
html_cache_on = override_settings(HTML_CACHE_SECONDS=300)

SECRET = "cdats-members-2026"
TITLES = {"zh-hans": "理事会内部通知", "en": "Council internal notice"}
BODY = {"zh-hans": "摘要：只给理事单位看的内容", "en": "Summary for council members only"}


@pytest.fixture
def private_article():
    """A Chinese article with its English translation, made private (password) after it was translated."""
    chinese = make_article(section("news"), title=TITLES["zh-hans"], summary=BODY["zh-hans"])
    english = translate_to_english(chinese, {TITLES["zh-hans"]: TITLES["en"], BODY["zh-hans"]: BODY["en"]})
    PageViewRestriction.objects.create(page=chinese, restriction_type=PageViewRestriction.PASSWORD, password=SECRET)
    return {"zh-hans": chinese, "en": english}


def main_of(html: str) -> str:
    return re.search(r"<main\b.*?</main>", html, re.S).group(0)


def form_action(html: str) -> str:
    return re.search(r'<form class="form" action="([^"]+)"', html).group(1)


def cached_entries() -> list[str]:
    return [key for key in cache._cache if KEY_PREFIX in key]  # locmem: the keys it holds


# -- password ---------------------------------------------------------------------------------------------
@html_cache_on
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_password_page_opens_with_its_password_in_each_language_and_is_never_cached(private_article, language):
    page = private_article[language]
    visitor = Client()
    form_page = visitor.get(page.url)
    html = form_page.content.decode()
    assert form_page.status_code == 200 and "no-store" in form_page["Cache-Control"]
    assert form_page.get("X-Cache") != "hit"
    # Nothing of the private page: no title, summary or share data; not for search engines.
    for text in (*TITLES.values(), *BODY.values(), "og:title", "application/ld+json"):
        assert text not in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert f'<html lang="{language}">' in html
    action = form_action(html)
    assert action.startswith(f"/{language}/_util/authenticate_with_password/")
    if language == "zh-hans":
        assert "需要密码" in html and "继续" in html
        assert english_words(main_of(html)) == {}
    else:
        assert "Password required" in html and "需要" not in main_of(html)

    wrong = visitor.post(action, {"password": "guess", "return_url": page.url})
    refusal = "密码错误" if language == "zh-hans" else "not correct"
    assert wrong.status_code == 200 and refusal in wrong.content.decode()
    opened = visitor.post(action, {"password": SECRET, "return_url": page.url})
    assert opened.status_code == 302 and opened["Location"] == page.url
    content = visitor.get(page.url)
    assert TITLES[language] in content.content.decode() and "no-store" in content["Cache-Control"]

    # Nothing was stored for anyone: the next visitor without the password gets the form again.
    assert cached_entries() == []
    again = Client().get(page.url)
    assert TITLES[language] not in again.content.decode() and again.get("X-Cache") != "hit"


def test_the_translation_of_a_page_made_private_later_is_private_too(private_article):
    english = private_article["en"]
    restriction = PageViewRestriction.objects.get(page=english)
    assert restriction.restriction_type == PageViewRestriction.PASSWORD and restriction.password == SECRET
    # Changing the Chinese page's password changes the English one's.
    chinese_restriction = PageViewRestriction.objects.get(page=private_article["zh-hans"])
    chinese_restriction.password = "new-secret-2027"
    chinese_restriction.save()
    assert PageViewRestriction.objects.get(page=english).password == "new-secret-2027"


@override_settings(PAGE_PASSWORD_LIMIT=(3, 3600))
def test_wrong_page_passwords_are_limited_per_address(private_article):
    page = private_article["en"]
    action = form_action(Client().get(page.url).content.decode())
    for _ in range(3):
        Client().post(action, {"password": "guess", "return_url": page.url}, REMOTE_ADDR="203.0.113.9")
    refused = Client().post(action, {"password": SECRET, "return_url": page.url}, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429 and "Too many wrong passwords" in refused.content.decode()
    assert TITLES["en"] not in refused.content.decode()
    elsewhere = Client().post(action, {"password": SECRET, "return_url": page.url}, REMOTE_ADDR="198.51.100.3")
    assert elsewhere.status_code == 302


def test_page_passwords_are_not_checked_while_the_cache_is_down(private_article, monkeypatch):
    class BrokenCache:
        def __getattr__(self, name):
            raise ConnectionError("cache is down")

    page = private_article["zh-hans"]
    action = form_action(Client().get(page.url).content.decode())
    monkeypatch.setattr(spam, "rate_limit_cache", BrokenCache)
    response = Client().post(action, {"password": SECRET, "return_url": page.url})
    assert response.status_code == 503 and "暂时无法核对密码" in response.content.decode()


# -- signed-in staff, groups --------------------------------------------------------------------------
@pytest.fixture
def staff_only_article():
    chinese = make_article(section("news"), title="秘书处工作安排", summary="内部")
    english = translate_to_english(chinese, {"秘书处工作安排": "Secretariat work plan", "内部": "Internal"})
    PageViewRestriction.objects.create(page=chinese, restriction_type=PageViewRestriction.LOGIN)
    return {"zh-hans": chinese, "en": english}


@html_cache_on
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_staff_only_page_opens_through_the_admin_sign_in_in_the_pages_language(
    staff_only_article, django_user_model, language
):
    page = staff_only_article[language]
    staff(django_user_model, "translator", "译员 · Translators")
    visitor = Client()
    to_login = visitor.get(page.url)
    assert to_login.status_code == 302 and to_login["Location"].startswith(f"/{language}/_util/login/")
    to_admin = visitor.get(to_login["Location"])
    assert to_admin.status_code == 302 and to_admin["Location"].startswith(reverse("wagtailadmin_login"))
    sign_in_page = visitor.get(to_admin["Location"]).content.decode()
    assert ("登录" if language == "zh-hans" else "Sign in") in sign_in_page

    signed_in = visitor.post(to_admin["Location"], {"username": "translator", "password": PASSWORD, "next": page.url})
    assert signed_in.status_code == 302 and signed_in["Location"] == page.url
    content = visitor.get(page.url)
    assert content.status_code == 200 and page.title in content.content.decode()
    assert "no-store" in content["Cache-Control"] and cached_entries() == []
    assert Client().get(page.url).status_code == 302  # the next anonymous visitor: to the sign-in, never a copy


@override_settings(ADMIN_2FA_REQUIRED=True, WAGTAIL_2FA_REQUIRED=True)
def test_staff_with_a_second_factor_pass_it_on_the_way_to_a_staff_only_page(staff_only_article, django_user_model):
    page = staff_only_article["en"]
    user = staff(django_user_model, "registrar", EVENT_REGISTRATIONS)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    visitor = Client()
    login_url = f"{reverse('wagtailadmin_login')}?next={page.url}"
    visitor.post(login_url, {"username": "registrar", "password": PASSWORD, "next": page.url})
    step = visitor.get(page.url)
    assert step.status_code == 302 and step["Location"].startswith(reverse("wagtail_2fa_auth"))
    verified = visitor.post(reverse("wagtail_2fa_auth"), {"otp_token": app_code(device), "next": page.url})
    assert verified["Location"] == page.url and visitor.get(page.url).status_code == 200


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_signed_in_account_outside_the_allowed_groups_is_told_not_sent_round_in_circles(
    staff_only_article, django_user_model, language
):
    restriction = PageViewRestriction.objects.get(page=staff_only_article["zh-hans"])
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set([Group.objects.get(name="审核人 · Approvers")])
    assert PageViewRestriction.objects.get(page=staff_only_article["en"]).groups.get().name == "审核人 · Approvers"

    user = staff(django_user_model, "translator", "译员 · Translators")
    visitor = Client()
    visitor.force_login(user)
    page = staff_only_article[language]
    to_login = visitor.get(page.url)
    refused = visitor.get(to_login["Location"])
    assert refused.status_code == 403
    html = refused.content.decode()
    assert ("无权查看此页面" if language == "zh-hans" else "No access to this page") in html
    assert page.title not in html


# -- the cache's own rule -------------------------------------------------------------------------------
def test_the_html_cache_refuses_a_private_page_even_without_wagtails_no_store(private_article):
    """Defence in depth: the policy looks at the page's privacy, not only at Wagtail's Cache-Control."""
    request = RequestFactory().get("/")
    request._wagtail_route_for_request = (private_article["zh-hans"], [], {})
    assert HtmlCacheMiddleware.policy(request, HttpResponse("content")) is None
    public = make_article(section("news"), title="公开通知")
    request._wagtail_route_for_request = (public, [], {})
    assert HtmlCacheMiddleware.policy(request, HttpResponse("content")) is not None
