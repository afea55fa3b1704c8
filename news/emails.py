"""Registration e-mails, in the registrant's language, sent after commit and recorded."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wagtail.models import Locale

from home.absolute_urls import absolute_url
from news.models.registrations import Registration

from .ics import event_calendar
from .registration_links import registration_url

logger = logging.getLogger(__name__)

KINDS = {"confirm", "received", "reminder", "cancelled", "promoted"}
NO_CALENDAR = {"confirm", "cancelled"}  # not (or no longer) a place to put in one's calendar


def registration_links(registration: Registration) -> dict[str, str]:
    return {
        "confirmation_url": absolute_url(registration_url(registration, "registration_confirmation")),
        "cancel_url": absolute_url(registration_url(registration, "registration_cancel")),
    }


def send_registration_email(registration_id: int, kind: str) -> bool:
    """Send one e-mail; on failure record the error on the registration (the admin can resend)."""
    assert kind in KINDS
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    with translation.override(registration.language):
        event = registration.event.specific
        localized = event.get_translation_or_none(_locale(registration.language)) or event
        context = {
            "registration": registration,
            "event": localized,
            "event_url": absolute_url(localized.url or ""),
            "confirmation_hours": settings.REGISTRATION_CONFIRMATION_HOURS,
            **registration_links(registration),
        }
        subject = " ".join(render_to_string(f"news/emails/registration_{kind}_subject.txt", context).split())
        body = render_to_string(f"news/emails/registration_{kind}.txt", context)
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
        if kind not in NO_CALENDAR and registration.status == Registration.Status.CONFIRMED:
            calendar = event_calendar(localized, localized.url or "")
            if calendar:
                message.attach("event.ics", calendar, "text/calendar; charset=utf-8")
    try:
        message.send()
    except Exception as error:
        logger.exception("Registration e-mail %s for %s failed", kind, registration.reference)
        Registration.objects.filter(pk=registration.pk).update(email_error=f"{kind}: {error}"[:1000])
        return False
    Registration.objects.filter(pk=registration.pk).update(email_sent_at=timezone.now(), email_error="")
    return True


def _locale(language: str):
    return Locale.objects.filter(language_code=language).first()
