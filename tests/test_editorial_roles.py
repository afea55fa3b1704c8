"""
Roles, tried door by door over HTTP: the Notices editor in both trees and nowhere else, translators,
approvers; wagtail-localize's submit and sync views check the page, not only the global permission.
"""

from wagtail.models import Page, WorkflowPage
from wagtail_localize.models import TranslationSource

import pytest

from home.editorial.roles import APPROVERS, TRANSLATORS
from news.models import ArticlePage
from tests.editorial import chinese_admin, make_image
from tests.factories import locale, make_article, section

pytestmark = pytest.mark.django_db

NOTICES_EDITORS = "通知公告编辑 · Notices editors"


@pytest.fixture
def notices_editor(django_user_model):
    return chinese_admin(django_user_model, "notices-editor", NOTICES_EDITORS)


def english(page):
    return page.get_translation_or_none(locale("en"))


def test_roles_exist_with_both_names_and_cover_both_trees():
    for language in ("zh-hans", "en"):
        notices = section("notices", language)
        groups = {p.group.name for p in notices.group_permissions.select_related("group")}
        assert NOTICES_EDITORS in groups
    # One approval workflow, on the Chinese Notices tree; the empty-Moderators default is off the root.
    assignment = WorkflowPage.objects.get(page=section("notices"))
    assert assignment.workflow.name == "通知公告审核 · Notices approval"
    assert not WorkflowPage.objects.filter(page__depth=1).exists()


def test_the_notices_editor_works_in_notices_in_both_languages(notices_editor):
    notice = ArticlePage.objects.child_of(section("notices")).live().first()
    for page in (notice, english(notice)):
        assert notices_editor.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
        assert notices_editor.get(f"/admin/pages/{page.pk}/history/").status_code == 200
        assert notices_editor.get(f"/admin/pages/{page.pk}/revisions/").status_code in {200, 302}
        assert notices_editor.get(f"/admin/pages/{page.pk}/copy/").status_code == 200
    preview = notices_editor.get(f"/admin/pages/{notice.pk}/edit/preview/")
    assert preview.status_code == 200
    # New pages in Notices: the add form opens in both trees.
    for language in ("zh-hans", "en"):
        parent = section("notices", language)
        assert notices_editor.get(f"/admin/pages/add/news/articlepage/{parent.pk}/").status_code == 200
    # Images and documents.
    assert notices_editor.get("/admin/images/multiple/add/").status_code == 200
    assert notices_editor.get("/admin/documents/multiple/add/").status_code == 200
    image = make_image()
    assert notices_editor.get(f"/admin/images/{image.pk}/").status_code == 200


def test_the_notices_editor_publishes_only_through_the_approval_workflow(notices_editor, django_user_model):
    notice = ArticlePage.objects.child_of(section("notices")).live().first()
    user = django_user_model.objects.get(username="notices-editor")
    assert not notice.permissions_for_user(user).can_publish()
    assert notices_editor.post(f"/admin/pages/{notice.pk}/unpublish/").status_code in {302, 403}
    notice.refresh_from_db()
    assert notice.live


def test_the_notices_editor_can_do_nothing_outside_notices(notices_editor):
    news_item = ArticlePage.objects.child_of(section("news")).live().first()
    for page in (news_item, english(news_item)):
        assert notices_editor.get(f"/admin/pages/{page.pk}/edit/").status_code in {302, 403}
        assert notices_editor.get(f"/admin/pages/{page.pk}/delete/").status_code in {302, 403}
        assert notices_editor.get(f"/admin/pages/{page.pk}/move/").status_code in {302, 403}
        assert notices_editor.get(f"/admin/pages/{page.pk}/copy/").status_code in {302, 403}
        assert notices_editor.post(f"/admin/pages/{page.pk}/unpublish/").status_code in {302, 403}
    assert notices_editor.get(f"/admin/pages/add/news/articlepage/{section('news').pk}/").status_code in {302, 403}
    # Moving a notice into News is refused.
    notice = ArticlePage.objects.child_of(section("notices")).live().first()
    response = notices_editor.post(f"/admin/pages/{notice.pk}/move/{section('news').pk}/confirm/")
    assert response.status_code in {302, 403}
    assert Page.objects.get(pk=notice.pk).get_parent().pk == section("notices").pk
    # No user or group management: approvers are assigned by the secretariat's administrators.
    assert notices_editor.get("/admin/users/").status_code in {302, 403}
    assert notices_editor.get("/admin/groups/").status_code in {302, 403}


def test_submitting_another_sections_page_for_translation_is_refused(notices_editor):
    news_item = make_article(section("news"), title="只有中文的新闻")
    # The admin turns a refusal into a redirect to the dashboard with a message.
    refused = {302, 403}
    response = notices_editor.get(f"/admin/localize/submit/page/{news_item.pk}/")
    assert response.status_code in refused and response.get("Location", "/admin/") == "/admin/"
    response = notices_editor.post(f"/admin/localize/submit/page/{news_item.pk}/", {"locales": [locale("en").pk]})
    assert response.status_code in refused
    assert english(news_item) is None
    # The sync of another section's translation too.
    translated = ArticlePage.objects.child_of(section("news")).live().first()
    source = TranslationSource.objects.get(object_id=translated.translation_key)
    assert notices_editor.get(f"/admin/localize/update/{source.pk}/").status_code in refused
    assert notices_editor.post(f"/admin/localize/update/{source.pk}/").status_code in refused


def test_the_notices_editor_submits_a_notice_for_translation(notices_editor):
    notice = make_article(section("notices"), title="只有中文的通知", categories=["announcements"])
    assert notices_editor.get(f"/admin/localize/submit/page/{notice.pk}/").status_code == 200
    response = notices_editor.post(f"/admin/localize/submit/page/{notice.pk}/", {"locales": [locale("en").pk]})
    assert response.status_code == 302
    assert english(notice) is not None and not english(notice).live


def test_translators_edit_english_and_submit_but_do_not_publish(django_user_model):
    translator = chinese_admin(django_user_model, "translator", TRANSLATORS)
    news_item = make_article(section("news"), title="待翻译的新闻")
    assert (
        translator.post(f"/admin/localize/submit/page/{news_item.pk}/", {"locales": [locale("en").pk]}).status_code
        == 302
    )
    target = english(news_item)
    assert translator.get(f"/admin/pages/{target.pk}/edit/").status_code == 200
    user = django_user_model.objects.get(username="translator")
    assert target.permissions_for_user(user).can_edit()
    assert not target.permissions_for_user(user).can_publish()
    # Not the Chinese tree.
    assert translator.get(f"/admin/pages/{news_item.pk}/edit/").status_code in {302, 403}


def test_approvers_publish_in_both_trees(django_user_model):
    chinese_admin(django_user_model, "approver", APPROVERS)
    user = django_user_model.objects.get(username="approver")
    notice = ArticlePage.objects.child_of(section("notices")).live().first()
    assert notice.permissions_for_user(user).can_publish()
    assert english(notice).permissions_for_user(user).can_publish()
