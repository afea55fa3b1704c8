"""The application form on the Join page and the applicant's status page."""

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail.models import Page

from home.privacy import privacy_policy
from home.spam import SCREENING_STATUS, Screening, screen_submission

from . import pipeline
from .forms import ApplicantReplyForm, MembershipApplicationForm
from .models import MembershipApplication

_LINK_SALT = "membership.application.status"
FORM_NAME = "membership-application"


def _link_signer() -> signing.Signer:
    # No timestamp: an application's status address never changes, whatever e-mail it came from.
    return signing.Signer(salt=_LINK_SALT)


def status_url(application: MembershipApplication, language: str | None = None) -> str:
    token = _link_signer().sign_object(application.pk)
    with translation.override(language or application.language):
        return reverse("membership_application_status", args=[token])


def serve_membership_page(page, request, *args, **kwargs):
    if request.method != "POST":
        return Page.serve(page, request, *args, **kwargs)
    form = MembershipApplicationForm(request.POST, request.FILES)
    outcome = screen_submission(request, form, FORM_NAME, email_field="contact_email")
    if outcome == Screening.BOT:
        return redirect(page.get_url(request) + "?received=1")  # pretend all went well, store nothing
    if outcome == Screening.OK:
        submission = pipeline.Submission(
            data=form.cleaned_data,
            licence=form.cleaned_data["licence_file"],
            language=get_language(),
            privacy_policy_version=privacy_policy(page.locale, request).version,
            token=form.cleaned_data["submission_token"],
        )
        application, _created = pipeline.submit(submission)
        return redirect(status_url(application, get_language()) + "?submitted=1")
    status = SCREENING_STATUS[outcome]
    response = Page.serve(page, request, *args, form=form, **kwargs)
    response.status_code = status
    return response


def membership_page_context(page, request, form=None) -> dict:
    return {
        "application_form": form or MembershipApplicationForm(),
        "privacy_policy": privacy_policy(page.locale, request),
        "received": request.GET.get("received") == "1",
    }


@never_cache
@require_http_methods(["GET", "POST"])
def application_status(request, token: str):
    try:
        pk = _link_signer().unsign_object(token)
    except signing.BadSignature:
        raise Http404 from None
    application = MembershipApplication.objects.filter(pk=pk).select_related("requested_grade").first()
    if application is None:
        raise Http404
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
