"""The applicant's status page: where an application stands, and the reply to a request for information."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import pipeline
from .forms import ApplicantReplyForm
from .models import MembershipApplication
from .status_links import application_from_token


@never_cache
@require_http_methods(["GET", "POST"])
def application_status(request, token: str):
    application = application_from_token(token)
    form = None
    if application.status == MembershipApplication.Status.INFO_REQUESTED:
        form = ApplicantReplyForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            pipeline.reply(application.pk, form.cleaned_data["note"], form.cleaned_data.get("licence_file") or None)
            return redirect(request.path + "?replied=1")
    return render(
        request,
        "membership/application_status.html",
        {
            "application": application,
            "reply_form": form,
            "submitted": request.GET.get("submitted") == "1",
            "replied": request.GET.get("replied") == "1",
        },
        status=400 if form is not None and form.is_bound and not form.is_valid() else 200,
    )
