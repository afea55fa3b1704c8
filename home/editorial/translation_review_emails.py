"""
The review loop's e-mails, each in its recipient's admin language (their Wagtail profile's preferred language,
else the site's): to the approvers when a translation is ready, to its translator when it is sent back (with the
approver's comment) or published. Sent by the task worker (home.editorial.tasks); arguments are ids only.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation as language

from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page
from wagtail.users.models import UserProfile

from home.absolute_urls import absolute_url
from home.editorial.models import TranslationReview

logger = logging.getLogger(__name__)

KINDS = ("ready", "sent_back", "published")


def admin_language(user) -> str:
    """The language the user reads the admin in; the site's own when they chose none."""
    return UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE


def email_context(review: TranslationReview) -> dict:
    source = review.translation.source
    target = review.translation.get_target_instance()
    page = target.specific if isinstance(target, Page) else None
    return {
        "review": review,
        "source_title": source.object_repr,
        "title": page.draft_title if page else str(target),
        # In the reader's language ("英文", "English"): the site's own label of the language (LANGUAGE_LABELS).
        "language_name": str(review.translation.target_locale.get_display_name()),
        "translator": get_user_display_name(review.translator) if review.translator else "",
        "reviewer": get_user_display_name(review.reviewer) if review.reviewer else "",
        "review_url": absolute_url(reverse("editorial_translation_review", args=[review.translation_id])),
        "editor_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk])) if page else "",
        "live_url": page.full_url if page and page.live else "",
    }


def send_review_email(review_id: int, kind: str, recipient_id: int) -> bool:
    """Render and send one e-mail of the loop; False (to retry) when sending failed."""
    review = TranslationReview.objects.select_related("translation__source", "translator", "reviewer").get(
        pk=review_id
    )
    recipient = get_user_model().objects.get(pk=recipient_id)
    if kind not in KINDS or not recipient.is_active or not recipient.email:
        return True
    with language.override(admin_language(recipient)):
        context = email_context(review)
        subject = " ".join(render_to_string(f"editorial/emails/translation_{kind}_subject.txt", context).split())
        body = render_to_string(f"editorial/emails/translation_{kind}.txt", context)
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email]).send()
    except Exception:
        logger.exception("Translation review e-mail %s for review %s failed", kind, review_id)
        return False
    return True
