"""
A staff member who chooses 简体中文 meets no English UI text on the secretariat's main screens.

Visible text and what a screen reader reads (title, aria-label, placeholder, alt) is collected;
scripts, SVG and the options of filter drop-downs (data: event titles in both languages) are not.
Any Latin word outside the allow-list fails. Content data is no UI text: words of the English pages' titles
(breadcrumbs and listings of the English tree), references, e-mail addresses, URLs, MIME types and the
privacy-policy version a person consented to are skipped. wagtail-localize's translation editor draws its
texts in the browser (React): the server's HTML of that screen is checked here, its drawn texts by the
browser walk (static/js/admin-translation-editor.js translates what the package hard-codes).
"""

import re
from html.parser import HTMLParser

from wagtail.models import Locale, Page, Site, Workflow
from wagtail.users.models import UserProfile

import pytest

from home.navigation.menus import SiteNavigation
from membership.models import MembershipApplication, MembershipPage
from news.models import ArticlePage, Registration
from tests.factories import make_event
from tests.test_membership import application_data
from tests.test_registration_admin import register

pytestmark = pytest.mark.django_db

# Names and codes, never UI words: the CMS, the association's abbreviation, file formats, a language's
# own name (the locale list shows "English" the way the language switcher does).
ALLOWED = {"Wagtail", "CDATS", "JavaScript", "CSV", "XLSX", "PO", "English"}  # names of file formats, the brand
TEST_DATA = {"editor"}  # the test user's login name, shown in the account menu
REFERENCE = re.compile(r"^R-[A-Z0-9]{8}$")
DATA_TOKENS = re.compile(
    r"^(?:\[(?:zh-hans|en)\]|M\d{4}-\d{6}|page-\d+-rev-\d+|[^@\s]+@[^@\s]+|\S*https?://\S*|[a-z]+/[a-z0-9.+-]+)$"
)
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


def english_words(html: str, data: frozenset[str] = frozenset()) -> dict[str, str]:
    """Each English word found, with the text it was found in (for the failure message)."""
    reader = ReadableText()
    reader.feed(html)
    words = {}
    for text in reader.texts:
        for token in text.split():
            if REFERENCE.match(token.strip("“”()")) or DATA_TOKENS.match(token.strip("“”()（）,")):
                continue
            for word in re.findall(r"[A-Za-z]{2,}", token):
                if word not in ALLOWED and word not in TEST_DATA and word not in data:
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


def english_titles() -> frozenset[str]:
    """
    The words of the English pages' titles (content the explorer and breadcrumbs rightly show) and of the
    workflows' names, which the loader gives in both languages ("通知公告审核 · Notices approval").
    """
    titles = [
        *Page.objects.filter(locale__language_code="en").values_list("title", flat=True),
        *Workflow.objects.values_list("name", flat=True),
    ]
    return frozenset(word for title in titles for word in re.findall(r"[A-Za-z]{2,}", title))


SCREENS = [
    "explorer root",
    "explorer home",
    "explorer section",
    "article editor",
    "event editor",
    "add page",
    "translation submit",
    "translation editor",
    "registration inspect",
    "registration edit",
    "application review",
    "member units",
    "snippets",
    "menus list",
    "site settings",
    "translation status",
    "personal data",
    "personal data search",
]


@pytest.mark.parametrize("screen", SCREENS)
def test_more_screens_speak_chinese(chinese_staff, client, screen):
    event = make_event(title="中文测试活动")
    register(client, event, name="张三", organisation="成都示例公司", email="zhang@example.org")
    join_page = MembershipPage.objects.get(locale__language_code="zh-hans")
    chinese_application = application_data(
        company_name_zh="成都示例服务有限公司",
        company_name_en="",
        registered_address="成都市高新区天府大道1号",
        website="",
        main_business="软件开发与信息技术外包",
        contact_name="李四",
        contact_job_title="总经理",
        contact_phone="13800138000",
        contact_email="lisi@example.org",
    )
    assert client.post(join_page.url, chinese_application).status_code == 302
    article = ArticlePage.objects.filter(locale__language_code="zh-hans").first()
    english_article = article.get_translation(Locale.objects.get(language_code="en"))
    home = Page.objects.get(depth=2, locale__language_code="zh-hans")
    site = Site.objects.get(is_default_site=True)
    urls = {
        "explorer root": "/admin/pages/",
        "explorer home": f"/admin/pages/{home.pk}/",
        "explorer section": f"/admin/pages/{article.get_parent().pk}/",
        "article editor": f"/admin/pages/{article.pk}/edit/",
        "event editor": f"/admin/pages/{event.pk}/edit/",
        "add page": f"/admin/pages/{article.get_parent().pk}/add_subpage/",
        "translation submit": f"/admin/localize/submit/page/{article.pk}/",
        "translation editor": f"/admin/pages/{english_article.pk}/edit/",
        "registration inspect": f"/admin/registrations/inspect/{Registration.objects.get().pk}/",
        "registration edit": f"/admin/registrations/edit/{Registration.objects.get().pk}/",
        "application review": f"/admin/membership/review/{MembershipApplication.objects.get().pk}/",
        "member units": "/admin/membership/members/",
        "snippets": "/admin/snippets/",
        "menus list": "/admin/snippets/home/sitenavigation/",
        "site settings": f"/admin/settings/home/sitesettings/{site.pk}/",
        "translation status": "/admin/editorial/translations/",
        "personal data": "/admin/personal-data/",
        "personal data search": "/admin/personal-data/?q=zhang%40example.org",
    }
    # Site settings: the ICP filing number's name (ICP备案号), and the English example for the English field.
    data = english_titles() | ({"ICP", "mainland", "China"} if screen == "site settings" else set())
    response = chinese_staff.get(urls[screen])
    assert response.status_code == 200
    assert english_words(response.content.decode(), data=data) == {}


def test_the_sidebar_says_pages_not_pagination(chinese_staff):
    # The public pagination's "Pages" (分页) has its own context, so Wagtail's menu keeps its 页面.
    html = chinese_staff.get("/admin/").content.decode()
    explorer = re.search(r'"name": "explorer", "label": "([^"]+)"', html).group(1)
    assert explorer.encode().decode("unicode_escape") == "页面"
