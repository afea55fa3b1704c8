"""Registration on event pages, the confirmation page, cancelling, and the .ics download."""

from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale, Page

from home.privacy import privacy_policy
from home.spam import SCREENING_STATUS, Screening, screen_submission

from .forms import RegistrationForm
from .ics import event_calendar
from .models import EventPage, Registration, RegistrationState
from .registration import AlreadyRegistered, Applicant, RegistrationRefused, cancel, register, seats_left

_LINK_SALT = "news.registration.link"
FORM_NAME = "event-registration"


def _link_signer() -> signing.Signer:
    # No timestamp: one registration always has the same confirmation and cancel addresses.
    return signing.Signer(salt=_LINK_SALT)


def registration_url(registration: Registration, view_name: str, language: str | None = None) -> str:
    token = _link_signer().sign_object(registration.pk)
    with translation.override(language or registration.language):
        return reverse(view_name, args=[token])


def _registration_from_token(token: str) -> Registration:
    try:
        pk = _link_signer().unsign_object(token)
    except signing.BadSignature:
        raise Http404 from None
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def refusal_message(state: str) -> str:
    return {
        RegistrationState.NOT_OPEN: _("Registration for this event has not opened yet."),
        RegistrationState.PAST: _("This event has ended; registration is closed."),
        RegistrationState.FULL: _("Sorry, this event is fully booked."),
    }.get(state, _("Registration for this event is closed."))


def registration_context(page: EventPage, request, form=None) -> dict:
    """Seats, state and the form for an event page; always computed fresh, never cached."""
    source = page.source_event()
    left = seats_left(source)
    state = source.registration_state(left)
    accepting = state in (RegistrationState.OPEN, RegistrationState.WAITLIST)
    if form is None and accepting:
        form = RegistrationForm(event=source)
    seats = [
        {"mode": mode, "left": left[mode], "capacity": source.capacity_for(mode)}
        for mode in source.attendance_modes()
        if source.registration_enabled
    ]
    return {
        "source_event": source,
        "registration_state": state,
        "registration_state_label": RegistrationState(state).label,
        "registration_form": form if accepting else None,
        # Why a just-posted form was refused, shown even when the form itself is no longer offered.
        "registration_errors": form.non_field_errors() if form is not None and form.is_bound else [],
        "seats": seats,
        "privacy_policy": privacy_policy(page.locale, request),
        "received": request.GET.get("received") == "1",
    }


def serve_event_page(page: EventPage, request, *args, **kwargs):
    if request.method != "POST":
        return Page.serve(page, request, *args, **kwargs)

    source = page.source_event()
    form = RegistrationForm(request.POST, event=source)
    outcome = screen_submission(request, form, FORM_NAME, email_field="email")
    if outcome == Screening.BOT:
        return redirect(page.get_url(request) + "?received=1")  # pretend all went well, store nothing
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
            privacy_policy_version=privacy_policy(page.locale, request).version,
        )
        try:
            registration, _created = register(source, applicant, form.cleaned_data["submission_token"])
        except RegistrationRefused as refused:
            form.add_error(None, refusal_message(refused.state))
        except AlreadyRegistered:
            form.add_error(
                "email",
                _("This e-mail address is already registered for this event. Please check your confirmation e-mail."),
            )
        else:
            return redirect(registration_url(registration, "registration_confirmation", get_language()))
    response = Page.serve(page, request, *args, form=form, **kwargs)
    response.status_code = status
    return response


def _localized_event(registration: Registration) -> EventPage:
    event = registration.event
    locale = Locale.objects.filter(language_code=get_language()).first()
    translated = event.get_translation_or_none(locale) if locale else None
    return translated.specific if translated and translated.live else event


@never_cache
def registration_confirmation(request, token: str):
    registration = _registration_from_token(token)
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
@require_http_methods(["GET", "POST"])
def registration_cancel(request, token: str):
    """GET asks for confirmation (mail scanners follow links); only the POST cancels."""
    registration = _registration_from_token(token)
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
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None or not isinstance(page.specific, EventPage):
        raise Http404
    event = page.specific
    calendar = event_calendar(event, event.get_url(request))
    if calendar is None:
        raise Http404
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
