"""
Two corrections of what the loader wrote, on existing sites, only where it is still the loader's own text:

Pages the original site only names (the charter, Party building, member benefits) were loaded as live pages
saying "please contact the Secretariat". New sites get them as drafts with a note for editors; this migration
unpublishes them on existing sites, in both languages — only where the page still holds exactly the text the
loader wrote (an editor's own text stays live). The menus leave an unpublished page out by themselves.

The English address ended at "Chengdu": a visitor from abroad needs "…, Chengdu, Sichuan, China".
"""

import re
from html import unescape

from django.db import migrations

from home.caching import invalidation

# What the loader wrote, block by block (introduction first), as it was until this migration.
LOADER_TEXTS = {
    "charter": {
        "zh": [
            "协会章程是协会开展工作的基本依据。",
            "咨询",
            "如需了解协会章程，请联系协会秘书处：电子邮件 support@cdats.org.cn，电话 +86 28 8693 5965。",
        ],
        "en": [
            "The charter is the basic framework for the association's work.",
            "Enquiries",
            "For information on the charter, please contact the Secretariat: e-mail support@cdats.org.cn, "
            "telephone +86 28 8693 5965.",
        ],
    },
    "party-building": {
        "zh": [
            "本栏目用于发布成都服务贸易协会党建工作的相关信息。",
            "本栏目介绍协会党建工作的相关情况，并发布有关信息和活动动态。",
            "有关协会党建工作的详细情况，请联系协会秘书处：电子邮件 support@cdats.org.cn，电话 +86 28 8693 5965。",
        ],
        "en": [
            "This section is for information on the Party-building work of the Chengdu Association of Trade in "
            "Services.",
            "This section describes the association's Party-building work and publishes related information and "
            "activity updates.",
            "For details of the association's Party-building work, please contact the Secretariat: e-mail "
            "support@cdats.org.cn, telephone +86 28 8693 5965.",
        ],
    },
    "member-benefits": {
        "zh": [
            "了解会员单位可享有的权益。",
            "会员权益",
            "会员单位的具体权益和义务以协会章程为准，请向协会秘书处咨询。",
            "经本单位同意，会员单位可列入本网站会员单位名录。",
            "如有疑问，请联系协会秘书处：电子邮件 support@cdats.org.cn，电话 +86 28 8693 5965。",
        ],
        "en": [
            "Find out about the benefits available to member organisations.",
            "Member Benefits",
            "The specific rights and obligations of member organisations follow the association's charter; please "
            "ask the Secretariat.",
            "With its consent, a member organisation can be listed in the directory of member organisations on this "
            "website.",
            "If you have any questions, please contact the Secretariat: e-mail support@cdats.org.cn, telephone +86 28 "
            "8693 5965.",
        ],
    },
}
_TAG = re.compile(r"<[^>]+>")


def _text(value) -> str:
    return " ".join(unescape(_TAG.sub(" ", str(value or ""))).split())


def page_texts(page) -> list[str]:
    """The introduction and each body block's text, as the loader's lists hold them."""
    blocks = page.body.raw_data if hasattr(page.body, "raw_data") else list(page.body or [])
    return [_text(page.intro), *(_text(block.get("value")) for block in blocks)]


def unpublish_placeholders(apps, schema_editor):
    StandardPage = apps.get_model("home", "StandardPage")
    Page = apps.get_model("wagtailcore", "Page")
    expected = {
        (slug, language): [_text(text) for text in texts]
        for slug, by_language in LOADER_TEXTS.items()
        for language, texts in by_language.items()
    }
    unpublish = []
    for page in StandardPage.objects.filter(slug__in=LOADER_TEXTS, live=True).select_related("locale"):
        language = "zh" if page.locale.language_code.startswith("zh") else page.locale.language_code
        if expected.get((page.slug, language)) == page_texts(page):
            unpublish.append(page.pk)
    if not unpublish:
        return
    pages = Page.objects.filter(pk__in=unpublish) | Page.objects.filter(alias_of_id__in=unpublish)
    pages.update(live=False, has_unpublished_changes=True, live_revision=None)
    # Every cached page shows the menus, which named these pages.
    invalidation.changed("menu")


OLD_ENGLISH_ADDRESS = "1F, International Talent Port, No. 403 Shenghua South Road, Hi-tech Zone, Chengdu"
ENGLISH_ADDRESS = "1F, International Talent Port, No. 403 Shenghua South Road, Chengdu Hi-tech Zone, Chengdu, Sichuan, China"


def complete_english_address(apps, schema_editor):
    SiteSettings = apps.get_model("home", "SiteSettings")
    for settings in SiteSettings.objects.filter(address_en=OLD_ENGLISH_ADDRESS):
        settings.address_en = ENGLISH_ADDRESS
        settings.save(update_fields=["address_en"])
        invalidation.changed("settings", instance=settings)  # the cached settings and every page's footer


class Migration(migrations.Migration):
    dependencies = [("home", "0013_translation_review")]

    operations = [
        migrations.RunPython(unpublish_placeholders, migrations.RunPython.noop),
        migrations.RunPython(complete_english_address, migrations.RunPython.noop),
    ]
