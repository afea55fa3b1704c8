"""
E-mails when an account met the per-account sign-in cap (home/security/account_protection.py): to the account's
owner and to the administrators (superusers and whoever may lift sign-in locks), each in their admin language,
sent by the background worker and retried like every other e-mail (home/operations/background.py).

Only real accounts are written about: failed sign-ins for a user name nobody has lock that name all the same, but
e-mail nobody (else anyone could send the administrators one e-mail per invented name).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.users.models import UserProfile

from django_tasks import task

from home.absolute_urls import absolute_url
from home.operations.background import BACKEND, EMAIL_QUEUE, retry_later
from home.security.models import AccountLockout
from home.security.second_factor import has_active_second_factor

logger = logging.getLogger(__name__)

# Whoever may lift a lock (Settings → Sign-in lockouts) is told too.
LIFT_PERMISSION = ("axes", "delete_accessattempt")


def administrators():
    """Active superusers and holders of the lift permission (directly or through a group), with an address."""
    lift = Permission.objects.filter(content_type__app_label=LIFT_PERMISSION[0], codename=LIFT_PERMISSION[1])
    can_lift = Q(is_superuser=True) | Q(user_permissions__in=lift) | Q(groups__permissions__in=lift)
    return get_user_model().objects.filter(can_lift, is_active=True).exclude(email="").distinct()


def admin_language(user) -> str:
    """The language the person chose for the admin (their account settings), else the site's (Chinese)."""
    return UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE


def _message(recipient, template: str, context: dict) -> EmailMessage:
    with translation.override(admin_language(recipient)):
        context = {**context, "recipient": recipient}
        subject = " ".join(render_to_string(f"home/emails/{template}_subject.txt", context).split())
        body = render_to_string(f"home/emails/{template}.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])


def send_alerts(lockout_id: int) -> bool:
    """E-mail the owner and the administrators about one account lock; False when the sending failed."""
    lockout = AccountLockout.objects.filter(pk=lockout_id).first()
    owner = lockout.owner() if lockout else None
    if owner is None:
        return True  # lifted meanwhile, or no such account: nobody to tell
    context = {
        "lockout": lockout,
        "owner": owner,
        "protected": has_active_second_factor(owner),
        "admin_url": absolute_url(reverse("wagtailadmin_home")),
        "lockouts_url": absolute_url(reverse("sign_in_lockouts:index")),
    }
    messages = [_message(owner, "sign_in_alert_owner", context)] if owner.email else []
    messages += [_message(admin, "sign_in_alert_admin", context) for admin in administrators().exclude(pk=owner.pk)]
    try:
        get_connection().send_messages(messages)
    except Exception:
        logger.exception("Sign-in alert e-mails for account lock %s failed", lockout.pk)
        return False
    return True


@task(backend=BACKEND, queue_name=EMAIL_QUEUE)
def sign_in_alert(lockout_id: int, attempt: int = 1) -> bool:
    if send_alerts(lockout_id):
        return True
    retry_later(sign_in_alert, attempt, lockout_id)
    return False


def send_later(lockout_id: int) -> None:
    sign_in_alert.enqueue(lockout_id)
