"""Views outside the page tree: the language redirect at `/` (the error pages are in error_pages.py)."""

from django.http import HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers

from home.language import preferred_language


@never_cache
@vary_on_headers("Accept-Language", "Cookie")
def root_redirect(request):
    """`/` → `/zh-hans/` or `/en/`, by the language cookie, else Accept-Language, else Chinese."""
    return HttpResponseRedirect(f"/{preferred_language(request)}/")
