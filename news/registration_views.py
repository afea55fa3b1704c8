"""The registrant's pages outside the event page: confirmation, cancelling, and the .ics download."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale, Page

from home.visibility import public

from .ics import event_calendar
from .models import EventPage, Registration
from .registration import cancel, confirm
from .registration_links import registration_from_token, registration_url


def _localized_event(registration: Registration) -> EventPage:
    event = registration.event
    locale = Locale.objects.filter(language_code=get_language()).first()
    translated = event.get_translation_or_none(locale) if locale else None
    return translated.specific if translated and translated.live else event


@never_cache
@require_http_methods(["GET", "POST"])
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
@require_http_methods(["GET", "POST"])
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
