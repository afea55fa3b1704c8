"""Membership e-mails: to the applicant in their language, to the secretariat in Chinese."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.models import Site

from home.absolute_urls import absolute_url
from home.models import SiteSettings

from .models.applications import MembershipApplication
from .status_links import status_url

logger = logging.getLogger(__name__)


def status_link(application: MembershipApplication) -> str:
    return absolute_url(status_url(application))


def _send(application: MembershipApplication, template: str, recipients: list[str], language: str) -> bool:
    with translation.override(language):
        context = {"application": application, "status_url": status_link(application)}
        subject = " ".join(render_to_string(f"membership/emails/{template}_subject.txt", context).split())
        body = render_to_string(f"membership/emails/{template}.txt", context)
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()
    except Exception as error:
        logger.exception("Membership e-mail %s for %s failed", template, application.reference)
        MembershipApplication.objects.filter(pk=application.pk).update(email_error=f"{template}: {error}"[:1000])
        return False
    return True


def send_application_email(application_id: int, kind: str) -> bool:
    """kind: received, info_requested, approved, rejected."""
    application = MembershipApplication.objects.select_related("requested_grade").get(pk=application_id)
    return _send(application, f"application_{kind}", [application.contact_email], application.language)


def notify_secretariat(application_id: int, replied: bool = False) -> bool:
    site = Site.objects.filter(is_default_site=True).first()
    address = SiteSettings.for_site(site).secretariat_email if site else ""
    if not address:
        return False
    application = MembershipApplication.objects.select_related("industry", "requested_grade").get(pk=application_id)
    template = "secretariat_replied" if replied else "secretariat_new"
    return _send(application, template, [address], settings.LANGUAGE_CODE)
