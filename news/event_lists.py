"""The events the secretariat's screens list: Chinese source events, upcoming or of the last twelve months."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import EventPage


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
