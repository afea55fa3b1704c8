"""
The editorial roles, created idempotently by the content loaders (the pages they cover exist only then).

- A section's editors: its pages in **every** language tree (one grant per tree, made here together),
  images and documents; submitting translations. Sections under review (Notices) publish through
  their approval workflow, the others directly.
- Translators: edit and save drafts anywhere in the translated trees, submit translations; no publishing.
- Approvers: publish in every tree, approve workflow tasks. No role here may manage users or groups:
  membership of the groups (approvers especially) is assigned by the secretariat's administrators.
- Every role that publishes must sign in with a second factor (home/security/second_factor.py): section editors
  who publish directly and approvers. Translators and the editors of reviewed sections need none.
- The Secretariat: the menus and footer, the site settings (contact phone, WeChat QR…) and the images they use,
  without being superusers (also created by home/migrations/0011 for databases that exist already).
Group names carry both languages (groups have one name field): "通知公告编辑 · Notices editors". So do the
groups the apps' migrations create (event registrations, membership affairs, personal-data requests); where one
language is wanted (the privacy policy names them), `role_name` takes that half.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils.translation import get_language, gettext

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.security.second_factor import require_second_factor

EDIT = ["add_page", "change_page", "lock_page", "unlock_page"]
EDIT_AND_PUBLISH = [*EDIT, "publish_page"]
MEDIA = ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"]
CHOOSE_MEDIA = ["choose_image", "choose_document"]
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
SUBMIT_TRANSLATION = ("wagtail_localize", "submit_translation")

NAME_SEPARATOR = " · "
TRANSLATORS = "译员 · Translators"
APPROVERS = "审核人 · Approvers"
SECRETARIAT = "秘书处 · Secretariat"
# Created by the apps' migrations (the names are data: a migration renames them when they change).
EVENT_REGISTRATIONS = "活动报名 · Event registrations"
MEMBERSHIP_AFFAIRS = "会员事务 · Membership affairs"
PERSONAL_DATA_REQUESTS = "个人信息请求 · Personal data requests"
# What the Secretariat group may do beyond signing in to the admin: the menus and footer, the site settings.
SECRETARIAT_PERMISSIONS = [
    ("home", "change_sitenavigation"),
    ("home", "view_sitenavigation"),
    ("home", "change_sitesettings"),
    ("wagtail_localize", "submit_translation"),
]
# The WeChat QR code and the header image are images the settings choose (or upload).
SECRETARIAT_MEDIA = ["add_image", "change_image", "choose_image"]


def bilingual_name(chinese: str, english: str) -> str:
    return f"{chinese}{NAME_SEPARATOR}{english}"


def role_name(name: str, language: str | None = None) -> str:
    """
    A group's name in one language: the Chinese or the English half of "活动报名 · Event registrations". A name
    without both halves (a group an administrator made) is passed through the catalogue, as it is.
    """
    if NAME_SEPARATOR not in name:
        return gettext(name)
    chinese, english = name.split(NAME_SEPARATOR, 1)
    return chinese if (language or get_language() or "").startswith("zh") else english


def permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(codename: str) -> Permission:
    return permission("wagtailcore", codename)


def ensure_group(name: str, *global_permissions: tuple[str, str]) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(*(permission(app_label, codename) for app_label, codename in global_permissions))
    return group


def grant_on_every_tree(group: Group, page: Page, codenames: list[str]) -> None:
    """The same page permissions on the page and each of its translations: one role, both languages."""
    for translated in page.get_translations(inclusive=True).filter(alias_of__isnull=True):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=translated, permission=page_permission(codename)
            )


def grant_media(group: Group, codenames: list[str]) -> None:
    root = Collection.get_first_root_node()
    for codename in codenames:
        app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission(app_label, codename)
        )


def ensure_section_editors(section: Page, chinese: str, english: str, reviewed: bool = False) -> Group:
    """The editors of one section, in both trees; `reviewed`: they submit to the approval workflow."""
    group = ensure_group(bilingual_name(f"{chinese}编辑", f"{english} editors"), ADMIN_ACCESS, SUBMIT_TRANSLATION)
    grant_on_every_tree(group, section, EDIT if reviewed else EDIT_AND_PUBLISH)
    grant_media(group, MEDIA)
    if not reviewed:
        require_second_factor(group)
    return group


def translated_roots(source_root: Page) -> list[Page]:
    return [page for page in source_root.get_translations() if page.locale.language_code != settings.LANGUAGE_CODE]


def ensure_translators(source_root: Page) -> Group:
    group = ensure_group(TRANSLATORS, ADMIN_ACCESS, SUBMIT_TRANSLATION)
    for root in translated_roots(source_root):
        for codename in EDIT:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=page_permission(codename))
    grant_media(group, CHOOSE_MEDIA)
    return group


def ensure_approvers(source_root: Page) -> Group:
    group = ensure_group(APPROVERS, ADMIN_ACCESS)
    grant_on_every_tree(group, source_root, ["change_page", "publish_page"])
    grant_media(group, CHOOSE_MEDIA)
    require_second_factor(group)
    return group


def ensure_secretariat() -> Group:
    group = ensure_group(SECRETARIAT, ADMIN_ACCESS, *SECRETARIAT_PERMISSIONS)
    grant_media(group, SECRETARIAT_MEDIA)
    # What it changes is public at once (the phone number on every page): a second factor, as for publishing.
    require_second_factor(group)
    return group


def ensure_approval_workflow(section: Page, chinese: str, english: str, approvers: Group) -> Workflow:
    """
    editor → approver on the section's source tree (Wagtail workflows; wagtail-localize's editor has no
    workflow, so translations are reviewed through the status report instead).

    On first creation it also takes Wagtail's default "Moderators approval" off the root: that workflow
    sends every page to an empty Moderators group. Later runs change nothing an administrator set.
    """
    name = bilingual_name(f"{chinese}审核", f"{english} approval")
    workflow, created = Workflow.objects.get_or_create(name=name)
    if created:
        task, _task_created = GroupApprovalTask.objects.get_or_create(
            name=bilingual_name("审核人审批", "Approver review")
        )
        task.groups.add(approvers)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
        WorkflowPage.objects.filter(page__depth=1).delete()
    return workflow
