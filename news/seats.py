"""
Where each event's seats stand, for the secretariat: capacity, taken, left, waiting, checked in.

Computed for many events at once in two aggregate queries (the seat counters and the registrations),
for the dashboard, the event's edit page and the registrations list alike.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import EventPage, Registration, SeatCounter

Status = Registration.Status


@dataclass
class SeatSummary:
    event: EventPage
    capacity: int | None  # None: unlimited (some attendance mode has no limit)
    taken: int
    waiting: int
    checked_in: int
    registrations: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)


def _capacity(event: EventPage) -> int | None:
    capacities = [event.capacity_for(mode) for mode in event.attendance_modes()]
    return None if any(capacity is None for capacity in capacities) else sum(capacities)


def seat_summaries(events: list[EventPage]) -> list[SeatSummary]:
    """One summary per (Chinese source) event, in the given order."""
    ids = [event.pk for event in events]
    taken = dict(
        SeatCounter.objects.filter(event_id__in=ids)
        .values("event_id")
        .annotate(n=Sum("taken"))
        .values_list("event_id", "n")
    )
    counts = {
        row["event_id"]: row
        for row in Registration.objects.filter(event_id__in=ids)
        .values("event_id")
        .annotate(
            waiting=Sum("attendees", filter=Q(status=Status.WAITLISTED)),
            checked_in=Sum("attendees", filter=Q(status=Status.CONFIRMED, checked_in_at__isnull=False)),
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


def _past() -> Q:
    """Ended events, on EventPage itself (the listing's past_events_q() works from ArticlePage)."""
    now = timezone.now()
    return (
        Q(end__lt=now)
        | Q(end__isnull=True, start__lt=now)
        | Q(end__isnull=True, start__isnull=True, date__lt=timezone.localdate())
    )


def source_events():
    """The Chinese events (they hold the seats and the registrations)."""
    return EventPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).defer_streamfields()


def upcoming_events_q():
    """The source events still to come (a queryset to filter registrations by)."""
    return source_events().exclude(_past()).values("pk")


def upcoming_registration_events(limit: int = 10) -> list[EventPage]:
    """Events still to come that take registrations (or already have some), soonest first."""
    return list(
        source_events()
        .filter(Q(registration_enabled=True) | Q(registrations__isnull=False))
        .exclude(_past())
        .distinct()
        .order_by("start", "pk")[:limit]
    )


def recent_registration_events(days: int = 365, limit: int = 15) -> list[EventPage]:
    """Events of the last twelve months and those to come that have registrations, by start."""
    since = timezone.now() - datetime.timedelta(days=days)
    return list(
        source_events()
        .filter(registrations__isnull=False)
        .filter(Q(start__gte=since) | Q(start__isnull=True, date__gte=since.date()))
        .distinct()
        .order_by("start", "pk")[:limit]
    )
