"""
Admin login protection, on top of django-axes (database handler, lockout per user name + IP). The full order of
the checks, the per-account cap and the second factor included, is in home/security/account_protection.py.

- django-axes locks a (user name, client IP) pair out after AXES_FAILURE_LIMIT failures, for
  AXES_COOLOFF_TIME. Nobody elsewhere can lock the secretariat's account or a whole office out: the
  lock is on the pair, so the same account still signs in from any other address.
- A slower per-IP throttle (ADMIN_LOGIN_IP_LIMIT failures per window, any user names) stops password
  spraying from one address; it refuses login attempts until the window ends, it never locks accounts.
- Password reset requests are throttled per IP and per e-mail address (ADMIN_PASSWORD_RESET_LIMIT):
  over the e-mail limit nothing is sent, but the answer looks the same (no account probing, no mail bombing).
- An account whose failed sign-ins from every address together met ADMIN_LOGIN_ACCOUNT_LIMIT is locked for all of
  them, unless it has a second factor (home/security/account_protection.py); its refusal page is served here.
- The client IP is home.security.spam.client_ip (TRUSTED_PROXY_COUNT), as for the public forms.
- The sign-in page speaks the language of the page that sent the visitor there (`?next=/en/…`, a staff-only page,
  home/security/private_pages.py); otherwise the language cookie or the browser's, as before.
- The throttles count in the shared cache and fail closed: when the cache errors the admin login and
  password reset answer 503 instead of running unthrottled. (The public forms fail open.)
"""

import logging

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseRedirect
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from home.security import account_protection, spam

logger = logging.getLogger(__name__)

LOGIN_SCOPE = "admin-login:ip"
RESET_IP_SCOPE = "admin-password-reset:ip"
RESET_EMAIL_SCOPE = "admin-password-reset:email"


def _bilingual(title, message) -> list[dict]:
    """The same words in every site language: whoever is refused can read why, whatever the browser says."""
    messages = []
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            messages.append({"language": code, "title": title(), "message": message()})
    return messages


def refusal_page(request, status: int, title, message) -> HttpResponse:
    back = " · ".join(item["title"] for item in _bilingual(lambda: _("Back to sign-in"), str))
    body = loader.get_template("admin_login_refused.html").render(
        {"messages": _bilingual(title, message), "login_url": reverse("wagtailadmin_login"), "back_label": back}
    )
    response = HttpResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _cooloff_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: this user name from this address waits for the cool-off."""
    minutes = _cooloff_minutes()
    return refusal_page(
        request,
        429,
        lambda: _("Too many failed sign-in attempts"),
        lambda: (
            _(
                "Signing in with this user name from your network is paused for %(minutes)d minutes after too many "
                "wrong passwords. Please wait and try again, or ask an administrator to lift the lock."
            )
            % {"minutes": minutes}
        ),
    )


def account_locked_response(request) -> HttpResponse:
    """This account is locked for every address (the per-account cap), whatever the password."""
    return refusal_page(
        request,
        429,
        lambda: _("This account is temporarily locked"),
        lambda: _(
            "Too many wrong passwords were tried for this account from several networks, so it is locked for a "
            "while; its owner and the administrators have been told by e-mail. Please try again later, or ask an "
            "administrator to lift the lock."
        ),
    )


def _throttled(request) -> HttpResponse:
    return refusal_page(
        request,
        429,
        lambda: _("Too many sign-in attempts from your network"),
        lambda: _("Please wait an hour and try again, or ask an administrator for help."),
    )


def _unavailable(request) -> HttpResponse:
    return refusal_page(
        request,
        503,
        lambda: _("Sign-in is temporarily unavailable"),
        lambda: _("Please try again in a few minutes."),
    )


def _login_limit_reached(request) -> bool:
    limit, window = settings.ADMIN_LOGIN_IP_LIMIT
    return spam.limit_reached(LOGIN_SCOPE, spam.client_ip(request), limit, window)


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request=None, **kwargs):
    """Every failed admin sign-in counts towards the per-IP throttle (axes counts the per-pair lockout)."""
    if request is None:
        return
    limit, window = settings.ADMIN_LOGIN_IP_LIMIT
    try:
        spam.hit(LOGIN_SCOPE, spam.client_ip(request), limit, window)
    except Exception:
        # The next attempt checks the cache first and is refused while it errors.
        logger.exception("Admin login throttle cache unavailable")


class AdminLoginThrottleMiddleware:
    """The per-IP login throttle and the password reset throttle, checked before the admin's views run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == reverse("wagtailadmin_login"):
            self._speak_the_language_of_next(request)
        if request.method == "POST" and request.path_info.startswith("/admin/"):
            refused = self._check(request)
            if refused is not None:
                return refused
        response = self.get_response(request)
        if getattr(request, account_protection.REFUSED_BY_LOCK, False):
            return account_locked_response(request)
        return response

    @staticmethod
    def _speak_the_language_of_next(request) -> None:
        next_url = request.GET.get("next") or (request.POST.get("next", "") if request.method == "POST" else "")
        language = get_language_from_path(str(next_url))
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language

    def _check(self, request):
        path = request.path_info
        try:
            if path == reverse("wagtailadmin_login"):
                return _throttled(request) if _login_limit_reached(request) else None
            if path == reverse("wagtailadmin_password_reset"):
                return self._check_password_reset(request)
        except Exception:
            logger.exception("Admin login throttle cache unavailable: refusing the attempt")
            return _unavailable(request)
        return None

    def _check_password_reset(self, request):
        limit, window = settings.ADMIN_PASSWORD_RESET_LIMIT
        if not spam.hit(RESET_IP_SCOPE, spam.client_ip(request), limit * 3, window):
            return _throttled(request)
        email = str(request.POST.get("email", "")).strip().casefold()
        if email and not spam.hit(RESET_EMAIL_SCOPE, email, limit, window):
            # Looks like every other request: the visitor learns nothing about the address.
            return HttpResponseRedirect(reverse("wagtailadmin_password_reset_done"))
        return None
