"""
The review loop of a translation: its translator marks it ready, an approver publishes it or sends it back with a
comment; the approvers, then the translator, hear of it by e-mail in their admin language.

Why a record and views of our own rather than a Wagtail workflow on the English tree (the other way we weighed):
- wagtail-localize's translation editor replaces the page editor and offers no workflow action: a workflow would
  still need a button put into its footer, and the approver's workflow screens would not show the translation;
- the translator's work lives in wagtail-localize's segment translations, not in page revisions: a workflow
  approves and publishes the revision submitted, which does not hold what was translated since;
- Wagtail's "awaiting your review" panel and its e-mails would be a second account of what waits beside the
  status report, which must stay the one computation (home.editorial.translation_status).
So one TranslationReview per translation holds the latest turn; the status computation reads it; publishing goes
through wagtail-localize's save_target and Wagtail's publish like any publish (the publish guard applies), and
`close_on_publish` (a page_published receiver) closes the review whatever published the page. Each turn is also
written to the page's history.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import StringTranslation, Translation

from home.editorial.models import TranslationReview
from home.editorial.permissions import may_publish_translation
from home.editorial.roles import APPROVERS
from home.editorial.script_guard import chinese_text, not_ready_message, refusal_message
from home.editorial.tasks import review_email
from home.editorial.translation_status import awaits_review, sent_back

READY_ACTION = "cdats.translation_ready"
SENT_BACK_ACTION = "cdats.translation_sent_back"
COMMENT_MAX_LENGTH = 2000


@dataclass
class Outcome:
    """What an action did: done, or refused with the reason to show."""

    done: bool
    message: str = ""
    # How many people were told by e-mail.
    notified: int = 0


def target_page(translation: Translation) -> Page | None:
    """The translated page (None for a snippet: snippets have no drafts, so no review)."""
    target = translation.get_target_instance()
    return target.specific if isinstance(target, Page) else None


def review_of(translation: Translation) -> TranslationReview | None:
    return TranslationReview.objects.filter(translation=translation).select_related("translator", "reviewer").first()


def is_awaiting_review(translation: Translation, review: TranslationReview | None, page: Page) -> bool:
    """The status computation's own test, for one translation (the editor's notice, the review screen)."""
    changed_at = translation.source.last_updated_at
    return awaits_review(review, {"last_published_at": page.last_published_at}, changed_at)


def has_open_comment(review: TranslationReview | None, page: Page) -> bool:
    """Sent back and not published since: the translator still has the approver's comment to act on."""
    return sent_back(review, page.last_published_at)


def may_mark_ready(user, translation: Translation) -> bool:
    page = target_page(translation)
    return page is not None and page.permissions_for_user(user).can_edit()


def approvers_of(page: Page) -> list:
    """Active approvers with an e-mail address who may publish this page."""
    users = get_user_model().objects.filter(groups__name=APPROVERS, is_active=True).exclude(email="").distinct()
    return [user for user in users if page.permissions_for_user(user).can_publish()]


def enqueue_email(review: TranslationReview, kind: str, recipient) -> None:
    if recipient is not None and recipient.is_active and recipient.email:
        transaction.on_commit(lambda: review_email.enqueue(review.pk, kind, recipient.pk))


def mark_ready(translation: Translation, user) -> Outcome:
    """The translator's "ready for review": refused while the English still shows Chinese, else approvers are told."""
    page = target_page(translation)
    found = chinese_text(
        translation.source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
    )
    if found:
        return Outcome(False, not_ready_message(found))
    with transaction.atomic():
        review, _created = TranslationReview.objects.update_or_create(
            translation=translation,
            defaults={"status": TranslationReview.READY, "translator": user, "ready_at": timezone.now()},
        )
        log(instance=page, action=READY_ACTION, user=user)
        approvers = [approver for approver in approvers_of(page) if approver.pk != user.pk]
        for approver in approvers:
            enqueue_email(review, "ready", approver)
    return Outcome(True, notified=len(approvers))


def last_translator(translation: Translation):
    """Who last translated a segment of this translation (for a translation sent back before it was marked ready)."""
    latest = (
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id,
            locale_id=translation.target_locale_id,
            last_translated_by__isnull=False,
        )
        .select_related("last_translated_by")
        .order_by("-updated_at")
        .first()
    )
    return latest.last_translated_by if latest else None


def send_back(translation: Translation, user, comment: str) -> Outcome:
    """The approver's "send back": the comment goes to the translator (editor notice and e-mail)."""
    page = target_page(translation)
    with transaction.atomic():
        review, _created = TranslationReview.objects.update_or_create(
            translation=translation,
            defaults={
                "status": TranslationReview.CHANGES_REQUESTED,
                "reviewer": user,
                "reviewed_at": timezone.now(),
                "comment": comment,
            },
        )
        if review.translator is None:
            review.translator = last_translator(translation)
            review.save(update_fields=["translator"])
        log(instance=page, action=SENT_BACK_ACTION, user=user, data={"comment": comment})
        enqueue_email(review, "sent_back", review.translator)
    return Outcome(True, notified=int(review.translator is not None))


def publish_translation(translation: Translation, user) -> Outcome:
    """
    Publish a translation with its current segments, in one transaction, or refuse naming the segments still in
    Chinese. The status report, its bulk action and the review screen all publish through here.
    """
    target = translation.get_target_instance()
    if not may_publish_translation(user, target):
        return Outcome(False, _("You may not publish this translation."))
    preview = translation.source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
    found = chinese_text(preview)
    if found:
        return Outcome(False, refusal_message(found))
    try:
        with transaction.atomic():
            if isinstance(target, DraftStateMixin):
                translation.save_target(user=user, publish=False)
                target.refresh_from_db()
                target.get_latest_revision().publish(user=user)
            else:
                translation.save_target(user=user, publish=True)
    except ValidationError as error:
        return Outcome(False, " ".join(error.messages))
    return Outcome(True)


def close_on_publish(sender, instance, revision=None, **kwargs) -> None:
    """
    page_published: a translated page went live (from the review screen, the report, the translation editor, a
    schedule…): its open review is over, and its translator hears of it.
    """
    reviews = TranslationReview.objects.filter(
        translation__source__object_id=instance.translation_key, translation__target_locale_id=instance.locale_id
    ).exclude(status=TranslationReview.PUBLISHED)
    for review in reviews.select_related("translator"):
        was_ready = review.status == TranslationReview.READY
        review.status = TranslationReview.PUBLISHED
        review.reviewer = getattr(revision, "user", None) or review.reviewer
        review.reviewed_at = timezone.now()
        review.save(update_fields=["status", "reviewer", "reviewed_at"])
        if was_ready and review.translator_id != review.reviewer_id:
            enqueue_email(review, "published", review.translator)
