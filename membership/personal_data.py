"""
Personal data in membership applications: the contact person, the licence file, the history's notes.

Erasure: an application that did not lead to membership is deleted with its history and its licence
file. An approved application stays, since it is the record of the organisation's membership and its
directory entry, but loses its contact person (name, job title, phone, e-mail, WeChat), the notes
exchanged with them and the licence file.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from home.personal_data.audit import relabel_log_entries
from home.personal_data.registry import (
    ErasureOutcome,
    Identity,
    PersonalDataSource,
    PersonalRecord,
    StoredFile,
    delete_stored_file,
)
from home.personal_data.retention import RetentionRule

from .models import ApplicationEvent, MembershipApplication

Status = MembershipApplication.Status
CONTACT_FIELDS = ("contact_name", "contact_job_title", "contact_phone", "contact_email", "contact_wechat")


def _matching(identity: Identity) -> list[MembershipApplication]:
    applications = MembershipApplication.objects.select_related("industry", "requested_grade")
    if identity.email:
        return list(applications.filter(contact_email__iexact=identity.email))
    candidates = applications.filter(contact_phone__contains=identity.phone[-4:])
    return [application for application in candidates if identity.matches_phone(application.contact_phone)]


def licence_file(application: MembershipApplication) -> StoredFile | None:
    if not application.licence_file:
        return None
    extension = application.licence_file.name.rsplit(".", 1)[-1]
    return StoredFile(
        storage=application.licence_file.storage,
        name=application.licence_file.name,
        filename=f"{application.reference}-licence.{extension}",
    )


def _remove_licence_after_commit(application: MembershipApplication) -> int:
    """Delete the file once the row change is committed (a rollback must not lose a file still referenced)."""
    stored = licence_file(application)
    if stored is None or not stored.storage.exists(stored.name):
        return 0
    transaction.on_commit(lambda: delete_stored_file(stored))
    return 1


def _erase_one(application_id: int) -> tuple[str, int]:
    """('anonymised' or 'deleted', files removed)."""
    with transaction.atomic():
        application = MembershipApplication.objects.select_for_update().get(pk=application_id)
        files = _remove_licence_after_commit(application)
        if application.status == Status.APPROVED:
            MembershipApplication.objects.filter(pk=application.pk).update(
                **dict.fromkeys(CONTACT_FIELDS, ""),
                licence_file="",
                info_request="",
                rejection_reason="",
                email_error="",
            )
            ApplicationEvent.objects.filter(application=application).update(note="")
            result = "anonymised"
        else:
            application.delete()  # its history goes with it (cascade)
            result = "deleted"
        relabel_log_entries(MembershipApplication, {application_id: application.reference})
    return result, files


def _outcome(applications: list[MembershipApplication]) -> ErasureOutcome:
    outcome = ErasureOutcome()
    for application in applications:
        result, files = _erase_one(application.pk)
        outcome += ErasureOutcome(
            deleted=int(result == "deleted"),
            anonymised=int(result == "anonymised"),
            files_removed=files,
            references=[application.reference],
        )
    return outcome


def _closed_before(cutoff):
    """Rejected before `cutoff`, or waiting for the applicant's reply since before it (abandoned)."""
    return MembershipApplication.objects.filter(
        Q(status=Status.REJECTED, decided_at__lt=cutoff) | Q(status=Status.INFO_REQUESTED, updated_at__lt=cutoff)
    ).order_by("id")


def _history_line(event: ApplicationEvent) -> str:
    return f"{timezone.localtime(event.created_at):%Y-%m-%d %H:%M} {event.get_action_display()} {event.note}".strip()


class ApplicationSource(PersonalDataSource):
    key = "membership_applications"
    label = _("Membership applications")
    erasure_rule = _(
        "Applications not approved are deleted with their history and licence file. Approved applications keep "
        "the organisation's record and its directory entry, but lose the contact person's details, the notes and "
        "the licence file."
    )

    def find(self, identity: Identity) -> list[PersonalRecord]:
        records = []
        for application in _matching(identity):
            history = [_history_line(event) for event in application.events.all()]
            stored = licence_file(application)
            records.append(
                PersonalRecord(
                    kind=str(self.label),
                    reference=application.reference or f"#{application.pk}",
                    language=application.language,
                    created_at=application.created_at,
                    files=[stored] if stored else [],
                    fields=[
                        (_("status"), application.get_status_display()),
                        (_("company name (Chinese)"), application.company_name_zh),
                        (_("company name (English)"), application.company_name_en),
                        (_("unified social credit code"), application.uscc),
                        (_("registered address"), application.registered_address),
                        (_("contact person"), application.contact_name),
                        (_("Job title"), application.contact_job_title),
                        (_("Mobile phone"), application.contact_phone),
                        (_("E-mail"), application.contact_email),
                        (_("WeChat ID"), application.contact_wechat),
                        (_("consents to the directory listing"), application.consent_directory),
                        (_("consent to processing given at"), application.consent_processing_at),
                        (_("privacy policy version"), application.privacy_policy_version),
                        (_("submitted at"), application.created_at),
                        (_("decided at"), application.decided_at),
                        (_("information requested"), application.info_request),
                        (_("reason for rejection"), application.rejection_reason),
                        (pgettext_lazy("membership review", "History"), history),
                    ],
                )
            )
        return records

    def erase(self, identity: Identity) -> ErasureOutcome:
        return _outcome(_matching(identity))

    def retention_rules(self) -> list[RetentionRule]:
        return [
            RetentionRule(
                setting="closed_applications",
                description=_(
                    "Membership applications that were rejected or never completed, with their licence files: "
                    "%(period)s after the decision or the last request for information"
                ),
                expired=lambda cutoff: [application.reference for application in _closed_before(cutoff)],
                purge=lambda cutoff: _outcome(list(_closed_before(cutoff))),
            )
        ]
