from django.db import migrations

import home.phones
from home.phones import to_e164


def phones_to_e164(apps, schema_editor):
    """Event contacts (typed by editors) and registrations (stored as 13800138000 by the old form) in E.164."""
    for model_name in ("EventContact", "Registration"):
        model = apps.get_model("news", model_name)
        for pk, typed in model.objects.exclude(phone="").values_list("pk", "phone").iterator():
            if (e164 := to_e164(typed)) and e164 != typed:
                model.objects.filter(pk=pk).update(phone=e164)


class Migration(migrations.Migration):
    dependencies = [("news", "0011_article_recommended_order")]

    operations = [
        migrations.RunPython(phones_to_e164, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="eventcontact",
            name="phone",
            field=home.phones.PhoneField(
                blank=True,
                help_text="As you would dial it in China, e.g. 18180925192.",
                max_length=40,
                verbose_name="phone",
            ),
        ),
    ]
