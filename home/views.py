"""Views outside the page tree: the language redirect at `/` and the error pages."""

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers

from .language import DEFAULT_LANGUAGE, preferred_language


@never_cache
@vary_on_headers("Accept-Language", "Cookie")
def root_redirect(request):
    """`/` → `/zh-hans/` or `/en/`, by the language cookie, else Accept-Language, else Chinese."""
    return HttpResponseRedirect(f"/{preferred_language(request)}/")


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


def csrf_failure(request, reason=""):
    """A stale or missing CSRF token: explain it in the visitor's language, keep nothing."""
    return render(request, "403_csrf.html", status=403)
