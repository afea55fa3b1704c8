"""The secretariat's dashboard, the membership part: applications waiting for review, applications per month."""

import datetime

from django.db.models import Count, Max
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wagtail.admin.ui.components import Component

from home.editorial.charts import bar_chart

from .admin_views import REVIEW_PERMISSION
from .models import MembershipApplication

Status = MembershipApplication.Status
OPEN_STATUSES = (Status.SUBMITTED, Status.INFO_REQUESTED)
MONTHS = 12


def applications_url(status: str = "") -> str:
    return reverse("membership_application:index") + (f"?status={status}" if status else "")


def waiting_applications(limit: int = 10) -> list[MembershipApplication]:
    """Open applications, the one waiting longest (since its last step) first."""
    applications = (
        MembershipApplication.objects.filter(status__in=OPEN_STATUSES)
        .annotate(waiting_since=Max("events__created_at"))
        .order_by("waiting_since", "id")[:limit]
    )
    now = timezone.now()
    for application in applications:
        application.waiting_days = (now - (application.waiting_since or application.created_at)).days
        application.review_url = reverse("membership_application_review", args=[application.pk])
    return list(applications)


def month_starts(today: datetime.date, months: int = MONTHS) -> list[datetime.date]:
    """The first day of each of the last `months` months, oldest first, this month last."""
    starts = []
    year, month = today.year, today.month
    for _index in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(starts))


def applications_per_month(today: datetime.date | None = None) -> list[tuple[datetime.date, int]]:
    starts = month_starts(today or timezone.localdate())
    zone = timezone.get_current_timezone()
    since = datetime.datetime.combine(starts[0], datetime.time.min, tzinfo=zone)
    counts = {
        row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]: row["n"]
        for row in MembershipApplication.objects.filter(created_at__gte=since)
        .annotate(month=TruncMonth("created_at", tzinfo=zone))
        .values("month")
        .annotate(n=Count("id"))
    }
    return [(start, counts.get(start, 0)) for start in starts]


class ApplicationsPanel(Component):
    """Applications by state (new, information requested), and those waiting longest."""

    name = "membership_applications"
    template_name = "membership/admin/applications_panel.html"
    order = 100

    def get_context_data(self, parent_context):
        counts = dict(
            MembershipApplication.objects.filter(status__in=OPEN_STATUSES)
            .values("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        states = [
            {"label": Status(status).label, "count": counts.get(status, 0), "url": applications_url(status)}
            for status in OPEN_STATUSES
        ]
        return {"states": states, "waiting": waiting_applications(), "index_url": applications_url()}


class ApplicationsChartPanel(Component):
    name = "membership_applications_chart"
    template_name = "membership/admin/applications_chart_panel.html"
    order = 140

    def get_context_data(self, parent_context):
        rows = [(formats.date_format(month, "YEAR_MONTH_FORMAT"), n) for month, n in applications_per_month()]
        chart = bar_chart(
            _("Membership applications per month (last 12 months)"), rows, [_("Month"), _("Applications")]
        )
        return {"chart": chart}


def dashboard_panels(request) -> list[Component]:
    if not request.user.has_perm(REVIEW_PERMISSION):
        return []
    return [ApplicationsPanel(), ApplicationsChartPanel()]


def waiting_count() -> int:
    """Applications waiting for the secretariat (new or answered), for the menu's badge."""
    return MembershipApplication.objects.filter(status=Status.SUBMITTED).count()
