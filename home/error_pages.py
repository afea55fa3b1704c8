"""
The site's error pages: 400, 413 and 500 that need neither the database nor the request body (either
may be why we are here), and the CSRF failure page, each in the language of the URL prefix.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

from .language import DEFAULT_LANGUAGE
from .request_limits import RequestTooLarge


def server_error(request):
    """
    A styled 500 page in the language of the URL prefix.

    It renders without the database (no site settings, no page tree, no context processors that
    query), since the database may be why we are here.
    """
    supported = {code for code, _label in settings.LANGUAGES}
    prefix = request.path.strip("/").split("/", 1)[0]
    language = prefix if prefix in supported else DEFAULT_LANGUAGE
    with translation.override(language):
        body = loader.get_template("500.html").render({"LANGUAGE_CODE": language, "home_url": f"/{language}/"})
    return HttpResponseServerError(body)


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
    """413 for a request body over the limit (see home.request_limits)."""
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
