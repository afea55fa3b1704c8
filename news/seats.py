"""
Where each event's seats stand, for the secretariat: capacity, taken, left, waiting, checked in.

Computed for many events at once in two aggregate queries (the seat counters and the registrations),
for the dashboard, the event's edit page and the registrations list alike.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, Sum

from news.models.registrations import Registration, SeatCounter

if TYPE_CHECKING:  # the event page model shows a seat summary on its edit page
    from news.models import EventPage

Status = Registration.Status


@dataclass
class SeatSummary:
    event: "EventPage"
    capacity: int | None  # None: unlimited (some attendance mode has no limit)
    taken: int
    waiting: int
    checked_in: int
    registrations: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)


def _capacity(event: "EventPage") -> int | None:
    capacities = [event.capacity_for(mode) for mode in event.attendance_modes()]
    return None if any(capacity is None for capacity in capacities) else sum(capacities)


def seat_summaries(events: list["EventPage"]) -> list[SeatSummary]:
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
