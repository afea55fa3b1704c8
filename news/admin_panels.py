"""The seat summary on an event's edit page: capacity, taken, left, waiting, checked in, and its registrations."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel


class SeatSummaryPanel(Panel):
    """Read-only: the seats of the Chinese source event (the English page shares them)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Seats and registrations"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "news/admin/seat_summary_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            source = self.instance.source_event()
            context["summary"] = self.instance.seat_summary()
            context["registrations_url"] = reverse("news_registration:index") + f"?event={source.pk}"
            return context
