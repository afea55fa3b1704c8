"""The membership-affairs group's name in both languages, as the editorial roles' names are."""

from django.db import migrations

OLD_NAME = "Membership affairs"
NEW_NAME = "会员事务 · Membership affairs"


def rename(old: str, new: str):
    def run(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0009_second_factor_for_applications"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename(OLD_NAME, NEW_NAME), rename(NEW_NAME, OLD_NAME))]
