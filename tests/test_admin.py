"""The editors' side: the page tree in both locales, translations, settings, admin languages."""

from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

import pytest

from home.models import ContactPage, HomePage, StandardPage
from membership.models import MemberDirectoryPage, MembershipPage
from news.models import ArticlePage, EventPage, SectionPage
from surveys.models import FormPage

pytestmark = pytest.mark.django_db


def test_admin_explorer_shows_both_trees(admin_client):
    for language in ("zh-hans", "en"):
        home = Page.objects.get(depth=2, locale__language_code=language)
        response = admin_client.get(f"/admin/pages/{home.id}/")
        assert response.status_code == 200
        content = response.content.decode()
        assert ("新闻资讯" if language == "zh-hans" else "News") in content


def test_translation_editor_opens_for_an_english_page(admin_client):
    page = ArticlePage.objects.get(locale__language_code="en", slug="ip-trade-competitiveness")
    response = admin_client.get(f"/admin/pages/{page.id}/edit/")
    assert response.status_code == 200
    # wagtail-localize's side-by-side editor, not the plain page editor.
    assert b"translation-editor" in response.content or b"wagtail-localize" in response.content


def test_edit_views_of_every_page_type_open(admin_client):
    for model in (
        HomePage,
        StandardPage,
        ContactPage,
        SectionPage,
        ArticlePage,
        EventPage,
        MembershipPage,
        MemberDirectoryPage,
    ):
        page = model.objects.filter(locale__language_code="zh-hans").first()
        assert admin_client.get(f"/admin/pages/{page.id}/edit/").status_code == 200, model


def test_site_settings_show_both_languages_side_by_side(admin_client):
    response = admin_client.get("/admin/settings/home/sitesettings/")
    if response.status_code == 302:
        response = admin_client.get(response["Location"])
    content = response.content.decode()
    assert 'name="address_zh_hans"' in content and 'name="address_en"' in content
    assert 'name="address"' not in content


@pytest.mark.parametrize(("language", "label"), [("zh-hans", "控制面板"), ("en", "Dashboard")])
def test_admin_works_in_chinese_and_english(admin_client, django_user_model, language, label):
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
    profile.preferred_language = language
    profile.save()
    assert label in admin_client.get("/admin/").content.decode()


def test_new_translations_stay_drafts():
    zh_news = SectionPage.objects.get(slug="news", locale__language_code="zh-hans")
    article = ArticlePage(title="草稿翻译测试", slug="draft-translation-test", summary="摘要")
    zh_news.add_child(instance=article)
    article.save_revision().publish()
    source, _ = TranslationSource.get_or_create_from_instance(article)
    translation = Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="en"))
    translation.save_target(publish=False)
    english = article.get_translation(Locale.objects.get(language_code="en"))
    assert english.live is False


class TestPageTypes(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertAllowedSubpageTypes(
            HomePage, {StandardPage, ContactPage, SectionPage, MembershipPage, MemberDirectoryPage, FormPage}
        )
        self.assertAllowedSubpageTypes(SectionPage, {ArticlePage, EventPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(EventPage, {SectionPage})

    def test_singletons_are_limited_per_parent_not_per_site(self):
        # Both locales' trees hold a contact page; max_count would forbid the second.
        assert ContactPage.max_count is None and ContactPage.max_count_per_parent == 1
        assert HomePage.max_count_per_parent == 1


@pytest.mark.parametrize(
    "url",
    [
        "/admin/membership/applications/",
        "/admin/membership/members/",
        "/admin/membership/members/new/",
        "/admin/membership/industries/",
        "/admin/membership/grades/",
        "/admin/registrations/",
        "/admin/snippets/news/category/",
        "/admin/pages/search/?q=外包",
    ],
)
def test_admin_screens_open(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_member_unit_form_shows_each_language_once(admin_client):
    content = admin_client.get("/admin/membership/members/new/").content.decode()
    assert 'name="name_zh_hans"' in content and 'name="name_en"' in content
    assert 'name="name"' not in content
