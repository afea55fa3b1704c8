"""Views outside the page tree: the language redirect at `/` and the touch icon (error pages: error_pages.py)."""

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from home.language import preferred_language

TOUCH_ICON = "img/apple-touch-icon.png"
TOUCH_ICON_MAX_AGE = 7 * 24 * 60 * 60


@never_cache
@vary_on_headers("Accept-Language", "Cookie")
def root_redirect(request):
    """`/` → `/zh-hans/` or `/en/`, by the language cookie, else Accept-Language, else Chinese."""
    return HttpResponseRedirect(f"/{preferred_language(request)}/")


@cache
def _touch_icon() -> bytes | None:
    path = finders.find(TOUCH_ICON)
    return Path(path).read_bytes() if path else None


@require_GET
def apple_touch_icon(request):
    """
    The home-screen icon at the address iPhones and many browsers ask for without reading the page's
    `<link rel="apple-touch-icon">` (a PNG, opaque: iOS paints transparency black).
    """
    icon = _touch_icon()
    if icon is None:
        raise Http404
    response = HttpResponse(icon, content_type="image/png")
    patch_cache_control(response, public=True, max_age=TOUCH_ICON_MAX_AGE)
    return response
