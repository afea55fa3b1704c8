"""
Registering for events: capacity that holds under concurrent submissions, nothing lost or doubled.

- One transaction per registration: the seat is taken, the registration row written, or neither.
- Seats are taken with a conditional UPDATE on the event's SeatCounter (`taken + n <= capacity`):
  atomic on PostgreSQL (row lock, WHERE re-checked), serialised on SQLite (IMMEDIATE transactions).
- The form's submission token is unique: a double-click or refresh finds the first registration.
- One active registration per event and case-folded e-mail (a partial unique index). A repeat for an
  address already registered is checked after the seats (so a full event refuses both alike) and answered
  by an e-mail to that address, never on the page (see `remind`).
- E-mails go out after commit; a failing mail server is recorded, never rolls anything back.
- E-mail confirmation mode (REGISTRATION_EMAIL_CONFIRMATION, off by default): a registration holds its
  place until `confirm_by`; the first e-mail asks to confirm, and `expire_unconfirmed` (the scheduler)
  cancels what was not confirmed in time, silently, giving its places to the waiting list.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from home.security.spam import within_limit
from news.choices import ACCEPTING_STATES, RegistrationState
from news.models import EventPage, Registration, SeatCounter

from .tasks import registration_email

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
    """This e-mail address already holds an active registration for the event: `registration`."""

    def __init__(self, registration: Registration | None):
        super().__init__("already registered")
        self.registration = registration


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
        raise AlreadyRegistered(_active_registration(event, applicant.email)) from None
    first_email = "confirm" if registration.confirm_by else "received"
    after_commit(lambda: registration_email.enqueue(registration.pk, first_email))
    return registration, True


def _confirmation_deadline() -> datetime.datetime | None:
    if not settings.REGISTRATION_EMAIL_CONFIRMATION:
        return None
    return timezone.now() + datetime.timedelta(hours=settings.REGISTRATION_CONFIRMATION_HOURS)


def _register(event: "EventPage", applicant: Applicant, token) -> Registration:
    state = event.registration_state()
    if state not in ACCEPTING_STATES:
        raise RegistrationRefused(state)
    if applicant.attendance_mode not in event.attendance_modes():
        raise RegistrationRefused(RegistrationState.CLOSED)

    if _take_seats(event, applicant.attendance_mode, applicant.attendees):
        status = Registration.Status.CONFIRMED
    elif event.waitlist_enabled:
        status = Registration.Status.WAITLISTED  # a group that does not fit waits whole
    else:
        raise RegistrationRefused(RegistrationState.FULL)
    # Only now, so that an outsider learns the same from a new address and a registered one; raising
    # rolls the seats just taken back with the transaction.
    existing = _active_registration(event, applicant.email)
    if existing is not None:
        raise AlreadyRegistered(existing)

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
        confirm_by=_confirmation_deadline(),
    )


def _active_registration(event: "EventPage", email: str) -> Registration | None:
    email_key = email.strip().casefold()
    return Registration.objects.filter(
        event=event, email_normalised=email_key, status__in=Registration.ACTIVE_STATUSES
    ).first()


def remind(registration: Registration) -> bool:
    """
    Someone registered again with this registration's address: e-mail its owner the details and links
    again, at most REGISTRATION_REMINDER_LIMIT times a day per address and event. True when one was sent.
    """
    limit, window = settings.REGISTRATION_REMINDER_LIMIT
    if not within_limit("event-registration:reminder", f"{registration.event_id}:{registration.email_normalised}",
                        limit, window):  # fmt: skip
        return False
    # Not yet confirmed: the owner gets the confirmation request again, not the details.
    kind = "confirm" if registration.awaits_email_confirmation else "reminder"
    after_commit(lambda: registration_email.enqueue(registration.pk, kind))
    return True


def confirm(registration_id: int) -> bool:
    """The owner confirmed by the e-mailed link: the place is theirs. Idempotent; False once cancelled."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("event").get(pk=registration_id)
        if not registration.is_active:
            return False
        if registration.confirm_by is None:
            return True
        registration.confirm_by = None
        registration.email_confirmed_at = timezone.now()
        registration.save(update_fields=["confirm_by", "email_confirmed_at", "email_normalised", "updated_at"])
        promoted = []
        if registration.status == Registration.Status.WAITLISTED:
            # It joins the queue only now: places freed meanwhile may be its (or an earlier one's).
            promoted = _promote_waiting(registration.event, registration.attendance_mode)
    if registration.pk not in promoted:
        after_commit(lambda: registration_email.enqueue(registration.pk, "received"))
    for pk in promoted:
        after_commit(lambda pk=pk: registration_email.enqueue(pk, "promoted"))
    return True


def expire_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Cancel the registrations whose confirmation time has passed; returns how many."""
    overdue = Registration.objects.filter(
        confirm_by__lt=now or timezone.now(), status__in=Registration.ACTIVE_STATUSES
    ).values_list("pk", flat=True)
    expired = 0
    for pk in list(overdue):
        # Nobody confirmed: most likely somebody else's address; no e-mail about the cancellation.
        if cancel(pk, notify=False, only_unconfirmed=True).status == Registration.Status.CANCELLED:
            expired += 1
    return expired


def cancel(registration_id: int, notify: bool = True, only_unconfirmed: bool = False) -> Registration:
    """
    Cancel a registration, free its seats and promote whoever waits first. Idempotent. With
    `only_unconfirmed`, a registration confirmed meanwhile (the owner clicked just now) is left alone.
    """
    promoted: list[int] = []
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("event").get(pk=registration_id)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        if only_unconfirmed and registration.confirm_by is None:
            return registration
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "email_normalised", "updated_at"])
        if was_confirmed:
            promoted = free_seats(registration)
    if notify:
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
    # Who has not confirmed their address yet (e-mail confirmation mode) does not queue.
    waiting = Registration.objects.select_for_update().filter(
        event=event, attendance_mode=mode, status=Registration.Status.WAITLISTED, confirm_by__isnull=True
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
