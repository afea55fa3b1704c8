"""The event-registrations group's name in both languages, as the editorial roles' names are."""

from django.db import migrations

OLD_NAME = "Event registrations"
NEW_NAME = "活动报名 · Event registrations"


def rename(old: str, new: str):
    def run(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0013_second_factor_for_registrations"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename(OLD_NAME, NEW_NAME), rename(NEW_NAME, OLD_NAME))]
