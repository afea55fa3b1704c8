"""
The site's error pages: 400, 413, 500 and 503 that need neither the database nor the request body (either
may be why we are here), and the CSRF failure page, each in the language of the URL prefix.
"""

import sys

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

from home.language import DEFAULT_LANGUAGE


class RequestTooLarge(BadRequest):
    """A request body over the limit (home.security.request_limits): `bad_request` answers it with a 413."""


def server_error(request):
    """
    A styled 500 page in the language of the URL prefix.

    It renders without the database (no site settings, no page tree, no context processors that
    query), since the database may be why we are here.
    """
    supported = {code for code, _label in settings.LANGUAGES}
    prefix = request.path.strip("/").split("/", 1)[0]
    language = prefix if prefix in supported else DEFAULT_LANGUAGE
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(language)
    with translation.override(language):
        body = loader.get_template("500.html").render({"LANGUAGE_CODE": language, "home_url": f"/{language}/"})
    return HttpResponseServerError(body)


def database_unavailable(error: BaseException | None) -> bool:
    """The database could not be reached (down, restarting, refusing connections) — not a bug of ours."""
    return isinstance(error, OperationalError | InterfaceError) or (
        isinstance(error, DatabaseError) and "connection" in str(error).lower()
    )


RETRY_AFTER_SECONDS = 60


def service_unavailable(language: str) -> HttpResponse:
    """503 in both languages (the visitor's first), without the database: try again shortly."""
    with translation.override(language):
        body = loader.get_template("503.html").render({"LANGUAGE_CODE": language, "home_url": f"/{language}/"})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _plain_error(request, status: int, title: str, message: str) -> HttpResponse:
    """An error page that needs neither the database nor the request body (which may be why we are here)."""
    supported = {code for code, _label in settings.LANGUAGES}
    prefix = request.path.strip("/").split("/", 1)[0]
    language = prefix if prefix in supported else DEFAULT_LANGUAGE
    with translation.override(language):
        body = loader.get_template("simple_error.html").render(
            {"LANGUAGE_CODE": language, "home_url": f"/{language}/", "title": title(), "message": message()}
        )
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    """
    handler400. Unlike Django's default it is not `requires_csrf_token`-decorated and never reads
    request.POST: a body that cannot be decoded (`charset=utf-16`) raised the BadRequest that brought us
    here, and reading it again would turn the 400 into a 500.
    """
    if isinstance(exception, RequestTooLarge):
        return request_too_large(request)
    return _plain_error(
        request,
        400,
        lambda: _("Bad request"),
        lambda: _("Your browser sent a request the site could not understand. Please go back and try again."),
    )


def request_too_large(request):
    """413 for a request body over the limit (see home.security.request_limits)."""
    response = _plain_error(
        request,
        413,
        lambda: _("The upload is too large"),
        lambda: _("Files may be at most 10 MB. Please choose a smaller file and submit the form again."),
    )
    # The rest of the body is never read: the connection must not be reused for another request.
    response["Connection"] = "close"
    return response


def csrf_failure(request, reason=""):
    """A stale or missing CSRF token: explain it in the visitor's language, keep nothing."""
    return render(request, "403_csrf.html", status=403)
