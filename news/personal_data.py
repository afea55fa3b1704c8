"""
Personal data in event registrations, for the personal-data screen and the retention purge.

Erasure keeps what the association must be able to count: a confirmed registration for a past event
stays as an anonymous row (mode, attendees, checked in or not), stripped of everything personal. Any
other registration is deleted; an upcoming event gets its seat back and the waiting list moves up.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from home.personal_data.audit import relabel_log_entries
from home.personal_data.registry import ErasureOutcome, Identity, PersonalDataSource, PersonalRecord
from home.personal_data.retention import RetentionRule

from .models import Registration
from .registration_service import after_commit, free_seats
from .tasks import registration_email

ERASED_PREFIX = "erased:"  # email_normalised of an anonymised row: unique per row, matches no address
PERSONAL_FIELDS = ("name", "organisation", "job_title", "phone", "email", "remarks", "email_error")


def _not_anonymised():
    return Registration.objects.exclude(email_normalised__startswith=ERASED_PREFIX)


def _matching(identity: Identity) -> list[Registration]:
    registrations = _not_anonymised().select_related("event")
    if identity.email:
        return list(registrations.filter(email_normalised=identity.email))
    candidates = registrations.filter(phone__contains=identity.phone[-4:])
    return [registration for registration in candidates if identity.matches_phone(registration.phone)]


def anonymise(registration: Registration) -> None:
    """Keep the row for the event's numbers; nothing that could name the person remains."""
    Registration.objects.filter(pk=registration.pk).update(
        **dict.fromkeys(PERSONAL_FIELDS, ""),
        email_normalised=f"{ERASED_PREFIX}{registration.pk}",
        updated_at=timezone.now(),
    )


def _erase_one(registration_id: int) -> str:
    """'anonymised' or 'deleted'."""
    promoted = []
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("event").get(pk=registration_id)
        if registration.status == Registration.Status.CONFIRMED and registration.event.is_past:
            anonymise(registration)
            outcome = "anonymised"
        else:
            if registration.status == Registration.Status.CONFIRMED:
                promoted = free_seats(registration)
            registration.delete()
            outcome = "deleted"
        # Wagtail's log keeps str(registration), the person's name, with every admin edit of the row.
        relabel_log_entries(Registration, {registration_id: registration.reference})
    for pk in promoted:
        after_commit(lambda pk=pk: registration_email.enqueue(pk, "promoted"))
    return outcome


def _outcome(results: dict[str, str]) -> ErasureOutcome:
    return ErasureOutcome(
        deleted=sum(1 for result in results.values() if result == "deleted"),
        anonymised=sum(1 for result in results.values() if result == "anonymised"),
        references=list(results),
    )


class RegistrationSource(PersonalDataSource):
    key = "event_registrations"
    label = _("Event registrations")
    erasure_rule = _(
        "Confirmed registrations for past events are anonymised (the event keeps its numbers); all others are "
        "deleted, and an upcoming event's seats go to the waiting list."
    )

    def find(self, identity: Identity) -> list[PersonalRecord]:
        return [
            PersonalRecord(
                kind=str(self.label),
                reference=registration.reference,
                language=registration.language,
                created_at=registration.created_at,
                fields=[
                    (_("event"), registration.event.title),
                    (_("status"), registration.get_status_display()),
                    (_("attendance"), registration.get_attendance_mode_display()),
                    (_("attendees"), registration.attendees),
                    (pgettext_lazy("person", "Name"), registration.name),
                    (_("Organisation"), registration.organisation),
                    (_("Job title"), registration.job_title),
                    (_("Mobile phone"), registration.phone),
                    (_("E-mail"), registration.email),
                    (_("Remarks"), registration.remarks),
                    (_("language"), registration.language),
                    (_("registered at"), registration.created_at),
                    (_("consent given at"), registration.consent_at),
                    (_("privacy policy version"), registration.privacy_policy_version),
                    (_("checked in at"), registration.checked_in_at),
                    (_("cancelled at"), registration.cancelled_at),
                ],
            )
            for registration in _matching(identity)
        ]

    def erase(self, identity: Identity) -> ErasureOutcome:
        return _outcome({registration.reference: _erase_one(registration.pk) for registration in _matching(identity)})

    def retention_rules(self) -> list[RetentionRule]:
        return [
            RetentionRule(
                setting="event_registrations",
                description=_("Event registrations: %(period)s after the end of the event"),
                expired=lambda cutoff: [registration.reference for registration in _expired(cutoff)],
                purge=lambda cutoff: _outcome(
                    {registration.reference: _erase_one(registration.pk) for registration in _expired(cutoff)}
                ),
            )
        ]


def _expired(cutoff) -> list[Registration]:
    """Registrations whose event ended before `cutoff` (an event without times: its date)."""
    ended = (
        Q(event__end__lt=cutoff)
        | Q(event__end__isnull=True, event__start__lt=cutoff)
        | Q(event__end__isnull=True, event__start__isnull=True, event__date__lt=timezone.localdate(cutoff))
    )
    return list(_not_anonymised().filter(ended).select_related("event").order_by("id"))
