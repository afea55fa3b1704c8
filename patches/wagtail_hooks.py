"""
The admin wiring of the vendor patches: our checked versions of wagtail-localize's views at its own URLs, the
scripts that translate what wagtail-localize's translation editor and Handsontable write past the catalogue,
wagtail-2fa's second step with a form that works on django-otp 1.7 and takes recovery codes, its set-up menu in
Chinese, and the explorer's translation buttons answered per listing.
"""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import pgettext

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from patches import localize_listing_buttons, localize_views, two_factor

# The paths wagtail-localize registers for these views (tests/test_vendor_patches.py checks they still exist:
# a renamed path would leave the vendor's unchecked view reachable beside ours).
SHADOWED_LOCALIZE_PATHS = (
    "localize/submit/page/<int:page_id>/",
    "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
    "localize/update/<int:translation_source_id>/",
    "localize/translate/<int:translation_id>/pofile/download/",
    "localize/translate/<int:translation_id>/pofile/upload/",
)


# A lower hook order than wagtail-localize's: these resolve first, so every Translate / Sync / PO button leads
# through our checks.
@hooks.register("register_admin_urls", order=-10)
def checked_localize_urls():
    submit_page, submit_snippet, update, pofile, upload = SHADOWED_LOCALIZE_PATHS
    return [
        path(
            submit_page,
            localize_views.GuardedSubmitPageTranslationView.as_view(),
            name="editorial_submit_page_translation",
        ),
        path(
            submit_snippet,
            localize_views.GuardedSubmitSnippetTranslationView.as_view(),
            name="editorial_submit_snippet_translation",
        ),
        path(update, localize_views.GuardedUpdateTranslationsView.as_view(), name="editorial_update_translations"),
        path(pofile, localize_views.download_pofile, name="editorial_download_pofile"),
        path(upload, localize_views.upload_pofile, name="editorial_upload_pofile"),
    ]


@hooks.register("insert_global_admin_js")
def translation_editor_strings():
    """wagtail-localize's editor writes a few texts past the catalogue: see the script."""
    return format_html('<script src="{}" defer></script>', static("js/patches/admin-translation-editor.js"))


# wagtail-2fa's URL of its second step, and the URL name its middleware lets through before verification.
SECOND_STEP_PATH, SECOND_STEP_NAME = "2fa/auth", "wagtail_2fa_auth"
# The label wagtail-2fa gives the one menu item an unverified user sees (hard-coded English, outside gettext).
WAGTAIL_2FA_SETUP_LABEL = "2FA Setup"


@hooks.register("register_admin_urls", order=-10)
def second_factor_step():
    """Resolves before wagtail-2fa's own view at the same path (lower hook order)."""
    return [path(SECOND_STEP_PATH, two_factor.SecondFactorView.as_view(), name=SECOND_STEP_NAME)]


# After wagtail-2fa's hook (order 0), which empties the menu of a user still to verify and adds its item.
@hooks.register("construct_main_menu", order=10)
def translated_two_factor_setup_item(request, menu_items):
    for index, item in enumerate(menu_items):
        if str(item.label) == WAGTAIL_2FA_SETUP_LABEL:
            label = pgettext("second factor", "Two-factor authentication")
            menu_items[index] = MenuItem(label, item.url, name="two-factor-setup", icon_name="key")


# wagtail-localize's listing hook replaced by ours (this module is imported while Wagtail collects the hooks, after
# localize_listing_buttons imported wagtail-localize's, so theirs is registered and can be swapped).
localize_listing_buttons.install()


@hooks.register("insert_editor_js")
def table_block_language():
    """Handsontable (the table block) had no dictionary for the admin's language: see the script."""
    return format_html('<script src="{}" defer></script>', static("js/patches/table-block-language.js"))
