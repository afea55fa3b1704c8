from django.db import migrations

from home.phones import to_e164


def phones_to_e164(apps, schema_editor):
    """Applicants' numbers (stored as 13800138000 by the old form) in E.164, like every new one."""
    MembershipApplication = apps.get_model("membership", "MembershipApplication")
    rows = MembershipApplication.objects.exclude(contact_phone="").values_list("pk", "contact_phone")
    for pk, typed in rows.iterator():
        if (e164 := to_e164(typed)) and e164 != typed:
            MembershipApplication.objects.filter(pk=pk).update(contact_phone=e164)


class Migration(migrations.Migration):
    dependencies = [("membership", "0007_retention_periods_block")]

    operations = [migrations.RunPython(phones_to_e164, migrations.RunPython.noop)]
