"""The second factor for every group that sees event registrations (Event registrations)."""

from django.db import migrations

from home.security.second_factor import grant_in_migration, holding_any

REGISTRATION_PERMISSIONS = [("news", f"{action}_registration") for action in ("view", "change", "delete")]


def grant(apps, schema_editor):
    grant_in_migration(apps, holding_any(REGISTRATION_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0012_phones_in_e164"),
        ("wagtail_2fa", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
