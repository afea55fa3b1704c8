"""
A posted form page: screened like every public form, stored once and whole, then confirmed by e-mail.

Stored on the Chinese source page whichever language it came in (one list, one export for both).
E-mails go out after commit; a failing mail server is logged and never loses the submission.
"""

import logging

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from home.privacy import privacy_policy
from home.security.spam import Screening, screen_submission, within_ip_rate_limit

from .forms import TOKEN_FIELD, SurveyForm

logger = logging.getLogger(__name__)
FORM_NAME = "form-page"


def after_commit(callback) -> None:
    transaction.on_commit(callback)


def screen(request, form: SurveyForm, email_field: str | None) -> str:
    """The shared screening; a form without an e-mail field is limited per network only."""
    if email_field:
        return screen_submission(request, form, FORM_NAME, email_field=email_field)
    if form.is_honeypot_filled:
        return Screening.BOT
    if not within_ip_rate_limit(request, FORM_NAME):
        form.is_valid()
        form.add_error(None, _("Too many submissions from your network. Please try again in an hour."))
        return Screening.LIMITED
    return Screening.OK if form.is_valid() else Screening.INVALID


def store_submission(page, form: SurveyForm, request):
    """The submission of this form (created now, or found when the same form is sent again)."""
    submission_class = page.get_submission_class()
    token = form.cleaned_data[TOKEN_FIELD]
    existing = submission_class.objects.filter(submission_token=token).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            submission = submission_class.objects.create(
                page=page.source_page(),
                form_data=form.answers(),
                submission_token=token,
                language=get_language(),
                consent_at=timezone.now(),
                privacy_policy_version=privacy_policy(page.locale, request).version,
            )
    except IntegrityError:  # a concurrent twin of this submission won the race
        return submission_class.objects.get(submission_token=token)
    email_key = page.email_field_key()
    address = form.cleaned_data.get(email_key) if email_key else ""
    language = get_language()
    after_commit(lambda: send_confirmation(page, submission, address, language))
    if page.to_address:
        after_commit(lambda: notify_secretariat(page, form))
    return submission


def send_confirmation(page, submission, address: str, language: str) -> bool:
    if not address:
        return False
    context = {"page": page, "submission": submission, "answers": answers_for_email(page, submission)}
    try:
        with override(language):
            body = render_to_string("surveys/emails/confirmation.txt", context)
        send_mail(page.confirmation_subject or page.title, body, page.from_address or None, [address])
    except Exception:  # the submission is stored; the mail server's failure must not lose it
        logger.exception("Confirmation e-mail of form submission %s failed", submission.pk)
        return False
    return True


def notify_secretariat(page, form: SurveyForm) -> None:
    try:
        page.send_mail(form)
    except Exception:
        logger.exception("Notification of a submission to %s failed", page.to_address)


def answers_for_email(page, submission) -> list[tuple[str, str]]:
    answers = []
    for field in page.get_form_fields():
        value = submission.form_data.get(field.clean_name, "")
        answers.append((field.label, ", ".join(value) if isinstance(value, list) else str(value)))
    return answers
