"""
Template tags of the translation editor's review loop (patches/templates/wagtail_localize/admin/edit_translation.html):
the notice above the editor (awaiting review, or the approver's comment) and the data of its footer's button.
"""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, json_script
from django.utils.translation import pgettext

from home.editorial import translation_review as review
from home.editorial.permissions import may_publish_translation

register = template.Library()

FOOTER_DATA_ID = "cdats-translation-review"


def review_context(translation, user) -> dict | None:
    """Where the translation stands in its review, for this user; None for a snippet (no review loop)."""
    page = review.target_page(translation)
    if page is None:
        return None
    current = review.review_of(translation)
    return {
        "page": page,
        "review": current,
        "awaiting": review.is_awaiting_review(translation, current, page),
        "sent_back": review.has_open_comment(current, page),
        "can_publish": may_publish_translation(user, page),
        "can_mark_ready": review.may_mark_ready(user, translation),
        "review_url": reverse("editorial_translation_review", args=[translation.pk]),
    }


@register.inclusion_tag("editorial/includes/translation_review_notice.html", takes_context=True)
def translation_review_notice(context, translation) -> dict:
    """Above the translation editor: awaiting review (with the review link for approvers), or sent back."""
    return {"state": review_context(translation, context["request"].user)}


@register.simple_tag(takes_context=True)
def translation_review_footer(context, translation) -> str:
    """
    The footer's main button for those who translate but may not publish: "Ready for review" (disabled while the
    translation awaits review). The data and the script that puts the button in wagtail-localize's footer.
    """
    state = review_context(translation, context["request"].user)
    if state is None or state["can_publish"] or not state["can_mark_ready"]:
        return ""
    data = {
        "readyUrl": reverse("editorial_translation_ready", args=[translation.pk]),
        "awaiting": state["awaiting"],
        "label": pgettext("translation review", "Ready for review"),
        "awaitingLabel": pgettext("translation review", "Awaiting review"),
    }
    return format_html(
        '{}<script src="{}"></script>',
        json_script(data, FOOTER_DATA_ID),
        static("js/patches/translation-editor-review.js"),
    )
