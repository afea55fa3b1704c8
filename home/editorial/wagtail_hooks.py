"""
The editorial machinery's admin wiring (imported by home/wagtail_hooks.py). The checked versions of
wagtail-localize's own views, served at its URLs, are a vendor patch: see patches/localize_views.py.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

import wagtail.admin.rich_text.editors.draftail.features as draftail_features
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail_localize.models import Translation

from home.editorial import guide, review, status_views, translation_bulk, translation_review, translation_review_views
from home.editorial.pages import holds_note_for_editors
from home.editorial.script_guard import chinese_text, is_translation, refusal_message

CHINESE_FEATURE = "lang-zh"


@hooks.register("register_admin_urls")
def editorial_admin_urls():
    return [
        path(
            "editorial/translations/",
            status_views.TranslationStatusView.as_view(),
            name="editorial_translation_status",
        ),
        path(
            "editorial/translations/<int:translation_id>/changes/",
            status_views.TranslationChangesView.as_view(),
            name="editorial_translation_changes",
        ),
        path(
            "editorial/translations/<int:translation_id>/publish/",
            status_views.publish_translation,
            name="editorial_publish_translation",
        ),
        path("editorial/translations/bulk/", translation_bulk.bulk_action, name="editorial_translation_bulk"),
        path("editorial/translations/po/", translation_bulk.upload_po_files, name="editorial_translation_po_upload"),
        path(
            "editorial/translations/<int:translation_id>/ready/",
            translation_review_views.mark_ready,
            name="editorial_translation_ready",
        ),
        path(
            "editorial/translations/<int:translation_id>/review/",
            translation_review_views.TranslationReviewView.as_view(),
            name="editorial_translation_review",
        ),
        path(
            "editorial/translations/<int:translation_id>/review/source/",
            translation_review_views.source_preview,
            name="editorial_translation_source_preview",
        ),
        path("editorial/guide/", guide.EditorsGuideView.as_view(), name="editorial_guide"),
    ]


@hooks.register("register_log_actions")
def translation_review_log_actions(actions):
    """The review loop's turns in the translated page's history."""
    actions.register_action(
        translation_review.READY_ACTION,
        pgettext_lazy("translation review", "Ready for review"),
        pgettext_lazy("translation review", "Translation marked ready for review"),
    )

    @actions.register_action(translation_review.SENT_BACK_ACTION)
    class SentBack(LogFormatter):
        label = pgettext_lazy("translation review", "Changes requested")

        def format_message(self, log_entry):
            return pgettext("translation review", "Translation sent back to its translator: “%(comment)s”") % {
                "comment": (log_entry.data or {}).get("comment", "")
            }


@hooks.register("register_reports_menu_item")
def translation_status_menu_item():
    return MenuItem(_("Translation status"), reverse("editorial_translation_status"), icon_name="site", order=50)


@hooks.register("register_help_menu_item")
def editors_guide_menu_item():
    return MenuItem(_("CDATS editors' guide"), reverse("editorial_guide"), icon_name="help", order=900)


class EditorialPanel(Component):
    """A small dashboard panel: the translation status report and the editors' guide."""

    name = "editorial"
    order = 150
    template_name = "editorial/dashboard_panel.html"


@hooks.register("construct_homepage_panels")
def editorial_dashboard_panel(request, panels):
    panels.append(EditorialPanel())


@hooks.register("before_publish_page")
def refuse_chinese_from_page_editor(request, page):
    """The admin's own editor: the draft is kept, the publish refused with the segments named."""
    if is_translation(page):
        found = chinese_text(page)
        if found:
            messages.error(request, refusal_message(found))
            return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_publish_page")
def refuse_publishing_a_note_for_editors(request, page):
    """A page waiting for content goes live with its text, never with the note the loader left for editors."""
    if holds_note_for_editors(page):
        messages.error(
            request,
            _("This page still holds the note for editors. Replace it with the page's own text, then publish."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_edit_page", order=-10)
def refuse_chinese_from_translation_editor(request, page):
    """
    wagtail-localize's editor publishes through save_target(), which the model guard refuses with a
    generic message; checked here first on the would-be page, the message names the segments.
    """
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )
    if translation is None:
        return None
    found = chinese_text(translation.source.get_ephemeral_translated_instance(page.locale, fallback=True))
    if found:
        messages.error(request, refusal_message(found))
        return redirect(request.path)
    return None


@hooks.register("after_create_page")
def created_and_submitted_message(request, page):
    review.after_create(request, page)


@hooks.register("after_edit_page")
def review_messages(request, page):
    """已提交审核 / 已要求修改 / 已批准并发布 instead of Wagtail's "has been updated"."""
    review.after_edit(request, page)


@hooks.register("before_edit_page")
def reviewers_request_on_the_edit_page(request, page):
    review.show_requested_changes(request, page)


@hooks.register("register_rich_text_features")
def chinese_language_feature(features):
    """Marks words that stay Chinese on the English site (a name): <span lang="zh-hans">, allowed by the guard."""
    style = "LANG_ZH"
    features.register_editor_plugin(
        "draftail",
        CHINESE_FEATURE,
        draftail_features.InlineStyleFeature(
            {
                "type": style,
                "label": "中",
                "description": str(_("Chinese (stays Chinese on the English site)")),
                "style": {"textDecoration": "underline dotted"},
            }
        ),
    )
    features.register_converter_rule(
        "contentstate",
        CHINESE_FEATURE,
        {
            "from_database_format": {'span[lang="zh-hans"]': InlineStyleElementHandler(style)},
            "to_database_format": {"style_map": {style: {"element": "span", "props": {"lang": "zh-hans"}}}},
        },
    )
