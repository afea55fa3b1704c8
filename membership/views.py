"""
The membership views: the Join page with its application form (a posted application screened and stored), and
the applicant's status page (where an application stands, the reply to a request for information).

Wagtail routes a request for the Join page here before the page serves it (membership/wagtail_hooks.py): the page
model renders the form it is given and knows nothing of the forms or the pipeline, which sit above the models.
"""

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from home.privacy import privacy_policy
from home.security.spam import SCREENING_STATUS, Screening, screen_submission

from . import pipeline
from .forms import ApplicantReplyForm, MembershipApplicationForm
from .models import MembershipApplication, MembershipPage
from .status_links import application_from_token, status_url

APPLICATION_FORM_NAME = "membership-application"


def serve_membership_page(page: MembershipPage, request, args, kwargs):
    """The Join page: a blank form, or a posted application screened, stored whole (row, history, licence file)."""
    if request.method != "POST":
        return page.serve(request, *args, form=MembershipApplicationForm(), **kwargs)
    form = MembershipApplicationForm(request.POST, request.FILES)
    outcome = screen_submission(request, form, APPLICATION_FORM_NAME, email_field="contact_email")
    if outcome == Screening.BOT:
        return redirect(page.get_url(request) + "?received=1")  # pretend all went well, store nothing
    if outcome == Screening.OK:
        submission = pipeline.Submission(
            data=form.cleaned_data,
            licence=form.cleaned_data["licence_file"],
            language=get_language(),
            privacy_policy_version=privacy_policy(page.locale_id, request).version,
            token=form.cleaned_data["submission_token"],
        )
        application, _created = pipeline.submit(submission)
        return redirect(status_url(application, get_language()) + "?submitted=1")
    response = page.serve(request, *args, form=form, **kwargs)
    response.status_code = SCREENING_STATUS[outcome]
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
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
