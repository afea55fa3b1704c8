"""
The vendor patches still fit the installed vendors (patches/README.md): a copied template's original, the code a
patch replaces or subclasses, the URLs it shadows, the texts a script rewrites and every private name we use must
be what they were when the patch was made. A failure here means: re-read the vendor's change, then redo or drop
the patch and record the new digest in patches/vendor.py.
"""

import inspect
import re
from importlib import util
from pathlib import Path

from django.contrib.auth.models import AbstractUser
from django.template.loader import get_template
from django.urls import resolve, reverse

from wagtail.admin.ui.tables.pages import PageTable
from wagtail.admin.views.pages.listing import PageListingMixin
from wagtail.models import Page
from wagtail_localize.models import StringTranslation
from wagtail_localize.views import edit_translation

import pytest
from axes.models import AccessAttempt

from home.editorial.prefill import PREFILL_TOOL
from patches import (
    admin_titles,
    axes_titles,
    localize_listing_buttons,
    localize_views,
    segment_labels,
    two_factor,
    user_names,
)
from patches.vendor import (
    COPIED_TEMPLATES,
    PATCHED_CODE,
    PRIVATE_ATTRIBUTES,
    module_source,
    source_sha256,
    vendor_template_sha256,
)
from patches.wagtail_hooks import SECOND_STEP_NAME, SECOND_STEP_PATH, WAGTAIL_2FA_SETUP_LABEL

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("template", COPIED_TEMPLATES, ids=lambda t: t.name)
def test_the_original_of_each_copied_template_is_unchanged(template):
    assert vendor_template_sha256(template) == template.original_sha256, (
        f"{template.vendor_app}'s {template.name} changed since the copy ({template.copied_from}): redo the copy in "
        f"patches/templates/{template.name} from the new original and record its digest in patches/vendor.py"
    )


@pytest.mark.parametrize("template", COPIED_TEMPLATES, ids=lambda t: t.name)
def test_our_copy_is_the_one_django_loads(template):
    origin = Path(get_template(template.name).origin.name)
    assert origin == ROOT / "patches" / "templates" / template.name


@pytest.mark.parametrize("code", PATCHED_CODE, ids=lambda c: c.dotted_path)
def test_the_vendor_code_each_patch_relies_on_is_unchanged(code):
    assert source_sha256(code.dotted_path) == code.source_sha256, (
        f"{code.dotted_path} changed: check {code.patched_by} still fits, then record the new digest"
    )


@pytest.mark.parametrize("attribute", PRIVATE_ATTRIBUTES, ids=lambda a: f"{a.vendor_module}:{a.name}")
def test_each_private_name_we_use_still_exists(attribute):
    assert util.find_spec(attribute.vendor_module) is not None
    assert re.search(rf"\b{re.escape(attribute.name)}\b", module_source(attribute.vendor_module)), (
        f"{attribute.vendor_module} no longer has {attribute.name}, which {attribute.used_in} relies on"
    )


@pytest.mark.parametrize("attribute", PRIVATE_ATTRIBUTES, ids=lambda a: f"{a.used_in}:{a.name}")
def test_each_listed_private_name_is_really_used_where_the_list_says(attribute):
    assert attribute.name in (ROOT / attribute.used_in).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("vendor_name", "ours"),
    [
        ("wagtail_localize:submit_page_translation", localize_views.GuardedSubmitPageTranslationView),
        ("wagtail_localize:update_translations", localize_views.GuardedUpdateTranslationsView),
    ],
)
def test_our_checked_views_answer_at_wagtail_localize_urls(vendor_name, ours):
    """If wagtail-localize moves a URL, its unchecked view would answer beside ours: the shadow must still match."""
    assert resolve(reverse(vendor_name, args=[1])).func.view_class is ours


def test_the_checked_snippet_and_po_views_answer_at_wagtail_localize_urls():
    snippet = reverse("wagtail_localize:submit_snippet_translation", args=["home", "sitenavigation", "1"])
    assert resolve(snippet).func.view_class is localize_views.GuardedSubmitSnippetTranslationView
    # Wagtail wraps admin views (require_admin_access): the match names our URL, not the vendor's.
    assert resolve(reverse("wagtail_localize:download_pofile", args=[1])).url_name == "editorial_download_pofile"
    assert resolve(reverse("wagtail_localize:upload_pofile", args=[1])).url_name == "editorial_upload_pofile"


def test_the_root_title_patch_is_installed():
    assert Page.get_admin_display_title is admin_titles.get_admin_display_title


def test_the_listing_buttons_patch_notes_the_rows_of_wagtails_page_tables():
    assert PageTable.__init__ is localize_listing_buttons.page_table_init
    assert PageListingMixin.table_class is PageTable  # the explorer, the page search, the Articles listing


def test_the_lockout_name_patch_is_installed():
    assert AccessAttempt.__str__ is axes_titles.access_attempt_str


def test_the_segment_label_patch_is_installed():
    """The translation editor's view looks the function up in its module at each call: ours must be there."""
    assert edit_translation.get_segment_location_info is segment_labels.get_segment_location_info
    assert "get_segment_location_info(" in inspect.getsource(edit_translation.edit_translation)


def localize_bundle() -> str:
    path = Path(util.find_spec("wagtail_localize").origin).parent / "static/wagtail_localize/js/wagtail-localize.js"
    return path.read_text(encoding="utf-8")


def test_what_the_translators_footer_script_relies_on_is_still_in_wagtail_localize():
    """
    static/js/patches/translation-editor-review.js: the editor reads its props from data-props on DOMContentLoaded,
    draws Lock/Unlock/Delete from perms and "Stop Synced translation" with its URL, in a form holding the CSRF token.
    """
    bundle = localize_bundle()
    script = (ROOT / "static/js/patches/translation-editor-review.js").read_text(encoding="utf-8")
    for name in ("canLock", "canUnlock", "canDelete", "stopTranslationUrl", "convertToAliasUrl"):
        assert name in bundle and name in script, name
    for marker in ("DOMContentLoaded", "js-translation-editor", "w-dropdown-button", "data-w-action-url-value"):
        assert marker in bundle, marker
    assert "csrfmiddlewaretoken" in bundle and "dataset.props" in bundle


def test_the_prefilled_segments_note_is_worded_as_the_editor_script_expects():
    """wagtail-localize shows a translation's tool as "Translated with <tool> on <date>"; the script rewords ours."""
    assert "Translated with {tool_name} on {date}" in inspect.getsource(StringTranslation.get_comment)
    script = (ROOT / "static/js/patches/admin-translation-editor.js").read_text(encoding="utf-8")
    assert f'var PREFILL_TOOL = "{PREFILL_TOOL}";' in script


def test_the_user_name_patch_is_installed():
    assert AbstractUser.get_full_name is user_names.get_full_name


def test_the_table_block_still_exposes_what_the_language_script_uses():
    """Wagtail's bundled Handsontable registers dictionaries and names the context menu's phrase keys."""
    bundle = (
        Path(util.find_spec("wagtail").origin).parent
        / "contrib/table_block/static/table_block/js/vendor/handsontable-6.2.2.full.min.js"
    )
    source = bundle.read_text(encoding="utf-8")
    script = (ROOT / "static/js/patches/table-block-language.js").read_text(encoding="utf-8")
    assert "registerLanguageDictionary" in source and "getLanguageDictionary" in source
    assert "dictionaryKeys" in source
    for key in re.findall(r"keys\.([A-Z_]+)", script):
        assert f"{key}=" in source, key
    # Wagtail still passes the admin's language code to Handsontable (the code the script registers).
    table_block = Path(util.find_spec("wagtail.contrib.table_block.blocks").origin).read_text(encoding="utf-8")
    assert 'collected_table_options["language"] = language' in table_block


def test_the_texts_the_editor_script_rewrites_are_still_in_wagtail_localize():
    source = localize_bundle()
    script = (ROOT / "static/js/patches/admin-translation-editor.js").read_text(encoding="utf-8")
    for marker in ('"More actions"', "js-translation-editor"):
        assert marker.strip('"') in source and marker in script
    assert "} translation`" in source  # the heading "<source> to <target> translation"


def test_no_vendor_template_copy_lives_outside_patches():
    assert not (ROOT / "templates" / "wagtailadmin").exists()


def test_our_second_step_answers_at_wagtail_2fa_url_under_its_name():
    """wagtail-2fa's middleware lets the step through by URL name: ours must have that name and that path."""
    match = resolve(reverse(SECOND_STEP_NAME))
    assert match.url_name == SECOND_STEP_NAME and match.route == f"admin/{SECOND_STEP_PATH}"
    assert match.func.view_class is two_factor.SecondFactorView


def test_the_setup_menu_label_we_translate_is_still_wagtail_2fa_s():
    assert f'"{WAGTAIL_2FA_SETUP_LABEL}"' in module_source("wagtail_2fa.wagtail_hooks")


@pytest.mark.django_db
def test_the_sign_in_form_labels_the_password_in_the_staff_members_language(client):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    label = re.search(r'<label[^>]*for="id_password"[^>]*>\s*([^<]+)', html).group(1).strip()
    assert label == "密码"
