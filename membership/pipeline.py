"""
The membership pipeline: submit → (request information ↔ reply) → approve / reject.

Every step is one transaction and one history entry; e-mails go out after commit. A failed
submission leaves nothing behind: not the row, not the uploaded file.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from membership.uploads import CheckedFile

from .models.applications import ApplicationEvent, MembershipApplication
from .models.reference import MemberUnit
from .tasks import application_email, secretariat_notification

logger = logging.getLogger(__name__)
Status = MembershipApplication.Status
Action = ApplicationEvent.Action

APPLICATION_FIELDS = (
    "company_name_zh", "company_name_en", "registered_in", "uscc", "country", "registration_number",
    "company_type", "industry", "registered_address", "website", "employees", "main_business",
    "requested_grade", "contact_name", "contact_job_title", "contact_phone", "contact_email", "contact_wechat",
    "consent_directory",
)  # fmt: skip


def after_commit(callback) -> None:
    transaction.on_commit(callback)


@dataclass
class Submission:
    data: dict
    licence: CheckedFile
    language: str
    privacy_policy_version: str
    token: object


def _store_file(application: MembershipApplication, checked: CheckedFile) -> str:
    application.licence_file.save(checked.content.name, checked.content, save=False)
    application.licence_content_type = checked.content_type
    return application.licence_file.name


def submit(submission: Submission) -> tuple[MembershipApplication, bool]:
    """Store an application whole (row, history, file) or not at all; a resubmission finds the first."""
    existing = MembershipApplication.objects.filter(submission_token=submission.token).first()
    if existing is not None:
        return existing, False
    application = MembershipApplication(
        submission_token=submission.token,
        language=submission.language,
        consent_processing_at=timezone.now(),
        privacy_policy_version=submission.privacy_policy_version,
        **{name: submission.data[name] for name in APPLICATION_FIELDS},
    )
    stored_name = ""
    try:
        with transaction.atomic():
            stored_name = _store_file(application, submission.licence)
            application.save()
            application.reference = f"M{application.created_at:%Y}-{application.pk:06d}"
            application.save(update_fields=["reference"])
            ApplicationEvent.objects.create(application=application, action=Action.SUBMITTED)
    except BaseException as error:
        if stored_name:
            application.licence_file.storage.delete(stored_name)  # no orphan file
        if isinstance(error, IntegrityError):
            existing = MembershipApplication.objects.filter(submission_token=submission.token).first()
            if existing is not None:
                return existing, False
        raise
    after_commit(lambda: application_email.enqueue(application.pk, "received"))
    after_commit(lambda: secretariat_notification.enqueue(application.pk))
    return application, True


def request_information(application_id: int, user, message: str) -> MembershipApplication:
    return _decide(application_id, user, Action.INFO_REQUESTED, Status.INFO_REQUESTED, message)


def reject(application_id: int, user, reason: str) -> MembershipApplication:
    return _decide(application_id, user, Action.REJECTED, Status.REJECTED, reason)


def approve(application_id: int, user, note: str = "") -> MembershipApplication:
    return _decide(application_id, user, Action.APPROVED, Status.APPROVED, note)


class AlreadyDecided(Exception):
    """A final decision (approval or rejection) stands; a different one cannot replace it."""


def _repeats_last_decision(application: MembershipApplication, action: str, status: str, note: str) -> bool:
    """The same decision again (a double click, a resent form): nothing new to record or e-mail."""
    if application.status != status:
        return False
    last = application.events.exclude(action=Action.REPLIED).last()
    return last is not None and last.action == action and last.note.strip() == note.strip()


def _decide(application_id: int, user, action: str, status: str, note: str) -> MembershipApplication:
    with transaction.atomic():
        application = MembershipApplication.objects.select_for_update().get(pk=application_id)
        if _repeats_last_decision(application, action, status, note):
            return application
        if application.status in (Status.APPROVED, Status.REJECTED):
            raise AlreadyDecided()
        application.status = status
        if action == Action.INFO_REQUESTED:
            application.info_request = note
        elif action == Action.REJECTED:
            application.rejection_reason = note
            application.decided_at = timezone.now()
        elif action == Action.APPROVED:
            application.decided_at = timezone.now()
            application.member_unit = _create_member_unit(application)
        application.save()
        ApplicationEvent.objects.create(application=application, action=action, user=user, note=note)
    after_commit(lambda: application_email.enqueue(application.pk, action))
    return application


def _create_member_unit(application: MembershipApplication) -> MemberUnit:
    """The directory entry; published only when the applicant consented to the listing."""
    return MemberUnit.objects.create(
        name_zh_hans=application.company_name_zh or application.company_name_en,
        name_en=application.company_name_en or None,
        address_zh_hans=application.registered_address,
        website=application.website,
        industry=application.industry,
        grade=application.requested_grade,
        member_since=timezone.localdate(),
        published=application.consent_directory,
    )


def reply(application_id: int, note: str, licence: CheckedFile | None) -> MembershipApplication:
    """The applicant answers a request for information; the application returns to the queue."""
    old_file = ""
    new_file = ""
    try:
        with transaction.atomic():
            application = MembershipApplication.objects.select_for_update().get(pk=application_id)
            if application.status != Status.INFO_REQUESTED:
                return application
            if licence is not None:
                old_file = application.licence_file.name
                new_file = _store_file(application, licence)
            application.status = Status.SUBMITTED
            application.save()
            ApplicationEvent.objects.create(application=application, action=Action.REPLIED, note=note)
    except BaseException:
        if new_file:
            application.licence_file.storage.delete(new_file)
        raise
    if old_file:
        storage = application.licence_file.storage
        after_commit(lambda: storage.delete(old_file))
    after_commit(lambda: secretariat_notification.enqueue(application.pk, True))
    return application
