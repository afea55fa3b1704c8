"""
The publish guard: an English translation still showing Chinese is refused on every publish path,
with the segments named; allowed Chinese (native-script fields, marked spans, filing numbers) passes.
"""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask
from wagtail_localize.models import Translation, TranslationSource

import pytest

from home.editorial.script_guard import chinese_text
from news.models import ArticlePage
from tests.factories import locale, make_article, make_event, section, translate_segments, translate_to_english

pytestmark = pytest.mark.django_db


def english_draft(page, english: dict | None = None, leave: tuple[str, ...] = ()):
    """An English draft of `page` whose segments are English except those in `leave` (Chinese kept)."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale("en"))
    translate_segments(source, {**(english or {}), **{text: text for text in leave}})
    translation.save_target(publish=False)
    return translation, page.get_translation(locale("en"))


def test_wagtail_localize_publish_is_refused_with_chinese():
    page = make_article(section("news"), title="含中文的文章")
    translation, target = english_draft(page, leave=("含中文的文章",))
    run_on_commit_now = mock.patch("django.db.transaction.on_commit", lambda callback, **kwargs: callback())
    with pytest.raises(ValidationError) as refused, run_on_commit_now:
        translation.save_target(publish=True)
    assert "含中文的文章" in str(refused.value)
    target.refresh_from_db()
    assert not target.live


def test_scheduled_publishing_refuses_chinese():
    page = make_article(section("news"), title="定时含中文")
    _translation, target = english_draft(page, leave=("定时含中文",))
    target.go_live_at = timezone.now() + datetime.timedelta(minutes=1)
    target.save_revision().publish()
    two_minutes_later = mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(minutes=2)
    )
    with two_minutes_later, pytest.raises(ValidationError):
        call_command("publish_scheduled")
    target.refresh_from_db()
    assert not target.live


def test_bulk_publish_refuses_chinese():
    page = make_article(section("news"), title="批量含中文")
    _translation, target = english_draft(page, leave=("批量含中文",))
    with pytest.raises(ValidationError):
        PublishBulkAction.execute_action([target], include_descendants=False)
    target.refresh_from_db()
    assert not target.live


def test_workflow_approval_refuses_chinese(admin_client, django_user_model):
    page = make_article(section("news"), title="审批含中文")
    _translation, target = english_draft(page, leave=("审批含中文",))
    workflow = Workflow.objects.create(name="English review")
    task = GroupApprovalTask.objects.create(name="Review")
    WorkflowTask.objects.create(workflow=workflow, task=task.task_ptr, sort_order=0)
    WorkflowPage.objects.create(page=target, workflow=workflow)
    user = django_user_model.objects.get(username="editor")
    state = workflow.start(target, user)
    with pytest.raises(ValidationError):
        state.current_task_state.task.specific.on_action(state.current_task_state, user, "approve")
    target.refresh_from_db()
    assert not target.live


def test_the_admin_editor_refuses_with_a_message_and_keeps_the_draft(admin_client):
    page = make_article(section("news"), title="管理界面含中文")
    _translation, target = english_draft(page, leave=("管理界面含中文",))
    response = admin_client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"}, follow=True)
    assert response.status_code == 200
    assert "管理界面含中文" in response.content.decode()
    target.refresh_from_db()
    assert not target.live


def test_an_english_event_may_show_its_chinese_address():
    event = make_event(address="成都市高新区天府大道1号")
    english = translate_to_english(event, {"成都市高新区天府大道1号": "成都市高新区天府大道1号"})
    assert english.live
    assert '<span lang="zh-hans">成都市高新区天府大道1号</span>' in Client().get(english.url).content.decode()


def test_marked_chinese_spans_and_filing_numbers_are_allowed():
    page = ArticlePage(
        title="Filing",
        locale=locale("en"),
        body=[
            ("paragraph", '<p>Organised by <span lang="zh-hans">成都服务贸易协会</span>.</p>'),
            ("paragraph", "<p>Filed as 蜀ICP17033979号 and 川公网安备 51010902000123号.</p>"),
        ],
    )
    assert chinese_text(page) == []
    page.body = [("paragraph", "<p>Organised by 成都服务贸易协会.</p>")]
    found = chinese_text(page)
    assert len(found) == 1 and "成都服务贸易协会" in str(found[0])
