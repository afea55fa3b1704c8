"""
Review and approval say what happened, in Chinese: a notice submitted (已提交审核), sent back with a comment
(已要求修改, in the message and in the e-mail, never 拒绝), the comment on the editor's edit page, then approved and
published (已批准并发布). Over HTTP, as the Notices editor and an approver do it in a Chinese admin.
"""

import json
import re
from html import unescape

from django.core import mail
from django.test import Client

from wagtail.models import WorkflowState

import pytest

from home.editorial.roles import APPROVERS
from news.models import ArticlePage
from tests.editorial import article_form, chinese_admin
from tests.factories import section

pytestmark = pytest.mark.django_db

NOTICES_EDITORS = "通知公告编辑 · Notices editors"
TITLE = "关于开展服务贸易统计直报工作的通知"
COMMENT = "请补充报送截止日期。"


def messages_of(response) -> str:
    html = response.content.decode()
    found = re.search(r'data-w-messages-target="container">(.*?)<template', html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(1) if found else "")).split())


@pytest.fixture
def editor(django_user_model) -> Client:
    client = chinese_admin(django_user_model, "notices-editor", NOTICES_EDITORS)
    user = django_user_model.objects.get(username="notices-editor")
    user.first_name, user.last_name = "伟", "张"
    user.save()
    return client


@pytest.fixture
def approver(django_user_model) -> Client:
    client = chinese_admin(django_user_model, "approver", APPROVERS)
    user = django_user_model.objects.get(username="approver")
    user.first_name, user.last_name = "芳", "王"
    user.save()
    return client


def workflow_action(client: Client, page: ArticlePage, action: str, comment: str = ""):
    form = article_form(page.title, [], slug=page.slug, summary=page.summary)
    form.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps({"comment": comment} if comment else {}),
        }
    )
    return client.post(f"/admin/pages/{page.pk}/edit/", form, follow=True)


def test_a_notice_goes_through_review_in_words_that_say_what_happened(editor, approver):
    notices = section("notices")
    form = article_form(TITLE, [], summary="统计直报。", **{"action-submit": "submit"})
    submitted = editor.post(f"/admin/pages/add/news/articlepage/{notices.pk}/", form, follow=True)
    assert f"已提交审核：“{TITLE}”。" in messages_of(submitted)
    assert "已创建并提交审核" not in messages_of(submitted)
    page = ArticlePage.objects.get(title=TITLE)
    mail.outbox.clear()

    # The approver sends it back with a comment.
    sent_back = workflow_action(approver, page, "reject", comment=COMMENT)
    text = messages_of(sent_back)
    assert f"已要求修改：“{TITLE}”已退回给张伟。" in text
    assert "已被更新" not in text
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_NEEDS_CHANGES

    # The editor's e-mail speaks of requested changes and quotes the comment; nothing says 拒绝.
    to_editor = [message for message in mail.outbox if "notices-editor@example.org" in message.to]
    assert len(to_editor) == 1
    assert "要求修改" in to_editor[0].subject and "拒绝" not in to_editor[0].subject
    assert "王芳在工作流" in to_editor[0].body and "要求修改" in to_editor[0].body
    assert COMMENT in to_editor[0].body and "拒绝" not in to_editor[0].body

    # The editor opens the page: the request and the comment are at the top of the edit page.
    edit_page = editor.get(f"/admin/pages/{page.pk}/edit/")
    assert "王芳于" in messages_of(edit_page) and f"要求修改：“{COMMENT}”" in messages_of(edit_page)

    # Submitted again, then approved: it is live and the approver is told so.
    form = article_form(TITLE, [], slug=page.slug, summary="统计直报，截止日期为12月31日。", **{"action-submit": "1"})
    resubmitted = editor.post(f"/admin/pages/{page.pk}/edit/", form, follow=True)
    assert f"已提交审核：“{TITLE}”。" in messages_of(resubmitted)
    assert "已经提交进行审核" not in messages_of(resubmitted)
    assert "要求修改" not in messages_of(editor.get(f"/admin/pages/{page.pk}/edit/"))
    approved = workflow_action(approver, page, "approve")
    assert f"已批准并发布：“{TITLE}”。" in messages_of(approved)
    page.refresh_from_db()
    assert page.live


def test_the_e_mail_to_an_english_speaking_editor_says_changes_requested(editor, approver, django_user_model):
    user = django_user_model.objects.get(username="notices-editor")
    user.wagtail_userprofile.preferred_language = "en"
    user.wagtail_userprofile.save()
    notices = section("notices")
    form = article_form(TITLE, [], summary="统计直报。", **{"action-submit": "submit"})
    editor.post(f"/admin/pages/add/news/articlepage/{notices.pk}/", form)
    page = ArticlePage.objects.get(title=TITLE)
    mail.outbox.clear()
    workflow_action(approver, page, "reject", comment=COMMENT)
    message = next(message for message in mail.outbox if "notices-editor@example.org" in message.to)
    assert message.subject.startswith("Changes requested")
    assert "rejected" not in message.body and "requested changes" in message.body and COMMENT in message.body
