"""
Registering for events: capacity that holds under concurrent submissions, nothing lost or doubled.

- One transaction per registration: the seat is taken, the registration row written, or neither.
- Seats are taken with a conditional UPDATE on the event's SeatCounter (`taken + n <= capacity`):
  atomic on PostgreSQL (row lock, WHERE re-checked), serialised on SQLite (IMMEDIATE transactions).
- The form's submission token is unique: a double-click or refresh finds the first registration.
- One active registration per event and case-folded e-mail (a partial unique index).
- E-mails go out after commit; a failing mail server is recorded, never rolls anything back.
"""

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from news.choices import ACCEPTING_STATES, RegistrationState
from news.models.registrations import Registration, SeatCounter

from .tasks import registration_email

if TYPE_CHECKING:  # the event page model imports this module to serve its form
    from news.models import EventPage

logger = logging.getLogger(__name__)


def after_commit(callback) -> None:
    """Run `callback` once the current transaction commits (e-mails must not go out for rollbacks)."""
    transaction.on_commit(callback)


class RegistrationRefused(Exception):
    """The event takes no (more) registrations; `state` says why."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


class AlreadyRegistered(Exception):
    """This e-mail address already holds an active registration for the event."""


@dataclass
class Applicant:
    name: str
    organisation: str
    job_title: str
    phone: str
    email: str
    remarks: str
    attendance_mode: str
    attendees: int
    language: str
    privacy_policy_version: str


def _counter(event: "EventPage", mode: str) -> SeatCounter:
    try:
        with transaction.atomic():
            counter, _created = SeatCounter.objects.get_or_create(event=event, mode=mode)
    except IntegrityError:  # created by a concurrent request between our get and create
        counter = SeatCounter.objects.get(event=event, mode=mode)
    return counter


def _take_seats(event: "EventPage", mode: str, count: int) -> bool:
    """Take `count` seats if they are free; True when taken. Call inside a transaction."""
    counter = _counter(event, mode)
    capacity = event.capacity_for(mode)
    seats = SeatCounter.objects.filter(pk=counter.pk)
    if capacity is not None:
        seats = seats.filter(taken__lte=capacity - count)
    return seats.update(taken=F("taken") + count) == 1


def _release_seats(event: "EventPage", mode: str, count: int) -> None:
    SeatCounter.objects.filter(event=event, mode=mode, taken__gte=count).update(taken=F("taken") - count)


def register(event: "EventPage", applicant: Applicant, token) -> tuple[Registration, bool]:
    """
    Register `applicant` for the (Chinese source) `event`; returns (registration, created).

    Raises RegistrationRefused when the event takes no registrations (closed, not open, past, full
    without a waiting list) and AlreadyRegistered for a second active registration by e-mail.
    """
    existing = Registration.objects.filter(submission_token=token).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            registration = _register(event, applicant, token)
    except IntegrityError:
        # A concurrent twin of this submission won the race, or the e-mail registered meanwhile.
        existing = Registration.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing, False
        raise AlreadyRegistered() from None
    after_commit(lambda: registration_email.enqueue(registration.pk, "received"))
    return registration, True


def _register(event: "EventPage", applicant: Applicant, token) -> Registration:
    state = event.registration_state()
    if state not in ACCEPTING_STATES:
        raise RegistrationRefused(state)
    email_key = applicant.email.strip().casefold()
    if Registration.objects.filter(
        event=event, email_normalised=email_key, status__in=Registration.ACTIVE_STATUSES
    ).exists():
        raise AlreadyRegistered()
    if applicant.attendance_mode not in event.attendance_modes():
        raise RegistrationRefused(RegistrationState.CLOSED)

    if _take_seats(event, applicant.attendance_mode, applicant.attendees):
        status = Registration.Status.CONFIRMED
    elif event.waitlist_enabled:
        status = Registration.Status.WAITLISTED  # a group that does not fit waits whole
    else:
        raise RegistrationRefused(RegistrationState.FULL)

    return Registration.objects.create(
        event=event,
        submission_token=token,
        status=status,
        attendance_mode=applicant.attendance_mode,
        attendees=applicant.attendees,
        name=applicant.name,
        organisation=applicant.organisation,
        job_title=applicant.job_title,
        phone=applicant.phone,
        email=applicant.email,
        remarks=applicant.remarks,
        language=applicant.language,
        consent_at=timezone.now(),
        privacy_policy_version=applicant.privacy_policy_version,
    )


def cancel(registration_id: int) -> Registration:
    """Cancel a registration, free its seats and promote whoever waits first. Idempotent."""
    promoted: list[int] = []
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("event").get(pk=registration_id)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "email_normalised", "updated_at"])
        if was_confirmed:
            promoted = free_seats(registration)
    after_commit(lambda: registration_email.enqueue(registration.pk, "cancelled"))
    for pk in promoted:
        after_commit(lambda pk=pk: registration_email.enqueue(pk, "promoted"))
    return registration


def free_seats(registration: Registration) -> list[int]:
    """Give a confirmed registration's seats back and promote whoever waits; inside the caller's transaction."""
    _release_seats(registration.event, registration.attendance_mode, registration.attendees)
    return _promote_waiting(registration.event, registration.attendance_mode)


def _promote_waiting(event: "EventPage", mode: str) -> list[int]:
    """Promote wait-listed registrations in arrival order while their whole group fits."""
    promoted = []
    waiting = Registration.objects.select_for_update().filter(
        event=event, attendance_mode=mode, status=Registration.Status.WAITLISTED
    )
    for registration in waiting.order_by("created_at", "id"):
        if not _take_seats(event, mode, registration.attendees):
            break  # first come, first served: nobody overtakes the head of the queue
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at", "email_normalised", "updated_at"])
        promoted.append(registration.pk)
    return promoted


def promote(registration_id: int) -> bool:
    """An editor promotes one wait-listed registration, if its seats are free."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("event").get(pk=registration_id)
        if registration.status != Registration.Status.WAITLISTED:
            return False
        if not _take_seats(registration.event, registration.attendance_mode, registration.attendees):
            return False
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at", "email_normalised", "updated_at"])
    after_commit(lambda: registration_email.enqueue(registration.pk, "promoted"))
    return True
