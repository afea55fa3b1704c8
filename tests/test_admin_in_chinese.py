"""
A staff member who chooses 简体中文 meets no English UI text on the secretariat's main screens.

Visible text and what a screen reader reads (title, aria-label, placeholder, alt) is collected;
scripts, SVG and the options of filter drop-downs (data: event titles in both languages) are not.
Any Latin word outside the allow-list fails. The page editor is not covered yet (see ALLOWED).
"""

import re
from html.parser import HTMLParser

from wagtail.users.models import UserProfile

import pytest

from home.menus import SiteNavigation
from tests.factories import make_event
from tests.test_registration_admin import register

pytestmark = pytest.mark.django_db

# Names and codes, never UI words: the CMS, the association's abbreviation, file formats, a language's
# own name (the locale list shows "English" the way the language switcher does).
ALLOWED = {"Wagtail", "CDATS", "JavaScript", "CSV", "XLSX", "English"}
TEST_DATA = {"editor"}  # the test user's login name, shown in the account menu
REFERENCE = re.compile(r"^R-[A-Z0-9]{8}$")
SKIPPED_TAGS = {"script", "style", "template", "svg", "option"}
READ_ALOUD = ("title", "aria-label", "placeholder", "alt")


class ReadableText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        self.texts += [value for name, value in attrs if name in READ_ALOUD and value]

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data.strip())


def english_words(html: str) -> dict[str, str]:
    """Each English word found, with the text it was found in (for the failure message)."""
    reader = ReadableText()
    reader.feed(html)
    words = {}
    for text in reader.texts:
        for token in text.split():
            if REFERENCE.match(token.strip("“”()")):
                continue
            for word in re.findall(r"[A-Za-z]{2,}", token):
                if word not in ALLOWED and word not in TEST_DATA:
                    words.setdefault(word, text)
    return words


@pytest.fixture
def chinese_staff(admin_client, django_user_model):
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
    profile.preferred_language = "zh-hans"
    profile.save()
    return admin_client


def test_the_menus_breadcrumb_follows_each_users_language(chinese_staff, django_user_model):
    menus = SiteNavigation.objects.get(locale__language_code="zh-hans")
    url = f"/admin/snippets/home/sitenavigation/edit/{menus.pk}/"
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
    profile.preferred_language = "en"
    profile.save()
    assert ">Home<" in re.sub(r"\s+", "", chinese_staff.get(url).content.decode())
    profile.preferred_language = "zh-hans"
    profile.save()
    assert "Home" not in english_words(chinese_staff.get(url).content.decode())


@pytest.mark.parametrize("screen", ["dashboard", "registrations", "event registrations", "applications", "menus"])
def test_main_screens_speak_chinese(chinese_staff, client, screen):
    event = make_event(title="中文测试活动")
    register(client, event, name="张三", organisation="成都示例公司", email="zhang@example.org")
    menus = SiteNavigation.objects.get(locale__language_code="zh-hans")
    urls = {
        "dashboard": "/admin/",
        "registrations": "/admin/registrations/?q=张三",
        "event registrations": f"/admin/registrations/?event={event.pk}",
        "applications": "/admin/membership/applications/",
        "menus": f"/admin/snippets/home/sitenavigation/edit/{menus.pk}/",
    }
    response = chinese_staff.get(urls[screen])
    assert response.status_code == 200
    assert english_words(response.content.decode()) == {}
