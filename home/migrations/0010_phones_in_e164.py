from django.db import migrations

import home.phones
from home.phones import to_e164


def phones_to_e164(apps, schema_editor):
    """The contact phone as the Secretariat typed it (`+86 028-8693-5965`) in E.164, like every new one."""
    SiteSettings = apps.get_model("home", "SiteSettings")
    for pk, typed in SiteSettings.objects.exclude(phone="").values_list("pk", "phone"):
        SiteSettings.objects.filter(pk=pk).update(phone=to_e164(typed) or typed)


class Migration(migrations.Migration):
    dependencies = [("home", "0009_search_title_body_index")]

    operations = [
        migrations.RunPython(phones_to_e164, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sitesettings",
            name="phone",
            field=home.phones.PhoneField(
                blank=True,
                help_text="As you would dial it in China, e.g. 028-8693-5965.",
                max_length=40,
                verbose_name="phone",
            ),
        ),
    ]
