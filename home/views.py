"""Views outside the page tree: the language redirect at `/` and the error pages."""

from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError
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
    with translation.override(language):
        body = loader.get_template("500.html").render({"LANGUAGE_CODE": language, "home_url": f"/{language}/"})
    return HttpResponseServerError(body)


def csrf_failure(request, reason=""):
    """A stale or missing CSRF token: explain it in the visitor's language, keep nothing."""
    return render(request, "403_csrf.html", status=403)
