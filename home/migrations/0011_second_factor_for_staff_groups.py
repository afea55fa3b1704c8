"""
The second factor for every staff group holding personal data or publishing rights (home/security/second_factor.py):
the personal-data requests, sign-in records, user management, and publishing or editing the whole Chinese site.
Membership and news grant it to the groups of their own rights (applications, registrations) in their migrations.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import Q

from home.security.second_factor import PERSONAL_DATA_PERMISSIONS, grant_in_migration, holding_any


def grant(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    whole_chinese_site = Q(page__depth=1) | Q(page__depth=2, page__locale__language_code=settings.LANGUAGE_CODE)
    publishers = GroupPagePermission.objects.filter(
        Q(permission__codename="publish_page") | whole_chinese_site
    ).values_list("group_id", flat=True)
    grant_in_migration(apps, holding_any(PERSONAL_DATA_PERMISSIONS) | Q(pk__in=list(publishers)))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0010_phones_in_e164"),
        ("wagtail_2fa", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
