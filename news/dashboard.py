"""The secretariat's dashboard, the events part: upcoming events with their seats, registrations per event."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin.ui.components import Component

from home.editorial.charts import bar_chart

from .event_lists import recent_registration_events, upcoming_events_q, upcoming_registration_events
from .models import Registration

VIEW_PERMISSION = "news.view_registration"


def registrations_url(event_id: int) -> str:
    return reverse("news_registration:index") + f"?event={event_id}"


class UpcomingEventsPanel(Component):
    """Upcoming events: capacity, seats taken and left, waiting list, checked in; each links to its registrations."""

    name = "upcoming_events"
    template_name = "news/admin/upcoming_events_panel.html"
    order = 110

    def get_context_data(self, parent_context):
        summaries = Registration.objects.seat_summaries(upcoming_registration_events())
        for summary in summaries:
            summary.registrations_url = registrations_url(summary.event.pk)
        return {"summaries": summaries, "index_url": reverse("news_registration:index")}


class RegistrationsChartPanel(Component):
    """Registrations per event over the last twelve months, as a chart and a table."""

    name = "registrations_chart"
    template_name = "news/admin/registrations_chart_panel.html"
    order = 130

    def get_context_data(self, parent_context):
        summaries = Registration.objects.seat_summaries(recent_registration_events())
        chart = bar_chart(
            _("Seats taken per event (last 12 months and upcoming)"),
            [(summary.event.title, summary.taken) for summary in summaries],
            [_("Event"), _("Seats taken"), _("Waiting list"), _("Checked in")],
            [[s.event.title, s.taken, s.waiting, s.checked_in] for s in summaries],
        )
        return {"chart": chart}


def dashboard_panels(request) -> list[Component]:
    if not request.user.has_perm(VIEW_PERMISSION):
        return []
    return [UpcomingEventsPanel(), RegistrationsChartPanel()]


def waiting_list_count() -> int:
    """Registrations on the waiting list of events still to come, for the menu's badge."""
    return Registration.objects.filter(status=Registration.Status.WAITLISTED, event__in=upcoming_events_q()).count()
