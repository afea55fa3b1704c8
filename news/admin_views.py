"""Admin views for event registrations: actions with a confirmation step, and the CSV export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from home.personal_data.audit import log_export
from home.personal_data.csv_export import csv_response
from home.personal_data.xlsx_export import xlsx_response

from .emails import send_registration_email
from .models import Registration
from .registration_service import cancel, promote

ACTIONS = {
    "check_in": gettext_lazy("Mark as checked in"),
    "cancel": gettext_lazy("Cancel registration"),
    "promote": gettext_lazy("Promote from the waiting list"),
    "resend": gettext_lazy("Resend the confirmation e-mail"),
}


def _require(request, codename: str) -> None:
    if not request.user.has_perm(f"news.{codename}_registration"):
        raise PermissionDenied


def safe_next(request, default: str) -> str:
    """The posted `next` when it stays on this site (a path here), else `default`: no off-site redirect."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):  # fmt: skip
        return target
    return default


def registration_action(request, pk: int, action: str):
    """GET shows what will happen; POST does it. Needs the change permission."""
    _require(request, "change")
    if action not in ACTIONS:
        raise PermissionDenied
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    index_url = reverse("news_registration:index")
    if request.method == "POST":
        if action == "check_in":
            Registration.objects.filter(pk=pk).update(checked_in_at=timezone.now())
            messages.success(request, _("%(ref)s checked in.") % {"ref": registration.reference})
        elif action == "cancel":
            cancel(pk)
            messages.success(request, _("%(ref)s cancelled.") % {"ref": registration.reference})
        elif action == "promote":
            if promote(pk):
                messages.success(request, _("%(ref)s promoted.") % {"ref": registration.reference})
            else:
                messages.error(
                    request,
                    _("%(ref)s could not be promoted: not wait-listed or no seats free.")
                    % {"ref": registration.reference},
                )
        elif action == "resend":
            kind = "cancelled" if registration.status == Registration.Status.CANCELLED else "received"
            if registration.awaits_email_confirmation:
                kind = "confirm"  # the owner has yet to confirm: the link that does it, again
            if send_registration_email(pk, kind):
                messages.success(request, _("E-mail sent to %(email)s.") % {"email": registration.email})
            else:
                messages.error(request, _("The e-mail could not be sent; see the error on the registration."))
        return redirect(safe_next(request, index_url))
    return TemplateResponse(
        request,
        "news/admin/registration_action.html",
        {"registration": registration, "action": action, "action_label": ACTIONS[action], "index_url": index_url},
    )


EXPORT_COLUMNS = [
    ("reference", gettext_lazy("reference")),
    ("event", gettext_lazy("event")),
    ("status", gettext_lazy("status")),
    ("attendance_mode", gettext_lazy("attendance")),
    ("attendees", gettext_lazy("attendees")),
    ("name", pgettext_lazy("person", "Name")),
    ("organisation", gettext_lazy("Organisation")),
    ("job_title", gettext_lazy("Job title")),
    ("phone", gettext_lazy("Mobile phone")),
    ("email", gettext_lazy("E-mail")),
    ("remarks", gettext_lazy("Remarks")),
    ("language", gettext_lazy("language")),
    ("created_at", gettext_lazy("registered at")),
    ("checked_in_at", gettext_lazy("checked in at")),
    ("cancelled_at", gettext_lazy("cancelled at")),
    ("privacy_policy_version", gettext_lazy("privacy policy version")),
]


def export_registrations(request):
    """All registrations (or one event's, `?event=<id>`, optionally `&status=`) as CSV, or XLSX (`&format=xlsx`)."""
    _require(request, "view")
    registrations = Registration.objects.select_related("event").order_by("event_id", "created_at")
    filters = {}
    if request.GET.get("event", "").isdigit():
        filters["event_id"] = int(request.GET["event"])
    if request.GET.get("status") in Registration.Status.values:
        filters["status"] = request.GET["status"]
    registrations = registrations.filter(**filters)

    def row(registration):
        for name, _label in EXPORT_COLUMNS:
            value = getattr(registration, name)
            if name == "event":
                value = registration.event.title
            elif name in ("status", "attendance_mode"):
                value = getattr(registration, f"get_{name}_display")()
            yield value

    header = [str(label) for _name, label in EXPORT_COLUMNS]
    filename = f"registrations-{timezone.localdate():%Y%m%d}"
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    log_export(request.user, Registration, rows=registrations.count(), file_format=file_format, filters=filters)
    if file_format == "xlsx":
        return xlsx_response(f"{filename}.xlsx", header, (row(r) for r in registrations), title=_("Registrations"))
    return csv_response(f"{filename}.csv", header, (row(r) for r in registrations))
