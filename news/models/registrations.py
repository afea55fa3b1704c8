"""Event registrations, the seat counters that keep capacity exact under concurrency, and seat summaries."""

import secrets
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from news.choices import AttendanceMode

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone


def new_reference() -> str:
    return "R-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class SeatCounter(models.Model):
    """
    Seats taken per event and attendance mode.

    Kept apart from the page row on purpose: publishing a page revision rewrites every page field,
    and would reset a counter stored there. Seats are taken with one conditional UPDATE
    (`taken + n <= capacity`), which is atomic on PostgreSQL and serialised on SQLite.
    """

    event = models.ForeignKey("news.EventPage", on_delete=models.CASCADE, related_name="seat_counters")
    mode = models.CharField(max_length=10, choices=AttendanceMode.choices)
    taken = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "mode"], name="unique_seat_counter")]

    def __str__(self):
        return f"{self.event_id}/{self.mode}: {self.taken}"


@dataclass
class SeatSummary:
    """Where one event's seats stand, for the secretariat: capacity, taken, left, waiting, checked in."""

    event: models.Model  # the (Chinese source) EventPage
    capacity: int | None  # None: unlimited (some attendance mode has no limit)
    taken: int
    waiting: int
    checked_in: int
    registrations: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)


def _capacity(event) -> int | None:
    capacities = [event.capacity_for(mode) for mode in event.attendance_modes()]
    return None if any(capacity is None for capacity in capacities) else sum(capacities)


class RegistrationQuerySet(models.QuerySet):
    def with_places_left(self):
        """
        Each registration with `places_left`: the free places of its event in its attendance mode (None: no limit),
        read in the same query (the registrations list offers "promote" only where the group fits).
        """
        taken = SeatCounter.objects.filter(event=OuterRef("event_id"), mode=OuterRef("attendance_mode"))
        capacity = Case(
            When(attendance_mode=AttendanceMode.ONLINE, then=F("event__capacity_online")),
            default=F("event__capacity_onsite"),
        )
        return self.annotate(places_left=capacity - Coalesce(Subquery(taken.values("taken")[:1]), 0))

    def seat_summaries(self, events: list) -> list[SeatSummary]:
        """
        One summary per (Chinese source) event, in the given order: for the dashboard, the event's edit page and
        the registrations list alike, in two aggregate queries (the seat counters and the registrations).
        """
        ids = [event.pk for event in events]
        taken = dict(
            SeatCounter.objects.filter(event_id__in=ids)
            .values("event_id")
            .annotate(n=Sum("taken"))
            .values_list("event_id", "n")
        )
        status = Registration.Status
        counts = {
            row["event_id"]: row
            for row in self.filter(event_id__in=ids)
            .values("event_id")
            .annotate(
                waiting=Sum("attendees", filter=Q(status=status.WAITLISTED)),
                checked_in=Sum("attendees", filter=Q(status=status.CONFIRMED, checked_in_at__isnull=False)),
                active=Count("id", filter=Q(status__in=Registration.ACTIVE_STATUSES)),
            )
        }
        summaries = []
        for event in events:
            row = counts.get(event.pk, {})
            summaries.append(
                SeatSummary(
                    event=event,
                    capacity=_capacity(event),
                    taken=taken.get(event.pk) or 0,
                    waiting=row.get("waiting") or 0,
                    checked_in=row.get("checked_in") or 0,
                    registrations=row.get("active") or 0,
                )
            )
        return summaries


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE_STATUSES = (Status.CONFIRMED, Status.WAITLISTED)

    objects = RegistrationQuerySet.as_manager()

    event = models.ForeignKey(
        "news.EventPage", verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True, default=new_reference, editable=False)
    submission_token = models.UUIDField(_("submission token"), unique=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    attendance_mode = models.CharField(_("attendance"), max_length=10, choices=AttendanceMode.choices)
    attendees = models.PositiveSmallIntegerField(_("attendees"), default=1)

    name = models.CharField(pgettext_lazy("person", "name"), max_length=60)
    organisation = models.CharField(_("organisation"), max_length=120)
    job_title = models.CharField(_("job title"), max_length=60, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20)
    email = models.EmailField(_("e-mail"), max_length=254)
    email_normalised = models.CharField(max_length=254, editable=False)
    remarks = models.TextField(_("remarks"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=10)

    consent_at = models.DateTimeField(_("consent given at"))
    privacy_policy_version = models.CharField(_("privacy policy version"), max_length=40)

    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list at"), null=True, blank=True)
    # E-mail confirmation mode (REGISTRATION_EMAIL_CONFIRMATION): the registration, seat and all, is held
    # until this time; unconfirmed by then, it is cancelled and its seats freed. None: nothing to confirm.
    confirm_by = models.DateTimeField(_("to be confirmed by e-mail by"), null=True, blank=True, editable=False)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True, editable=False)
    email_sent_at = models.DateTimeField(_("last e-mail sent at"), null=True, blank=True)
    email_error = models.TextField(_("last e-mail error"), blank=True)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["created_at", "id"]
        constraints = [
            # One active registration per person and event; after cancelling, one may register again.
            models.UniqueConstraint(
                fields=["event", "email_normalised"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="one_active_registration_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "attendance_mode", "created_at"])]

    def __str__(self):
        return f"{self.reference} {self.name}"

    def save(self, *args, **kwargs):
        self.email_normalised = self.email.strip().casefold()
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def can_be_promoted(self) -> bool:
        """Wait-listed, and its whole group fits in the places free now (no dead-end "promote" for the staff)."""
        if self.status != self.Status.WAITLISTED:
            return False
        if hasattr(self, "places_left"):
            left = self.places_left
        else:
            left = Registration.objects.with_places_left().filter(pk=self.pk).values_list("places_left", flat=True)[0]
        return left is None or left >= self.attendees

    @property
    def awaits_email_confirmation(self) -> bool:
        return self.is_active and self.confirm_by is not None
