"""
The groups staff meet in the admin, in both languages, and no unused ones:

- the Secretariat: the menus and footer and the site settings (contact phone, WeChat QR…) without being a
  superuser (home/editorial/roles.py makes the same group for a fresh site; its permissions are listed there too);
- the personal-data group's name in both languages, as the editorial roles' names are;
- Wagtail's default groups "Editors" and "Moderators" (made by Wagtail's first migrations, with rights on the whole
  tree) are removed while nobody is in them; one that has members stays, with its rights, under a name in both
  languages. The default "Moderators approval" task and workflow, which sent every page to the Moderators, are
  switched off with the group, unless a page is in them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT = "秘书处 · Secretariat"
SECRETARIAT_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("home", "change_sitenavigation"),
    ("home", "view_sitenavigation"),
    ("home", "change_sitesettings"),
    ("wagtail_localize", "submit_translation"),
    # What it changes is public at once (the phone number on every page): it signs in with a second factor, as
    # every group with publishing rights does (home/security/second_factor.py).
    ("wagtailadmin", "enable_2fa"),
]
SECRETARIAT_MEDIA = [("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image")]
PERSONAL_DATA_GROUP = ("Personal data requests", "个人信息请求 · Personal data requests")
WAGTAIL_DEFAULT_GROUPS = {
    "Editors": "Wagtail 默认编辑组 · Editors (Wagtail default)",
    "Moderators": "Wagtail 默认审核组 · Moderators (Wagtail default)",
}
OPEN_WORKFLOW_STATES = ["in_progress", "needs_changes"]


def permission(apps, app_label: str, codename: str):
    return apps.get_model("auth", "Permission").objects.get(content_type__app_label=app_label, codename=codename)


def create_secretariat(apps):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group, _created = Group.objects.get_or_create(name=SECRETARIAT)
    group.permissions.add(*(permission(apps, *wanted) for wanted in SECRETARIAT_PERMISSIONS))
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for wanted in SECRETARIAT_MEDIA:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission(apps, *wanted)
            )


def switch_off_the_moderators_workflow(apps, moderators):
    """The tasks that only the Moderators could approve, and the workflows made only of them, unless in use."""
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    orphaned = [task for task in GroupApprovalTask.objects.filter(groups=moderators) if task.groups.count() == 1]
    for workflow in Workflow.objects.filter(workflow_tasks__task__in=[task.task_ptr for task in orphaned]).distinct():
        tasks = {link.task_id for link in workflow.workflow_tasks.all()}
        in_use = WorkflowState.objects.filter(workflow=workflow, status__in=OPEN_WORKFLOW_STATES).exists()
        if tasks <= {task.pk for task in orphaned} and not in_use:
            workflow.workflow_pages.all().delete()
            workflow.active = False
            workflow.save(update_fields=["active"])
    for task in orphaned:
        task.active = False
        task.save(update_fields=["active"])


def tidy_default_groups(apps):
    Group = apps.get_model("auth", "Group")
    for name, kept_name in WAGTAIL_DEFAULT_GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        if group.user_set.exists():
            if not Group.objects.filter(name=kept_name).exists():
                group.name = kept_name
                group.save(update_fields=["name"])
            continue
        if name == "Moderators":
            switch_off_the_moderators_workflow(apps, group)
        group.delete()


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; the Secretariat needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    create_secretariat(apps)
    old, new = PERSONAL_DATA_GROUP
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name=new).exists():
        Group.objects.filter(name=old).update(name=new)
    tidy_default_groups(apps)


def backwards(apps, schema_editor):
    # The Secretariat and the names go back; Wagtail's default groups are not recreated (nobody was in them).
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=SECRETARIAT).delete()
    old, new = PERSONAL_DATA_GROUP
    Group.objects.filter(name=new).update(name=old)
    for name, kept_name in WAGTAIL_DEFAULT_GROUPS.items():
        Group.objects.filter(name=kept_name).update(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0014_seed_placeholders_and_english_address"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0083_workflowcontenttype"),
        ("wagtailimages", "0027_image_description"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
