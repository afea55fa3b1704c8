"""Admin views for membership review: decide, download the licence, export CSV."""

import mimetypes

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wagtail.log_actions import log

from home.personal_data.audit import log_export
from home.personal_data.csv_export import csv_response
from home.personal_data.xlsx_export import xlsx_response
from home.validators import multi_line_text

from . import pipeline
from .duplicates import possible_duplicates
from .models import MembershipApplication

REVIEW_PERMISSION = "membership.review_membershipapplication"
# Audit-log actions (registered in wagtail_hooks.py): every look at an applicant's data is recorded.
VIEW_ACTION = "membership.view_application"
LICENCE_ACTION = "membership.download_licence"
DECISION_ACTIONS = {
    "approve": "membership.approve",
    "reject": "membership.reject",
    "request_info": "membership.request_info",
}


def _require_reviewer(request) -> None:
    # Checked on every request: licences hold personal data.
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied


class DecisionForm(forms.Form):
    DECISIONS = [
        ("approve", pgettext_lazy("membership review", "Approve")),
        ("request_info", gettext_lazy("Request more information")),
        ("reject", gettext_lazy("Reject")),
    ]
    decision = forms.ChoiceField(label=gettext_lazy("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(
        label=gettext_lazy("Message to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[multi_line_text],
        help_text=gettext_lazy("Required when rejecting or asking for more information; sent by e-mail."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in ("reject", "request_info") and not cleaned.get("note", "").strip():
            self.add_error("note", _("Please tell the applicant why, or what you need."))
        return cleaned


def review_application(request, pk: int):
    _require_reviewer(request)
    application = get_object_or_404(
        MembershipApplication.objects.select_related("industry", "requested_grade", "member_unit"), pk=pk
    )
    decided = application.status in (MembershipApplication.Status.APPROVED, MembershipApplication.Status.REJECTED)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and not decided and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        action = {"approve": pipeline.approve, "reject": pipeline.reject, "request_info": pipeline.request_information}
        try:
            action[decision](application.pk, request.user, note)
        except pipeline.AlreadyDecided:
            # Decided meanwhile in another tab or by a colleague: the first decision stands.
            messages.error(request, _("%(ref)s has already been decided.") % {"ref": application.reference})
        else:
            log(application, DECISION_ACTIONS[decision], user=request.user, title=application.reference)
            messages.success(request, _("Decision recorded for %(ref)s.") % {"ref": application.reference})
        return redirect(reverse("membership_application_review", args=[application.pk]))
    log(application, VIEW_ACTION, user=request.user, title=application.reference)
    return TemplateResponse(
        request,
        "membership/admin/application_review.html",
        {
            "application": application,
            "form": form,
            "decided": decided,
            "history": application.events.select_related("user"),
            "duplicates": possible_duplicates(application),
            "index_url": reverse("membership_application:index"),
        },
    )


def download_licence(request, pk: int):
    _require_reviewer(request)
    application = get_object_or_404(MembershipApplication, pk=pk)
    if not application.licence_file:
        raise Http404
    extension = application.licence_file.name.rsplit(".", 1)[-1]
    content_type = application.licence_content_type or mimetypes.guess_type(application.licence_file.name)[0]
    response = FileResponse(
        application.licence_file.open("rb"),
        content_type=content_type or "application/octet-stream",
        as_attachment=True,
        filename=f"{application.reference}-licence.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    log(application, LICENCE_ACTION, user=request.user, title=application.reference)
    return response


EXPORT_COLUMNS = [
    ("reference", pgettext_lazy("membership application", "reference")),
    ("status", gettext_lazy("status")),
    ("company_name_zh", gettext_lazy("company name (Chinese)")),
    ("company_name_en", gettext_lazy("company name (English)")),
    ("registered_in", gettext_lazy("registered in")),
    ("uscc", gettext_lazy("unified social credit code")),
    ("country", gettext_lazy("country or region of registration")),
    ("registration_number", gettext_lazy("registration number")),
    ("company_type", gettext_lazy("company type")),
    ("industry", gettext_lazy("industry")),
    ("requested_grade", gettext_lazy("requested grade")),
    ("employees", gettext_lazy("number of employees")),
    ("registered_address", gettext_lazy("registered address")),
    ("website", gettext_lazy("website")),
    ("contact_name", gettext_lazy("contact person")),
    ("contact_job_title", gettext_lazy("Job title")),
    ("contact_phone", gettext_lazy("Mobile phone")),
    ("contact_email", gettext_lazy("E-mail")),
    ("contact_wechat", gettext_lazy("WeChat ID")),
    ("consent_directory", gettext_lazy("consents to the directory listing")),
    ("created_at", gettext_lazy("submitted at")),
    ("decided_at", gettext_lazy("decided at")),
]


def export_applications(request):
    _require_reviewer(request)
    applications = MembershipApplication.objects.select_related("industry", "requested_grade")
    filters = {}
    if request.GET.get("status") in MembershipApplication.Status.values:
        filters["status"] = request.GET["status"]
    applications = applications.filter(**filters)

    def row(application):
        for name, _label in EXPORT_COLUMNS:
            value = getattr(application, name)
            if name in ("status", "registered_in", "company_type", "employees"):
                value = getattr(application, f"get_{name}_display")()
            elif name in ("industry", "requested_grade"):
                value = value.name if value else ""
            elif isinstance(value, bool):
                value = _("yes") if value else _("no")
            yield value

    header = [str(label) for _n, label in EXPORT_COLUMNS]
    filename = f"membership-applications-{timezone.localdate():%Y%m%d}"
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    log_export(
        request.user, MembershipApplication, rows=applications.count(), file_format=file_format, filters=filters
    )
    if file_format == "xlsx":
        return xlsx_response(f"{filename}.xlsx", header, (row(a) for a in applications), title=_("Applications"))
    return csv_response(f"{filename}.csv", header, (row(a) for a in applications))
