"""
The registration views: a registration posted to its event page, and the registrant's pages outside it
(confirmation, cancelling, the .ics download).

A POST to an event page comes here before Wagtail serves the page (news/wagtail_hooks.py), so the page model
knows nothing of the registration service: the service (news/registration_service.py) sits above the models.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale, Page

from home.caching.visibility import public
from home.privacy import privacy_policy
from home.security.spam import SCREENING_STATUS, Screening, client_ip, screen_submission, within_limit

from .choices import RegistrationState
from .forms import RegistrationForm
from .ics import event_calendar
from .models import EventPage, Registration
from .registration_links import registration_from_token, registration_url
from .registration_service import AlreadyRegistered, Applicant, RegistrationRefused, cancel, confirm, register, remind

REGISTRATION_FORM_NAME = "event-registration"


def within_registration_cap(request, event: EventPage) -> bool:
    """Registrations per client IP and (source) event a day: REGISTRATION_LIMIT_PER_IP_AND_EVENT."""
    limit, window = settings.REGISTRATION_LIMIT_PER_IP_AND_EVENT
    return within_limit(f"{REGISTRATION_FORM_NAME}:ip-event", f"{event.pk}:{client_ip(request)}", limit, window)


def refusal_message(state: str) -> str:
    return {
        RegistrationState.NOT_OPEN: gettext("Registration for this event has not opened yet."),
        RegistrationState.PAST: gettext("This event has ended; registration is closed."),
        RegistrationState.FULL: gettext("Sorry, this event is fully booked."),
    }.get(state, gettext("Registration for this event is closed."))


def submit_registration(page: EventPage, request, args, kwargs):
    """A registration posted to an event page: screened, stored (on the Chinese source event), then confirmed."""
    source = page.source_event()
    form = RegistrationForm(request.POST, event=source)
    outcome = screen_submission(request, form, REGISTRATION_FORM_NAME, email_field="email")
    if outcome == Screening.BOT:
        return _received(page, request)  # pretend all went well, store nothing
    if outcome == Screening.OK and not within_registration_cap(request, source):
        form.add_error(
            None,
            gettext(
                "Too many registrations for this event from your network today. "
                "Please contact the secretariat to register more people."
            ),
        )
        outcome = Screening.LIMITED
    status = SCREENING_STATUS.get(outcome, 200)
    if outcome == Screening.OK:
        applicant = Applicant(
            name=form.cleaned_data["name"],
            organisation=form.cleaned_data["organisation"],
            job_title=form.cleaned_data.get("job_title", ""),
            phone=form.cleaned_data["phone"],
            email=form.cleaned_data["email"],
            remarks=form.cleaned_data.get("remarks", ""),
            attendance_mode=form.chosen_mode(),
            attendees=form.chosen_attendees(),
            language=get_language(),
            privacy_policy_version=privacy_policy(page.locale_id, request).version,
        )
        try:
            register(source, applicant, form.cleaned_data["submission_token"])
        except RegistrationRefused as refused:
            form.add_error(None, refusal_message(refused.state))
        except AlreadyRegistered as already:
            # The same page as for a new registration: only the address's owner learns, by e-mail.
            if already.registration is not None:
                remind(already.registration)
        if not form.errors:
            return _received(page, request)
    response = page.serve(request, *args, form=form, **kwargs)
    response.status_code = status
    return response


def _received(page: EventPage, request):
    response = redirect(page.received_url(request))
    add_never_cache_headers(response)
    return response


def _localized_event(registration: Registration) -> EventPage:
    event = registration.event
    locale = Locale.objects.filter(language_code=get_language()).first()
    translated = event.get_translation_or_none(locale) if locale else None
    return translated.specific if translated and translated.live else event


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_confirmation(request, token: str):
    """The registration's own page. In e-mail confirmation mode its POST confirms (GET never does: mail scanners)."""
    registration = registration_from_token(token)
    if request.method == "POST":
        if registration.awaits_email_confirmation:
            confirm(registration.pk)
        return redirect(request.path)
    event = _localized_event(registration)
    return render(
        request,
        "news/registration_confirmation.html",
        {
            "registration": registration,
            "event": event,
            "cancel_url": registration_url(registration, "registration_cancel", get_language()),
            "calendar_url": reverse("event_calendar", args=[event.pk]),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request, token: str):
    """GET asks for confirmation (mail scanners follow links); only the POST cancels."""
    registration = registration_from_token(token)
    cancelled_now = False
    if request.method == "POST" and registration.is_active:
        registration = cancel(registration.pk)
        cancelled_now = True
    return render(
        request,
        "news/registration_cancel.html",
        {"registration": registration, "event": _localized_event(registration), "cancelled_now": cancelled_now},
    )


def event_calendar_download(request, page_id: int):
    page = public(Page.objects.live()).filter(pk=page_id).first()
    if page is None or not isinstance(page.specific, EventPage):
        raise Http404
    event = page.specific
    calendar = event_calendar(event, event.get_url(request))
    if calendar is None:
        raise Http404
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
