"""
Private pages (Wagtail's page privacy: a shared password, or signed-in staff, or some groups), in both languages.

- **Password**: Wagtail's form posts to `/<language>/_util/authenticate_with_password/<restriction>/<page>/`. Our
  catch-all page route (home/caching/routing.py) answered that path with 404 before Wagtail's own URLs were
  reached, so site_cms/urls.py routes it first, inside the language prefix: the form and its errors come in the
  page's language (templates/home/password_required.html, the site's own page, showing nothing of the private
  page: no title, description or share data). Wrong passwords are counted per address
  (PAGE_PASSWORD_LIMIT an hour, in the shared cache, which fails closed): a shared page password cannot be
  tried at full speed. A right one is remembered in the visitor's session, as Wagtail does.
- **Signed-in staff or groups**: Wagtail sends the visitor to its front-end login, `/<language>/_util/login/`; ours
  hands them to the admin's sign-in (one door: every check of home/security/account_protection.py, the second
  factor included) and back to the page. Someone signed in whose account may not see the page gets a page that
  says so, in the page's language, instead of a loop between the page and the sign-in.
- **Never cached**: Wagtail marks every answer about a private page `no-cache, no-store, private`, the HTML
  cache refuses any page under a view restriction besides (home/caching/html_cache.py), and a visitor who
  entered a password has a session, which bypasses the cache altogether.
"""

import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction
from wagtail.views import authenticate_with_password as wagtail_authenticate_with_password

from home.security import spam

logger = logging.getLogger(__name__)

WRONG_PAGE_PASSWORDS = "page-password:ip"


class RefusedPasswordForm(PasswordViewRestrictionForm):
    """The password form shown again without checking the password, saying why."""

    def __init__(self, *args, refusal: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusal = refusal

    def non_field_errors(self):
        return self.error_class([self.refusal])


def _form_again(request, restriction: PageViewRestriction, page_id: int, message: str, status: int) -> HttpResponse:
    """The password form of the page again, with `message` and no password checked."""
    page = get_object_or_404(Page, id=page_id).specific
    initial = {"return_url": request.POST.get("return_url", "")}
    form = RefusedPasswordForm(instance=restriction, initial=initial, refusal=message)
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
    response = page.serve_password_required_response(request, form, action_url)
    response.status_code = status
    add_never_cache_headers(response)
    return response


def authenticate_with_password(request, page_view_restriction_id: int, page_id: int):
    """Wagtail's password check of a private page, with wrong passwords limited per address."""
    if request.method != "POST":
        return wagtail_authenticate_with_password(request, page_view_restriction_id, page_id)
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    limit, window = settings.PAGE_PASSWORD_LIMIT
    address = spam.client_ip(request)
    try:
        if spam.limit_reached(WRONG_PAGE_PASSWORDS, address, limit, window):
            message = _("Too many wrong passwords from your network. Please wait an hour and try again.")
            return _form_again(request, restriction, page_id, message, 429)
    except Exception:
        logger.exception("Page password throttle cache unavailable: refusing the attempt")
        message = _("The password cannot be checked at the moment. Please try again in a few minutes.")
        return _form_again(request, restriction, page_id, message, 503)
    response = wagtail_authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code == 200:  # the form again: the password was wrong
        try:
            spam.hit(WRONG_PAGE_PASSWORDS, address, limit, window)
        except Exception:
            logger.exception("Page password throttle cache unavailable")
    add_never_cache_headers(response)
    return response


def login(request):
    """
    Wagtail's front-end login for pages restricted to signed-in staff or groups: the admin's sign-in, or, for an
    account that may not see the page, a page that says so (403).
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.GET.get("next", ""), reverse("wagtailadmin_login"))
    response = render(request, "home/no_access.html", status=403)
    add_never_cache_headers(response)
    return response
