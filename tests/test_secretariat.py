"""
The secretariat works without a superuser, and the admin's groups and names read right in both languages:

- a member of 秘书处 · Secretariat (not a superuser) edits the footer and the contact phone, and nothing else;
- every group the project makes is named in both languages; the privacy policy names each in the reader's language;
- Wagtail's unused default groups (Editors, Moderators) are gone, and the migration keeps one somebody is in;
- a Chinese name reads family name first (张伟), in the admin and in what Wagtail writes about a user.
"""

from importlib import import_module

from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.forms.models import model_to_dict
from django.test import Client

from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, Site, WorkflowPage

import pytest

from home.editorial.roles import (
    APPROVERS,
    EVENT_REGISTRATIONS,
    MEMBERSHIP_AFFAIRS,
    PERSONAL_DATA_REQUESTS,
    SECRETARIAT,
    TRANSLATORS,
    role_name,
)
from home.models import SiteSettings
from home.navigation.menus import SiteNavigation
from tests.editorial import chinese_admin
from tests.streamfield_post import raw_stream, stream_post

pytestmark = pytest.mark.django_db

PROJECT_GROUPS = [SECRETARIAT, EVENT_REGISTRATIONS, MEMBERSHIP_AFFAIRS, PERSONAL_DATA_REQUESTS, TRANSLATORS, APPROVERS]


@pytest.fixture
def secretary(django_user_model) -> Client:
    return chinese_admin(django_user_model, "secretary", SECRETARIAT)


def settings_form(site_settings: SiteSettings, **changes) -> dict:
    data = {key: "" if value is None else value for key, value in model_to_dict(site_settings).items()}
    data.pop("id", None), data.pop("site", None)
    data.update(changes)
    return data


def test_the_secretariat_edits_the_footer_and_the_contact_phone_without_being_a_superuser(secretary, client):
    user = secretary.session["_auth_user_id"]
    assert not Group.objects.get(name=SECRETARIAT).user_set.get(pk=user).is_superuser

    chinese = SiteNavigation.objects.get(locale__language_code="zh-hans")
    columns = raw_stream(chinese.footer_columns)
    columns[0][1]["heading"] = "秘书处改过的栏目"
    data = {}
    for name in ("main_menu", "header_shortcuts", "footer_columns"):
        value = columns if name == "footer_columns" else raw_stream(getattr(chinese, name))
        data.update(stream_post(name, value, SiteNavigation._meta.get_field(name).stream_block))
    response = secretary.post(f"/admin/snippets/home/sitenavigation/edit/{chinese.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "秘书处改过的栏目" in client.get("/zh-hans/").content.decode()

    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/home/sitesettings/{site.pk}/"
    assert secretary.get(url).status_code == 200
    response = secretary.post(url, settings_form(SiteSettings.for_site(site), phone="028-8888-6666"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SiteSettings.for_site(site).phone == "+862888886666"
    assert "028 8888 6666" in client.get("/zh-hans/contact/").content.decode()


def test_the_secretariat_cannot_manage_users_pages_or_registrations(secretary):
    for url in ("/admin/users/", "/admin/groups/", "/admin/registrations/", "/admin/personal-data/"):
        assert secretary.get(url).status_code in (302, 403), url
    news = Page.objects.get(slug="news", locale__language_code="zh-hans")
    assert secretary.get(f"/admin/pages/add/news/articlepage/{news.pk}/").status_code in (302, 403)


def test_every_group_of_the_project_is_named_in_both_languages():
    names = set(Group.objects.values_list("name", flat=True))
    for name in PROJECT_GROUPS:
        assert name in names
        chinese, english = role_name(name, "zh-hans"), role_name(name, "en")
        assert chinese != english and english.isascii() and not chinese.isascii()
    assert not names & {"Editors", "Moderators", "Event registrations", "Membership affairs", "Personal data requests"}


def test_the_privacy_policy_names_the_groups_in_the_readers_language(client):
    chinese = client.get("/zh-hans/privacy/").content.decode()
    english = client.get("/en/privacy/").content.decode()
    assert "“活动报名”" in chinese and "Event registrations" not in chinese
    assert "“Event registrations”" in english and "活动报名" not in english


def test_wagtails_default_moderation_is_off_the_tree():
    assert not WorkflowPage.objects.filter(page__depth=1).exists()


def migration():
    return import_module("home.migrations.0015_secretariat_group_and_default_groups")


def test_the_migration_keeps_a_default_group_somebody_is_in(django_user_model):
    editors = Group.objects.create(name="Editors")
    moderators = Group.objects.create(name="Moderators")
    django_user_model.objects.create_user("old-editor", password="x").groups.add(editors)
    migration().tidy_default_groups(django_apps)
    assert not Group.objects.filter(pk=moderators.pk).exists()
    kept = Group.objects.get(pk=editors.pk)
    assert kept.name == migration().WAGTAIL_DEFAULT_GROUPS["Editors"]
    assert kept.user_set.filter(username="old-editor").exists()


def test_a_chinese_name_reads_family_name_first(django_user_model):
    user = django_user_model.objects.create_user("zhangwei", first_name="伟", last_name="张", password="x")
    assert user.get_full_name() == "张伟" and get_user_display_name(user) == "张伟"
    anna = django_user_model.objects.create_user("anna", first_name="Anna", last_name="Smith", password="x")
    assert anna.get_full_name() == "Anna Smith"
