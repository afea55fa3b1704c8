"""The membership-affairs group: reviews applications (personal data) and keeps the directory."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Membership affairs"
CODENAMES = [
    "review_membershipapplication",
    "view_membershipapplication",
    "add_memberunit",
    "change_memberunit",
    "view_memberunit",
    "add_industry",
    "change_industry",
    "view_industry",
    "add_membergrade",
    "change_membergrade",
    "view_membergrade",
]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; this group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    permissions = Permission.objects.filter(content_type__app_label="membership", codename__in=CODENAMES)
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(*permissions, *admin_access)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0002_applications_and_directory"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
