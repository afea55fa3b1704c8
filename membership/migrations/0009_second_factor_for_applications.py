"""The second factor for every group that sees membership applications and their licences (Membership affairs)."""

from django.db import migrations

from home.security.second_factor import grant_in_migration, holding_any

APPLICATION_PERMISSIONS = [
    ("membership", f"{action}_membershipapplication") for action in ("view", "change", "delete", "review")
]


def grant(apps, schema_editor):
    grant_in_migration(apps, holding_any(APPLICATION_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0008_phones_in_e164"),
        ("wagtail_2fa", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
