"""
Review and approval in words that say what happened.

Wagtail's page editor ends every workflow action with "Page '…' has been updated." (页面已被更新), calls a
request for changes a rejection (拒绝) in its e-mails, and shows the reviewer's comment nowhere on the edit page.
Here, through Wagtail's page hooks:
- after a submit, a request for changes or an approval, its own message replaces Wagtail's (已提交审核 /
  已要求修改 / 已批准并发布, or 已批准 with the next step when the workflow has more);
- while a page waits for changes, its edit page opens with the reviewer's request and comment at the top.
The e-mail's wording is in patches/templates/wagtailadmin/notifications/ (copies of Wagtail's templates).
"""

from html import unescape

from django.contrib import messages as django_messages
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.timezone import localtime
from django.utils.translation import gettext, pgettext

from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, TaskState, WorkflowState

# What Wagtail's edit and create views say after these actions (their messages are replaced by ours).
WAGTAIL_SUBMITTED = ("Page '%(page_title)s' has been submitted for moderation.", "page_title")
WAGTAIL_CREATED_AND_SUBMITTED = ("Page '%(page_title)s' created and submitted for moderation.", "page_title")
WAGTAIL_UPDATED = ("Page '%(page_title)s' has been updated.", "page_title")


def plain(message) -> str:
    return " ".join(unescape(strip_tags(str(message))).split())


def wagtail_message(template: tuple[str, str], page: Page) -> str:
    text, placeholder = template
    return plain(gettext(text) % {placeholder: page.get_admin_display_title()})


def replace_message(request, wagtail_text: str, text: str) -> None:
    """
    Drops Wagtail's success message with this text and adds ours. Reading the queue marks what was queued as
    read; the other messages are queued again, unchanged.
    """
    queued = list(django_messages.get_messages(request))
    for message in queued:
        # Wagtail's message may carry buttons after its text ("View draft", "Edit").
        if not plain(message.message).startswith(wagtail_text):
            django_messages.add_message(request, message.level, message.message, extra_tags=message.extra_tags)
    messages.success(request, text)


def latest_workflow_state(page: Page) -> WorkflowState | None:
    return WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()


def last_request_for_changes(state: WorkflowState) -> TaskState | None:
    return (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )


def after_submit(request, page: Page, wagtail_template: tuple[str, str]) -> None:
    text = pgettext("workflow", "Submitted for review: “%(title)s”.") % {"title": page.get_admin_display_title()}
    replace_message(request, wagtail_message(wagtail_template, page), text)


def after_workflow_action(request, page: Page) -> None:
    """The approver's message after approving or requesting changes (Wagtail says only 'has been updated')."""
    state = latest_workflow_state(page)
    if state is None:
        return
    title = page.get_admin_display_title()
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        requester = get_user_display_name(state.requested_by) if state.requested_by else ""
        text = pgettext("workflow", "Changes requested: “%(title)s” goes back to %(editor)s.") % {
            "title": title,
            "editor": requester,
        }
    elif state.status == WorkflowState.STATUS_APPROVED and Page.objects.filter(pk=page.pk, live=True).exists():
        text = pgettext("workflow", "Approved and published: “%(title)s”.") % {"title": title}
    elif state.status == WorkflowState.STATUS_APPROVED:
        text = pgettext("workflow", "Approved: “%(title)s” is scheduled to go live.") % {"title": title}
    elif state.status == WorkflowState.STATUS_IN_PROGRESS and state.current_task_state:
        text = pgettext("workflow", "Approved: “%(title)s” moves on to “%(task)s”.") % {
            "title": title,
            "task": state.current_task_state.task.name,
        }
    else:
        return
    replace_message(request, wagtail_message(WAGTAIL_UPDATED, page), text)


def after_edit(request, page: Page) -> None:
    if request.method != "POST":
        return
    if "action-submit" in request.POST:
        after_submit(request, page, WAGTAIL_SUBMITTED)
    elif "action-workflow-action" in request.POST:
        after_workflow_action(request, page)


def after_create(request, page: Page) -> None:
    if request.method == "POST" and "action-submit" in request.POST:
        after_submit(request, page, WAGTAIL_CREATED_AND_SUBMITTED)


def show_requested_changes(request, page: Page) -> None:
    """On the edit page of a page sent back for changes: who asked, when, and their comment."""
    if request.method != "GET":
        return
    state = latest_workflow_state(page)
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return
    task_state = last_request_for_changes(state)
    if task_state is None:
        return
    facts = {
        "reviewer": get_user_display_name(task_state.finished_by) if task_state.finished_by else "",
        "date": date_format(localtime(task_state.finished_at), "DATETIME_FORMAT"),
        "comment": task_state.comment.strip(),
    }
    if facts["comment"]:
        text = pgettext("workflow", "%(reviewer)s requested changes on %(date)s: “%(comment)s”") % facts
    else:
        text = pgettext("workflow", "%(reviewer)s requested changes on %(date)s.") % facts
    messages.warning(request, text)
