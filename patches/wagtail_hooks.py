"""
The admin wiring of the vendor patches: our checked versions of wagtail-localize's views at its own URLs, and
the scripts that translate what wagtail-localize's translation editor and Handsontable write past the catalogue.
"""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html

from wagtail import hooks

from patches import localize_views

# The paths wagtail-localize registers for these views (tests/test_vendor_patches.py checks they still exist:
# a renamed path would leave the vendor's unchecked view reachable beside ours).
SHADOWED_LOCALIZE_PATHS = (
    "localize/submit/page/<int:page_id>/",
    "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
    "localize/update/<int:translation_source_id>/",
    "localize/translate/<int:translation_id>/pofile/download/",
)


# A lower hook order than wagtail-localize's: these resolve first, so every Translate / Sync / PO button leads
# through our checks.
@hooks.register("register_admin_urls", order=-10)
def checked_localize_urls():
    submit_page, submit_snippet, update, pofile = SHADOWED_LOCALIZE_PATHS
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
    ]


@hooks.register("insert_global_admin_js")
def translation_editor_strings():
    """wagtail-localize's editor writes a few texts past the catalogue: see the script."""
    return format_html('<script src="{}" defer></script>', static("js/patches/admin-translation-editor.js"))


@hooks.register("insert_editor_js")
def table_block_language():
    """Handsontable (the table block) had no dictionary for the admin's language: see the script."""
    return format_html('<script src="{}" defer></script>', static("js/patches/table-block-language.js"))
